"""The timeline page: cases founded and programmes launched per area, and a map of emergence by year."""

from __future__ import annotations

import dataclasses
from typing import Final

import pandas as pd
import streamlit as st

from data.vocab import AREAS, SECTORS
from geo import layers
from geo.boundaries import BASEMAP_URL
from ui import cached, charts
from ui.context import Page
from ui.describe import draw_summary, map_summary
from ui.i18n import Translator, country_name
from ui.knowledge import show_chart
from ui.legend import sector_legend

YEAR_KEY: Final[str] = "timeline_year"
MAP_HEIGHT: Final[int] = 520


def founded_per_year(cases: pd.DataFrame) -> pd.DataFrame:
    """Cases with a known founding year, counted per year and main sector (columns year, sector, cases)."""
    known = cases.loc[cases["founded_year"].notna()]
    table = pd.DataFrame(
        {"year": known["founded_year"].astype(int), "sector": known["sectors"].map(layers.primary_sector)}
    )
    return (
        table.value_counts().rename("cases").reset_index().sort_values(["year", "sector"], ignore_index=True)
    )


def launches(programmes: pd.DataFrame, name: str = "name_en") -> pd.DataFrame:
    """Programmes with a known launch year (columns year, name: the ``name`` column), oldest first."""
    known = programmes.loc[programmes["launch_year"].notna()]
    return pd.DataFrame({"year": known["launch_year"].astype(int), "name": known[name]}).sort_values(
        ["year", "name"], ignore_index=True
    )


def shown_areas(page: Page) -> list[str]:
    """The areas the filters leave (all when no area filter is set)."""
    chosen = page.state.filters.areas
    return [area for area in AREAS if not chosen or area in chosen]


def area_timeline(page: Page, area: str) -> None:
    """One area: cases founded per year by main sector, programmes launched, unknowns said."""
    t = page.t
    cases = page.cases.loc[page.cases["area"] == area]
    programmes = page.atlas.programmes.loc[page.atlas.programmes["area"] == area]
    founded, launched = founded_per_year(cases), launches(programmes, t.column(programmes.columns, "name"))
    unknown = int(cases["founded_year"].isna().sum())
    st.subheader(t.label("area", area))
    if founded.empty and launched.empty:
        st.info(t("timeline.area_empty", n=len(cases)))
    else:
        title = t("timeline.chart_title", area=t.label("area", area))
        fig = charts.timeline_figure(
            founded,
            launched,
            colours=layers.SECTOR_RGB,
            sector_labels=t.labels("sector", SECTORS),
            title=title,
            cases_axis=t("timeline.cases_axis"),
            launches_axis=t("timeline.launches_axis"),
            year_axis=t("timeline.year_axis"),
        )
        first = str(int(founded["year"].min())) if not founded.empty else "–"
        last = str(int(founded["year"].max())) if not founded.empty else "–"
        show_chart(
            t,
            fig,
            caption=t(
                "timeline.alt",
                area=t.label("area", area),
                n=int(founded["cases"].sum()),
                first=first,
                last=last,
                p=len(launched),
            ),
            source=t("timeline.source"),
            key=f"timeline_{area}",
        )
    if not launched.empty:
        st.caption(
            t("timeline.launch_key")
            + " "
            + "; ".join(
                f"{i + 1} = {name} ({year})"
                for i, (year, name) in enumerate(launched.itertuples(index=False))
            )
        )
    st.caption(t("timeline.unknown_founded", n=unknown, total=len(cases)))
    undated = programmes.loc[programmes["launch_year"].isna(), t.column(programmes.columns, "name")]
    if not undated.empty:
        st.caption(t("timeline.undated_programmes", n=len(undated), names="; ".join(undated)))


def emergence_map(page: Page) -> None:
    """The cases founded up to a chosen year, on the map (cases of unknown year counted, not drawn)."""
    t, cases = page.t, page.cases
    st.header(t("timeline.map_heading"))
    known = cases.loc[cases["founded_year"].notna()]
    unknown = len(cases) - len(known)
    if known.empty:
        st.info(t("timeline.map_empty", n=len(cases)))
        return
    first, last = int(known["founded_year"].min()), int(known["founded_year"].max())
    if first == last:
        year = last
        st.caption(t("timeline.single_year", year=str(year)))
    else:
        year = st.slider(t("timeline.slider"), min_value=first, max_value=last, value=last, key=YEAR_KEY)
    shown = known.loc[known["founded_year"] <= year]
    points = layers.cluster_points(
        shown,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=page.state.filters.size_measure,
        largest=cached.largest(page.state.filters.size_measure),
    )
    deck = layers.cluster_deck(points, BASEMAP_URL, page.state.view)
    st.markdown(f"**{t('timeline.map_count', n=len(shown), year=str(year))}**")
    map_column, legend_column = st.columns([3, 1])
    summary = map_summary(shown, t)
    with map_column:
        st.pydeck_chart(
            deck,
            height=MAP_HEIGHT,
            key="emergence_map",
            alt=t("timeline.map_alt", n=len(shown), year=str(year)) + " " + summary,
        )
        low = page.state.filters.founded[0] if page.state.filters.founded else first
        founded = dataclasses.replace(page.state.filters, founded=(low, year))
        draw_summary(summary, dataclasses.replace(page.state, filters=founded), t)
    with legend_column:
        sector_legend(t("map.legend_title"), points, [t("map.legend_note"), t("access.cvd_note")], None, t)
    st.caption(t("timeline.map_unknown", n=unknown, total=len(cases)))
    st.caption(t("map.credit"))


def timelines(page: Page) -> None:
    """One timeline per area shown."""
    t: Translator = page.t
    st.header(t("timeline.areas_heading"))
    st.caption(t("filters.count", n=len(page.cases), total=len(page.atlas.clusters)))
    for area in shown_areas(page):
        area_timeline(page, area)
