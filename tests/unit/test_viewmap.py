"""A slide's basemap: one picture pixel per screen pixel at the view's zoom, names in the page's
language where the boundary files have them, never over a case."""

from __future__ import annotations

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PIL import Image
from shapely.geometry import box

from geo import viewmap
from geo.render import metres
from geo.view import TILE_PX, ViewPreset

VIEW = ViewPreset(latitude=34.0, longitude=-6.8, zoom=5.5)  # Rabat, as on a case slide


@pytest.fixture(scope="module")
def data() -> viewmap.Boundaries:
    from geo.boundaries import countries

    return viewmap.Boundaries(countries(), viewmap.read_regions(), viewmap.read_cities())


def test_one_picture_pixel_per_screen_pixel(data: viewmap.Boundaries) -> None:
    png, (west, south, east, north) = viewmap.view_picture(
        data, VIEW, (800, 500), country_label=str, lang="en"
    )
    picture = Image.open(io.BytesIO(png))
    screen_width = (east - west) / 360 * TILE_PX * 2**VIEW.zoom  # screen pixels the bounds span
    (x0, y0), (x1, y1) = metres(west, south), metres(east, north)
    assert picture.size == (800, 500)
    assert picture.size[0] / screen_width == pytest.approx(1.0)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(800 / 500, rel=1e-3)  # Web Mercator, unstretched


def test_region_names_follow_the_language() -> None:
    regions = gpd.GeoDataFrame(
        {"name": ["Souss-Massa", "Ohio"], "name_fr": ["Souss-Massa-Drâa", None]},
        geometry=[box(0, 0, 1, 1), box(2, 2, 3, 3)],
        crs="EPSG:4326",
    )
    assert viewmap._region_names(regions, "fr").tolist() == ["Souss-Massa-Drâa", "Ohio"]
    assert viewmap._region_names(regions, "en").tolist() == ["Souss-Massa", "Ohio"]


def test_no_name_is_written_over_a_case(data: viewmap.Boundaries) -> None:
    rabat = (-6.8326, 34.0133)
    size = (800, 500)
    plain, bounds = viewmap.view_picture(data, VIEW, size, country_label=str, lang="en")
    kept, _ = viewmap.view_picture(data, VIEW, size, country_label=str, lang="en", avoid=(rabat,))

    def dark_around(png: bytes) -> int:
        pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
        west, south, east, north = bounds
        (x0, y0), (x1, y1), (x, y) = metres(west, south), metres(east, north), metres(*rabat)
        col, row = int((x - x0) / (x1 - x0) * size[0]), int((y1 - y) / (y1 - y0) * size[1])
        return int((pixels[row - 15 : row + 15, col - 15 : col + 15] < 120).sum())

    assert dark_around(plain) > 0  # Rabat's dot and name are drawn there...
    assert dark_around(kept) == 0  # ...unless a case is


def test_cities_are_read_largest_first() -> None:
    cities = viewmap.read_cities(1_000_000)
    assert cities["population"].is_monotonic_decreasing and (cities["population"] >= 1_000_000).all()
    assert isinstance(cities, pd.DataFrame) and {"name", "lat", "lon"} <= set(cities.columns)
