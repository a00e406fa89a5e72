"""Static maps drawn on the server with matplotlib (no browser, no internet): PNG and SVG.

The picture is the map on the screen: it draws the same pydeck deck the page shows (its view,
its circles with their colours, radii, rings and line widths, or its choropleth regions) in
the same Web Mercator projection, over the same sea and country colours, with the legend,
title, filters in words and credits around it. SVG keeps its text as text.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pydeck as pdk
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.path import Path
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from geo import placenames
from geo.layers import (
    BASEMAP_FILL,
    BASEMAP_LINE,
    OCEAN_FILL,
    SECTOR_RGB,
    STATISTICAL_RING_FILL,
    STATISTICAL_RING_PX,
    legend_sectors,
)
from geo.view import TILE_PX, Bounds, ViewPreset, latitude_of, mercator_y

FULL_HD: Final[tuple[float, float]] = (19.2, 10.8)  # inches at 100 dpi: 1920 x 1080 pixels
DPI: Final[int] = 100
# The map of the page on a 1920-pixel screen (CSS pixels): what a view shows around its centre.
SCREEN_MAP_PX: Final[tuple[int, int]] = (1060, 620)
# The map's frame in the picture (left, bottom, width, height as shares of the figure): the
# screen map's shape, with room for the title above and the legend on the right.
MAP_FRAME: Final[tuple[float, float, float, float]] = (0.02, 0.07, 0.7545, 0.81)
HALF_WORLD_M: Final[float] = 20_037_508.342789244
LEGEND_LABEL_CHARS: Final[int] = 26
CHOROPLETH_LINE: Final[tuple[int, int, int]] = (90, 90, 90)
# The world view's deck repeats the world east and west; the picture draws one world.
WEB_MERCATOR: Final[str] = "EPSG:3857"

RGB = Sequence[int]
LegendKind = Literal["disc", "ring", "swatch"]


def _rgba(colour: RGB) -> tuple[float, float, float, float]:
    alpha = colour[3] / 255 if len(colour) > 3 else 1.0
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255, alpha)


@dataclass(frozen=True)
class MapText:
    """The words around a static map: title, filters in words, legend title and credit line."""

    title: str
    subtitle: str
    legend_title: str
    credit: str


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a disc or ring in a sector colour, or a swatch of a region class."""

    label: str
    colour: tuple[int, int, int]
    kind: LegendKind = "disc"


def sector_entries(
    points: pd.DataFrame, sector_labels: dict[str, str], statistical_label: str | None
) -> list[LegendEntry]:
    """Legend rows of a map of points or bins (a ``colour`` column): the main sectors present,
    and the statistical clusters' ring when ``statistical_label`` is given."""
    entries = [LegendEntry(sector_labels.get(s, s), SECTOR_RGB[s]) for s in legend_sectors(points)]
    if statistical_label:
        entries.append(LegendEntry(statistical_label, (102, 102, 102), "ring"))
    return entries


def case_bounds(cases: pd.DataFrame, margin: float = 4.0) -> Bounds:
    """Bounds around some cases, with a margin in degrees."""
    return (
        float(cases["lon"].min()) - margin,
        float(cases["lat"].min()) - margin,
        float(cases["lon"].max()) + margin,
        float(cases["lat"].max()) + margin,
    )


def metres(lon: Any, lat: Any) -> tuple[Any, Any]:
    """Web Mercator x and y in metres of longitudes and latitudes (arrays or numbers)."""
    lat_clipped = np.clip(np.asarray(lat, dtype=float), -85.05112878, 85.05112878)
    x = np.asarray(lon, dtype=float) / 180.0 * HALF_WORLD_M
    y = HALF_WORLD_M / math.pi * np.log(np.tan(np.pi / 4 + np.radians(lat_clipped) / 2))
    return x, y


