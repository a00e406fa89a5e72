"""Probe twin: the floor page showing the atlas's own map deck, with layers left out on demand.

The sidebar's area filter filters the cases as the atlas does (one point a case, or bins above
``mapview.MAX_POINTS`` cases), so a filter change can be timed on the atlas's deck without the
rest of the atlas's page.
``ATLAS_PROBE_DROP``: comma-separated layer ids to leave out (``basemap``,
``statistical-clusters``, ...). The basemap pictures are served from ``static/`` beside this
script, where ``benchmarks/twins/assets.py`` copies them from the atlas's ``static/``.
"""

from __future__ import annotations

import os

import streamlit as st

from benchmarks.twins.builders import AREA_KEY, AREA_LABEL, area_label
from data.query import Filters
from data.vocab import AREAS
from geo import layers
from ui import cached, mapview
from ui.i18n import Translator
from ui.state import ViewState

st.set_page_config(page_title="Deck probe", layout="wide")
st.title("Deck probe")
with st.sidebar:
    areas = st.multiselect(AREA_LABEL, AREAS, format_func=area_label, key=AREA_KEY)
state = ViewState(filters=Filters(areas=frozenset(areas)))
cases = cached.filtered(state.filters)
if len(cases) > mapview.MAX_POINTS:
    deck = mapview.binned_deck(cases, state, Translator(state.lang))[0]
else:
    deck = mapview.atlas_points_deck(state)[0]
dropped = set(os.environ.get("ATLAS_PROBE_DROP", "").split(","))
kept = [layer for layer in deck.layers if getattr(layer, "id", "") not in dropped]
probe = layers.CompactDeck(
    layers=kept,
    initial_view_state=deck.initial_view_state,
    map_provider=None,
    tooltip={"html": layers.TOOLTIP_HTML},
)
st.pydeck_chart(probe, height=620, key="map", on_select="rerun", selection_mode="single-object")
