"""The policy-models page: programmes by area with their sourced figures, and the seeds' typologies."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from data.knowledge import Group
from data.query import Filters
from data.vocab import AREAS
from ui import charts
from ui.context import Page
from ui.i18n import Translator, country_name, messages
from ui.knowledge import (
    case_count,
    group_intro,
    item_cards,
    labels,
    map_link,
    policy_link,
    quote_caption,
    show_chart,
    steps,
)

PROGRAMME_AREAS: Final[tuple[str, ...]] = (*AREAS, "international")
LINK_COLUMNS: Final[int] = 2


def area_label(t: Translator, area: str) -> str:
    """Label of an area, including the programmes' 'international' level."""
    return t("policies.area_international") if area == "international" else t.label("area", area)


def _year(value: object) -> str:
    return "" if pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def programme_table(programmes: pd.DataFrame, clusters: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Programmes as people read them: name, country, launch year, policy type, cases in the atlas."""
    counts = clusters["programme"].value_counts()
    name = t.column(programmes.columns, "name")
    ordered = programmes.sort_values(["country_iso2", "launch_year", name], na_position="last")
    return pd.DataFrame(
        {
            t("policies.col_programme"): ordered[name],
            t("policies.col_local"): ordered["name_local"].fillna(""),
            t("policies.col_country"): ordered["country_iso2"].map(
                lambda c: t("policies.eu") if c == "EU" else country_name(c, t.lang)
            ),
            t("policies.col_launched"): ordered["launch_year"].map(_year).replace("", t("app.unknown")),
            t("policies.col_policy"): ordered["policy_type"].map(lambda p: t.label("policy", p)),
            t("policies.col_cases"): ordered["id"].map(counts).fillna(0).astype(int),
        }
    )


def figure_value(value: float, unit: str, t: Translator) -> str:
    """A figure's value with its unit; years are written as years, not as numbers."""
    if unit == "year":
        return str(int(value))
    number = t.number(int(value) if float(value).is_integer() else value)
    key = f"policies.unit_{unit}"
    return t(key, value=number) if key in messages(t.lang) else f"{number} {unit}"


def figure_year(year: object, basis: str, t: Translator) -> str:
    """The year a figure describes, or why there is none."""
    if basis == "not-stated" or pd.isna(year):  # type: ignore[call-overload]
        return t("policies.year_not_stated")
    text = _year(year)
    return t("policies.year_publication", year=text) if basis == "publication" else text


def figures_table(figures: pd.DataFrame, programmes: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Every figure of the programmes given, with its value, year (or 'year not stated') and source."""
    names = dict(zip(programmes["id"], programmes[t.column(programmes.columns, "name")], strict=True))
    chosen = figures.loc[figures["programme_id"].isin(names)].copy()
    chosen["_order"] = chosen["programme_id"].map(list(names).index)
    chosen = chosen.sort_values(["_order", "figure"])
    label = t.column(figures.columns, "label")
    return pd.DataFrame(
        {
            t("policies.col_programme"): chosen["programme_id"].map(names),
            t("policies.col_figure"): chosen[label],
            t("policies.col_value"): [
                figure_value(v, u, t) for v, u in zip(chosen["value"], chosen["unit"], strict=True)
            ],
            t("policies.col_year"): [
                figure_year(y, b, t) for y, b in zip(chosen["year"], chosen["year_basis"], strict=True)
            ],
            t("policies.col_source"): chosen["source"],
        }
    )


def programmes_section(page: Page) -> None:
    """Programmes by area: table, links to the filtered map, every figure with its source and year."""
    t, atlas = page.t, page.atlas
    st.header(t("policies.programmes_heading"))
    st.write(t("policies.programmes_text"))
    areas = [a for a in PROGRAMME_AREAS if (atlas.programmes["area"] == a).any()]
    for area, tab in zip(areas, st.tabs([area_label(t, a) for a in areas]), strict=True):
        with tab:
            in_area = atlas.programmes.loc[atlas.programmes["area"] == area]
            st.dataframe(
                programme_table(in_area, atlas.clusters, t),
                hide_index=True,
                width="stretch",
                column_config={
                    t("policies.col_programme"): st.column_config.TextColumn(width="medium"),
                    t("policies.col_local"): st.column_config.TextColumn(width="medium"),
                },
            )
            st.markdown(f"**{t('policies.open_on_map')}**")
            names = dict(
                zip(
                    in_area["id"].astype(str),
                    in_area[t.column(in_area.columns, "name")].astype(str),
                    strict=True,
                )
            )
            with_cases = [pid for pid in names if case_count(page, programme=pid) > 0]
            slots = st.columns(LINK_COLUMNS)
            for i, pid in enumerate(with_cases):
                with slots[i % LINK_COLUMNS]:
                    n = case_count(page, programme=pid)
                    map_link(
                        page,
                        t("knowledge.link_programme", name=names[pid], n=n),
                        Filters(programmes=frozenset({pid})),
                    )
            if len(with_cases) < len(in_area):
                st.caption(t("policies.no_cases_note", n=len(in_area) - len(with_cases)))
            figures = figures_table(atlas.programme_figures, in_area, t)
            st.markdown(f"**{t('policies.figures_heading', n=len(figures))}**")
            if figures.empty:
                st.caption(t("policies.no_figures"))
            else:
                st.dataframe(
                    figures,
                    hide_index=True,
                    width="stretch",
                    column_config={
                        t("policies.col_programme"): st.column_config.TextColumn(width="small"),
                        t("policies.col_figure"): st.column_config.TextColumn(width="medium"),
                        t("policies.col_value"): st.column_config.TextColumn(width="small"),
                        t("policies.col_year"): st.column_config.TextColumn(width="small"),
                        t("policies.col_source"): st.column_config.TextColumn(width="large"),
                    },
                )
    st.caption(t("policies.figures_note"))


def policy_types_section(page: Page, construction: Group, markusen: Group) -> None:
    """Bottom-up, top-down (seed 003), the top-down split of seed 002, and the atlas's 'hybrid'."""
    t = page.t
    st.header(t("policies.types_heading"))
    group_intro(construction, t)
    item_cards(construction, page, columns=2)
    with st.container(border=True):
        st.markdown(f"**{t('policies.hybrid_label')}**")
        st.write(t("policies.hybrid_text"))
        policy_link(page, "hybrid")
    group_intro(markusen, t)
    item_cards(markusen, page, columns=3)


def families_section(page: Page, families: Group) -> None:
    """The three policy families, with the programmes and cases the seed names."""
    group_intro(families, page.t, level="header")
    item_cards(families, page, columns=3)


def diamond_section(page: Page, diamond: Group) -> None:
    """Porter's diamond as a diagram, then its four determinants."""
    t = page.t
    group_intro(diamond, t, level="header")
    fig = charts.diamond_figure(
        labels(diamond.items, t.lang), t("policies.diamond_centre"), diamond.title.get(t.lang)
    )
    show_chart(
        t,
        fig,
        caption=t("policies.diamond_alt", factors="; ".join(labels(diamond.items, t.lang))),
        source=t("knowledge.source_seed", seed=diamond.seed),
        key="diamond_chart",
    )
    item_cards(diamond, page, columns=2)


def cycle_section(page: Page, life_cycle: Group, phases: Group) -> None:
    """The life cycle and the four phases of a cluster policy as sequence diagrams."""
    t = page.t
    group_intro(life_cycle, t, level="header")
    show_chart(
        t,
        charts.sequence_figure(steps(life_cycle.items, t.lang), life_cycle.title.get(t.lang)),
        caption=t("policies.cycle_alt", phases=" → ".join(labels(life_cycle.items, t.lang))),
        source=t("knowledge.source_seed", seed=life_cycle.seed),
        key="life_cycle_chart",
    )
    group_intro(phases, t, level="header")
    show_chart(
        t,
        charts.sequence_figure(
            [(item.label.get(t.lang), item.text.get(t.lang)) for item in phases.items],
            phases.title.get(t.lang),
        ),
        caption=t("policies.phases_alt", phases=" → ".join(labels(phases.items, t.lang))),
        source=t("knowledge.source_seed", seed=phases.seed),
        key="phases_chart",
    )
    for item in phases.items:
        quote_caption(t, item.seed, item.quote)


def lessons_section(page: Page, lessons: Group, limits: Group, commission: Group) -> None:
    """The ten US lessons and the limits of clusters, linked to cases only where a text says so."""
    t = page.t
    group_intro(lessons, t, level="header")
    st.caption(t("policies.links_note"))
    item_cards(lessons, page, columns=2, numbered=True)
    group_intro(limits, t, level="header")
    item_cards(limits, page, columns=3)
    with st.container(border=True):
        st.markdown(f"**{commission.title.get(t.lang)}**")
        st.write(commission.intro.get(t.lang))
        quote_caption(t, commission.seed, commission.quote)
