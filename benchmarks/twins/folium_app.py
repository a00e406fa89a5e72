"""Twin: a streamlit-folium page with one marker per case in a MarkerCluster."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from benchmarks.twins.builders import AREA_KEY, AREA_LABEL, area_label, filter_areas, folium_map
from data.vocab import AREAS
from ui import cached

st.set_page_config(page_title="Folium twin", layout="wide")
st.title("Folium twin")
with st.sidebar:
    areas = st.multiselect(AREA_LABEL, AREAS, format_func=area_label, key=AREA_KEY)
cases = filter_areas(cached.atlas().clusters, areas)
st_folium(folium_map(cases), height=620, width=None, use_container_width=True, returned_objects=[])
st.caption(f"{len(cases)} cases")  # after the map: the benchmark reads it as "the map was sent"
