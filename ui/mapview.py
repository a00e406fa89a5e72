"""The map of the explorer: points or regions, legends, and the case opened by a click."""

from __future__ import annotations

import functools
from typing import Any, Final

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from data.query import Filters, SizeMeasure
from data.vocab import SECTORS
from geo import aggregate, layers, regions, render
from geo.boundaries import BASEMAP_URL
from geo.view import VIEW_PRESETS
from ui import cached
from ui.card import open_case
from ui.describe import draw_summary, map_summary
from ui.i18n import Translator, country_name
from ui.legend import sector_legend, swatch_legend
from ui.state import ViewState

MAP_KEY: Final[str] = "map"
# NOTE: above this many cases the map shows server-side bins instead of one point per case.
# Measured (benchmarks/RESULTS.md): one point costs the browser about 0.1 ms to parse and draw
# and about 200 bytes of JSON; 5,000 points stay under 1 MB and about 1 s for a filter change.
MAX_POINTS: Final[int] = 5_000
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


# Above this many cases in the atlas, the point table is made per filter change (it is then at
# most MAX_POINTS rows) instead of once for every case: a table of a million points would cost
# seconds to build and hundreds of MB to keep.
POINT_CACHE_ROWS: Final[int] = 50_000


def _points(cases: pd.DataFrame, lang: str, measure: SizeMeasure) -> pd.DataFrame:
    t = Translator(lang)
    points = layers.cluster_points(
        cases,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=measure,
        largest=cached.largest(measure),
    )
    points.index = cases.index
    return points


@st.cache_resource(show_spinner=False)
def _atlas_points(data_dir: str, lang: str, measure: SizeMeasure) -> pd.DataFrame:
    """The point table of every case of the atlas, made once for all sessions (read-only)."""
    return _points(cached.atlas().clusters, lang, measure)


def case_points(cases: pd.DataFrame, lang: str, measure: SizeMeasure) -> pd.DataFrame:
    """The point table of some cases: taken from the atlas-wide table when there is one."""
    if len(cached.atlas().clusters) <= POINT_CACHE_ROWS:
        every = _atlas_points(str(cached.data_dir()), lang, measure)
        if cases.index.isin(every.index).all():
            return every.loc[cases.index]
    return _points(cases, lang, measure)


def points_deck(
    cases: pd.DataFrame, state: ViewState, t: Translator
) -> tuple[layers.CompactDeck, pd.DataFrame]:
    """The deck of case points for a view, and the point table (for the legend)."""
    points = case_points(cases, t.lang, state.filters.size_measure)
    return layers.cluster_deck(points, BASEMAP_URL, state.view, selected=state.case), points


# At most MAX_POINTS points a deck (about 1.2 MB of JSON): 64 decks stay under 80 MB.
@functools.lru_cache(maxsize=64)
def _shared_points_deck(
    data: str, fingerprint: str, filters: Filters, lang: str, view: str
) -> tuple[layers.CompactDeck, pd.DataFrame]:
    state = ViewState(filters=filters, lang=lang, view=view)
    deck, points = points_deck(cached.filtered(filters), state, Translator(lang))
    return deck.freeze(), points


def atlas_points_deck(state: ViewState) -> tuple[pdk.Deck, pd.DataFrame]:
    """The points deck of the atlas's cases under the view's filters, built and serialised once
    for all sessions that ask for the same filters, language and map view; the ring of the open
    case is added on top without serialising the points again. Shared: read it, never change it.
    """
    deck, points = _shared_points_deck(
        str(cached.data_dir()), cached.version(), state.filters, state.lang, state.view
    )
    if state.case is not None:
        chosen = points.loc[points["id"].eq(state.case).to_numpy()]
        if not chosen.empty:
            return deck.with_top_layer(layers.selected_layer(chosen)), points
    return deck, points


@functools.lru_cache(maxsize=64)
def _shared_regions_deck(
    data: str, fingerprint: str, filters: Filters, lang: str, view: str
) -> tuple[layers.CompactDeck, list[int]]:
    deck, breaks = regions_deck(
        cached.filtered(filters), ViewState(filters=filters, lang=lang, view=view), Translator(lang)
    )
    return deck.freeze(), breaks


def atlas_regions_deck(state: ViewState) -> tuple[pdk.Deck, list[int]]:
    """The choropleth deck of the atlas's cases under the view's filters, built and serialised
    once for all sessions that ask for the same filters, language and map view (shared, read-only)."""
    return _shared_regions_deck(
        str(cached.data_dir()), cached.version(), state.filters, state.lang, state.view
    )


@st.cache_resource(show_spinner=False)
def _sector_codes(data_dir: str) -> pd.Series:
    """Main-sector code of every case of the atlas, parsed once for all sessions."""
    clusters = cached.atlas().clusters
    return pd.Series(aggregate.primary_sector_codes(clusters["sectors"]), index=clusters.index)


