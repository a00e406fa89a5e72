"""US cluster strength: US Cluster Mapping Project 2016 figures of the atlas's statistical clusters."""

from __future__ import annotations

import streamlit as st

from ui import knowledge_cache
from ui.errors import error_boundary
from ui.page import setup_page
from ui.us_strength import strength_section

page = setup_page("us.nav", panel=False)
t = page.t

st.title(t("us.title"))
st.write(t("us.intro"))

with error_boundary(t):
    strength_section(page, knowledge_cache.us_cmp(), knowledge_cache.us_cmp_meta())
