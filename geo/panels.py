"""Colours of the models page's measures, and its panels drawn as one picture on the server
(matplotlib; for the PNG/SVG download and the presenter's comparison slide). No Streamlit.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from data.models import OTHER, Comparison, Mix
from geo.layers import RGB, SECTOR_RGB

# Okabe-Ito colours, none of them a sector's main-map colour family clash within one bar.
POLICY_RGB: Final[dict[str, RGB]] = {
    "top-down": (0, 114, 178),
    "bottom-up": (230, 159, 0),
    "hybrid": (0, 158, 115),
    "statistical": (204, 121, 167),
}
# A light-to-dark blue ramp: the size classes are ordered.
SIZE_RGB: Final[dict[str, RGB]] = {
    "small": (198, 219, 239),
    "medium": (107, 174, 214),
    "large": (33, 113, 181),
}
DECADE_RGB: Final[RGB] = (120, 120, 160)
OTHER_RGB: Final[RGB] = (225, 218, 200)
UNKNOWN_RGB: Final[RGB] = (190, 190, 190)
FIGURE_SIZE: Final[tuple[float, float]] = (19.2, 10.8)  # inches at 100 dpi: 1920 x 1080
DPI: Final[int] = 100
LABEL_CHARS: Final[int] = 22


def value_rgb(measure: str, value: str) -> RGB:
    """Colour of one value of a measure (unknown is always grey)."""
    if measure == "policy":
        return POLICY_RGB.get(value, UNKNOWN_RGB)
    if measure == "size":
        return SIZE_RGB.get(value, UNKNOWN_RGB)
    if measure == "sector":
        return OTHER_RGB if value == OTHER else SECTOR_RGB.get(value, UNKNOWN_RGB)
    return DECADE_RGB


def css(rgb: RGB) -> str:
    """A colour for CSS or SVG."""
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"


@dataclass(frozen=True)
class PanelText:
    """The words of the panels picture: title, filters, credit, measure titles and value labels."""

    title: str
    subtitle: str
    credit: str
    measure_titles: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]]  # measure (and "group") -> value -> label
    unknown: str
    cases: Mapping[str, str]  # group -> "N cases"


def _unit(rgb: RGB) -> tuple[float, float, float]:
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)


def _bar(axes: Axes, y: float, mix: Mix, text: PanelText) -> None:
    total = mix.total
    left = 0.0
    entries = [*mix.counts, ("__unknown__", mix.unknown)]
    for value, count in entries:
        if not count or not total:
            continue
        share = count / total
        unknown = value == "__unknown__"
        colour = UNKNOWN_RGB if unknown else value_rgb(mix.measure, value)
        axes.barh(
            y,
            share,
            left=left,
            height=0.6,
            color=_unit(colour),
            hatch="//" if unknown else None,
            edgecolor="white",
            linewidth=0.8,
        )
        if share >= 0.12:
            label = text.unknown if unknown else text.labels.get(mix.measure, {}).get(value, value)
            dark = sum(colour) < 360
            axes.text(
                left + share / 2,
                y,
                f"{textwrap.shorten(label, 14, placeholder='…')}\n{count}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if dark else "black",
            )
        left += share


def comparison_figure(
    comparison: Comparison, text: PanelText, *, size: tuple[float, float] = FIGURE_SIZE
) -> Figure:
    """The panels as one figure: a column per group, a stacked bar of shares per measure
    (unknown hatched grey), with title, filters in words and the sources line."""
    measures = ("policy", "sector", "size", "decade")
    columns = max(1, len(comparison.panels))
    figure, grid = plt.subplots(1, columns, figsize=size, dpi=DPI, squeeze=False)
    figure.subplots_adjust(left=0.09, right=0.98, top=0.80, bottom=0.10, wspace=0.08)
    for index, axes in enumerate(grid[0]):
        axes.set_xlim(0, 1)
        axes.set_ylim(-0.6, len(measures) - 0.4)
        axes.invert_yaxis()
        axes.set_xticks([])
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        if index >= len(comparison.panels):
            axes.set_visible(False)
            continue
        item = comparison.panels[index]
        for y, measure in enumerate(measures):
            _bar(axes, y, item.mix(measure), text)
        group = text.labels.get("group", {}).get(item.group, item.group)
        axes.set_title(f"{group}\n{text.cases.get(item.group, '')}", fontsize=16, fontweight="bold")
        axes.set_yticks(range(len(measures)))
        if index == 0:
            axes.set_yticklabels([textwrap.fill(text.measure_titles[m], 14) for m in measures], fontsize=12)
        else:
            axes.set_yticklabels([])
    figure.suptitle(text.title, x=0.02, ha="left", fontsize=24, fontweight="bold")
    figure.text(
        0.02, 0.88, textwrap.fill(text.subtitle, 160), fontsize=13, ha="left", va="top", color="#333333"
    )
    figure.text(0.02, 0.03, textwrap.fill(text.credit, 200), fontsize=10, ha="left", color="#555555")
    return figure
