"""The decks the map draws for a view (points, bins or regions), shared between sessions, and
the map on the screen as the exported picture draws it (no widgets here)."""

from __future__ import annotations

import functools
from typing import Final

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from data.cases import placed
from data.query import Filters, SizeMeasure
from data.vocab import SECTORS
from geo import aggregate, layers, placenames, regions, render, viewmap
from geo.boundaries import BASEMAP_URL
from geo.view import DETAIL_VIEWS, VIEW_PRESETS
from ui import cached
from ui.i18n import Translator, country_name
from ui.state import ViewState

# NOTE: above this many cases the map shows server-side bins instead of one point per case.
# Measured (benchmarks/RESULTS.md): one point costs the browser about 0.1 ms to parse and draw
# and about 200 bytes of JSON; 5,000 points stay under 1 MB and about 1 s for a filter change.
MAX_POINTS: Final[int] = 5_000

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
        status_labels=t.labels("status", ("merged", "ended")),
    )
    points.index = cases.index
    return points


@st.cache_resource(show_spinner=False)
def _atlas_points(data_dir: str, lang: str, measure: SizeMeasure) -> pd.DataFrame:
    """The point table of every placed case of the atlas, made once for all sessions (read-only)."""
    return _points(placed(cached.atlas().clusters), lang, measure)


def case_points(cases: pd.DataFrame, lang: str, measure: SizeMeasure) -> pd.DataFrame:
    """The point table of the placed cases among some (data.cases.placed): taken from the
    atlas-wide table when there is one."""
    cases = placed(cases)
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
    deck = layers.cluster_deck(
        points, BASEMAP_URL, state.view, selected=state.case, lang=t.lang, large_names=state.present
    )
    return deck, points


# At most MAX_POINTS points a deck (about 1.2 MB of JSON): 64 decks stay under 80 MB.
@functools.lru_cache(maxsize=64)
def _shared_points_deck(
    data: str, fingerprint: str, filters: Filters, lang: str, view: str, present: bool
) -> tuple[layers.CompactDeck, pd.DataFrame]:
    state = ViewState(filters=filters, lang=lang, view=view, present=present)
    deck, points = points_deck(cached.filtered(filters), state, Translator(lang))
    return deck.freeze(), points


def atlas_points_deck(state: ViewState) -> tuple[pdk.Deck, pd.DataFrame]:
    """The points deck of the atlas's cases under the view's filters, built and serialised once
    for all sessions that ask for the same filters, language, map view and mode (presenter mode
    names places larger); the ring of the open case is added on top without serialising the
    points again. Shared: read it, never change it.
    """
    deck, points = _shared_points_deck(
        str(cached.data_dir()), cached.version(), state.filters, state.lang, state.view, state.present
    )
    if state.case is not None:
        chosen = points.loc[points["id"].eq(state.case).to_numpy()]
        if not chosen.empty:
            return deck.with_top_layer(layers.selected_layer(chosen)), points
    return deck, points


@functools.lru_cache(maxsize=64)
def _shared_regions_deck(
    data: str, fingerprint: str, filters: Filters, lang: str, view: str, present: bool
) -> tuple[layers.CompactDeck, list[int]]:
    state = ViewState(filters=filters, lang=lang, view=view, present=present)
    deck, breaks = regions_deck(cached.filtered(filters), state, Translator(lang))
    return deck.freeze(), breaks


def atlas_regions_deck(state: ViewState) -> tuple[pdk.Deck, list[int]]:
    """The choropleth deck of the atlas's cases under the view's filters, built and serialised
    once for all sessions that ask for the same filters, language, map view and mode (shared,
    read-only)."""
    return _shared_regions_deck(
        str(cached.data_dir()), cached.version(), state.filters, state.lang, state.view, state.present
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
    cases = placed(cases)
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
    deck = layers.binned_deck(
        case_bins, statistical_bins, BASEMAP_URL, state.view, t.lang, large_names=state.present
    )
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
    unit = t("map.cases_unit")
    deck = layers.choropleth_deck(
        geojson, BASEMAP_URL, state.view, unit=unit, lang=t.lang, large_names=state.present
    )
    return deck, breaks


@st.cache_resource(show_spinner=False)
def _places() -> placenames.Places:
    """Countries, first-level regions and GeoNames cities for place names (read once)."""
    return placenames.Places(
        cached.countries(), viewmap.read_regions(), viewmap.read_cities(placenames.MIN_CITY_POPULATION)
    )


@functools.lru_cache(maxsize=16)
def view_names(view: str, lang: str) -> pd.DataFrame | None:
    """The place names an area view's picture has (geo/placenames.py), for the exported map;
    None in the world view, which has none."""
    if view not in DETAIL_VIEWS:
        return None
    return placenames.place_names(
        view, _places(), country_label=lambda code: placenames.country_label(code, lang), lang=lang
    )


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
