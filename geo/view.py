"""Named map views (presets) for the four areas of the atlas."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class ViewPreset:
    """Where the map looks: centre and zoom of a deck.gl view state."""

    latitude: float
    longitude: float
    zoom: float


VIEW_PRESETS: Final[dict[str, ViewPreset]] = {
    "world": ViewPreset(latitude=35.0, longitude=10.0, zoom=0.75),
    "europe": ViewPreset(latitude=51.5, longitude=10.0, zoom=3.0),
    "united-states": ViewPreset(latitude=38.5, longitude=-97.0, zoom=2.7),
    "japan": ViewPreset(latitude=36.5, longitude=137.0, zoom=4.0),
    "maghreb": ViewPreset(latitude=32.0, longitude=3.0, zoom=3.6),
}
DEFAULT_VIEW: Final[str] = "world"

# Latitude where the Web Mercator square ends.
MERCATOR_LIMIT_DEG: Final[float] = 85.05112878
# deck.gl's world is 512 pixels wide at zoom 0.
TILE_PX: Final[int] = 512
# The screen area a view's detail picture covers around its centre, in screen pixels at the
# view's zoom: wider than the map on a 1920-pixel projector.
DETAIL_SCREEN_PX: Final[tuple[int, int]] = (1600, 1000)
# Views drawn over a picture of their own, sharper than the world picture.
DETAIL_VIEWS: Final[tuple[str, ...]] = tuple(name for name in VIEW_PRESETS if name != DEFAULT_VIEW)

Bounds = tuple[float, float, float, float]  # west, south, east, north, in degrees


def mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude: 0 at the north edge of the square, 1 at the south edge."""
    return (1.0 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2.0


def latitude_of(y: float) -> float:
    """Inverse of :func:`mercator_y`."""
    return math.degrees(2 * math.atan(math.exp(math.pi * (1.0 - 2.0 * y))) - math.pi / 2)


def detail_resolution(preset: ViewPreset) -> int:
    """Width in pixels of the whole Web Mercator world at which a view's picture is drawn: one
    picture pixel per screen pixel (or finer) at the view's zoom."""
    return int(TILE_PX * 2 ** math.ceil(preset.zoom))


def detail_bounds(preset: ViewPreset) -> Bounds:
    """The area a view's detail picture covers: DETAIL_SCREEN_PX around the view's centre.

    Examples
    --------
    >>> west, south, east, north = detail_bounds(VIEW_PRESETS["japan"])
    >>> round(west, 1), round(east, 1), south < 36.5 < north
    (101.8, 172.2, True)
    """
    world_px = TILE_PX * 2**preset.zoom
    half_width, half_height = (n / 2 / world_px for n in DETAIL_SCREEN_PX)
    centre = mercator_y(preset.latitude)
    north_y = max(mercator_y(MERCATOR_LIMIT_DEG), centre - half_height)
    south_y = min(mercator_y(-MERCATOR_LIMIT_DEG), centre + half_height)
    west = max(-180.0, preset.longitude - half_width * 360)
    east = min(180.0, preset.longitude + half_width * 360)
    return (west, latitude_of(south_y), east, latitude_of(north_y))


def detail_view_for(view: str | ViewPreset) -> str | None:
    """The area view whose detail picture to draw under a view: the area view itself, or for a
    view of its own (a presenter slide flown to a case) the sharpest picture that holds its
    centre; None when the world picture is all there is.

    Examples
    --------
    >>> detail_view_for("japan"), detail_view_for("world")
    ('japan', None)
    >>> detail_view_for(ViewPreset(latitude=59.3, longitude=18.1, zoom=5.5))  # Stockholm
    'europe'
    >>> detail_view_for(ViewPreset(latitude=43.2, longitude=-2.7, zoom=5.5))  # Basque Country
    'maghreb'

    (The Maghreb's picture, drawn finer than Europe's, reaches the north of Spain.)
    """
    if isinstance(view, str):
        return view if view in DETAIL_VIEWS else None
    holding = [
        name
        for name in DETAIL_VIEWS
        if (bounds := detail_bounds(VIEW_PRESETS[name]))[0] <= view.longitude < bounds[2]
        and bounds[1] < view.latitude <= bounds[3]
    ]
    return max(holding, key=lambda name: detail_resolution(VIEW_PRESETS[name]), default=None)


MAX_FIT_ZOOM: Final[float] = 6.0


def fit_view(bounds: Bounds, size_px: tuple[int, int], padding_px: int = 60) -> ViewPreset:
    """The view that shows ``bounds`` (west, south, east, north in degrees) whole in a map of
    ``size_px`` (width, height) screen pixels with ``padding_px`` around, zoomed in at most to
    MAX_FIT_ZOOM (a tour of one place still shows its surroundings).

    Examples
    --------
    >>> view = fit_view((-10.0, 35.0, 30.0, 60.0), (1000, 600))
    >>> round(view.longitude, 1), 35.0 < view.latitude < 60.0, round(view.zoom, 2)
    (10.0, True, 3.15)
    """
    west, south, east, north = bounds
    top, bottom = mercator_y(min(north, MERCATOR_LIMIT_DEG)), mercator_y(max(south, -MERCATOR_LIMIT_DEG))
    span_x = max((east - west) / 360.0, 1e-6)
    span_y = max(bottom - top, 1e-6)
    width, height = (max(n - 2 * padding_px, 1) for n in size_px)
    zoom = math.log2(min(width / (span_x * TILE_PX), height / (span_y * TILE_PX)))
    return ViewPreset(
        latitude=latitude_of((top + bottom) / 2),
        longitude=(west + east) / 2,
        zoom=min(max(zoom, 0.0), MAX_FIT_ZOOM),
    )
