"""A measure's mix drawn as a bar of shares, unknown hatched grey (models page and map summary)."""

from __future__ import annotations

import html
from typing import Final

from data.models import OTHER, UNKNOWN, Mix
from geo.panels import css, value_rgb
from ui.i18n import Translator

HATCH: Final[str] = "repeating-linear-gradient(45deg,#bbb 0 3px,#e4e4e4 3px 6px)"
BAR_CSS: Final[str] = (
    "<style>.models-bar{display:flex;height:.9rem;border-radius:.2rem;overflow:hidden;"
    "background:#f3f3f3}.summary-title{font-size:.875rem;margin:.5rem 0 .25rem}</style>"
)


def value_label(t: Translator, measure: str, value: str) -> str:
    """Display name of one value of a measure."""
    if value == UNKNOWN:
        return t("models.unknown")
    if measure == "policy":
        return t.label("policy", value)
    if measure == "size":
        return t.label("size", value)
    if measure == "sector":
        return t("models.other") if value == OTHER else t.label("sector", value)
    return t("models.decade", decade=value)


def swatch(measure: str, value: str) -> str:
    """The CSS background of one value of a measure (a hatch for unknown)."""
    return HATCH if value == UNKNOWN else css(value_rgb(measure, value))


def bar_html(mix: Mix, t: Translator) -> str:
    """The mix as one bar: a segment per value, its width the value's share (hidden from screen
    readers: the counts are written out beside it)."""
    total = mix.total
    segments = [
        f'<span style="width:{100 * count / total:.2f}%;background:{swatch(mix.measure, value)}" '
        f'title="{html.escape(value_label(t, mix.measure, value))}: {count}"></span>'
        for value, count in [*mix.counts, (UNKNOWN, mix.unknown)]
        if count and total
    ]
    return f'<div class="models-bar" aria-hidden="true">{"".join(segments)}</div>'
