"""The map in words under every map (and as its label): the text alternative, in the page's
language, kept in step with the filters; a link opens the same cases as a table."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from data import describe
from ui import links
from ui.i18n import Translator, country_name, messages
from ui.markdown import escape_md
from ui.state import ViewState, to_params


def map_summary(cases: pd.DataFrame, t: Translator) -> str:
    """The cases of a map in words, e.g. "312 cases shown; most in Japan (80), ...". The same
    text serves as alt text of exported maps and slides."""
    templates = {key: messages(t.lang).get(f"describe.{key}", key) for key in describe.TEMPLATE_KEYS}
    return describe.summary_text(
        describe.summarise(cases),
        templates,
        lang=t.lang,
        country_name=lambda code: country_name(code, t.lang),
        sector_label=lambda sector: t.label("sector", sector),
    )


def draw_summary(summary: str, state: ViewState, t: Translator) -> None:
    """The summary under the map, and the link to the same cases on the Cases page."""
    draw_words(summary, t)
    table_state = dataclasses.replace(state, case=None)
    st.page_link(links.script("cases"), label=t("describe.table_view"), query_params=to_params(table_state))


def draw_words(summary: str, t: Translator) -> None:
    """The summary under a map, as text a screen reader reads."""
    st.markdown(f"**{escape_md(t('describe.label'))}** {escape_md(summary)}")


def uploaded_summary(valid: pd.DataFrame, t: Translator) -> str:
    """The map in words for uploaded rows: their size is unknown when they give neither employees
    nor member firms; none is a statistical cluster."""
    sized = valid[["employees", "members_firms"]].notna().any(axis=1)
    return map_summary(valid.assign(size_class=sized.map({True: "known", False: "unknown"}), unit_type=""), t)