def view_bounds(view: ViewPreset, size_px: tuple[int, int] = SCREEN_MAP_PX) -> Bounds:
    """What a deck.gl view shows in a map of ``size_px`` CSS pixels (west, south, east, north)."""
    world = TILE_PX * 2**view.zoom
    half_x, half_y = size_px[0] / 2 / world, size_px[1] / 2 / world
    centre = mercator_y(view.latitude)
    return (
        view.longitude - half_x * 360.0,
        latitude_of(min(centre + half_y, 0.999999)),
        view.longitude + half_x * 360.0,
        latitude_of(max(centre - half_y, 0.000001)),
    )


_PROJECTED: dict[int, gpd.GeoDataFrame] = {}


def _land(countries: gpd.GeoDataFrame, bounds: Bounds, metres_per_px: float) -> gpd.GeoDataFrame:
    """The countries in the view, in Web Mercator, simplified to half a picture pixel (the
    projected boundaries are kept per boundary table: projecting the world takes a second)."""
    key = id(countries)
    if key not in _PROJECTED:
        within = countries[["geometry"]].clip((-180.0, -85.0, 180.0, 85.0))
        _PROJECTED.clear()
        _PROJECTED[key] = within.loc[~within.geometry.is_empty].to_crs(WEB_MERCATOR)
    west, south, east, north = bounds
    x0, y0 = metres(max(west, -180.0), max(south, -85.0))
    x1, y1 = metres(min(east, 180.0), min(north, 85.0))
    pad = 20 * metres_per_px
    shown = _PROJECTED[key].cx[float(x0) - pad : float(x1) + pad, float(y0) - pad : float(y1) + pad]
    return shown.assign(geometry=shown.geometry.simplify(metres_per_px / 2))


def _layer_rows(layer: pdk.Layer) -> pd.DataFrame:
    data = layer.data
    return pd.DataFrame(data) if not isinstance(data, pd.DataFrame) else data


def _draw_circles(
    axes: Any, layer: pdk.Layer, scale: float, order: int, rows: pd.DataFrame | None = None
) -> None:
    """A layer of ``geo.layers.mark_layer`` (fill, line, line_px, radius in screen pixels) as
    the same circles, ``scale`` picture pixels per screen pixel (``rows``: its table, when
    already read)."""
    rows = _layer_rows(layer) if rows is None else rows
    if rows.empty:
        return
    x, y = metres(rows["lon"], rows["lat"])
    points_per_px = 72.0 / DPI
    diameter_pt = 2 * rows["radius"].astype(float).to_numpy() * scale * points_per_px
    filled = bool(getattr(layer, "filled", True))
    fills = [_rgba(c) if filled else (0, 0, 0, 0) for c in rows["fill"]]
    collection = axes.scatter(
        x,
        y,
        s=diameter_pt**2,
        c=fills,
        edgecolors=[_rgba(c) for c in rows["line"]],
        linewidths=rows["line_px"].astype(float).to_numpy() * scale * points_per_px,
        zorder=order,
    )
    collection.set_gid(f"marks-{layer.id}")


def _write_names(axes: Any, names: pd.DataFrame, bounds: Bounds, scale: float, width_px: float) -> None:
    """Place names that fit (``geo.placenames.fit``) at their size times ``scale``: countries in
    bold capitals, regions in italics, cities beside a dot. SVG keeps them as text."""
    west, south, east, north = bounds
    x0, y0 = (float(v) for v in metres(west, south))
    x1, y1 = (float(v) for v in metres(east, north))
    height_px = width_px * (y1 - y0) / (x1 - x0)  # the axes keep the view's aspect
    xs, ys = metres(names["lon"].to_numpy(), names["lat"].to_numpy())
    x_px = (np.asarray(xs) - x0) / (x1 - x0) * width_px
    y_px = (y1 - np.asarray(ys)) / (y1 - y0) * height_px
    scaled = names.assign(size=names["size"] * scale)
    points = 72 / DPI
    for index in placenames.fit(scaled, x_px, y_px, (width_px, height_px)):
        row = scaled.iloc[index]
        placenames.draw_name(
            axes,
            row,
            float(xs[index]),
            float(ys[index]),
            _rgba(row["colour"]),
            points=points,
            dot_scale=scale,
            zorder=1.5,
            clip=True,
        )


