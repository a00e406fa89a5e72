"""The maps of the twin pages, built without Streamlit so the benchmark can time them in-process."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pandas as pd
import pydeck as pdk

from geo.layers import SECTOR_RGB, primary_sector

if TYPE_CHECKING:  # folium is a benchmark-only package: the floor and naive twins run without it
    import folium

AREA_KEY: Final[str] = "area"
AREA_LABEL: Final[str] = "Area"
FLOOR_RGB: Final[list[int]] = list(SECTOR_RGB["ict"])
FLOOR_RADIUS_PX: Final[int] = 40
# Where the floor's single point stands: Paris with no filter, Tokyo with a filter on Japan.
FLOOR_POINTS: Final[dict[bool, tuple[float, float]]] = {False: (2.35, 48.86), True: (139.69, 35.69)}


def area_label(area: str) -> str:
    return area.replace("-", " ").title()


def filter_areas(clusters: pd.DataFrame, areas: list[str]) -> pd.DataFrame:
    return clusters.loc[clusters["area"].isin(areas)] if areas else clusters


def naive_deck(cases: pd.DataFrame) -> pdk.Deck:
    """What most pydeck pages do: every column of every case, as pydeck's indented JSON."""
    data = cases.assign(colour=cases["sectors"].map(lambda s: list(SECTOR_RGB[primary_sector(s)])))
    layer = pdk.Layer(
        "ScatterplotLayer",
        data,
        id="cases",
        pickable=True,
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_radius=20_000,
        radius_min_pixels=3,
    )
    return pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=35.0, longitude=10.0, zoom=0.75),
        map_provider=None,
        tooltip={"text": "{name}"},
    )


def folium_map(cases: pd.DataFrame) -> folium.Map:
    """What most Streamlit geo dashboards do: a Leaflet map with one marker per case in a MarkerCluster."""
    import folium
    from folium.plugins import MarkerCluster

    from benchmarks.twins.assets import vendor_url

    # Offline, as the atlas: no web tiles, and Leaflet with its marker-cluster plugin served by
    # this server (benchmarks/twins/assets.py) instead of CDNs. Folium's other defaults (jQuery,
    # Bootstrap, Font Awesome) only style popups and icons that this map does not use.
    # With no tile layer, the map itself must say how far it zooms (the cluster plugin asks).
    fmap = folium.Map(location=[35.0, 10.0], zoom_start=2, tiles=None, maxZoom=18)
    fmap.default_js = [("leaflet", vendor_url("leaflet", "dist/leaflet.js"))]
    fmap.default_css = [("leaflet_css", vendor_url("leaflet", "dist/leaflet.css"))]
    markers = MarkerCluster()
    markers.default_js = [
        ("markerclusterjs", vendor_url("leaflet.markercluster", "dist/leaflet.markercluster.js"))
    ]
    markers.default_css = [
        ("markerclustercss", vendor_url("leaflet.markercluster", "dist/MarkerCluster.css")),
        ("markerclusterdefaultcss", vendor_url("leaflet.markercluster", "dist/MarkerCluster.Default.css")),
    ]
    markers.add_to(fmap)
    for name, lat, lon in zip(cases["name"], cases["lat"], cases["lon"], strict=True):
        folium.Marker([float(lat), float(lon)], tooltip=str(name)).add_to(markers)
    return fmap


def folium_payload(fmap: folium.Map) -> int:
    """Characters streamlit-folium sends to its component for a map (script, header and html)."""
    from streamlit_folium import _get_header, _get_html, generate_leaflet_string

    return len(generate_leaflet_string(fmap)) + len(_get_header(fmap)) + len(_get_html(fmap))


def floor_deck(japan: bool) -> pdk.Deck:
    """The floor: one point, no basemap."""
    lon, lat = FLOOR_POINTS[japan]
    layer = pdk.Layer(
        "ScatterplotLayer",
        [{"lon": lon, "lat": lat}],
        id="point",
        get_position=["lon", "lat"],
        get_fill_color=FLOOR_RGB,
        radius_units="'pixels'",
        get_radius=FLOOR_RADIUS_PX,
    )
    return pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=35.0, longitude=10.0, zoom=0.75),
        map_provider=None,
    )
