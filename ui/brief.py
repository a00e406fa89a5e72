"""The one-page brief (A4 PDF) of the current view, or of the open case, in the page's language."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Final

import pandas as pd

from data import brief
from data.cases import case_row, cited_sources
from data.load import Atlas
from geo import render
from geo.boundaries import CREDIT
from ui import cached, decks, links
from ui.card import fact_rows, full_url
from ui.filters import in_words
from ui.i18n import Translator, country_name
from ui.state import ViewState

MAX_CASES: Final[int] = 6
MAP_SIZE: Final[tuple[float, float]] = (14.0, 7.9)  # 1,400 pixels: 200 dpi across an A4 page


def _case_line(case: pd.Series, t: Translator) -> str:
    place = ", ".join(
        str(v) for v in (case["city"], country_name(case["country_iso2"], t.lang)) if isinstance(v, str) and v
    )
    size = case["employees"]
    measure = t("brief.employees", n=int(size)) if pd.notna(size) else t("brief.size_unknown")
    return f"{case['name']} ({place}): {measure}"


def _map_png(cases: pd.DataFrame, state: ViewState, t: Translator) -> tuple[bytes, str]:
    deck, legend, legend_title = decks.screen_map(cases, dataclasses.replace(state, case=None), t)
    text = render.MapText("", "", legend_title, "")
    figure = render.draw_deck(
        deck,
        cached.countries(),
        text,
        legend,
        size=MAP_SIZE,
        frame=(0.0, 0.0, 0.77, 1.0),
        names=decks.view_names(state.view, t.lang),
    )
    return render.figure_bytes(figure, "png"), t("brief.map_alt", n=len(cases), view=t(f"view.{state.view}"))


def view_brief(cases: pd.DataFrame, atlas: Atlas, state: ViewState, t: Translator) -> brief.Brief:
    """The brief of a view: its map, filters, counts by area and policy, the largest cases."""
    picture, alt = _map_png(cases, state, t)
    by_area = cases["area"].value_counts()
    by_policy = cases["policy_type"].fillna("unknown").value_counts()
    largest = cases.loc[cases["employees"].notna()].nlargest(MAX_CASES, "employees")
    listed = pd.concat([largest, cases.loc[~cases.index.isin(largest.index)].head(MAX_CASES - len(largest))])
    sources: list[str] = []
    for _, case in listed.iterrows():
        sources += [a for a, _ in cited_sources(case)[:1] if a not in sources]
    return brief.Brief(
        title=t("export.map_title", n=len(cases), view=t(f"view.{state.view}")),
        subtitle=t("brief.made", date=date.today().isoformat(), version=cached.version()),
        link=full_url(links.link("map", dataclasses.replace(state, case=None))),
        filters_title=t("brief.filters"),
        filters=tuple(in_words(state.filters, atlas, t)) or (t("export.no_filter"),),
        figures_title=t("brief.figures"),
        figures=(
            (t("slides.cases"), t.number(len(cases))),
            *((t.label("area", str(a)), t.number(int(n))) for a, n in by_area.items()),
            *((t.label("policy", str(p)), t.number(int(n))) for p, n in by_policy.items()),
            (t("brief.with_employees"), t.number(int(cases["employees"].notna().sum()))),
        ),
        cases_title=t("brief.largest"),
        cases=tuple(_case_line(case, t) for _, case in listed.iterrows()),
        sources_title=t("brief.sources"),
        sources=(*sources, CREDIT),
        map_png=picture,
        map_alt=alt,
        footer=t("brief.footer"),
    )


def case_brief(
    case_id: str, cases: pd.DataFrame, atlas: Atlas, state: ViewState, t: Translator
) -> brief.Brief:
    """The brief of one case: the view's map, its facts and figures, related cases, its sources."""
    case = case_row(atlas.clusters, case_id)
    if case is None:
        return view_brief(cases, atlas, state, t)
    picture, alt = _map_png(cases, state, t)
    related = cached.related(case_id)
    names = cached.case_names()
    comparable = [*related.same_programme, *related.same_sector_nearby]
    unknown = t("app.unknown")
    return brief.Brief(
        title=str(case["name"]),
        subtitle=t("brief.made", date=date.today().isoformat(), version=cached.version()),
        link=full_url(links.case_link(state, case_id)),
        filters_title=t("brief.filters"),
        filters=tuple(in_words(state.filters, atlas, t)) or (t("export.no_filter"),),
        figures_title=t("brief.facts"),
        figures=tuple((label, value) for _, label, value in fact_rows(case, atlas, t) if value != unknown),
        cases_title=t("brief.comparable"),
        cases=tuple(
            _case_line(other, t)
            for i in list(dict.fromkeys(comparable))[:MAX_CASES]
            if i in names.index and (other := case_row(atlas.clusters, i)) is not None
        )
        or (t("brief.none"),),
        sources_title=t("brief.sources"),
        sources=(*(address for address, _ in cited_sources(case)), CREDIT),
        map_png=picture,
        map_alt=alt,
        footer=t("brief.footer"),
    )


def brief_bytes(cases: pd.DataFrame, atlas: Atlas, state: ViewState, t: Translator) -> bytes:
    """The PDF of the open case's brief, else of the view's."""
    made = (
        case_brief(state.case, cases, atlas, state, t) if state.case else view_brief(cases, atlas, state, t)
    )
    return brief.brief_pdf(made)
