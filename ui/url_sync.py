"""URL sync: the address bar and the view's widgets kept in step, both ways."""

from __future__ import annotations

import dataclasses
from typing import Final

import streamlit as st

from data.filters import data_options
from data.load import Atlas
from ui import cached, filters
from ui.keys import (
    BY_KEY,
    CASE_KEY,
    COMPARE_KEY,
    FILTERED,
    LANG_KEY,
    MODE_KEY,
    SLIDE_KEY,
    STORY_KEY,
    VIEW_KEY,
)
from ui.state import ViewState, Vocabulary, parse_params, to_params

_LAST_URL: Final[str] = "_url_last"
_LAST_PAGE: Final[str] = "_page_last"
_NOTICE: Final[str] = "_url_dropped"


def current_query() -> dict[str, list[str]]:
    """The URL query string, every key with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


@st.cache_resource(show_spinner=False)
def vocabulary(_atlas: Atlas) -> Vocabulary:
    """The values the URL may name, from the data (built once: the atlas is one shared object)."""
    return Vocabulary(
        options=data_options(lambda table: getattr(_atlas, table)),
        cases=frozenset(_atlas.clusters["id"]),
        stories=frozenset(cached.stories()),
    )


def _seed(state: ViewState, *, overwrite: bool) -> None:
    values: dict[str, object] = {
        LANG_KEY: state.lang,
        VIEW_KEY: state.view,
        MODE_KEY: state.mode,
        BY_KEY: state.by,
        CASE_KEY: state.case,
        COMPARE_KEY: list(state.compare),
        SLIDE_KEY: state.slide,
        STORY_KEY: state.story or FILTERED,
    }
    for key, value in values.items():
        if overwrite or key not in st.session_state:
            st.session_state[key] = value


def sync_url(atlas: Atlas, page_id: str) -> ViewState:
    """Reconcile widgets and URL: a new or changed URL (shared link, back button) or a new page
    seeds the widgets; otherwise the widgets' values are written back to the URL.

    NOTE: after a page switch the widgets are new widgets that do not see the old page's values
    (same keys, other ids), so the URL, which travelled with the switch, seeds them again.
    """
    params = current_query()
    result = parse_params(params, vocabulary(atlas))
    page_changed = st.session_state.get(_LAST_PAGE) != page_id
    st.session_state[_LAST_PAGE] = page_id
    url_changed = params != st.session_state.get(_LAST_URL) or page_changed
    bounds = filters.atlas_year_bounds()
    _seed(result.state, overwrite=url_changed)
    filters.seed_widgets(result.state.filters, bounds, overwrite=url_changed)
    if url_changed and result.dropped:
        st.session_state[_NOTICE] = result.dropped
    state = dataclasses.replace(
        result.state,
        filters=filters.filters_from_widgets(bounds),
        lang=st.session_state[LANG_KEY] or result.state.lang,
        view=st.session_state[VIEW_KEY] or result.state.view,
        mode=st.session_state[MODE_KEY] or result.state.mode,
        by=st.session_state[BY_KEY] or result.state.by,
        case=st.session_state[CASE_KEY],
        compare=tuple(st.session_state[COMPARE_KEY]),
        slide=st.session_state[SLIDE_KEY],
        story=None if st.session_state[STORY_KEY] == FILTERED else st.session_state[STORY_KEY],
    )
    # A link to the same page (st.page_link with other query parameters, e.g. "Start presenting")
    # reruns the page with its query but leaves the address bar as it was: write it back then, or
    # the next rerun reads the old address and drops the view (found by tests/e2e/test_keyboard.py).
    write_url(state, params, force=url_changed and not page_changed)
    return state


def write_url(state: ViewState, current: dict[str, list[str]] | None = None, *, force: bool = False) -> None:
    """Put a view into the address bar (only when it differs, to keep history clean)."""
    wanted = to_params(state)
    if force or wanted != (current if current is not None else current_query()):
        st.query_params.from_dict(wanted)
    st.session_state[_LAST_URL] = wanted


def dropped_notice() -> list[str] | None:
    """The URL values dropped at the last sync (unknown or malformed), once."""
    dropped: list[str] | None = st.session_state.pop(_NOTICE, None)
    return dropped
