"""The basemap picture: derived from the boundary files, georeferenced, three colours, light."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from geo.basemap import BASEMAP_PX, palette_colours, pixel_of, render_basemap
from geo.boundaries import BASEMAP_FILE, STATIC_DIR, countries
from geo.layers import BASEMAP_FILL, BASEMAP_LINE, OCEAN_FILL

SHIPPED = STATIC_DIR / BASEMAP_FILE


@pytest.fixture(scope="module")
def picture() -> Image.Image:
    return Image.open(SHIPPED).convert("RGB")


def test_static_basemap_is_up_to_date() -> None:
    """static/ holds what geo.basemap derives; rebuild with `python -m geo.basemap`."""
    assert SHIPPED.read_bytes() == render_basemap(countries())


def test_basemap_is_a_light_square_of_the_map_colours(picture: Image.Image) -> None:
    assert picture.size == (BASEMAP_PX, BASEMAP_PX)
    assert SHIPPED.stat().st_size < 400_000
    counts = {colour: n for n, colour in picture.getcolors(maxcolors=64) or []}
    assert set(counts) <= set(palette_colours())
    three = counts[tuple(OCEAN_FILL)] + counts[tuple(BASEMAP_FILL)] + counts.get(tuple(BASEMAP_LINE), 0)
    assert three > 0.95 * BASEMAP_PX**2  # blends only along edges


@pytest.mark.parametrize(
    ("place", "lon", "lat", "land"),
    [
        ("Paris", 2.35, 48.86, True),
        ("Tokyo", 139.69, 35.69, True),
        ("Denver", -104.99, 39.74, True),
        ("Tunis inland (Kairouan)", 10.1, 35.68, True),
        ("Reykjavík inland", -19.0, 64.8, True),
        ("mid-Atlantic", -40.0, 30.0, False),
        ("Bay of Biscay", -5.0, 45.5, False),
        ("Sea of Japan", 135.0, 40.0, False),
        ("Gulf of Mexico", -90.0, 25.0, False),
    ],
)
def test_basemap_is_in_web_mercator(
    picture: Image.Image, place: str, lon: float, lat: float, land: bool
) -> None:
    """Places fall on land or sea where the browser's Web Mercator projection puts them."""
    expected = tuple(BASEMAP_FILL) if land else tuple(OCEAN_FILL)
    assert picture.getpixel(pixel_of(lon, lat)) == expected, place


def test_small_render_keeps_the_projection() -> None:
    small = Image.open(io.BytesIO(render_basemap(countries(), size=512))).convert("RGB")
    assert small.getpixel(pixel_of(-40.0, 30.0, 512)) == tuple(OCEAN_FILL)
    assert small.getpixel(pixel_of(20.0, 10.0, 512)) == tuple(BASEMAP_FILL)  # Chad
