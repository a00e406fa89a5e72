"""Names of places on the map of an area view: countries, first-level regions and major cities,
written into the area's basemap picture (geo/basemap.py) at its zoom, one picture per language.

The names are taken by priority (countries, then cities of a million inhabitants, regions, other
cities; larger first), each kept where it overlaps no name kept before (``fit``). Names are in
the page's language where the source has one (countries from CLDR, regions from the boundary
file's ``name_fr``); GeoNames cities keep their main name. No Streamlit here.

Measured (benchmarks/RESULTS.md): the same names as a deck.gl TextLayer, which the browser
would show at every zoom, cost the Europe view's first map about 1.7 s in software WebGL; in the
picture they cost nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd
from babel import Locale
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

from geo.view import VIEW_PRESETS, detail_bounds

# The languages of the pictures with names (the app's languages, ui/i18n.py: a test checks it).
MAP_LANGUAGES: Final[tuple[str, ...]] = ("en", "fr")
PADDING_PX: Final[float] = 4.0
CITY_DOT_PX: Final[float] = 2.5  # a city's dot (radius); its name is written on its right

# Smallest city named in an area view (GeoNames population); a zoomed-in map shows them when
# they fit.
MIN_CITY_POPULATION: Final[int] = 150_000
MAX_CITIES: Final[int] = 400
# Priorities of deck.gl's collision filter (-1000 to 1000): the higher is kept.
COUNTRY_PRIORITY: Final[tuple[int, int]] = (800, 1000)
BIG_CITY_PRIORITY: Final[tuple[int, int]] = (500, 750)  # a million inhabitants or more
REGION_PRIORITY: Final[tuple[int, int]] = (300, 490)
CITY_PRIORITY: Final[tuple[int, int]] = (0, 290)
# Cities of countries outside the atlas's areas (Seoul on the Japan view): only the largest,
# and only where nothing else wants the room.
FOREIGN_CITY_PRIORITY: Final[tuple[int, int]] = (-500, -210)
BIG_CITY: Final[int] = 1_000_000
# A country smaller than this (its part in the area, km²) is named like a region: only where it
# fits once the map is zoomed in (Luxembourg, Jersey), never before a large city.
BIG_COUNTRY_KM2: Final[float] = 40_000.0
SMALL_COUNTRY_KM2: Final[float] = 10_000.0  # smaller still (Jersey, Luxembourg): after every city
SMALL_COUNTRY_PRIORITY: Final[tuple[int, int]] = (-200, -1)
# Sizes in CSS pixels, and colours (as geo/viewmap.py draws the slides' basemaps).
COUNTRY_PX: Final[float] = 15.0
REGION_PX: Final[float] = 13.0
CITY_PX: Final[float] = 13.0
# Presenter mode (a projector read from the back of a room): no name under the 24 px of the
# page's text (ui/present.py), so every size is scaled by this; fewer names fit.
PRESENTER_SCALE: Final[float] = 24.0 / min(REGION_PX, CITY_PX)
COUNTRY_RGB: Final[tuple[int, int, int]] = (74, 74, 74)
REGION_RGB: Final[tuple[int, int, int]] = (110, 110, 102)
CITY_RGB: Final[tuple[int, int, int]] = (26, 26, 26)
COLUMNS: Final[list[str]] = ["name", "lon", "lat", "size", "colour", "priority", "kind"]


@dataclass(frozen=True)
class Places:
    """What the names are taken from: countries (``iso_a2``), first-level regions of the atlas's
    areas (``name``, ``country_iso_a2`` and, where the boundary file has them, ``name_fr``) and
    GeoNames cities (``name``, ``country``, ``lat``, ``lon``, ``population``)."""

    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    cities: pd.DataFrame


def _spread(values: pd.Series, span: tuple[int, int]) -> pd.Series:
    """Values mapped onto a priority span, the largest value to its top (log scale)."""
    low, high = span
    if values.empty:
        return values.astype("int64")
    logs = pd.Series(np.log10(values.clip(lower=1).astype(float)), index=values.index)
    bottom, top = float(logs.min()), float(logs.max())
    share = (logs - bottom) / (top - bottom) if top > bottom else logs * 0 + 1
    spread: pd.Series = (low + share * (high - low)).round().astype("int64")
    return spread


def _areas(frame: gpd.GeoDataFrame, clip: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Shapes cut to the area, each with a label point inside it and its area in km²."""
    west, south, east, north = clip
    near = frame.cx[west:east, south:north]
    if near.empty:
        return near.assign(lon=[], lat=[], km2=[])
    cut = near.clip(clip)
    cut = cut.loc[~cut.geometry.is_empty]
    points = cut.geometry.representative_point()
    km2 = cut.to_crs("EPSG:6933").geometry.area / 1e6  # an equal-area projection
    return cut.assign(lon=points.x, lat=points.y, km2=km2)


