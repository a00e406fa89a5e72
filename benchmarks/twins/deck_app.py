"""Probe twin: the floor page showing the atlas's own map deck, with layers left out on demand.

``ATLAS_PROBE_DROP``: comma-separated layer ids to leave out (``basemap``,
``statistical-clusters``, ...). The basemap pictures are served from ``static/`` beside this
script, where ``benchmarks/twins/assets.py`` copies them from the atlas's ``static/``.
"""

from __future__ import annotations

import os

import streamlit as st

from benchmarks.twins.builders import AREA_KEY, AREA_LABEL, area_label
from data.vocab import AREAS
from geo import layers
from ui import mapview
from ui.state import ViewState

st.set_page_config(page_title="Deck probe", layout="wide")
st.title("Deck probe")
with st.sidebar:
    st.multiselect(AREA_LABEL, AREAS, format_func=area_label, key=AREA_KEY)
deck, _ = mapview.atlas_points_deck(ViewState())
dropped = set(os.environ.get("ATLAS_PROBE_DROP", "").split(","))
kept = [layer for layer in deck.layers if getattr(layer, "id", "") not in dropped]
probe = layers.CompactDeck(
    layers=kept,
    initial_view_state=deck.initial_view_state,
    map_provider=None,
    tooltip={"html": layers.TOOLTIP_HTML},
)
st.pydeck_chart(probe, height=620, key="map", on_select="rerun", selection_mode="single-object")
