"""The drill-down card of one case: everything known about it, unknowns said as unknown."""

from __future__ import annotations

import dataclasses
from typing import Final

import pandas as pd
import streamlit as st

from data import cases as case_facts
from data.filters import past_hidden
from data.load import Atlas
from data.schema import FIGURES
from data.vocab import PAST_STATUSES, split_list
from geo.view import VIEW_PRESETS
from ui import cached, links
from ui.comparable import comparable_section
from ui.history import HISTORY_WIDGET
from ui.i18n import Translator, country_name
from ui.keys import CASE_KEY
from ui.markdown import escape_md, md_link
from ui.notes import render_note
from ui.state import ViewState, to_params


def _show_history() -> None:
    st.session_state[HISTORY_WIDGET] = True


def open_case(case_id: str | None) -> None:
    """Callback: open (or, with None, close) a case card."""
    st.session_state[CASE_KEY] = case_id


def _text(t: Translator, value: object) -> str:
    return str(value) if case_facts.known(value) else t("app.unknown")


def _rationale(t: Translator, case: pd.Series) -> str:
    """Why the case has its policy type, in the language; English said so where not translated."""
    translated = case.get(f"policy_rationale_{t.lang}")
    if case_facts.known(translated):
        return str(translated)
    english = _text(t, case["policy_rationale"])
    return english if t.lang == "en" else t("card.in_english", text=english)


def _sector_words(t: Translator, detail: object) -> str:
    """A case's own sector words, said to come from its name where they do."""
    words = case_facts.sector_words(detail)
    if words is None:
        return t("app.unknown")
    text, from_name = words
    return t("card.sector_from_name", words=text) if from_name else text


def _source_line(address: str, supports: str, t: Translator) -> str:
    what = ", ".join(t(f"card.supports_{key}") for key in supports.split(","))
    return f"- {md_link(address, address)} ({escape_md(what)})"


def full_url(relative: str) -> str:
    """An absolute link for copying, when the browser told us the address it uses."""
    return links.absolute(str(getattr(st.context, "url", "") or ""), relative)


# The facts a presenter's slide shows, out of the card's.
KEY_FACTS: Final[tuple[str, ...]] = (
    "country",
    "city",
    "unit_type",
    "sectors",
    "programme",
    "policy",
    "founded",
    "members_firms",
    "members_research",
    "members_total",
    "employees",
    "staff",
)


def fact_rows(case: pd.Series, atlas: Atlas, t: Translator) -> list[tuple[str, str, str]]:
    """Key, label and plain-text value of each fact of a case, in display order; unknowns say so."""
    programmes = atlas.programmes.set_index("id")
    programme = programmes.loc[case["programme"]] if case["programme"] in programmes.index else None
    sectors = ", ".join(t.label("sector", s) for s in split_list(case["sectors"]))
    founded = case["founded_year"]
    values: list[tuple[str, str]] = [
        ("local_name", _text(t, case["name_local"])),
        ("area", t.label("area", case["area"])),
        ("country", country_name(case["country_iso2"], t.lang)),
        ("region", region_text(case, t)),
        ("city", _text(t, case["city"])),
        ("unit_type", t.label("unit_type", case["unit_type"])),
        ("sectors", sectors),
        ("sector_detail", _sector_words(t, case["sector_detail"])),
        (
            "programme",
            _text(t, programme[t.column(programmes.columns, "name")] if programme is not None else None),
        ),
        ("policy", t.label("policy", case["policy_type"])),
        ("policy_basis", t(f"card.policy_basis_{case['policy_basis']}")),
    ]
    period = programme_period(programme, t) if programme is not None else None
    if period:
        values.insert(9, ("programme_period", period))
    if case_facts.known(case["policy_basis_quote"]):
        # A quotation stays in its source's language, shown as a quotation.
        values.append(("policy_basis_quote", f"“{case['policy_basis_quote']}”"))
    values += [
        ("policy_rationale", _rationale(t, case)),
        ("founded", str(int(founded)) if case_facts.known(founded) else t("app.unknown")),
        ("status", status_text(case, atlas, t)),
    ]
    figures = {figure.name: figure for figure in case_facts.figures(case)}
    for name in FIGURES:
        figure = figures.get(name)
        value = t("app.unknown")
        if figure is not None:
            value = t.number(figure.value) + (f" ({figure.year})" if figure.year else "")
        values.append((name, value))
    regional = case["regional_employees"]
    if case_facts.known(regional):
        year = case["regional_employees_year"]
        suffix = f" ({int(year)})" if case_facts.known(year) else ""
        values.append(("regional_employees", t.number(int(regional)) + suffix))
    values.append(("size_class", t.label("size", case["size_class"])))
    values.append(("size_measure", t("card.size_measure_text")))
    values.append(("coordinates", t(f"card.precision_{case['coord_precision']}")))
    return [(key, t(f"card.{key}"), value) for key, value in values]


def region_text(case: pd.Series, t: Translator) -> str:
    """The region a source states; else the first-level region its point lies in (named from
    the boundary file, and said to be so); else unknown."""
    if case_facts.known(case["region"]):
        return str(case["region"])
    admin1 = case.get("admin1_id")
    name = cached.region_names(t.lang).get(str(admin1)) if case_facts.known(admin1) else None
    return t("card.region_of_point", name=name) if name else t("app.unknown")