def sector_codes(cases: pd.DataFrame) -> aggregate.IntArray:
    """Main-sector codes of some cases of the atlas (parsed anew for any other table)."""
    codes = _sector_codes(str(cached.data_dir()))
    if cases.index.isin(codes.index).all():
        taken: aggregate.IntArray = codes.reindex(cases.index).to_numpy(dtype=np.int64)
        return taken
    return aggregate.primary_sector_codes(cases["sectors"])


def binned_deck(cases: pd.DataFrame, state: ViewState, t: Translator) -> tuple[pdk.Deck, pd.DataFrame, float]:
    """The deck of binned cases for a view, the bin table (for the legend) and the bin side in pixels."""
    zoom = VIEW_PRESETS[state.view].zoom
    statistical = cases["unit_type"].eq(layers.STATISTICAL_UNIT).to_numpy()
    lon = cases["lon"].to_numpy(dtype=np.float64)
    lat = cases["lat"].to_numpy(dtype=np.float64)
    codes = sector_codes(cases)
    limits = ((~statistical, aggregate.MAX_BINS), (statistical, aggregate.MAX_STATISTICAL_BINS))
    groups = [
        aggregate.bin_cases(lon[part], lat[part], codes[part], zoom, max_bins=limit) for part, limit in limits
    ]
    largest = max((int(group.count.max()) for group in groups if len(group)), default=1)

    def count_text(n: int) -> str:
        return t("scale.count", n=n)

    def sector_text(sector: str) -> str:
        return t("scale.mostly", sector=t.label("sector", sector))

    case_bins, statistical_bins = (
        aggregate.bin_table(group, count_text=count_text, sector_text=sector_text, largest=largest)
        for group in groups
    )
    deck = layers.binned_deck(case_bins, statistical_bins, BASEMAP_URL, state.view)
    return deck, pd.concat([case_bins, statistical_bins]), max(group.side_px for group in groups)


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


@functools.lru_cache(maxsize=256)
def _shared_summary(data: str, fingerprint: str, filters: Filters, lang: str) -> str:
    return map_summary(cached.filtered(filters), Translator(lang))


def atlas_summary(state: ViewState) -> str:
    """The atlas's cases under the view's filters in words (data/describe.py), made once for all
    sessions that ask for the same filters and language."""
    return _shared_summary(str(cached.data_dir()), cached.version(), state.filters, state.lang)


def regions_title(state: ViewState, t: Translator) -> str:
    """The title of the choropleth's legend: countries in the world view, regions elsewhere."""
    level = t("map.level_countries") if state.view == "world" else t("map.level_regions")
    return t("map.regions_legend", level=level)


def region_classes(breaks: list[int]) -> list[tuple[str, tuple[int, int, int]]]:
    """The choropleth's classes: the range of counts and the colour of each."""
    lower = [1, *[b + 1 for b in breaks[:-1]]]
    classes = []
    for low, high in zip(lower, breaks, strict=True):
        red, green, blue = regions.colour_for(high, breaks)[:3]
        classes.append((f"{low}–{high}" if low != high else f"{low}", (red, green, blue)))
    return classes


def screen_map(
    cases: pd.DataFrame, state: ViewState, t: Translator
) -> tuple[pdk.Deck, list[render.LegendEntry], str]:
    """The deck the map shows for a view (points, regions or bins, as ``draw_map`` picks), its
    legend rows and the legend's title: what the exported picture draws."""
    if state.mode == "regions":
        deck, breaks = atlas_regions_deck(state)
        entries = [render.LegendEntry(label, colour, "swatch") for label, colour in region_classes(breaks)]
        return deck, entries, regions_title(state, t)
    statistical = (
        t("map.statistical_legend") if cases["unit_type"].eq(layers.STATISTICAL_UNIT).any() else None
    )
    if len(cases) > MAX_POINTS:
        deck, bins, _ = binned_deck(cases, state, t)
        return (
            deck,
            render.sector_entries(bins, t.labels("sector", SECTORS), statistical),
            t("scale.binned_title"),
        )
    deck, points = atlas_points_deck(state)
    return (
        deck,
        render.sector_entries(points, t.labels("sector", SECTORS), statistical),
        t("map.legend_title"),
    )


def draw_map(cases: pd.DataFrame, state: ViewState, t: Translator, programme_names: dict[str, str]) -> None:
    """Draw the map and its legend for the current view and filters, the map in words under it
    (also the map's label for screen readers) and a link to the same cases as a table.

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
                [note],
                t("scale.binned_statistical") if any_statistical else None,
                t,
            )
        else:
            measure = t(f"filters.measure_{state.filters.size_measure}").lower()
            notes = [t("map.legend_note"), t("map.size_note", measure=measure)]
            statistical = cases.loc[cases["unit_type"] == layers.STATISTICAL_UNIT, "programme"]
            statistical_note = None
            if not statistical.empty:
                sources = ", ".join(sorted({programme_names.get(p, p) for p in statistical}))
                statistical_note = t("map.statistical_note", n=len(statistical), sources=sources)
            sector_legend(t("map.legend_title"), points, notes, statistical_note, t)


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
