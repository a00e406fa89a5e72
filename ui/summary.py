"""The summary beside the map and the cases table: the filtered cases' policy-type, main-sector
and size mixes as bars; under each, the values to click, each with the number of cases the click
shows. Clicking a value sets that filter, clicking it again clears it."""

from __future__ import annotations

import functools
import html
from typing import Final

import streamlit as st

from data.filters import REGISTRY, Filters
from data.models import Mix, panel, top_sectors
from data.vocab import POLICY_TYPES, SECTORS, SIZE_CLASSES
from ui import cached
from ui.i18n import Translator
from ui.mix import BAR_CSS, bar_html, value_label

# Measure of the summary and the filter field its values set.
MEASURE_FILTERS: Final[dict[str, str]] = {"policy": "policies", "sector": "sectors", "size": "sizes"}


@functools.lru_cache(maxsize=256)
def _mixes(data: str, fingerprint: str, filters: Filters) -> dict[str, Mix]:
    cases = cached.filtered(filters)
    summary = panel("all", cases, cached.atlas().programmes, sectors=top_sectors(cases), decades=())
    return {measure: summary.mix(measure) for measure in MEASURE_FILTERS}


def mixes(filters: Filters) -> dict[str, Mix]:
    """The policy-type, main-sector and size mixes of the atlas's cases under some filters, made
    once for all sessions (shared, read-only)."""
    return _mixes(str(cached.data_dir()), cached.version(), filters)


# Sectors offered to click, the most frequent first.
SHOWN_SECTORS: Final[int] = 6


def options(measure: str, counts: dict[str, int]) -> dict[str, int]:
    """The values a click can filter on, each with the number of cases the click shows (its
    count under the other filters, as the filter panel gives it), in vocabulary order; for
    sectors, the most frequent few."""
    vocabulary = {"policy": POLICY_TYPES, "size": SIZE_CLASSES, "sector": SECTORS}[measure]
    shown = {value: counts[value] for value in vocabulary if counts.get(value)}
    if measure == "sector":
        ranked = sorted(shown, key=lambda value: (-shown[value], SECTORS.index(value)))
        shown = {value: shown[value] for value in ranked[:SHOWN_SECTORS]}
    return shown


def _option_label(t: Translator, measure: str, counts: dict[str, int], value: str) -> str:
    return f"{value_label(t, measure, value)} · {t.number(counts[value])}"


def _set_filter(field: str, widget: str) -> None:
    """Callback: the clicked value becomes the filter (nothing clicked: the filter is cleared)."""
    value = st.session_state.get(widget)
    panel_widget = next(spec.widget_key for spec in REGISTRY if spec.name == field)
    st.session_state[panel_widget] = [value] if value else []


def summary_panel(filters: Filters, t: Translator, *, key: str) -> None:
    """The three mixes, each a bar and a row of values to click."""
    st.markdown(f"**{t('summary.title')}**")
    drawn = mixes(filters)
    every_count = cached.option_counts(filters)
    for measure, field in MEASURE_FILTERS.items():
        mix = drawn[measure]
        counts = options(measure, every_count[field])
        chosen: frozenset[str] = getattr(filters, field)
        widget = f"{key}_{measure}"
        # The pills show the filter as it is now, however it was set (panel, chip, link).
        st.session_state[widget] = next(iter(chosen)) if len(chosen) == 1 and chosen <= set(counts) else None
        title = t(f"summary.{measure}")
        st.html(f"{BAR_CSS}<div class='summary-title'>{html.escape(title)}</div>{bar_html(mix, t)}")
        st.pills(
            title,
            list(counts),
            format_func=functools.partial(_option_label, t, measure, counts),
            key=widget,
            on_change=_set_filter,
            args=(field, widget),
            label_visibility="collapsed",
            width="stretch",
            wrap=True,
        )
    st.caption(t("summary.hint"))