def _draw_regions(axes: Any, layer: pdk.Layer, frame: Bounds, order: int) -> None:
    """The choropleth layer (GeoJSON features with a ``colour`` property) in Web Mercator."""
    features = (layer.data or {}).get("features") or []
    if not features:
        return
    shapes = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    west, south, east, north = frame
    shapes = shapes.clip((max(west, -180.0), max(south, -85.0), min(east, 180.0), min(north, 85.0)))
    shapes = shapes.loc[~shapes.geometry.is_empty].to_crs(WEB_MERCATOR)
    if shapes.empty:
        return
    drawn = _polygons(
        axes,
        shapes.geometry,
        [_rgba(c) for c in shapes["colour"]],
        _rgba(CHOROPLETH_LINE),
        0.5 * 72 / DPI,
        order,
    )
    drawn.set_gid("regions")


def _polygons(
    axes: Any, shapes: gpd.GeoSeries, fills: list[Any], line: Any, width: float, order: int
) -> PathCollection:
    """Polygons drawn as one collection of compound paths (holes kept); geopandas' own plot
    redraws the whole figure once more."""
    paths = []
    for shape in shapes:
        parts = getattr(shape, "geoms", [shape])
        rings = [
            Path(np.asarray(ring.coords)[:, :2], closed=True)
            for part in parts
            if part.geom_type == "Polygon"
            for ring in (part.exterior, *part.interiors)
        ]
        if rings:
            paths.append(Path.make_compound_path(*rings))
    collection = PathCollection(paths, facecolors=fills, edgecolors=[line], linewidths=[width], zorder=order)
    axes.add_collection(collection, autolim=False)
    return collection


def _legend(
    figure: Figure,
    entries: Sequence[LegendEntry],
    title: str,
    scale: float,
    anchor: tuple[float, float] = (MAP_FRAME[0] + MAP_FRAME[2] + 0.01, MAP_FRAME[1] + MAP_FRAME[3]),
) -> None:
    handles: list[Any] = []
    for entry in entries:
        colour = _rgba(entry.colour)
        if entry.kind == "swatch":
            handles.append(Patch(facecolor=colour, edgecolor=_rgba(CHOROPLETH_LINE), linewidth=0.5))
        elif entry.kind == "ring":
            ring = Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=11,
                markerfacecolor=_rgba(STATISTICAL_RING_FILL),
                markeredgecolor=colour,
                markeredgewidth=STATISTICAL_RING_PX * scale * 72 / DPI,
            )
            centre = Line2D(
                [], [], marker="o", linestyle="", markersize=4, markerfacecolor=colour, markeredgewidth=0
            )
            handles.append((ring, centre))
        else:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=12,
                    markerfacecolor=colour,
                    markeredgecolor="white",
                )
            )
    if handles:
        figure.legend(
            handles=handles,
            labels=[textwrap.fill(entry.label, LEGEND_LABEL_CHARS) for entry in entries],
            title=title,
            loc="upper left",
            bbox_to_anchor=anchor,
            fontsize=13,
            title_fontsize=14,
            frameon=False,
            alignment="left",
        )


def _deck_view(deck: pdk.Deck) -> ViewPreset:
    state = deck.initial_view_state
    return ViewPreset(latitude=state.latitude, longitude=state.longitude, zoom=state.zoom)


