"""Policy models: the programmes by country and area, and what the seeds teach about cluster policies."""

from __future__ import annotations

import streamlit as st

from ui import knowledge_cache
from ui.errors import error_boundary
from ui.page import setup_page
from ui.policies import (
    cycle_section,
    diamond_section,
    families_section,
    lessons_section,
    policy_types_section,
    programmes_section,
)

page = setup_page("policies.nav", panel=False)
t = page.t

st.title(t("policies.title"))
st.write(t("policies.intro"))

with error_boundary(t):
    programmes_section(page)
with error_boundary(t):
    models = knowledge_cache.topic("policy_models")
    policy_types_section(page, models["construction"], models["markusen"])
with error_boundary(t):
    families_section(page, models["families"])
with error_boundary(t):
    diamond_section(page, models["diamond"])
with error_boundary(t):
    cycle_section(page, models["life-cycle"], models["phases"])
with error_boundary(t):
    lessons = knowledge_cache.topic("lessons")
    lessons_section(page, lessons["us-lessons"], lessons["limits"], lessons["commission"])
