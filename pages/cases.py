"""Cases: a sortable table of the filtered cases; selecting a row opens its card."""

from __future__ import annotations

import streamlit as st

from ui.card import render_card
from ui.errors import error_boundary
from ui.history import history_note
from ui.page import setup_page
from ui.summary import summary_panel
from ui.tables import cases_table

page = setup_page("nav.cases")
t, state = page.t, page.state

st.title(t("cases.title"))
st.caption(
    t("filters.count", n=len(page.cases), total=len(page.atlas.clusters))
    + " · "
    + t("cases.hint")
    + " "
    + t("access.table_keys")
)
history_note(state.filters, t, key="table")
table_column, summary_column = st.columns([3, 1])
with error_boundary(t), table_column:
    if page.cases.empty:
        st.info(t("map.empty"))
    else:
        cases_table(page.cases, t, page.programme_names)
with error_boundary(t), summary_column:
    summary_panel(state.filters, t, key="table_summary")
with error_boundary(t):
    if state.case:
        render_card(state.case, page.atlas, state, t, key="table_card")
