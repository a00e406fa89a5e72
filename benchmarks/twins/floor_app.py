"""The floor: a bare Streamlit page with a one-point pydeck chart (what any map page costs)."""

from __future__ import annotations

import streamlit as st

from benchmarks.twins.builders import AREA_KEY, AREA_LABEL, area_label, floor_deck
from data.vocab import AREAS

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
with st.sidebar:
    areas = st.multiselect(AREA_LABEL, AREAS, format_func=area_label, key=AREA_KEY)
st.pydeck_chart(floor_deck("japan" in areas), height=620)
