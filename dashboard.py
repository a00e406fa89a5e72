"""Home page: the map of all cluster cases, drawn offline over country boundaries."""

from __future__ import annotations

import streamlit as st

from data.vocab import SECTORS
from geo import layers
from geo.boundaries import BASEMAP_URL
from geo.view import DEFAULT_VIEW, VIEW_PRESETS
from ui.i18n import country_name
from ui.widgets import VIEW_KEY, error_boundary, setup_page, swatch_legend

page = setup_page("nav.map")
t, clusters = page.t, page.atlas.clusters

st.title(t("map.title"))
st.caption(t("app.tagline"))
view = st.segmented_control(
    t("map.view_label"),
    tuple(VIEW_PRESETS),
    format_func=lambda v: t(f"view.{v}"),
    key=VIEW_KEY,
    required=True,
)
st.caption(t("map.caption", n=len(clusters), total=len(clusters)))

map_column, legend_column = st.columns([4, 1])
with map_column, error_boundary(t):
    points = layers.cluster_points(
        clusters,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
    )
    deck = layers.cluster_deck(points, BASEMAP_URL, view or DEFAULT_VIEW)
    st.pydeck_chart(deck, height=620, key="map", alt=t("map.alt", n=len(points)))
with legend_column:
    swatch_legend(
        t("map.legend_title"),
        [(t.label("sector", s), layers.SECTOR_RGB[s]) for s in layers.legend_sectors(points)],
        t("map.legend_note"),
    )
    statistical = int(points["statistical"].sum())
    if statistical:
        st.caption("◆ " + t("map.statistical_note", n=statistical))
st.caption(t("map.credit"))