def _draw_map(
    axes: Any,
    deck: pdk.Deck,
    countries: gpd.GeoDataFrame,
    bounds: Bounds,
    scale: float,
    width_px: float,
    tables: dict[int, tuple[pdk.Layer, pd.DataFrame]] | None = None,
    names: pd.DataFrame | None = None,
) -> None:
    """The sea, the countries and the deck's layers in ``axes``, showing ``bounds`` over
    ``width_px`` picture pixels (``scale`` of them per screen pixel), framed in grey.
    ``tables``: the rows of layers read before, by ``id`` of the layer, which is kept with them
    (alive, its ``id`` is never another's): a layer shared by many maps is read once."""
    west, south, east, north = bounds
    # No axis (its ticks cost a third of a picture's time): the sea and the frame are rectangles.
    axes.set_axis_off()
    axes.add_patch(Rectangle((0, 0), 1, 1, transform=axes.transAxes, facecolor=_rgba(OCEAN_FILL), zorder=0))
    metres_per_px = (float(metres(east, 0)[0]) - float(metres(west, 0)[0])) / width_px
    land = _land(countries, bounds, metres_per_px)
    if not land.empty:
        _polygons(axes, land.geometry, [_rgba(BASEMAP_FILL)], _rgba(BASEMAP_LINE), 72 / DPI, 1)
    if names is not None and not names.empty:
        _write_names(axes, names, bounds, scale, width_px)
    for order, layer in enumerate(deck.layers, start=2):
        kind = getattr(layer, "type", "")
        if kind == "ScatterplotLayer":
            rows = None
            if tables is not None:
                if id(layer) not in tables:
                    tables[id(layer)] = (layer, _layer_rows(layer))
                rows = tables[id(layer)][1]
            _draw_circles(axes, layer, scale, order, rows)
        elif kind == "GeoJsonLayer":
            _draw_regions(axes, layer, bounds, order)
    x0, y0 = metres(west, south)
    x1, y1 = metres(east, north)
    axes.set_xlim(float(x0), float(x1))
    axes.set_ylim(float(y0), float(y1))
    axes.set_aspect("equal", adjustable="box")
    axes.add_patch(
        Rectangle((0, 0), 1, 1, transform=axes.transAxes, fill=False, edgecolor="#999999", zorder=20)
    )


def _pixels(figure: Figure) -> np.ndarray:
    """A figure drawn by Agg, as RGB pixels (the figure stays open)."""
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()  # type: ignore[no-untyped-call]


class MapPainter:
    """Maps of decks alone (no title, legend nor credit) as RGB pixels of ``picture_px``: what
    each deck's view shows in a screen map of ``screen_px`` CSS pixels, drawn like
    ``draw_deck``. One figure serves every map (a tour's slides): making a figure and its axes
    took a third of a small map's time. Not for several threads at once; ``close`` at the end.
    """

    def __init__(
        self, countries: gpd.GeoDataFrame, screen_px: tuple[int, int], picture_px: tuple[int, int]
    ) -> None:
        self.countries = countries
        self.screen_px, self.picture_px = screen_px, picture_px
        self.figure = Figure(figsize=(picture_px[0] / DPI, picture_px[1] / DPI), dpi=DPI)
        FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.tables: dict[int, tuple[pdk.Layer, pd.DataFrame]] = {}  # layers drawn before, read

    def pixels(self, deck: pdk.Deck) -> np.ndarray:
        """The map of one deck."""
        for artist in [*self.axes.patches, *self.axes.collections, *self.axes.lines]:
            artist.remove()
        bounds = view_bounds(_deck_view(deck), self.screen_px)
        scale = self.picture_px[0] / self.screen_px[0]
        _draw_map(self.axes, deck, self.countries, bounds, scale, self.picture_px[0], self.tables)
        return _pixels(self.figure)

    def close(self) -> None:
        plt.close(self.figure)


def map_pixels(
    deck: pdk.Deck, countries: gpd.GeoDataFrame, screen_px: tuple[int, int], picture_px: tuple[int, int]
) -> np.ndarray:
    """The deck's map alone as RGB pixels (one ``MapPainter`` map)."""
    painter = MapPainter(countries, screen_px, picture_px)
    try:
        return painter.pixels(deck)
    finally:
        painter.close()


