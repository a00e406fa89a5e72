"""Page setup shared by every page: config, language, data, view, page list and filter panel."""

from __future__ import annotations

import dataclasses
from functools import partial

import streamlit as st

from data.load import Atlas, DataValidationError
from ui import cached, filters, links
from ui.accessibility import focus_styles
from ui.brief import brief_bytes
from ui.context import Page
from ui.errors import LOGGER
from ui.export import export_panel
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from ui.keys import LANG_KEY
from ui.present import hide_chrome
from ui.reconnect import rerun_after_reconnect
from ui.state import to_params
from ui.url_sync import dropped_notice, sync_url


def setup_page(title_key: str, *, panel: bool = True) -> Page:
    """Configure the page, load the data, read the view from the URL and draw the sidebar
    (language, page list and, on pages that list cases, the filter panel).

    Every page calls this first, so a deep link to any page works on a cold server.
    """
    lang = st.session_state.get(LANG_KEY) or st.query_params.get("lang") or DEFAULT_LANGUAGE
    t = Translator(lang)
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.title')}", layout="wide")
    rerun_after_reconnect()
    atlas = load_atlas_or_stop(t)
    state = sync_url(atlas, title_key)
    t = Translator(state.lang)
    cases = cached.filtered(state.filters)
    focus_styles()
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
        export_panel(cases, atlas, state, t, brief=partial(brief_bytes, cases, atlas, state, t))
    dropped = dropped_notice()
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
