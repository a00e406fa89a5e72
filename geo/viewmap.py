"""The basemap of one view at the screen's resolution, with region borders and place names.

A presenter's slide flies the map to a case at a zoom where the shipped pictures
(geo/basemap.py, one picture pixel per screen pixel at each area view's own zoom) would show
pixels several screen pixels wide: stair-stepped coasts. For such a view this draws, on the
server with matplotlib, a Web Mercator picture of exactly what the screen shows around the
view's centre, one picture pixel per screen pixel: sea, land, country borders, first-level
region borders (the offline boundary files), and the names of countries, major cities
(GeoNames, offline) and regions wherever they fit without overlapping.

Measured against vector boundaries clipped to the view (benchmarks/RESULTS.md): one textured
rectangle more costs the browser no new shader program, where a GeoJsonLayer of the clipped
polygons does (about half a second in software WebGL).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from geo.boundaries import ADMIN1_FILES, admin1
from geo.gazetteer import GAZETTEER_FILE
from geo.layers import BASEMAP_FILL, BASEMAP_LINE, OCEAN_FILL, REGION_LINE
from geo.render import metres, view_bounds
from geo.view import Bounds, ViewPreset

DPI: Final[int] = 100
LABEL_PX: Final[int] = 24  # no text under 24 px on a 1920 x 1080 projector
CITY_DOT_PX: Final[float] = 7.0
COUNTRY_TEXT: Final[str] = "#4a4a4a"
CITY_TEXT: Final[str] = "#1a1a1a"
REGION_TEXT: Final[str] = "#6e6e66"
MAX_CITIES: Final[int] = 12
REGION_MIN_ZOOM: Final[float] = 3.0
AVOID_PX: Final[float] = 22.0  # half the side of the square kept free of names around a case
CHAR_SHARE: Final[float] = 0.56  # average glyph width / font size, for the overlap test
WEB_MERCATOR: Final[str] = "EPSG:3857"


def _unit(colour: tuple[int, ...] | list[int]) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def min_population(zoom: float) -> int:
    """The smallest city named at a zoom: the larger the area shown, the larger the city.

    Examples
    --------
    >>> min_population(2.0), min_population(4.0), min_population(5.5)
    (2000000, 500000, 150000)
    """
    if zoom < 3:
        return 2_000_000
    if zoom < 5:
        return 500_000
    return 150_000


def read_regions() -> gpd.GeoDataFrame:
    """The first-level regions of the four areas with their names (``name_fr`` where the
    boundary file has French names)."""
    parts = [admin1(area) for area in ADMIN1_FILES]
    frame = pd.concat(parts, ignore_index=True)
    columns = [c for c in ("name", "name_fr", "country_iso_a2", "geometry") if c in frame]
    return gpd.GeoDataFrame(frame[columns], crs="EPSG:4326")


def read_cities(minimum: int = 150_000) -> pd.DataFrame:
    """GeoNames cities of at least ``minimum`` inhabitants (name, country, lat, lon, population)."""
    cities = pd.read_csv(GAZETTEER_FILE, usecols=["name", "country", "lat", "lon", "population"])
    return cities.loc[cities["population"] >= minimum].sort_values("population", ascending=False)


@dataclass(frozen=True)
class Boundaries:
    """What the picture is drawn from: countries (``iso_a2``), regions (``name`` and, where the
    boundary file has one, ``name_fr``) and cities (``read_cities``)."""

    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    cities: pd.DataFrame


class _Placer:
    """Greedy label placement in screen pixels: a label is kept when it overlaps none before."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        self.boxes: list[tuple[float, float, float, float]] = []

    def place(self, x: float, y: float, text: str, *, left: bool = False) -> bool:
        width = len(text) * LABEL_PX * CHAR_SHARE
        height = LABEL_PX * 1.2
        x0 = x if left else x - width / 2
        box = (x0 - 4, y - height / 2 - 2, x0 + width + 4, y + height / 2 + 2)
        if box[0] < 0 or box[1] < 0 or box[2] > self.size[0] or box[3] > self.size[1]:
            return False
        if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]) for b in self.boxes):
            return False
        self.boxes.append(box)
        return True


