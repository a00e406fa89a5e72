"""fit_view: the view that shows some bounds whole in a map of a given size."""

from __future__ import annotations

import pytest

from geo.view import MAX_FIT_ZOOM, TILE_PX, fit_view, mercator_y


@pytest.mark.parametrize(
    "bounds",
    [(-125.0, 20.0, 145.0, 60.0), (-10.0, 30.0, 12.0, 56.0), (130.0, 33.0, 141.0, 43.0)],
)
def test_fitted_bounds_are_inside_the_map(bounds: tuple[float, float, float, float]) -> None:
    size = (1000, 500)
    view = fit_view(bounds, size, padding_px=50)
    world = TILE_PX * 2**view.zoom
    west, south, east, north = bounds
    width = (east - west) / 360 * world
    height = (mercator_y(south) - mercator_y(north)) * world
    assert width <= 900 + 1e-6 and height <= 400 + 1e-6
    assert max(width / 900, height / 400) == pytest.approx(1.0)  # as close as it fits
    assert west < view.longitude < east and south < view.latitude < north


def test_one_place_is_not_zoomed_in_without_end() -> None:
    assert fit_view((2.0, 48.0, 2.0, 48.0), (1000, 500)).zoom == MAX_FIT_ZOOM
