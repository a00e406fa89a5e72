"""Internationalisation: the INNET survey of 91 European clusters (seed 002), as far as its text survived."""

from __future__ import annotations

import streamlit as st

from ui import knowledge_cache
from ui.errors import error_boundary
from ui.innet import answers_section, frame_section, process_section, sectors_section
from ui.page import setup_page

page = setup_page("innet.nav", panel=False)
t = page.t

st.title(t("innet.title"))
st.write(t("innet.intro"))

with error_boundary(t):
    innet = knowledge_cache.topic("innet")
    frame_section(page, innet["frame"], innet["questions"])
with error_boundary(t):
    answers_section(page, innet)
with error_boundary(t):
    sectors_section(page, innet["sectors"], knowledge_cache.topic("policy_models")["markusen"])
with error_boundary(t):
    process_section(page, innet["process"], innet["diagnosis-questions"])