@functools.lru_cache(maxsize=32)
def legend_pixels(entries: tuple[LegendEntry, ...], title: str, size_px: tuple[int, int]) -> np.ndarray:
    """A legend alone, as RGB pixels on white (drawn once, pasted beside many maps: the legend
    was most of a slide picture's time)."""
    figure = Figure(figsize=(size_px[0] / DPI, size_px[1] / DPI), dpi=DPI, facecolor="white")
    _legend(figure, entries, title, 1.0, anchor=(0.02, 0.98))
    pixels = _pixels(figure)
    plt.close(figure)
    pixels.flags.writeable = False  # shared by every caller of the cache
    return pixels


def png_bytes(rgb: np.ndarray, *, compress_level: int = 1) -> bytes:
    """RGB pixels as PNG bytes (Pillow; a low compression level is several times quicker)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def draw_deck(
    deck: pdk.Deck,
    countries: gpd.GeoDataFrame,
    text: MapText,
    legend: list[LegendEntry],
    *,
    size: tuple[float, float] = FULL_HD,
    screen_px: tuple[int, int] = SCREEN_MAP_PX,
    frame: tuple[float, float, float, float] = MAP_FRAME,
    names: pd.DataFrame | None = None,
) -> Figure:
    """The deck the page shows, drawn as a picture: the area its view shows in a screen map of
    ``screen_px`` pixels, in Web Mercator, over the sea and the countries (vector, sharp at any
    size), its circles (same radii, colours, rings and lines, scaled with the map) and its
    choropleth regions, with title, filters, legend and credit around it; ``names``: an area
    view's place names, as its picture on the screen has them."""
    view = _deck_view(deck)
    figure = Figure(figsize=size, dpi=DPI)  # not pyplot's: no global state, any thread
    FigureCanvasAgg(figure)
    axes = figure.add_axes(frame)
    # Picture pixels of the map frame per screen pixel of the live map.
    scale = frame[2] * size[0] * DPI / screen_px[0]
    bounds = view_bounds(view, screen_px)
    _draw_map(axes, deck, countries, bounds, scale, frame[2] * size[0] * DPI, names=names)
    figure.text(frame[0], 0.955, text.title, fontsize=26, fontweight="bold", ha="left", va="top")
    figure.text(frame[0], 0.905, text.subtitle, fontsize=14, ha="left", color="#333333")
    figure.text(frame[0], 0.025, text.credit, fontsize=11, ha="left", color="#555555")
    _legend(figure, legend, text.legend_title, scale)
    return figure


def figure_bytes(figure: Figure, fmt: str, *, title: str = "", description: str = "") -> bytes:
    """The figure as PNG or SVG bytes (SVG text stays text); the figure is closed afterwards.

    ``title`` and ``description`` (what the map shows, in words) are written into the file: as
    PNG text chunks, and as the SVG's own title and description metadata."""
    buffer = io.BytesIO()
    if fmt == "png":
        # NOTE: drawn once, then encoded by Pillow at a low compression level: matplotlib's own
        # PNG encoding took a third of a slide picture's time (about 0.2 s).
        # A figure made without a canvas (Figure() alone) has none that draws to pixels: give it Agg's.
        canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
        canvas.draw()  # type: ignore[no-untyped-call]
        rgba = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        info = PngInfo()
        for key, value in (("Title", title), ("Description", description)):
            if value:
                info.add_itxt(key, value)
        Image.fromarray(rgba[:, :, :3].copy()).save(buffer, format="PNG", compress_level=1, pnginfo=info)
        plt.close(figure)
        return buffer.getvalue()
    with plt.rc_context({"svg.fonttype": "none"}):
        metadata: dict[str, str | None] = {"Date": None}
        metadata.update(
            {key: value for key, value in (("Title", title), ("Description", description)) if value}
        )
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata if fmt == "svg" else None)
    plt.close(figure)
    return buffer.getvalue()
