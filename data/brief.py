"""A one-page brief (A4 PDF) of a view or a case: what a decision-maker takes to a meeting.

Drawn with matplotlib's PDF backend (installed already, works offline; text stays text, with
TrueType fonts embedded): title, date and link, the map, the filters in words, the key figures,
the comparable cases and the sources. No Streamlit, no network; the caller draws the map.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from typing import Final

import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
from matplotlib.image import imread

A4_INCHES: Final[tuple[float, float]] = (8.27, 11.69)
MARGIN: Final[float] = 0.06  # share of the page width
LINE: Final[float] = 0.0165  # share of the page height of one line of body text
BODY_PT: Final[int] = 9
WRAP_CHARS: Final[int] = 118
MAX_LINES: Final[int] = 6  # of each list: comparable cases, sources


@dataclass(frozen=True)
class Brief:
    """What one page says; every text already in the reader's language."""

    title: str
    subtitle: str
    link: str
    filters_title: str
    filters: tuple[str, ...]
    figures_title: str
    figures: tuple[tuple[str, str], ...]
    cases_title: str
    cases: tuple[str, ...]
    sources_title: str
    sources: tuple[str, ...]
    map_png: bytes | None = None
    map_alt: str = ""
    footer: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _wrapped(lines: tuple[str, ...], limit: int) -> list[str]:
    out: list[str] = []
    for line in lines[:limit]:
        out += textwrap.wrap(line, WRAP_CHARS, break_long_words=True) or [""]
    return out


def brief_pdf(brief: Brief) -> bytes:
    """The brief as a one-page A4 PDF (bytes)."""
    with plt.rc_context({"pdf.fonttype": 42, "font.size": BODY_PT}):
        figure = plt.figure(figsize=A4_INCHES)
        y = 0.965
        figure.text(MARGIN, y, brief.title, fontsize=17, fontweight="bold", va="top", wrap=True)
        y -= 0.035
        for line in textwrap.wrap(brief.subtitle, 95)[:2]:
            figure.text(MARGIN, y, line, fontsize=10.5, color="#333333", va="top")
            y -= 0.019
        figure.text(MARGIN, y, brief.link, fontsize=8, color="#1f4e99", va="top", url=brief.link or None)
        y -= 0.02
        if brief.map_png:
            picture = imread(io.BytesIO(brief.map_png), format="png")
            height = (1 - 2 * MARGIN) * A4_INCHES[0] * picture.shape[0] / picture.shape[1] / A4_INCHES[1]
            axes = figure.add_axes((MARGIN, y - height, 1 - 2 * MARGIN, height))
            axes.imshow(picture, interpolation="none")  # embedded as drawn, not resampled
            axes.set_axis_off()
            y -= height + 0.015
        columns = [
            (brief.filters_title, list(brief.filters)),
            (brief.figures_title, [f"{label}: {value}" for label, value in brief.figures]),
        ]
        top = y
        for index, (title, lines) in enumerate(columns):
            x = MARGIN + index * 0.46
            row = top
            figure.text(x, row, title, fontsize=11, fontweight="bold", va="top")
            row -= 0.022
            for line in lines:
                for part in textwrap.wrap(line, 55)[:3]:
                    figure.text(x, row, part, va="top")
                    row -= LINE
            y = min(y, row)
        y -= 0.012
        for heading, items in ((brief.cases_title, brief.cases), (brief.sources_title, brief.sources)):
            figure.text(MARGIN, y, heading, fontsize=11, fontweight="bold", va="top")
            y -= 0.022
            for line in _wrapped(items, MAX_LINES):
                figure.text(MARGIN, y, line, va="top")
                y -= LINE
            y -= 0.01
        for line in brief.notes:
            figure.text(MARGIN, y, line, fontsize=8, color="#444444", va="top")
            y -= LINE
        figure.text(MARGIN, 0.02, brief.footer, fontsize=7.5, color="#555555", va="bottom")
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="pdf",
            metadata={"Title": brief.title, "Subject": brief.map_alt, "Creator": "Cluster Atlas"},
        )
        plt.close(figure)
    return buffer.getvalue()
