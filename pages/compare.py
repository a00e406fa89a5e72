"""Compare: 2 to 4 cases side by side, field by field, with a small map."""

from __future__ import annotations

import streamlit as st

from ui.compare import comparison_table, pick_cases
from ui.errors import error_boundary
from ui.mapview import compare_map
from ui.page import setup_page

ROW_PX = 35  # Streamlit's dataframe row height: show every field without a scrollbar

page = setup_page("nav.compare")
t, state = page.t, page.state

st.title(t("compare.title"))
chosen = pick_cases(page.cases, page.atlas, state, t)
with error_boundary(t):
    if len(chosen) < 2:
        st.info(t("compare.too_few"))
    else:
        table = comparison_table(chosen, page.atlas, t)
        st.dataframe(table, width="stretch", height=ROW_PX * (len(table) + 1) + 3)
        compare_map(page.atlas.clusters[page.atlas.clusters["id"].isin(chosen)], state, t)
