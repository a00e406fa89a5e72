"""Page setup shared by every page: config, language, page list, error boundary, legend."""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import pandas as pd
import streamlit as st

from data.load import Atlas, DataValidationError
from geo import layers
from ui import cached, filters, links
from ui.card import CASE_KEY
from ui.compare import COMPARE_KEY
from ui.export import export_panel
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from ui.present import FILTERED, SLIDE_KEY, STORY_KEY, hide_chrome, stories
from ui.state import ViewState, Vocabulary, parse_params, to_params

LOGGER: Final = logging.getLogger("cluster_atlas")

# Session-state keys that carry the view (besides the filter panel's, in ui/filters.py).
LANG_KEY: Final[str] = "w_lang"
VIEW_KEY: Final[str] = "w_view"
MODE_KEY: Final[str] = "w_mode"
_LAST_URL: Final[str] = "_url_last"
_LAST_PAGE: Final[str] = "_page_last"
_NOTICE: Final[str] = "_url_dropped"


@dataclass(frozen=True)
class Page:
    """What every page gets from the setup: translator, data, the view and the filtered cases."""

    t: Translator
    atlas: Atlas
    state: ViewState
    cases: pd.DataFrame

    @property
    def programme_names(self) -> dict[str, str]:
        """English name of each programme, by id."""
        return dict(zip(self.atlas.programmes["id"], self.atlas.programmes["name_en"], strict=True))


def current_query() -> dict[str, list[str]]:
    """The URL query string, every key with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


@st.cache_resource(show_spinner=False)
def vocabulary(_atlas: Atlas) -> Vocabulary:
    """The values the URL may name, from the data (built once: the atlas is one shared object)."""
    return Vocabulary(
        countries=frozenset(_atlas.clusters["country_iso2"]),
        programmes=frozenset(_atlas.programmes["id"]),
        cases=frozenset(_atlas.clusters["id"]),
        stories=frozenset(stories()),
    )


def _seed(state: ViewState, *, overwrite: bool) -> None:
    values: dict[str, object] = {
        LANG_KEY: state.lang,
        VIEW_KEY: state.view,
        MODE_KEY: state.mode,
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
        case=st.session_state[CASE_KEY],
        compare=tuple(st.session_state[COMPARE_KEY]),
        slide=st.session_state[SLIDE_KEY],
        story=None if st.session_state[STORY_KEY] == FILTERED else st.session_state[STORY_KEY],
    )
    write_url(state, params)
    return state


def write_url(state: ViewState, current: dict[str, list[str]] | None = None) -> None:
    """Put a view into the address bar (only when it differs, to keep history clean)."""
    wanted = to_params(state)
    if wanted != (current if current is not None else current_query()):
        st.query_params.from_dict(wanted)
    st.session_state[_LAST_URL] = wanted


def setup_page(title_key: str, *, panel: bool = True) -> Page:
    """Configure the page, load the data, read the view from the URL and draw the sidebar
    (language, page list and, on pages that list cases, the filter panel).

    Every page calls this first, so a deep link to any page works on a cold server.
    """
    lang = st.session_state.get(LANG_KEY) or st.query_params.get("lang") or DEFAULT_LANGUAGE
    t = Translator(lang)
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.title')}", layout="wide")
    atlas = load_atlas_or_stop(t)
    state = sync_url(atlas, title_key)
    t = Translator(state.lang)
    cases = cached.filtered(state.filters)
    if state.present:
        hide_chrome()
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        st.segmented_control(
            t("lang.label"),
            LANGUAGES,
            format_func=lambda code: t(f"lang.{code}"),
            key=LANG_KEY,
            required=True,
        )
        st.caption(t("nav.label"))
        query = to_params(dataclasses.replace(state, case=None))
        for page_ref in links.PAGES.values():
            st.page_link(page_ref.script, label=t(page_ref.title_key), query_params=query)
    if panel and not state.present:
        filters.filter_panel(atlas, state.filters, t, shown=len(cases))
        export_panel(cases, atlas, state, t)
    dropped = st.session_state.pop(_NOTICE, None)
    if dropped:
        st.info(t("app.url_dropped", items=", ".join(dropped)))
    return Page(t=t, atlas=atlas, state=state, cases=cases)


def load_atlas_or_stop(t: Translator) -> Atlas:
    """The atlas tables, or a plain-words list of data problems and a stop."""
    try:
        return cached.atlas()
    except DataValidationError as error:
        LOGGER.error("data validation failed: %s", error)
        st.error(t("app.error_data"))
        st.code("\n".join(error.problems[:50]), language=None)
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure we never return here


@contextmanager
def error_boundary(t: Translator) -> Iterator[None]:
    """Show a short message instead of a traceback, log the details, let the rest run."""
    try:
        yield
    except Exception:  # Streamlit's stop and rerun signals are BaseException: they pass
        LOGGER.exception("page section failed")
        st.error(t("app.error_page"))


LEGEND_NOTE_STYLE: Final[str] = "font-size:.875rem;color:rgba(49,51,63,.6);margin:.75em 0 0"


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
    title: str, entries: Sequence[tuple[str, Sequence[int]]], notes: Sequence[str], ring: str | None = None
) -> None:
    """A colour legend and its notes, drawn as one block of HTML; every text is escaped.
    ``ring``: the label of one more row, for the statistical clusters' ringed mark.

    NOTE: one element, not a caption per note: each Markdown element costs the browser a parse
    and a render before the page settles (benchmarks/RESULTS.md).
    """
    rows = "".join(
        _legend_row(f"{SWATCH_STYLE}background:rgb{tuple(rgb)};border:1px solid #fff", label)
        for label, rgb in entries
    )
    if ring is not None:
        rows += _legend_row(RING_SWATCH_STYLE, ring, margin=".5em 0 .15em")
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
    )