def place_names(
    view: str, places: Places, *, country_label: Callable[[str], str], lang: str, scale: float = 1.0
) -> pd.DataFrame:
    """The names to write on an area view's map, with their place, size (times ``scale``: see
    PRESENTER_SCALE), colour and priority.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> countries = gpd.GeoDataFrame({"iso_a2": ["JP"]}, geometry=[box(130, 31, 141, 41)], crs=4326)
    >>> regions = gpd.GeoDataFrame({"name": ["Kyoto"]}, geometry=[box(135, 34.7, 136, 35.8)], crs=4326)
    >>> cities = pd.DataFrame({"name": ["Osaka", "Nara"], "lat": [34.69, 34.68],
    ...                        "lon": [135.5, 135.8], "population": [2_592_413, 367_353]})
    >>> names = place_names("japan", Places(countries, regions, cities), country_label=str.lower,
    ...                     lang="en")
    >>> names[["name", "kind"]].values.tolist()
    [['JP', 'country'], ['Osaka', 'city'], ['Kyoto', 'region'], ['Nara', 'city']]
    """
    bounds = detail_bounds(VIEW_PRESETS[view])
    west, south, east, north = bounds
    parts: list[pd.DataFrame] = []
    countries = _areas(places.countries, bounds)
    if not countries.empty:
        large = countries["km2"] >= BIG_COUNTRY_KM2
        small = countries["km2"] < SMALL_COUNTRY_KM2
        priority = pd.concat(
            [
                _spread(countries.loc[large, "km2"], COUNTRY_PRIORITY),
                _spread(countries.loc[~large & ~small, "km2"], REGION_PRIORITY),
                _spread(countries.loc[small, "km2"], SMALL_COUNTRY_PRIORITY),
            ]
        )
        parts.append(
            pd.DataFrame(
                {
                    "name": countries["iso_a2"].map(lambda code: country_label(str(code)).upper()),
                    "lon": countries["lon"],
                    "lat": countries["lat"],
                    "size": COUNTRY_PX,
                    "colour": [list(COUNTRY_RGB)] * len(countries),
                    "priority": priority.reindex(countries.index),
                    "kind": "country",
                }
            )
        )
    regions = _areas(places.regions, bounds)
    if not regions.empty:
        names = regions["name"].astype("string")
        if lang == "fr" and "name_fr" in regions:
            names = regions["name_fr"].astype("string").fillna(names)
        parts.append(
            pd.DataFrame(
                {
                    "name": names.fillna(""),
                    "lon": regions["lon"],
                    "lat": regions["lat"],
                    "size": REGION_PX,
                    "colour": [list(REGION_RGB)] * len(regions),
                    "priority": _spread(regions["km2"], REGION_PRIORITY),
                    "kind": "region",
                }
            )
        )
    cities = places.cities
    cities = cities.loc[
        cities["lon"].between(west, east)
        & cities["lat"].between(south, north)
        & (cities["population"] >= MIN_CITY_POPULATION)
    ].nlargest(MAX_CITIES, "population")
    if "country" in cities and "country_iso_a2" in places.regions:
        inside = cities["country"].isin(set(places.regions["country_iso_a2"].dropna()))
        cities = cities.loc[inside | (cities["population"] >= BIG_CITY)]
    else:
        inside = pd.Series(True, index=cities.index)
    if not cities.empty:
        inside = inside.reindex(cities.index)
        big = (cities["population"] >= BIG_CITY) & inside
        small = ~big & inside
        priority = pd.concat(
            [
                _spread(cities.loc[big, "population"], BIG_CITY_PRIORITY),
                _spread(cities.loc[small, "population"], CITY_PRIORITY),
                _spread(cities.loc[~inside, "population"], FOREIGN_CITY_PRIORITY),
            ]
        )
        parts.append(
            pd.DataFrame(
                {
                    "name": cities["name"].astype(str),
                    "lon": cities["lon"],
                    "lat": cities["lat"],
                    "size": CITY_PX,
                    "colour": [list(CITY_RGB)] * len(cities),
                    "priority": priority.reindex(cities.index),
                    "kind": "city",
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    names = pd.concat(parts, ignore_index=True)
    names = names.loc[names["name"].str.len() > 0]
    names = names.assign(lon=names["lon"].round(4), lat=names["lat"].round(4), size=names["size"] * scale)
    return names.sort_values("priority", ascending=False, kind="stable").reset_index(drop=True)[COLUMNS]


def country_label(code: str, lang: str) -> str:
    """A country's name in a language (CLDR names via babel, as the app names them).

    Examples
    --------
    >>> country_label("DE", "fr"), country_label("DE", "en"), country_label("XX", "fr")
    ('Allemagne', 'Germany', 'XX')
    """
    name = Locale.parse(lang).territories.get(code)
    return str(name) if name else code


@functools.lru_cache(maxsize=4096)
def text_width(name: str, kind: str) -> float:
    """Width of a name written at a size of 1 (pixels a pixel of font size), in the font and
    weight ``draw_name`` writes it in: countries bold, regions italic.

    Examples
    --------
    >>> text_width("TCHAD", "country") > text_width("Tchad", "city") > 0
    True
    """
    style = _font_style(kind)
    font = FontProperties(weight=style["weight"], style="italic" if style["style"] == "italic" else "normal")
    return float(TextPath((0.0, 0.0), name, size=100.0, prop=font).get_extents().width) / 100.0


def _font_style(kind: str) -> dict[str, str]:
    return {
        "weight": "bold" if kind == "country" else "normal",
        "style": "italic" if kind == "region" else "normal",
    }


def fit(names: pd.DataFrame, x: np.ndarray, y: np.ndarray, size: tuple[float, float]) -> list[int]:
    """The rows of ``names`` (in priority order) written on a picture of ``size`` pixels, their
    places at pixels ``x``, ``y``: each kept where its box (a city's on the right of its dot)
    lies inside the picture and overlaps no box kept before.

    Examples
    --------
    >>> names = pd.DataFrame({"name": ["FRANCE", "Paris", "Lyon"], "size": [15.0, 13.0, 13.0],
    ...                       "kind": ["country", "city", "city"]})
    >>> fit(names, np.array([100.0, 100.0, 100.0]), np.array([60.0, 90.0, 94.0]), (300, 200))
    [0, 1]
    """
    kept: list[tuple[float, float, float, float]] = []
    chosen = []
    for index in range(len(names)):
        row = names.iloc[index]
        width = text_width(str(row["name"]), str(row["kind"])) * float(row["size"])
        half = float(row["size"]) * 0.6
        left = x[index] + CITY_DOT_PX * 2 if row["kind"] == "city" else x[index] - width / 2
        box = (
            left - PADDING_PX,
            y[index] - half - PADDING_PX,
            left + width + PADDING_PX,
            y[index] + half + PADDING_PX,
        )
        if box[0] < 0 or box[1] < 0 or box[2] > size[0] or box[3] > size[1]:
            continue
        if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]) for b in kept):
            continue
        kept.append(box)
        chosen.append(index)
    return chosen


def draw_name(
    axes: Any,
    row: pd.Series,
    x: float,
    y: float,
    colour: Any,
    *,
    points: float,
    dot_scale: float = 1.0,
    zorder: float | None = None,
    clip: bool | None = None,
) -> None:
    """One name of ``place_names`` on a matplotlib axes at (x, y), ``points`` points a pixel:
    countries in bold, regions in italics, cities on the right of a dot."""
    city = row["kind"] == "city"
    style = _font_style(str(row["kind"]))
    dot = 2 * CITY_DOT_PX * dot_scale * points
    layer = {} if zorder is None else {"zorder": zorder}
    if city:
        axes.plot([x], [y], "o", color=colour, markersize=dot, **layer)
    axes.annotate(
        str(row["name"]),
        (x, y),
        xytext=(dot if city else 0, 0),
        textcoords="offset points",
        fontsize=float(row["size"]) * points,
        color=colour,
        fontweight=style["weight"],
        fontstyle=style["style"],
        ha="left" if city else "center",
        va="center",
        **layer,
        **({} if clip is None else {"annotation_clip": clip}),
    )
