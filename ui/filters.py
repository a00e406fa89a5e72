"""The filter panel, its chips and the filters in words, shown on every page that lists cases.

Drawn from the declarations in ``data/filters.py``: one widget kind per kind of filter, in the
order of the declarations, in sight or under "More filters" as each one says.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Final

import pandas as pd
import streamlit as st

from data.filters import (
    CHOICES,
    REGISTRY,
    Chip,
    Choice,
    CountryLabels,
    Filters,
    FilterSpec,
    Flag,
    LocaleLabels,
    OneOf,
    Range,
    Search,
    TableLabels,
    chips,
    removed,
)
from data.load import Atlas
from ui import cached
from ui.i18n import Translator, country_name

# Data ranges of the year filters (their sliders' ends), kept for the chips' callbacks.
BOUNDS_KEY: Final[str] = "_year_bounds"
# Used when the data has no year at all.
FALLBACK_YEARS: Final[tuple[int, int]] = (1900, 2026)
Bounds = Mapping[str, tuple[int, int]]


def widget_keys(spec: FilterSpec) -> tuple[str, ...]:
    """Session-state keys of a filter's widgets: ``f_<field>``; a count range has two fields,
    ``f_<low key>`` and ``f_<high key>``."""
    if isinstance(spec, Range) and spec.kind == "count":
        return (f"f_{spec.low_key}", f"f_{spec.high_key}")
    return (spec.widget_key,)


ALL_KEYS: Final[tuple[str, ...]] = tuple(key for spec in REGISTRY for key in widget_keys(spec))


def year_bounds(clusters: pd.DataFrame, column: str = "founded_year") -> tuple[int, int]:
    """First and last year of a column of the data (a year slider's ends)."""
    years = clusters[column].dropna()
    return (int(years.min()), int(years.max())) if not years.empty else FALLBACK_YEARS


def data_bounds(clusters: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The data's range of each year filter, by filter name."""
    return {
        spec.name: year_bounds(clusters, spec.column)
        for spec in REGISTRY
        if isinstance(spec, Range) and spec.kind == "year"
    }


def widget_values(spec: FilterSpec, value: Any, bounds: Bounds) -> dict[str, Any]:
    """The values of a filter's widgets that show ``value``."""
    keys = widget_keys(spec)
    if isinstance(spec, Choice):
        return {keys[0]: sorted(value)}
    if isinstance(spec, Range) and spec.kind == "count":
        return dict(zip(keys, value or (None, None), strict=True))
    if isinstance(spec, Range):
        low, high = bounds[spec.name]
        first, last = value or (low, high)
        return {keys[0]: (max(low, min(first, high)), min(high, max(last, low)))}
    return {keys[0]: value}


def widget_value(spec: FilterSpec, bounds: Bounds) -> Any:
    """The value a filter's widgets hold now."""
    state = st.session_state
    keys = widget_keys(spec)
    current = state.get(keys[0])
    if isinstance(spec, Choice):
        return frozenset(current or ())
    if isinstance(spec, Search):
        return str(current or "")[: spec.max_length]
    if isinstance(spec, Flag):
        return bool(state.get(keys[0], spec.default))
    if isinstance(spec, OneOf):
        return current if current in spec.options else spec.default
    if isinstance(spec, Range) and spec.kind == "count":
        low, high = current, state.get(keys[1])
        if low is None and high is None:
            return None
        first, last = int(low or spec.bounds[0]), int(high) if high is not None else spec.bounds[1]
        return (min(first, last), max(first, last))
    if current and tuple(current) != tuple(bounds[spec.name]):
        return (int(current[0]), int(current[1]))
    return None


def seed_widgets(filters: Filters, bounds: Bounds, *, overwrite: bool) -> None:
    """Put a filter state into the panel's widgets (before they are drawn)."""
    for spec in REGISTRY:
        for key, value in widget_values(spec, getattr(filters, spec.name), bounds).items():
            if overwrite or key not in st.session_state:
                st.session_state[key] = value


def filters_from_widgets(bounds: Bounds) -> Filters:
    """The filter state the panel's widgets hold now."""
    return Filters(**{spec.name: widget_value(spec, bounds) for spec in REGISTRY})


def _reset() -> None:
    seed_widgets(Filters(), st.session_state[BOUNDS_KEY], overwrite=True)


def _remove(chip: Chip) -> Callable[[], None]:
    def remove() -> None:
        bounds = st.session_state[BOUNDS_KEY]
        spec = next(spec for spec in REGISTRY if spec.name == chip.name)
        value = getattr(removed(filters_from_widgets(bounds), chip), spec.name)
        for key, widget in widget_values(spec, value, bounds).items():
            st.session_state[key] = widget

    return remove


def option_labels(atlas: Atlas, t: Translator) -> dict[str, dict[str, str]]:
    """Display label of every option of every list filter, in the chosen language."""
    labels: dict[str, dict[str, str]] = {}
    for spec in CHOICES:
        options = list(spec.options) or sorted(set(atlas.clusters[spec.column].dropna()))
        how = spec.label_source
        if isinstance(how, LocaleLabels):
            labels[spec.name] = t.labels(how.group, options)
        elif isinstance(how, CountryLabels):
            labels[spec.name] = {code: country_name(code, t.lang) for code in options}
        elif isinstance(how, TableLabels):
            table = getattr(atlas, how.table)
            names = table.set_index(how.id_column)[t.column(table.columns, how.name_stem)]
            labels[spec.name] = {value: str(names.get(value, value)) for value in options}
    return labels


@functools.lru_cache(maxsize=16)
def _atlas_option_labels(data: str, fingerprint: str, lang: str) -> dict[str, dict[str, str]]:
    return option_labels(cached.atlas(), Translator(lang))


@functools.lru_cache(maxsize=4)
def _atlas_year_bounds(data: str, fingerprint: str) -> dict[str, tuple[int, int]]:
    return data_bounds(cached.atlas().clusters)


def atlas_option_labels(lang: str) -> dict[str, dict[str, str]]:
    """:func:`option_labels` of the atlas in use, made once per language for all sessions
    (shared: read it, never change it)."""
    return _atlas_option_labels(str(cached.data_dir()), cached.version(), lang)


def atlas_year_bounds() -> dict[str, tuple[int, int]]:
    """:func:`data_bounds` of the atlas in use, found once for all sessions (shared: read it,
    never change it)."""
    return _atlas_year_bounds(str(cached.data_dir()), cached.version())


def chip_text(chip: Chip, labels: dict[str, dict[str, str]], t: Translator) -> str:
    """What a chip says: an option's label, a message, or the user's text in quotes."""
    if chip.option is not None:
        return labels.get(chip.name, {}).get(chip.option, chip.option)
    if chip.message_key is not None:
        return t(chip.message_key, **dict(chip.args))
    return f"« {chip.quote} »"


def in_words(filters: Filters, atlas: Atlas, t: Translator) -> list[str]:
    """The active filters as short sentences, e.g. "Area: Japan"."""
    labels = option_labels(atlas, t)
    return [f"{t(chip.title_key)}: {chip_text(chip, labels, t)}" for chip in chips(filters)]


def draw_chips(filters: Filters, labels: dict[str, dict[str, str]], t: Translator) -> None:
    """The active filters as removable chips."""
    active = chips(filters)
    if not active:
        return
    with st.container(horizontal=True, gap="small"):
        for index, chip in enumerate(active):
            st.button(
                f"✕ {chip_text(chip, labels, t)}",
                key=f"chip_{index}_{chip.name}",
                on_click=_remove(chip),
                help=t("filters.chip_help"),
                type="tertiary",
            )


def _with_count(labels: dict[str, str], counts: dict[str, int]) -> Callable[[str], str]:
    """Option label followed by its number of cases under the other filters."""
    return lambda value: f"{labels.get(value, value)} ({counts.get(value, 0)})"


def _widget(
    spec: FilterSpec,
    clusters: pd.DataFrame,
    labels: dict[str, dict[str, str]],
    every_count: dict[str, dict[str, int]],
    t: Translator,
    *,
    keep: bool,
) -> None:
    """The widget(s) of one filter. ``keep``: give them the values they hold as defaults (see
    the note in :func:`filter_panel`)."""
    state = st.session_state
    keys = widget_keys(spec)
    held = state.get(keys[0]) if keep else None
    if isinstance(spec, Choice):
        st.multiselect(
            t(spec.title_key),
            list(labels[spec.name]),
            default=held,
            format_func=_with_count(labels[spec.name], every_count[spec.name]),
            key=keys[0],
            placeholder=t("filters.all"),
            select_all=False,
        )
    elif isinstance(spec, Search):
        st.text_input(
            t(spec.title_key),
            value=str(held or ""),
            key=keys[0],
            placeholder=t(spec.placeholder) if spec.placeholder else None,
            max_chars=spec.max_length,
        )
    elif isinstance(spec, Flag):
        if keep:
            st.checkbox(t(spec.title_key), value=bool(state.get(keys[0], spec.default)), key=keys[0])
        elif keys[0] in state:
            # In sight, the switch reads the value the session holds (set from the link or the
            # page's "show history" button); a default beside it would only draw a warning.
            st.checkbox(t(spec.title_key), key=keys[0])
        else:
            st.checkbox(t(spec.title_key), value=spec.default, key=keys[0])
    elif isinstance(spec, OneOf):
        st.radio(
            t(spec.title_key),
            spec.options,
            index=spec.options.index(held) if held in spec.options else 0,
            format_func=lambda option: t(spec.option_key(option)),
            key=keys[0],
            horizontal=True,
        )
    elif isinstance(spec, Range) and spec.kind == "count":
        for column, key, url_key in zip(st.columns(2), keys, spec.keys, strict=True):
            column.number_input(
                t(f"filters.{url_key}"), min_value=0, step=1, value=state.get(key) if keep else None, key=key
            )
    elif isinstance(spec, Range):
        first, last = state[BOUNDS_KEY][spec.name]
        st.slider(
            t(spec.title_key),
            min_value=first,
            max_value=last,
            value=tuple(held or (first, last)),
            key=keys[0],
        )
        if spec.note:
            st.caption(t(spec.note, n=int(clusters[spec.column].isna().sum())))


def filter_panel(atlas: Atlas, filters: Filters, t: Translator, shown: int) -> None:
    """Draw the panel of the atlas's cases in the sidebar; widget values are read back by
    :func:`filters_from_widgets`."""
    clusters = atlas.clusters
    labels = atlas_option_labels(t.lang)
    st.session_state[BOUNDS_KEY] = atlas_year_bounds()
    with st.sidebar:
        st.markdown(f"#### {t('filters.title')}")
        st.markdown(f"**{t('filters.count', n=shown, total=len(clusters))}**")
        draw_chips(filters, labels, t)
        every_count = cached.option_counts(filters)
        for spec in REGISTRY:
            if spec.place == "main":
                _widget(spec, clusters, labels, every_count, t, keep=False)
        # NOTE: a popover, whose widgets the browser draws only once it is opened: drawn with the
        # page, they cost the first map about 0.4 s (benchmarks/RESULTS.md). What they filter
        # stays in sight as chips above. Its label never changes: a new label would close it at
        # each change made inside it.
        # The widgets are given the values they hold as defaults: the browser draws them from
        # the last page it received, which carries a value set by the server only on the run
        # that set it (e.g. from the URL). Without a default of their own they would show, and
        # send back, their bare defaults.
        with st.popover(t("filters.more"), width="stretch"):
            for spec in REGISTRY:
                if spec.place == "more":
                    _widget(spec, clusters, labels, every_count, t, keep=True)
        st.button(t("filters.reset"), on_click=_reset, key="f_reset", disabled=filters.is_empty())
