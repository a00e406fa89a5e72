"""Twin: a pydeck page that sends every case, every column, as pydeck's full JSON."""

from __future__ import annotations

import streamlit as st

from benchmarks.twins.builders import AREA_KEY, AREA_LABEL, area_label, filter_areas, naive_deck
from data.vocab import AREAS
from ui import cached

st.set_page_config(page_title="Naive pydeck twin", layout="wide")
st.title("Naive pydeck twin")
with st.sidebar:
    areas = st.multiselect(AREA_LABEL, AREAS, format_func=area_label, key=AREA_KEY)
cases = filter_areas(cached.atlas().clusters, areas)
st.caption(f"{len(cases)} cases")
st.pydeck_chart(naive_deck(cases), height=620)
