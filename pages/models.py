"""Models: the filtered cases grouped by area, policy type or kind of unit, side by side."""

from __future__ import annotations

import streamlit as st

from ui.errors import error_boundary
from ui.models import by_control, comparison, downloads, draw_panels
from ui.page import setup_page

page = setup_page("models.nav")
t, state = page.t, page.state

st.title(t("models.title"))
by = by_control(t)
st.caption(t("models.intro", by=t(f"models.by_{by}_lower")))
with error_boundary(t):
    if page.cases.empty:
        st.info(t("models.empty"))
    else:
        draw_panels(state)
        st.caption(t("models.scale_note") + " " + t("models.sector_note"))
        with st.popover(t("models.downloads")):
            downloads(comparison(state.filters, by), page.atlas, state, t)
