"""The basemap picture: derived from the boundary files, georeferenced, three colours, light."""

from __future__ import annotations

import functools
import io

import pytest
from PIL import Image

from geo.basemap import (
    BASEMAP_PX,
    detail_pixel_of,
    detail_size,
    palette_colours,
    pictures,
    pixel_of,
    render_basemap,
)
from geo.boundaries import BASEMAP_FILE, STATIC_DIR, countries, detail_file
from geo.layers import BASEMAP_FILL, BASEMAP_LINE, OCEAN_FILL, REGION_LINE
from geo.view import DETAIL_VIEWS

SHIPPED = STATIC_DIR / BASEMAP_FILE


@pytest.fixture(scope="module")
def picture() -> Image.Image:
    return Image.open(SHIPPED).convert("RGB")


@pytest.fixture(scope="module")
def details() -> dict[str, Image.Image]:
    return {view: Image.open(STATIC_DIR / detail_file(view)).convert("RGB") for view in DETAIL_VIEWS}


def test_static_pictures_are_up_to_date() -> None:
    """static/ holds what geo.basemap derives; rebuild with `python -m geo.basemap`."""
    frame = countries()
    for name, draw in pictures().items():
        assert (STATIC_DIR / name).read_bytes() == draw(frame), name


def test_every_area_view_has_a_light_detail_picture(details: dict[str, Image.Image]) -> None:
    for view, picture in details.items():
        assert picture.size == detail_size(view)
        assert picture.width * picture.height < 4_000_000  # a 4,096-pixel world is 16.8 million
        assert (STATIC_DIR / detail_file(view)).stat().st_size < 200_000
        assert {colour for _, colour in picture.getcolors(maxcolors=64) or []} <= set(palette_colours())


def test_basemap_is_a_light_square_of_the_map_colours(picture: Image.Image) -> None:
    assert picture.size == (BASEMAP_PX, BASEMAP_PX)
    assert SHIPPED.stat().st_size < 100_000
    counts = {colour: n for n, colour in picture.getcolors(maxcolors=64) or []}
    assert set(counts) <= set(palette_colours())
    three = counts[tuple(OCEAN_FILL)] + counts[tuple(BASEMAP_FILL)] + counts.get(tuple(BASEMAP_LINE), 0)
    assert three > 0.95 * BASEMAP_PX**2  # blends only along edges


def _land_shade(colour: object) -> bool:
    """The land's colour, a region border's or a blend of the two."""
    assert isinstance(colour, tuple)
    return all(min(a, b) <= c <= max(a, b) for a, b, c in zip(BASEMAP_FILL, REGION_LINE, colour, strict=True))


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
    picture: Image.Image, details: dict[str, Image.Image], place: str, lon: float, lat: float, land: bool
) -> None:
    """Places fall on land or sea where the browser's Web Mercator projection puts them, in the
    world picture and in every detail picture that covers them."""
    expected = tuple(BASEMAP_FILL) if land else tuple(OCEAN_FILL)
    opposite = tuple(OCEAN_FILL) if land else tuple(BASEMAP_FILL)
    # The world picture is coarse (a pixel is 39 km at the equator): a coast or border may take
    # the place's pixel, but never the other side's colour.
    assert picture.getpixel(pixel_of(lon, lat)) != opposite, place
    covered = 0
    for view, detail in details.items():
        pixel = detail_pixel_of(lon, lat, view)
        if pixel is not None:
            covered += 1
            colour = detail.getpixel(pixel)
            # Inland, a detail picture's pixel may be on a region border: land's shades only.
            assert colour == expected or (land and _land_shade(colour)), (place, view, colour)
    assert covered >= 1, place  # every place of this list is in some area view


def test_small_render_keeps_the_projection() -> None:
    small = Image.open(io.BytesIO(render_basemap(countries(), size=512))).convert("RGB")
    assert small.getpixel(pixel_of(-40.0, 30.0, 512)) == tuple(OCEAN_FILL)
    assert small.getpixel(pixel_of(20.0, 10.0, 512)) == tuple(BASEMAP_FILL)  # Chad


@pytest.mark.parametrize("view", DETAIL_VIEWS)
def test_area_pictures_name_places_in_each_language(view: str) -> None:
    """An area view's picture per language: the plain picture's colours plus the names' own,
    light, and written in the language (the French picture differs from the English one)."""
    from geo.placenames import CITY_RGB, COUNTRY_RGB, MAP_LANGUAGES

    named = {lang: Image.open(STATIC_DIR / detail_file(view, lang)).convert("RGB") for lang in MAP_LANGUAGES}
    for lang, picture in named.items():
        assert picture.size == detail_size(view)
        assert (STATIC_DIR / detail_file(view, lang)).stat().st_size < 200_000
        counts = {colour: n for n, colour in picture.getcolors(maxcolors=256) or []}
        assert set(counts) <= set(palette_colours()), lang
        assert counts.get(CITY_RGB, 0) > 100 and counts.get(COUNTRY_RGB, 0) > 100  # dots and letters
    assert named["en"].tobytes() != named["fr"].tobytes()


@pytest.mark.parametrize("view", DETAIL_VIEWS)
def test_presenter_pictures_write_no_name_under_the_pages_text(view: str) -> None:
    """Presenter mode's picture of an area: the same names, none under the 24 px of the page's
    text on a projector (ui/present.py); fewer of them fit."""
    from geo.basemap import _places
    from geo.placenames import MAP_LANGUAGES, PRESENTER_SCALE, country_label, place_names

    for lang in MAP_LANGUAGES:
        ordinary, large = (
            place_names(
                view,
                _places(),
                country_label=functools.partial(country_label, lang=lang),
                lang=lang,
                scale=scale,
            )
            for scale in (1.0, PRESENTER_SCALE)
        )
        assert list(large["name"]) == list(ordinary["name"])
        assert large["size"].min() >= 24.0 > ordinary["size"].min()
        picture = Image.open(STATIC_DIR / detail_file(view, lang, large=True)).convert("RGB")
        assert picture.size == detail_size(view)
        assert (STATIC_DIR / detail_file(view, lang, large=True)).stat().st_size < 200_000
        plain = Image.open(STATIC_DIR / detail_file(view, lang)).convert("RGB")
        assert picture.tobytes() != plain.tobytes()


def test_the_pictures_languages_are_the_apps() -> None:
    from geo.placenames import MAP_LANGUAGES
    from ui.i18n import LANGUAGES

    assert set(MAP_LANGUAGES) == set(LANGUAGES)
