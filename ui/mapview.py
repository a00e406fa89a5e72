"""The map of the explorer: points or regions, legends, and the case opened by a click."""

from __future__ import annotations

import functools
from typing import Any, Final

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from data.cases import unplaced
from data.query import Filters
from data.vocab import SECTORS
from geo import layers
from geo.boundaries import BASEMAP_URL
from ui import cached
from ui.card import open_case
from ui.decks import MAX_POINTS as MAX_POINTS
from ui.decks import atlas_points_deck as atlas_points_deck
from ui.decks import atlas_regions_deck as atlas_regions_deck
from ui.decks import binned_deck as binned_deck
from ui.decks import case_points as case_points
from ui.decks import points_deck as points_deck
from ui.decks import region_classes, regions_title
from ui.decks import regions_deck as regions_deck
from ui.describe import draw_summary, map_summary
from ui.history import hidden_sentence
from ui.i18n import Translator, country_name
from ui.legend import sector_legend, swatch_legend
from ui.state import ViewState

MAP_KEY: Final[str] = "map"
# The note under the map names at most this many cases it does not draw (the table lists all).
MAX_UNPLACED_NAMES: Final[int] = 8
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


@functools.lru_cache(maxsize=256)
def _shared_summary(data: str, fingerprint: str, filters: Filters, lang: str) -> str:
    t = Translator(lang)
    cases = cached.filtered(filters)
    missing = len(unplaced(cases))
    drawn_apart = t("map.unplaced_summary", n=missing) if missing else ""
    return " ".join(s for s in (map_summary(cases, t), hidden_sentence(filters, t), drawn_apart) if s)


def atlas_summary(state: ViewState) -> str:
    """The atlas's cases under the view's filters in words (data/describe.py), made once for all
    sessions that ask for the same filters and language."""
    return _shared_summary(str(cached.data_dir()), cached.version(), state.filters, state.lang)


def unplaced_note(cases: pd.DataFrame, t: Translator) -> None:
    """Under the map's caption: the cases of the view that no map draws (their sources state no
    seat), by name, so the map's count and the table's agree; nothing when every case is drawn."""
    missing = unplaced(cases)
    if not missing.empty:
        shown = missing["name"].astype(str).head(MAX_UNPLACED_NAMES).tolist()
        names = ", ".join(shown) + (", …" if len(missing) > len(shown) else "")
        st.caption(t("map.unplaced_note", n=len(missing), names=names))


def draw_map(
    cases: pd.DataFrame, state: ViewState, t: Translator, programme_names: dict[str, str]
) -> DeltaGenerator:
    """Draw the map and its legend for the current view and filters, the map in words under it
    (also the map's label for screen readers) and a link to the same cases as a table; return
    the legend's column, for what the page puts beside the map.

    ``cases`` are the atlas's cases under ``state.filters`` (the points deck is shared by view).
    """
    summary = atlas_summary(state)
    map_column, legend_column = st.columns([3, 1])
    with map_column:
        if state.mode == "regions":
            deck, breaks = atlas_regions_deck(state)
            alt = t("map.alt_regions", n=len(cases)) + " " + summary
            st.pydeck_chart(deck, height=620, key="regions_map", alt=alt)
        elif len(cases) > MAX_POINTS:
            deck, points, side_px = binned_deck(cases, state, t)
            st.pydeck_chart(
                deck,
                height=620,
                key=MAP_KEY,
                on_select=on_map_select,
                selection_mode="single-object",
                alt=t("scale.binned_alt", n=len(cases), bins=len(points)) + " " + summary,
            )
        else:
            deck, points = atlas_points_deck(state)
            st.pydeck_chart(
                deck,
                height=620,
                key=MAP_KEY,
                on_select=on_map_select,
                selection_mode="single-object",
                alt=t("map.alt", n=len(points)) + " " + summary,
            )
        draw_summary(summary, state, t)
    with legend_column:
        if state.mode == "regions":
            swatch_legend(regions_title(state, t), region_classes(breaks), [t("map.regions_note")])
        elif len(cases) > MAX_POINTS:
            note = t(
                "scale.binned_note",
                n=len(cases),
                limit=MAX_POINTS,
                px=round(side_px),
                largest=int(points["count"].max()),
            )
            any_statistical = cases["unit_type"].eq(layers.STATISTICAL_UNIT).any()
            sector_legend(
                t("scale.binned_title"),
                points,
                [note, t("access.cvd_note")],
                t("scale.binned_statistical") if any_statistical else None,
                t,
            )
        else:
            measure = t(f"filters.measure_{state.filters.size_measure}").lower()
            notes = [t("map.legend_note"), t("map.size_note", measure=measure), t("access.cvd_note")]
            statistical = cases.loc[cases["unit_type"] == layers.STATISTICAL_UNIT, "programme"]
            statistical_note = None
            if not statistical.empty:
                sources = ", ".join(sorted({programme_names.get(p, p) for p in statistical}))
                statistical_note = t("map.statistical_note", n=len(statistical), sources=sources)
            sector_legend(t("map.legend_title"), points, notes, statistical_note, t)
    return legend_column


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
    alt = t("map.alt", n=len(points)) + " " + map_summary(cases, t)
    st.pydeck_chart(deck, height=360, key="compare_map", alt=alt)