def programme_period(programme: pd.Series, t: Translator) -> str | None:
    """A programme's period as its source states it, e.g. "2002–2009 (ended)"; None when unknown."""
    start, end, state = (programme.get(k, None) for k in ("period_start", "period_end", "period_state"))
    if not case_facts.known(start):
        return None
    if case_facts.known(end):
        text = t("card.period_range", start=f"{start:.0f}", end=f"{end:.0f}")
    else:
        text = t("card.period_since", start=f"{start:.0f}")
    if case_facts.known(state):
        text = t(f"card.period_{state}", period=text)
    return text


def period_sources(case: pd.Series, atlas: Atlas) -> list[str]:
    """The addresses that state the period of a case's programme."""
    programmes = atlas.programmes.set_index("id")
    if case["programme"] not in programmes.index or "period_source" not in programmes.columns:
        return []
    value = programmes.at[case["programme"], "period_source"]
    return (
        [part.strip() for part in str(value).split(" ; ") if part.strip()] if case_facts.known(value) else []
    )


def status_text(case: pd.Series, atlas: Atlas, t: Translator) -> str:
    """Active, merged into the successor (by name), ended or not recorded; with its year."""
    status = str(case["status"])
    if status == "merged" and case_facts.known(case["successor_id"]):
        successor = case_facts.case_row(atlas.clusters, str(case["successor_id"]))
        name = str(successor["name"]) if successor is not None else str(case["successor_id"])
        text = t("card.status_merged", successor=name)
    elif status == "merged":
        text = t("card.status_merged_outside")
    else:
        text = t(f"card.status_{status}")
    year = case["status_year"]
    return t("card.status_year", status=text, year=str(int(year))) if case_facts.known(year) else text


def facts(case: pd.Series, atlas: Atlas, t: Translator) -> list[tuple[str, str]]:
    """Label and plain-text value of each fact of a case, in display order."""
    return [(label, value) for _, label, value in fact_rows(case, atlas, t)]


def key_facts(case: pd.Series, atlas: Atlas, t: Translator) -> list[tuple[str, str]]:
    """The facts a slide shows: place, kind, sectors, programme, policy, founding year, known sizes."""
    unknown = t("app.unknown")
    sizes = set(FIGURES)
    return [
        (label, value)
        for key, label, value in fact_rows(case, atlas, t)
        if key in KEY_FACTS and not (key in sizes and value == unknown)
    ]


def render_card(case_id: str, atlas: Atlas, state: ViewState, t: Translator, *, key: str) -> None:
    """Draw the card of a case; an unknown id gives a polite notice."""
    case = case_facts.case_row(atlas.clusters, case_id)
    if case is None:
        st.info(t("card.not_found", case=case_id))
        return
    with st.container(border=True):
        head, close = st.columns([5, 1])
        head.subheader(escape_md(case["name"]))
        close.button(t("card.close"), key=f"{key}_close", on_click=open_case, args=(None,))
        text, fell_back = case_facts.summary(case, t.lang)
        if text:
            st.markdown(escape_md(text))
            if fell_back:
                st.caption(t("card.summary_other_language"))
        st.markdown(
            "  \n".join(
                f"**{escape_md(label)}:** {escape_md(value)}" for label, value in facts(case, atlas, t)
            )
        )
        successor = case["successor_id"] if case["status"] == "merged" else None
        if case_facts.known(successor) and case_facts.case_row(atlas.clusters, str(successor)) is not None:
            names_now = cached.case_names()
            st.button(
                t("card.open_successor", name=str(names_now.get(str(successor), successor))),
                key=f"{key}_successor",
                on_click=open_case,
                args=(str(successor),),
            )
        if str(case["status"]) in PAST_STATUSES and past_hidden(state.filters):
            note, show = st.columns([5, 1], vertical_alignment="center")
            note.caption(t("history.case_hidden"))
            show.button(t("history.show"), key=f"{key}_history", on_click=_show_history, type="tertiary")
        st.markdown(f"**{t('card.sources')}**")
        cited = case_facts.cited_sources(case)
        known_addresses = {address for address, _ in cited}
        cited += [(a, "programme_period") for a in period_sources(case, atlas) if a not in known_addresses]
        st.markdown("\n".join(_source_line(a, w, t) for a, w in cited))
        if case_facts.known(case["source_note"]):
            with st.expander(t("card.source_note")):
                render_note(str(case["source_note"]), t)
        related = cached.related(case_id)
        names = cached.case_names()
        for title, ids in (
            (t("card.same_programme"), related.same_programme),
            (t("card.nearby"), related.same_sector_nearby),
        ):
            if ids:
                st.markdown(f"**{title}**")
                with st.container(horizontal=True, gap="small"):
                    for other in ids:
                        st.button(
                            str(names[other]),
                            key=f"{key}_rel_{other}",
                            on_click=open_case,
                            args=(other,),
                            type="tertiary",
                        )
        comparable_section(case_id, t, key=key)
        view = case["area"] if case["area"] in VIEW_PRESETS else state.view
        map_state = dataclasses.replace(state, case=case_id, view=view, mode="points")
        st.page_link(links.script("map"), label=t("card.show_on_map"), query_params=to_params(map_state))
        st.caption(t("card.copy_link"))
        st.code(full_url(links.case_link(state, case_id)), language=None)
