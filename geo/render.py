"""Static maps drawn on the server with matplotlib (no browser, no internet): PNG and SVG."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from geo.layers import BASEMAP_FILL, OCEAN_FILL, SECTOR_RGB, STATISTICAL_UNIT, primary_sector

# Longitude/latitude bounds of each view preset (west, south, east, north).
VIEW_BOUNDS: Final[dict[str, tuple[float, float, float, float]]] = {
    "world": (-130.0, 10.0, 155.0, 70.0),
    "europe": (-25.0, 34.0, 35.0, 71.0),
    "united-states": (-126.0, 23.0, -65.0, 50.0),
    "japan": (127.0, 29.0, 147.0, 46.0),
    "maghreb": (-18.0, 19.0, 13.0, 38.0),
}
FULL_HD: Final[tuple[float, float]] = (19.2, 10.8)  # inches at 100 dpi: 1920 x 1080 pixels
DPI: Final[int] = 100
MIN_COS: Final[float] = 0.2
# The legend sits right of the map, in a fifth of the figure: longer labels wrap.
LEGEND_LABEL_CHARS: Final[int] = 26


def _rgb(colour: Sequence[int]) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


@dataclass(frozen=True)
class MapText:
    """The words around a static map: title, filters in words, legend title and credit line."""

    title: str
    subtitle: str
    legend_title: str
    credit: str
    sector_labels: dict[str, str]
    statistical_label: str


def case_bounds(cases: pd.DataFrame, margin: float = 4.0) -> tuple[float, float, float, float]:
    """Bounds around some cases, with a margin in degrees."""
    return (
        float(cases["lon"].min()) - margin,
        float(cases["lat"].min()) - margin,
        float(cases["lon"].max()) + margin,
        float(cases["lat"].max()) + margin,
    )


def stretch(south: float, north: float) -> float:
    """Vertical stretch of a plate carrée map that keeps shapes right at its middle latitude."""
    return 1 / max(MIN_COS, math.cos(math.radians((south + north) / 2)))


def fill_frame(
    bounds: tuple[float, float, float, float], figure: Figure, axes: Any
) -> tuple[float, float, float, float]:
    """Bounds grown (never shrunk) around their centre to the shape of the axes' frame."""
    west, south, east, north = bounds
    box = axes.get_position(original=True)
    frame_ratio = (box.height * figure.get_figheight()) / (box.width * figure.get_figwidth())
    width, height = east - west, north - south
    ratio = stretch(south, north)
    if height * ratio / width < frame_ratio:
        height = width * frame_ratio / ratio
    else:
        width = height * ratio / frame_ratio
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    return (centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2)


def draw_map(
    cases: pd.DataFrame,
    countries: gpd.GeoDataFrame,
    bounds: tuple[float, float, float, float],
    text: MapText,
    *,
    size: tuple[float, float] = FULL_HD,
    highlight: str | None = None,
) -> Figure:
    """A map of the cases over the countries, with title, legend, filters and credits."""
    figure, axes = plt.subplots(figsize=size, dpi=DPI)
    figure.subplots_adjust(left=0.02, right=0.80, top=0.88, bottom=0.07)
    axes.set_facecolor(_rgb(OCEAN_FILL))
    # Plate carrée stretched by 1/cos(latitude), bounds widened to fill the frame exactly.
    west, south, east, north = fill_frame(bounds, figure, axes)
    visible = countries.cx[west:east, south:north]
    visible.plot(ax=axes, color=_rgb(BASEMAP_FILL), edgecolor="white", linewidth=0.5)
    sectors = cases["sectors"].fillna("").map(primary_sector)
    statistical = cases["unit_type"].eq(STATISTICAL_UNIT)
    colours = sectors.map(lambda s: _rgb(SECTOR_RGB[s]))
    organisations, rings = cases.loc[~statistical], cases.loc[statistical]
    if not organisations.empty:
        axes.scatter(
            organisations["lon"],
            organisations["lat"],
            c=colours[~statistical].tolist(),
            marker="o",
            s=70,
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    if not rings.empty:  # as on the live map: a ring with a centre dot (geo/layers.py)
        ring_colours = colours[statistical].tolist()
        axes.scatter(
            rings["lon"],
            rings["lat"],
            s=90,
            marker="o",
            facecolors="white",
            edgecolors=ring_colours,
            linewidths=2.2,
            zorder=3,
        )
        axes.scatter(rings["lon"], rings["lat"], s=12, marker="o", c=ring_colours, linewidths=0, zorder=3)
    if highlight is not None and (cases["id"] == highlight).any():
        case = cases.loc[cases["id"] == highlight].iloc[0]
        axes.scatter(
            [case["lon"]],
            [case["lat"]],
            s=400,
            facecolors="none",
            edgecolors="black",
            linewidths=2.5,
            zorder=4,
        )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(stretch(south, north))
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_xlabel("")
    axes.set_ylabel("")
    figure.suptitle(text.title, x=0.02, ha="left", fontsize=26, fontweight="bold")
    figure.text(0.02, 0.905, text.subtitle, fontsize=14, ha="left", color="#333333")
    figure.text(0.02, 0.025, text.credit, fontsize=11, ha="left", color="#555555")
    handles: list[Any] = []
    labels: list[str] = []
    for s in SECTOR_RGB:
        if (sectors == s).any():
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=12,
                    markerfacecolor=_rgb(SECTOR_RGB[s]),
                    markeredgecolor="white",
                )
            )
            labels.append(textwrap.fill(text.sector_labels.get(s, s), LEGEND_LABEL_CHARS))
    if statistical.any():
        ring = Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=11,
            markerfacecolor="white",
            markeredgecolor="#666666",
            markeredgewidth=2.2,
        )
        centre = Line2D(
            [], [], marker="o", linestyle="", markersize=4, markerfacecolor="#666666", markeredgewidth=0
        )
        handles.append((ring, centre))  # drawn one over the other (matplotlib's HandlerTuple)
        labels.append(textwrap.fill(text.statistical_label, LEGEND_LABEL_CHARS))
    if handles:
        figure.legend(
            handles=handles,
            labels=labels,
            title=text.legend_title,
            loc="upper left",
            bbox_to_anchor=(0.81, 0.88),
            fontsize=13,
            title_fontsize=14,
            frameon=False,
        )
    return figure


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes; the figure is closed afterwards."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=DPI)
    plt.close(figure)
    return buffer.getvalue()
