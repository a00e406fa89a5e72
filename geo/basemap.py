"""The basemap under every browser map: a picture of the countries in Web Mercator.

Drawn once on the server with matplotlib (``python -m geo.basemap``) from the offline country
boundaries, and served as a static file. The browser then draws one textured rectangle instead
of tessellating some 250 country polygons in software WebGL on every map it shows, which cost
more than half of the first map's time and two thirds of a filter change's
(benchmarks/RESULTS.md).

The world picture is ``BASEMAP_PX`` pixels wide: at the world view's zoom the whole world is
about 860 screen pixels wide. Each area view adds a detail picture of its own area
(``geo.view.detail_bounds``) at one picture pixel per screen pixel of its zoom (Japan: the
detail of an 8,192-pixel world). A 4,096-pixel world picture for every view cost about 0.9 s of
the first map in software WebGL (benchmarks/RESULTS.md); these pictures hold 1 to 3.8 million
pixels per view instead of 16.8 million. Closer in than a view's zoom, borders soften while the
cases stay sharp vector points.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from PIL import Image

from geo import placenames
from geo.boundaries import BASEMAP_FILE, STATIC_DIR, all_admin1, countries, detail_file
from geo.layers import BASEMAP_FILL, BASEMAP_LINE, OCEAN_FILL, REGION_LINE, WORLD_BOUNDS
from geo.view import (
    DETAIL_VIEWS,
    VIEW_PRESETS,
    Bounds,
    detail_bounds,
    detail_resolution,
    mercator_y,
)
from geo.viewmap import read_cities, read_regions

BASEMAP_PX: Final[int] = 1024
WEB_MERCATOR: Final[str] = "EPSG:3857"
# Half the width of the Web Mercator world, in metres: the square the picture covers.
HALF_WORLD_M: Final[float] = 20_037_508.342789244
DPI: Final[int] = 100
BORDER_PX: Final[float] = 1.0
REGION_BORDER_PX: Final[float] = 0.8
EDGE_BLENDS: Final[int] = 2
TEXT_BLENDS: Final[int] = 5
CLIP_MARGIN_DEG: Final[float] = 1.0


def _unit(colour: list[int]) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def render_picture(
    frame: gpd.GeoDataFrame,
    bounds: Bounds,
    size: tuple[int, int],
    regions: gpd.GeoDataFrame | None = None,
    names: pd.DataFrame | None = None,
) -> bytes:
    """PNG of the polygons over the sea in Web Mercator: ``bounds`` (west, south, east, north in
    degrees) drawn at ``size`` (width, height) pixels; with ``regions``, their borders (first-
    level regions) in a light line under the country borders; with ``names``
    (``geo.placenames.place_names``), the names that fit (``geo.placenames.fit``).

    Anti-aliased, then stored as a small palette PNG of the map's colours (sea, land, borders,
    region borders) and a few blends of each pair for the smoothed edges (``palette_colours``).
    """
    west, south, east, north = bounds
    width, height = size
    # Clipped a little wider than drawn, so the cut edges (which get a border line) fall outside.
    margin = CLIP_MARGIN_DEG
    clip = (
        max(-180.0, west - margin),
        max(south - margin, -90.0),
        min(180.0, east + margin),
        min(north + margin, 90.0),
    )
    projected = frame[["geometry"]].clip(clip).to_crs(WEB_MERCATOR)
    figure = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    try:
        axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        axes.set_axis_off()
        axes.set_xlim(west / 180.0 * HALF_WORLD_M, east / 180.0 * HALF_WORLD_M)
        axes.set_ylim(_metres_y(south), _metres_y(north))
        figure.patch.set_facecolor(_unit(OCEAN_FILL))
        if not projected.empty:
            projected.plot(ax=axes, color=_unit(BASEMAP_FILL), edgecolor="none")
        inner = None if regions is None else regions[["geometry"]].clip(clip)
        if inner is not None and not inner.empty:
            inner.loc[~inner.geometry.is_empty].to_crs(WEB_MERCATOR).boundary.plot(
                ax=axes, color=_unit(REGION_LINE), linewidth=REGION_BORDER_PX * 72 / DPI
            )
        if not projected.empty:
            projected.boundary.plot(ax=axes, color=_unit(BASEMAP_LINE), linewidth=BORDER_PX * 72 / DPI)
        if names is not None and not names.empty:
            _write_names(axes, names, bounds, size)
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="png", dpi=DPI, facecolor=figure.get_facecolor(), metadata={"Software": None}
        )
    finally:
        plt.close(figure)
    picture = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in palette_colours() for channel in colour])
    out = io.BytesIO()
    picture.quantize(palette=palette, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _write_names(axes: Any, names: pd.DataFrame, bounds: Bounds, size: tuple[int, int]) -> None:
    """The names that fit, at their size in pixels: countries in capitals, cities beside a dot."""
    west, south, east, north = bounds
    x_m = names["lon"].to_numpy(dtype=float) / 180.0 * HALF_WORLD_M
    y_m = np.array([_metres_y(lat) for lat in names["lat"].to_numpy(dtype=float)])
    x0, x1 = west / 180.0 * HALF_WORLD_M, east / 180.0 * HALF_WORLD_M
    y0, y1 = _metres_y(south), _metres_y(north)
    x_px = (x_m - x0) / (x1 - x0) * size[0]
    y_px = (y1 - y_m) / (y1 - y0) * size[1]
    points = 72 / DPI  # points per pixel
    for index in placenames.fit(names, x_px, y_px, (float(size[0]), float(size[1]))):
        row = names.iloc[index]
        placenames.draw_name(axes, row, x_m[index], y_m[index], _unit(list(row["colour"])), points=points)


def _metres_y(lat: float) -> float:
    return HALF_WORLD_M * (1.0 - 2.0 * mercator_y(lat))


def render_basemap(frame: gpd.GeoDataFrame, size: int = BASEMAP_PX) -> bytes:
    """The world picture: a square of ``size`` pixels covering the Web Mercator world."""
    return render_picture(frame, WORLD_BOUNDS, (size, size))


def detail_size(view: str) -> tuple[int, int]:
    """Width and height in pixels of a view's detail picture (see geo.view.detail_bounds)."""
    preset = VIEW_PRESETS[view]
    west, south, east, north = detail_bounds(preset)
    resolution = detail_resolution(preset)
    width = round((east - west) / 360.0 * resolution)
    height = round((mercator_y(south) - mercator_y(north)) * resolution)
    return width, height


