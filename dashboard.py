"""Home page: the map of the cluster cases under the current filters, with the open case's card."""

from __future__ import annotations

import streamlit as st

from geo.view import VIEW_PRESETS
from ui.card import render_card
from ui.errors import error_boundary
from ui.history import history_note
from ui.keys import MODE_KEY, VIEW_KEY
from ui.mapview import draw_map, unplaced_note
from ui.page import setup_page
from ui.state import MAP_MODES
from ui.summary import summary_panel

page = setup_page("nav.map")
t, state = page.t, page.state

st.title(t("map.title"))
st.caption(t("app.tagline"))
# 7:4 leaves the five views room on one line at the presenter's larger type.
view_column, mode_column = st.columns([7, 4])
view_column.segmented_control(
    t("map.view_label"),
    tuple(VIEW_PRESETS),
    format_func=lambda v: t(f"view.{v}"),
    key=VIEW_KEY,
    required=True,
)
mode_column.segmented_control(
    t("map.mode_label"), MAP_MODES, format_func=lambda m: t(f"map.mode_{m}"), key=MODE_KEY, required=True
)
st.caption(t("map.caption", n=len(page.cases), total=len(page.atlas.clusters)))
history_note(state.filters, t, key="map")
unplaced_note(page.cases, t)
if page.cases.empty:
    st.info(t("map.empty"))

with error_boundary(t):
    beside_map = draw_map(page.cases, state, t, page.programme_names)
    with beside_map:
        summary_panel(state.filters, t, key="map_summary")

with error_boundary(t):
    if state.case:
        render_card(state.case, page.atlas, state, t, key="map_card")
    else:
        st.caption(t("card.hint"))
st.caption(t("map.credit"))
