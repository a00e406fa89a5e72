"""The map of the explorer: points or regions, legends, and the case opened by a click."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import pydeck as pdk
import streamlit as st

from data.vocab import SECTORS
from geo import layers, regions
from geo.boundaries import BASEMAP_URL
from ui import cached
from ui.card import open_case
from ui.i18n import Translator, country_name
from ui.state import ViewState
from ui.widgets import swatch_legend

MAP_KEY: Final[str] = "map"
PICKABLE: Final[tuple[str, ...]] = (layers.CLUSTER_LAYER_ID, layers.STATISTICAL_LAYER_ID)


def on_map_select() -> None:
    """Callback of a click on the map: open the card of the clicked case."""
    event: Any = st.session_state.get(MAP_KEY) or {}
    objects = (event.get("selection") or {}).get("objects") or {}
    for layer_id in PICKABLE:
        for picked in objects.get(layer_id) or []:
            if isinstance(picked, dict) and picked.get("id"):
                open_case(str(picked["id"]))
                return


def points_deck(cases: pd.DataFrame, state: ViewState, t: Translator) -> tuple[pdk.Deck, pd.DataFrame]:
    """The deck of case points for a view, and the point table (for the legend)."""
    measure = state.filters.size_measure
    points = layers.cluster_points(
        cases,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=measure,
        largest=cached.largest(measure),
    )
    return layers.cluster_deck(points, BASEMAP_URL, state.view, selected=state.case), points


def regions_deck(cases: pd.DataFrame, state: ViewState, t: Translator) -> tuple[pdk.Deck, list[int]]:
    """The choropleth deck: countries in the world view, admin-1 regions in an area view."""
    if state.view == "world":
        counts = regions.count_by(cases, "country_iso2")
        names = {code: country_name(code, t.lang) for code in counts.index}
        geojson, breaks = regions.choropleth_geojson(cached.region_shapes("countries"), counts, names)
    else:
        in_area = cases.loc[cases["area"] == state.view]
        geojson, breaks = regions.choropleth_geojson(
            cached.region_shapes(state.view), regions.count_by(in_area, "admin1_id")
        )
    return layers.choropleth_deck(geojson, BASEMAP_URL, state.view, unit=t("map.cases_unit")), breaks


def draw_map(cases: pd.DataFrame, state: ViewState, t: Translator, programme_names: dict[str, str]) -> None:
    """Draw the map and its legend for the current view and filters."""
    map_column, legend_column = st.columns([3, 1])
    with map_column:
        if state.mode == "regions":
            deck, breaks = regions_deck(cases, state, t)
            st.pydeck_chart(deck, height=620, key="regions_map", alt=t("map.alt_regions", n=len(cases)))
        else:
            deck, points = points_deck(cases, state, t)
            st.pydeck_chart(
                deck,
                height=620,
                key=MAP_KEY,
                on_select=on_map_select,
                selection_mode="single-object",
                alt=t("map.alt", n=len(points)),
            )
    with legend_column:
        if state.mode == "regions":
            level = t("map.level_countries") if state.view == "world" else t("map.level_regions")
            lower = [1, *[b + 1 for b in breaks[:-1]]]
            swatch_legend(
                t("map.regions_legend", level=level),
                [
                    (
                        f"{low}–{high}" if low != high else f"{low}",
                        tuple(regions.colour_for(high, breaks)[:3]),
                    )
                    for low, high in zip(lower, breaks, strict=True)
                ],
                t("map.regions_note"),
            )
        else:
            swatch_legend(
                t("map.legend_title"),
                [(t.label("sector", s), layers.SECTOR_RGB[s]) for s in layers.legend_sectors(points)],
                t("map.legend_note"),
            )
            st.caption(t("map.size_note", measure=t(f"filters.measure_{state.filters.size_measure}").lower()))
            statistical = cases.loc[cases["unit_type"] == layers.STATISTICAL_UNIT, "programme"]
            if not statistical.empty:
                sources = ", ".join(sorted({programme_names.get(p, p) for p in statistical}))
                st.caption("◆ " + t("map.statistical_note", n=len(statistical), sources=sources))


def compare_map(cases: pd.DataFrame, state: ViewState, t: Translator) -> None:
    """A small map of the compared cases, in the area they share (else the world)."""
    areas = set(cases["area"])
    view = next(iter(areas)) if len(areas) == 1 else "world"
    points = layers.cluster_points(
        cases,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=state.filters.size_measure,
        largest=cached.largest(state.filters.size_measure),
    )
    deck = layers.cluster_deck(points, BASEMAP_URL, view)
    st.pydeck_chart(deck, height=360, key="compare_map", alt=t("map.alt", n=len(points)))
