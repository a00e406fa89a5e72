"""The filter panel, written once and shown on every page that lists cases."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

import pandas as pd
import streamlit as st

from data.load import Atlas
from data.query import CATEGORY_COLUMNS, SIZE_MEASURES, Filters
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES
from ui import cached
from ui.i18n import Translator, country_name

# Widget key of each list field of Filters; scalar fields have their own keys.
LIST_WIDGETS: Final[dict[str, str]] = {field: f"f_{field}" for field in CATEGORY_COLUMNS}
UNKNOWN_SIZE_KEY: Final[str] = "f_unknown_size"
MEASURE_KEY: Final[str] = "f_measure"
SIZE_MIN_KEY: Final[str] = "f_size_min"
SIZE_MAX_KEY: Final[str] = "f_size_max"
FOUNDED_KEY: Final[str] = "f_founded"
TEXT_KEY: Final[str] = "f_text"
ALL_KEYS: Final[tuple[str, ...]] = (
    *LIST_WIDGETS.values(),
    UNKNOWN_SIZE_KEY,
    MEASURE_KEY,
    SIZE_MIN_KEY,
    SIZE_MAX_KEY,
    FOUNDED_KEY,
    TEXT_KEY,
)
# The list filters always in sight (the design's sector, policy type and size among them); the
# others are in the panel's "more filters" popover.
MAIN_LISTS: Final[tuple[str, ...]] = ("areas", "countries", "sectors", "policies", "sizes")
MORE_LISTS: Final[tuple[str, ...]] = tuple(field for field in LIST_WIDGETS if field not in MAIN_LISTS)
LABEL_GROUPS: Final[dict[str, str]] = {
    "areas": "area",
    "sectors": "sector",
    "policies": "policy",
    "unit_types": "unit_type",
    "sizes": "size",
}
FIXED_OPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "areas": AREAS,
    "sectors": SECTORS,
    "policies": POLICY_TYPES,
    "unit_types": UNIT_TYPES,
    "sizes": SIZE_CLASSES,
}


def year_bounds(clusters: pd.DataFrame) -> tuple[int, int]:
    """First and last founding year of the data (the slider's ends)."""
    years = clusters["founded_year"].dropna()
    return (int(years.min()), int(years.max())) if not years.empty else (1900, 2026)


def seed_widgets(filters: Filters, bounds: tuple[int, int], *, overwrite: bool) -> None:
    """Put a filter state into the panel's widgets (before they are drawn)."""
    low, high = bounds
    founded = filters.founded or bounds
    values: dict[str, Any] = {key: sorted(getattr(filters, field)) for field, key in LIST_WIDGETS.items()}
    values |= {
        UNKNOWN_SIZE_KEY: filters.include_unknown_size,
        MEASURE_KEY: filters.size_measure,
        SIZE_MIN_KEY: filters.size_range[0] if filters.size_range else None,
        SIZE_MAX_KEY: filters.size_range[1] if filters.size_range else None,
        FOUNDED_KEY: (max(low, min(founded[0], high)), min(high, max(founded[1], low))),
        TEXT_KEY: filters.text,
    }
    for key, value in values.items():
        if overwrite or key not in st.session_state:
            st.session_state[key] = value


def filters_from_widgets(bounds: tuple[int, int]) -> Filters:
    """The filter state the panel's widgets hold now."""
    lists = {field: frozenset(st.session_state.get(key) or ()) for field, key in LIST_WIDGETS.items()}
    size_min, size_max = st.session_state.get(SIZE_MIN_KEY), st.session_state.get(SIZE_MAX_KEY)
    size_range = None
    if size_min is not None or size_max is not None:
        low, high = int(size_min or 0), int(size_max) if size_max is not None else 10_000_000
        size_range = (min(low, high), max(low, high))
    founded = st.session_state.get(FOUNDED_KEY)
    founded_range: tuple[int, int] | None = None
    if founded and tuple(founded) != tuple(bounds):
        founded_range = (int(founded[0]), int(founded[1]))
    measure = st.session_state.get(MEASURE_KEY)
    return Filters(
        **lists,
        include_unknown_size=bool(st.session_state.get(UNKNOWN_SIZE_KEY, True)),
        size_measure=measure if measure in SIZE_MEASURES else "employees",
        size_range=size_range,
        founded=founded_range,
        text=str(st.session_state.get(TEXT_KEY) or "")[:200],
    )


def _reset() -> None:
    seed_widgets(Filters(), st.session_state["_year_bounds"], overwrite=True)


def _remove(key: str, value: Any) -> Callable[[], None]:
    def remove() -> None:
        current = st.session_state.get(key)
        if isinstance(current, list):
            st.session_state[key] = [v for v in current if v != value]
        elif key == FOUNDED_KEY:
            st.session_state[key] = st.session_state["_year_bounds"]
        elif key in (SIZE_MIN_KEY, SIZE_MAX_KEY):
            st.session_state[SIZE_MIN_KEY] = st.session_state[SIZE_MAX_KEY] = None
        elif key == UNKNOWN_SIZE_KEY:
            st.session_state[key] = True
        else:
            st.session_state[key] = ""

    return remove


def option_labels(atlas: Atlas, t: Translator) -> dict[str, dict[str, str]]:
    """Display label of every option of every list filter, in the chosen language."""
    labels = {field: t.labels(group, FIXED_OPTIONS[field]) for field, group in LABEL_GROUPS.items()}
    countries = sorted(set(atlas.clusters["country_iso2"]))
    labels["countries"] = {c: country_name(c, t.lang) for c in countries}
    programmes = atlas.programmes.set_index("id")[t.column(atlas.programmes.columns, "name")]
    used = sorted(set(atlas.clusters["programme"]))
    labels["programmes"] = {p: str(programmes.get(p, p)) for p in used}
    return labels


@functools.lru_cache(maxsize=16)
def _atlas_option_labels(data: str, fingerprint: str, lang: str) -> dict[str, dict[str, str]]:
    return option_labels(cached.atlas(), Translator(lang))


@functools.lru_cache(maxsize=4)
def _atlas_year_bounds(data: str, fingerprint: str) -> tuple[int, int]:
    return year_bounds(cached.atlas().clusters)


def atlas_option_labels(lang: str) -> dict[str, dict[str, str]]:
    """:func:`option_labels` of the atlas in use, made once per language for all sessions
    (shared: read it, never change it)."""
    return _atlas_option_labels(str(cached.data_dir()), cached.version(), lang)


def atlas_year_bounds() -> tuple[int, int]:
    """:func:`year_bounds` of the atlas in use, found once for all sessions."""
    return _atlas_year_bounds(str(cached.data_dir()), cached.version())


def active_filters(
    filters: Filters, labels: dict[str, dict[str, str]], t: Translator
) -> list[tuple[str, str, str, Any]]:
    """Each active filter as (field title, value label, widget key, value)."""
    active: list[tuple[str, str, str, Any]] = []
    for field, key in LIST_WIDGETS.items():
        for value in sorted(getattr(filters, field)):
            active.append((t(f"filters.{field}"), labels[field].get(value, value), key, value))
    if filters.founded:
        first, last = (str(year) for year in filters.founded)
        active.append(
            (t("filters.founded"), t("filters.chip_founded", first=first, last=last), FOUNDED_KEY, None)
        )
    if filters.size_range:
        low, high = filters.size_range
        measure = t(f"filters.measure_{filters.size_measure}")
        active.append((measure, t("filters.chip_size", low=low, high=high), SIZE_MIN_KEY, None))
    if not filters.include_unknown_size:
        active.append((t("filters.sizes"), t("filters.chip_no_unknown"), UNKNOWN_SIZE_KEY, None))
    if filters.text.strip():
        active.append((t("filters.text"), f"« {filters.text.strip()} »", TEXT_KEY, None))
    return active


def in_words(filters: Filters, atlas: Atlas, t: Translator) -> list[str]:
    """The active filters as short sentences, e.g. "Area: Japan"."""
    return [f"{title}: {label}" for title, label, _, _ in active_filters(filters, option_labels(atlas, t), t)]


def chips(filters: Filters, labels: dict[str, dict[str, str]], t: Translator) -> None:
    """The active filters as removable chips."""
    active = active_filters(filters, labels, t)
    if not active:
        return
    with st.container(horizontal=True, gap="small"):
        for index, (_, label, key, value) in enumerate(active):
            st.button(
                f"✕ {label}",
                key=f"chip_{index}_{key}",
                on_click=_remove(key, value),
                help=t("filters.chip_help"),
                type="tertiary",
            )


def _with_count(labels: dict[str, str], counts: dict[str, int]) -> Callable[[str], str]:
    """Option label followed by its number of cases under the other filters."""
    return lambda value: f"{labels.get(value, value)} ({counts.get(value, 0)})"


def _list_widget(
    field: str,
    labels: dict[str, dict[str, str]],
    every_count: dict[str, dict[str, int]],
    t: Translator,
    default: list[str] | None = None,
) -> None:
    st.multiselect(
        t(f"filters.{field}"),
        list(labels[field]),
        default=default,
        format_func=_with_count(labels[field], every_count[field]),
        key=LIST_WIDGETS[field],
        placeholder=t("filters.all"),
        select_all=False,
    )


def filter_panel(atlas: Atlas, filters: Filters, t: Translator, shown: int) -> None:
    """Draw the panel of the atlas's cases in the sidebar; widget values are read back by
    :func:`filters_from_widgets`."""
    clusters = atlas.clusters
    labels = atlas_option_labels(t.lang)
    st.session_state["_year_bounds"] = atlas_year_bounds()
    with st.sidebar:
        st.markdown(f"#### {t('filters.title')}")
        st.markdown(f"**{t('filters.count', n=shown, total=len(clusters))}**")
        chips(filters, labels, t)
        st.text_input(
            t("filters.text"), key=TEXT_KEY, placeholder=t("filters.text_placeholder"), max_chars=200
        )
        every_count = cached.option_counts(filters)
        for field in MAIN_LISTS:
            _list_widget(field, labels, every_count, t)
        # NOTE: a popover, whose widgets the browser draws only once it is opened: drawn with the
        # page, they cost the first map about 0.4 s (benchmarks/RESULTS.md). What they filter
        # stays in sight as chips above. Its label never changes: a new label would close it at
        # each change made inside it.
        # The widgets are given the values they hold as defaults: the browser draws them from
        # the last page it received, which carries a value set by the server only on the run
        # that set it (e.g. from the URL). Without a default of their own they would show, and
        # send back, their bare defaults.
        state = st.session_state
        with st.popover(t("filters.more"), width="stretch"):
            for field in MORE_LISTS:
                _list_widget(field, labels, every_count, t, default=state.get(LIST_WIDGETS[field]))
            st.checkbox(
                t("filters.include_unknown"),
                value=bool(state.get(UNKNOWN_SIZE_KEY, True)),
                key=UNKNOWN_SIZE_KEY,
            )
            measure = state.get(MEASURE_KEY)
            st.radio(
                t("filters.measure"),
                SIZE_MEASURES,
                index=SIZE_MEASURES.index(measure) if measure in SIZE_MEASURES else 0,
                format_func=lambda m: t(f"filters.measure_{m}"),
                key=MEASURE_KEY,
                horizontal=True,
            )
            low_col, high_col = st.columns(2)
            low_col.number_input(
                t("filters.size_min"), min_value=0, step=1, value=state.get(SIZE_MIN_KEY), key=SIZE_MIN_KEY
            )
            high_col.number_input(
                t("filters.size_max"), min_value=0, step=1, value=state.get(SIZE_MAX_KEY), key=SIZE_MAX_KEY
            )
            first, last = state["_year_bounds"]
            st.slider(
                t("filters.founded"),
                min_value=first,
                max_value=last,
                value=tuple(state.get(FOUNDED_KEY) or (first, last)),
                key=FOUNDED_KEY,
            )
            st.caption(t("filters.founded_note", n=int(clusters["founded_year"].isna().sum())))
        st.button(t("filters.reset"), on_click=_reset, key="f_reset", disabled=filters.is_empty())