def view_picture(
    data: Boundaries,
    view: ViewPreset,
    size_px: tuple[int, int],
    *,
    country_label: Callable[[str], str],
    lang: str,
    avoid: tuple[tuple[float, float], ...] = (),
) -> tuple[bytes, Bounds]:
    """PNG of the basemap of ``view`` at ``size_px`` screen pixels around its centre (one picture
    pixel per screen pixel at the view's zoom), and the bounds it covers (west, south, east,
    north). No name is written over the places of ``avoid`` (longitude, latitude: the cases
    drawn over the picture). Names are in ``lang`` where the source has them (countries from
    ``country_label``, regions from ``name_fr`` in French); GeoNames cities keep their main
    name."""
    bounds = view_bounds(view, size_px)
    west, south, east, north = bounds
    width, height = size_px
    x0, y0 = (float(v) for v in metres(west, south))
    x1, y1 = (float(v) for v in metres(east, north))
    clip = (max(west - 1, -180.0), max(south - 1, -85.0), min(east + 1, 180.0), min(north + 1, 85.0))

    def pixel(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0) * width, (y1 - y) / (y1 - y0) * height

    # A figure of its own canvas, not pyplot's: made in a background thread too.
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    try:
        axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        axes.set_axis_off()
        axes.set_xlim(x0, x1)
        axes.set_ylim(y0, y1)
        figure.patch.set_facecolor(_unit(OCEAN_FILL))
        tolerance = (x1 - x0) / width / 2  # half a pixel, in metres
        land = _within(data.countries, clip, tolerance)
        # Region borders from the zoom of an area view on: on a whole continent they are a mesh.
        regions = _within(
            data.regions if view.zoom >= REGION_MIN_ZOOM else data.regions.iloc[:0], clip, tolerance
        )
        if not land.empty:
            land.plot(ax=axes, color=_unit(BASEMAP_FILL), edgecolor="none", zorder=1)
        if not regions.empty:
            regions.boundary.plot(ax=axes, color=_unit(REGION_LINE), linewidth=0.9 * 72 / DPI, zorder=2)
        if not land.empty:
            land.boundary.plot(ax=axes, color=_unit(BASEMAP_LINE), linewidth=2.0 * 72 / DPI, zorder=3)
        placer = _Placer(size_px)
        for lon, lat in avoid:
            ax, ay = pixel(*(float(v) for v in metres(lon, lat)))
            placer.boxes.append((ax - AVOID_PX, ay - AVOID_PX, ax + AVOID_PX, ay + AVOID_PX))
        points_per_px = 72 / DPI
        # Cities first (a dot and a name to its right), then countries, then regions.
        cities = data.cities
        shown = cities.loc[
            cities["lon"].between(west, east)
            & cities["lat"].between(south, north)
            & (cities["population"] >= min_population(view.zoom))
        ]
        named = 0
        for _, city in shown.iterrows():
            if named >= MAX_CITIES:
                break
            cx, cy = (float(v) for v in metres(city["lon"], city["lat"]))
            px, py = pixel(cx, cy)
            if placer.place(px + CITY_DOT_PX, py, str(city["name"]), left=True):
                axes.plot([cx], [cy], "o", color=CITY_TEXT, markersize=CITY_DOT_PX * points_per_px, zorder=5)
                axes.annotate(
                    str(city["name"]),
                    (cx, cy),
                    xytext=(CITY_DOT_PX * points_per_px, 0),
                    textcoords="offset points",
                    fontsize=LABEL_PX * points_per_px,
                    color=CITY_TEXT,
                    va="center",
                    zorder=6,
                )
                named += 1
        country_names = land["iso_a2"].map(lambda code: country_label(str(code)))
        for frame, column, style in (
            (land.assign(label=country_names), "label", "country"),
            (regions.assign(label=_region_names(regions, lang)), "label", "region"),
        ):
            if frame.empty:
                continue
            visible = frame.clip((x0, y0, x1, y1))
            visible = visible.loc[~visible.geometry.is_empty]
            areas = visible.geometry.area.to_numpy()
            for index in np.argsort(-areas):
                item = visible.iloc[index]
                text = str(item[column] or "")
                minx, _, maxx, _ = item.geometry.bounds
                span = (maxx - minx) / (x1 - x0) * width
                if not text or span < len(text) * LABEL_PX * CHAR_SHARE * 1.1:
                    continue
                spot = item.geometry.representative_point()
                px, py = pixel(spot.x, spot.y)
                if placer.place(px, py, text):
                    axes.text(
                        spot.x,
                        spot.y,
                        text.upper() if style == "country" else text,
                        fontsize=LABEL_PX * points_per_px,
                        color=COUNTRY_TEXT if style == "country" else REGION_TEXT,
                        fontweight="bold" if style == "country" else "normal",
                        fontstyle="italic" if style == "region" else "normal",
                        ha="center",
                        va="center",
                        zorder=4,
                    )
        figure.canvas.draw()
        rgba = np.asarray(figure.canvas.buffer_rgba())  # type: ignore[attr-defined]
        picture = Image.fromarray(rgba[:, :, :3].copy())
    finally:
        plt.close(figure)
    # 64 colours hold the fills, lines and anti-aliased text, at a third of the bytes.
    out = io.BytesIO()
    fewer = picture.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    fewer.save(out, format="PNG", compress_level=6)
    return out.getvalue(), bounds


def _within(frame: gpd.GeoDataFrame, clip: Bounds, tolerance: float) -> gpd.GeoDataFrame:
    """The shapes of a frame that reach into ``clip``, cut to it, in Web Mercator, simplified
    to ``tolerance`` metres (the rest is never drawn: clipping the world costs seconds)."""
    west, south, east, north = clip
    near = frame.cx[west:east, south:north]
    if near.empty:
        return near.to_crs(WEB_MERCATOR)
    cut = near.clip(clip)
    cut = cut.loc[~cut.geometry.is_empty].to_crs(WEB_MERCATOR)
    return cut.assign(geometry=cut.geometry.simplify(tolerance))


def _region_names(regions: gpd.GeoDataFrame, lang: str) -> pd.Series:
    names = regions["name"].astype("string")
    if lang == "fr" and "name_fr" in regions:
        names = regions["name_fr"].astype("string").fillna(names)
    filled: pd.Series = names.fillna("")
    return filled


def data_url(png: bytes) -> str:
    """A PNG as a data: address, for a picture made for one view (no file written)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