@functools.cache
def _places() -> placenames.Places:
    return placenames.Places(countries(), read_regions(), read_cities(placenames.MIN_CITY_POPULATION))


def render_detail(frame: gpd.GeoDataFrame, view: str, lang: str | None = None, large: bool = False) -> bytes:
    """A view's detail picture: its area at one picture pixel per screen pixel of its zoom, with
    the borders of the first-level regions (of the four areas) in it, and with ``lang`` the
    names of its countries, regions and major cities in that language (``large``: at presenter
    size, ``geo.placenames.PRESENTER_SCALE``)."""
    names = None
    if lang is not None:
        names = placenames.place_names(
            view,
            _places(),
            country_label=lambda code: placenames.country_label(code, lang),
            lang=lang,
            scale=placenames.PRESENTER_SCALE if large else 1.0,
        )
    bounds = detail_bounds(VIEW_PRESETS[view])
    return render_picture(frame, bounds, detail_size(view), all_admin1(), names)


def palette_colours(steps: int = EDGE_BLENDS) -> list[tuple[int, int, int]]:
    """Sea, land, border and region border colours, then ``steps`` blends between the pairs
    that meet (sea and land, sea and border, land and border, land and region border, border
    and region border)."""
    base = [
        tuple(OCEAN_FILL),
        tuple(BASEMAP_FILL),
        tuple(BASEMAP_LINE),
        tuple(REGION_LINE),
        placenames.COUNTRY_RGB,
        placenames.REGION_RGB,
        placenames.CITY_RGB,
    ]
    colours: list[tuple[int, int, int]] = [(c[0], c[1], c[2]) for c in base]
    # Names are written on land and sea: more blends, for smooth letters.
    pairs = [(0, 1, steps), (0, 2, steps), (1, 2, steps), (1, 3, steps), (2, 3, steps)]
    pairs += [(ground, text, TEXT_BLENDS) for ground in (0, 1) for text in (4, 5, 6)]
    for first, second, blends in pairs:
        for step in range(1, blends + 1):
            share = step / (blends + 1)
            a, b = base[first], base[second]
            colours.append(
                (
                    round(a[0] + (b[0] - a[0]) * share),
                    round(a[1] + (b[1] - a[1]) * share),
                    round(a[2] + (b[2] - a[2]) * share),
                )
            )
    return colours


def pixel_of(lon: float, lat: float, size: int = BASEMAP_PX) -> tuple[int, int]:
    """Column and row of the world picture's pixel at a longitude and latitude (for checks)."""
    x = (lon + 180.0) / 360.0 * size
    y = mercator_y(lat) * size
    return min(int(x), size - 1), min(int(y), size - 1)


def detail_pixel_of(lon: float, lat: float, view: str) -> tuple[int, int] | None:
    """Column and row of a view's detail picture at a place, or None outside it (for checks)."""
    west, south, east, north = detail_bounds(VIEW_PRESETS[view])
    if not (west <= lon < east and south < lat <= north):
        return None
    width, height = detail_size(view)
    x = (lon - west) / (east - west) * width
    y = (mercator_y(lat) - mercator_y(north)) / (mercator_y(south) - mercator_y(north)) * height
    return min(int(x), width - 1), min(int(y), height - 1)


def pictures() -> dict[str, Callable[[gpd.GeoDataFrame], bytes]]:
    """Every picture served to the browser, by file name, with what draws it."""
    drawn: dict[str, Callable[[gpd.GeoDataFrame], bytes]] = {BASEMAP_FILE: render_basemap}
    for view in DETAIL_VIEWS:
        drawn[detail_file(view)] = functools.partial(render_detail, view=view)
        for lang in placenames.MAP_LANGUAGES:
            drawn[detail_file(view, lang)] = functools.partial(render_detail, view=view, lang=lang)
            drawn[detail_file(view, lang, large=True)] = functools.partial(
                render_detail, view=view, lang=lang, large=True
            )
    return drawn


def write_basemap(directory: Path = STATIC_DIR) -> list[Path]:
    """Write the pictures served to the browser; run after changing the boundaries."""
    directory.mkdir(parents=True, exist_ok=True)
    frame = countries()
    written = []
    for name, draw in pictures().items():
        (directory / name).write_bytes(draw(frame))
        written.append(directory / name)
    return written


if __name__ == "__main__":
    print(write_basemap())
