"""Timeline: when the cases under the current filters were founded and the programmes launched."""

from __future__ import annotations

import streamlit as st

from ui.errors import error_boundary
from ui.page import setup_page
from ui.timeline import emergence_map, timelines

page = setup_page("timeline.nav")
t = page.t

st.title(t("timeline.title"))
st.write(t("timeline.intro"))

with error_boundary(t):
    emergence_map(page)
with error_boundary(t):
    timelines(page)
