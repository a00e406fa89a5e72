"""Map legends: colour swatches with their labels and notes, drawn as one block of HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

import pandas as pd
import streamlit as st

from geo import layers
from ui.i18n import Translator

# 7:1 on white (WCAG AA asks 4.5:1 for this size; a 60 % grey read 3.7:1).
LEGEND_NOTE_STYLE: Final[str] = "font-size:.875rem;color:#595959;margin:.75em 0 0"


SWATCH_STYLE: Final[str] = "display:inline-block;width:1em;height:1em;border-radius:50%;flex:none;"
# The map's mark of a statistical cluster (geo/layers.py): a ring with a centre dot.
RING_SWATCH_STYLE: Final[str] = (
    f"{SWATCH_STYLE}box-sizing:border-box;border:.2em solid #666;"
    "background:radial-gradient(circle,#666 0 28%,#fff 31%)"
)


def _legend_row(swatch_style: str, label: str, margin: str = ".15em 0") -> str:
    return (
        f'<div role="listitem" style="display:flex;align-items:center;gap:.5em;margin:{margin}">'
        f'<span style="{swatch_style}"></span><span>{html.escape(label)}</span></div>'
    )


def swatch_legend(
    title: str,
    entries: Sequence[tuple[str, Sequence[int]]],
    notes: Sequence[str],
    ring: str | None = None,
    past: str | None = None,
) -> None:
    """A colour legend and its notes, drawn as one block of HTML; every text is escaped.
    ``ring``: the label of one more row, for the statistical clusters' ringed mark; ``past``: the
    label of the merged and ended cases' grey disc, when the history shows some.

    NOTE: one element, not a caption per note: each Markdown element costs the browser a parse
    and a render before the page settles (benchmarks/RESULTS.md).
    """
    rows = "".join(
        _legend_row(f"{SWATCH_STYLE}background:rgb{tuple(rgb)};border:1px solid #333", label)
        for label, rgb in entries
    )
    if ring is not None:
        rows += _legend_row(RING_SWATCH_STYLE, ring, margin=".5em 0 .15em")
    if past is not None:
        fill = tuple(layers.PAST_FILL)
        disc = f"{SWATCH_STYLE}box-sizing:border-box;background:rgb{fill};border:.2em solid #333"
        rows += _legend_row(disc, past, margin=".5em 0 .15em")
    remarks = "".join(f'<p style="{LEGEND_NOTE_STYLE}">{html.escape(note)}</p>' for note in notes)
    # st.html, not st.markdown(unsafe_allow_html=True): the latter makes the browser load and
    # compile a 190 KB HTML-in-Markdown parser before the page (and its map) can show.
    st.html(
        f"<div class='atlas-legend'><b>{html.escape(title)}</b>"
        f"<div role='list' aria-label='{html.escape(title)}'>{rows}</div>{remarks}</div>"
    )


def sector_legend(
    title: str, points: pd.DataFrame, notes: list[str], statistical_note: str | None, t: Translator
) -> None:
    """The sectors drawn on a map of points or bins, and the statistical clusters' mark and note
    when some are drawn."""
    swatch_legend(
        title,
        [(t.label("sector", s), layers.SECTOR_RGB[s]) for s in layers.legend_sectors(points)],
        [*notes, *([statistical_note] if statistical_note else [])],
        t("map.statistical_legend") if statistical_note else None,
        t("history.legend") if "past" in points and bool(points["past"].any()) else None,
    )
