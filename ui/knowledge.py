"""Draw what the seeds teach: item cards with their quotes, links back to the filtered map, charts."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from data.knowledge import Group, Item, Link, linked_targets
from data.query import Filters
from ui import links
from ui.chart_export import download_buttons
from ui.charts import CONFIG
from ui.context import Page
from ui.i18n import Translator
from ui.markdown import escape_md
from ui.state import ViewState, to_params


def map_query(state: ViewState, filters: Filters) -> dict[str, list[str]]:
    """The query string of the map showing ``filters`` (language and map view kept, no card open)."""
    return to_params(dataclasses.replace(state, filters=filters, case=None, compare=()))


def map_link(page: Page, label: str, filters: Filters) -> None:
    """A link that opens the map filtered as given."""
    st.page_link(links.script("map"), label=label, query_params=map_query(page.state, filters))


def case_count(page: Page, **columns: str) -> int:
    """How many cases of the atlas have these column values (e.g. ``programme="fr-spl"``)."""
    cases = page.atlas.clusters
    mask = cases.index == cases.index
    for column, value in columns.items():
        mask &= cases[column] == value
    return int(mask.sum())


def quote_caption(t: Translator, seed: str, quote: str) -> None:
    """The seed text an item rests on, as a caption (OCR text as is, shown as plain text)."""
    st.caption(t("knowledge.quote", seed=seed, quote=escape_md(" ".join(quote.split()))))


def _link_target(page: Page, link: Link) -> tuple[str, Filters]:
    t = page.t
    if link.kind == "programme":
        name = page.programme_names.get(link.target, link.target)
        n = case_count(page, programme=link.target)
        return t("knowledge.link_programme", name=name, n=n), Filters(programmes=frozenset({link.target}))
    if link.kind == "case":
        names = dict(zip(page.atlas.clusters["id"], page.atlas.clusters["name"], strict=True))
        return t("knowledge.link_case", name=names.get(link.target, link.target)), Filters(
            text=names.get(link.target, link.target)
        )
    n = int(page.atlas.clusters["name"].str.contains(link.target, regex=False).sum())
    return t("knowledge.link_search", text=link.target, n=n), Filters(text=link.target)


def item_links(item: Item, page: Page) -> None:
    """The programmes or cases that illustrate an item, each with the text that says so.

    A programme without any case on the map is named, not linked.
    """
    t = page.t
    for link in linked_targets(item, page.atlas.clusters, page.atlas.programmes):
        label, filters = _link_target(page, link)
        if link.kind == "programme" and case_count(page, programme=link.target) == 0:
            st.markdown(
                escape_md(t("knowledge.no_case", name=page.programme_names.get(link.target, link.target)))
            )
        else:
            map_link(page, label, filters)
        if link.seed is not None:
            st.caption(t("knowledge.why_seed", seed=link.seed, quote=escape_md(link.quote)))
        else:
            st.caption(
                t(
                    "knowledge.why_field",
                    field=t(f"knowledge.field_{link.field}"),
                    quote=escape_md(link.quote),
                )
            )


def policy_link(page: Page, policy: str) -> None:
    """A link to the map filtered to one policy type, with its number of cases."""
    t = page.t
    n = case_count(page, policy_type=policy)
    map_link(
        page,
        t("knowledge.link_policy", policy=t.label("policy", policy), n=n),
        Filters(policies=frozenset({policy})),
    )


def sector_link(page: Page, sector: str, label: str) -> None:
    """A link to the map filtered to one sector, with its number of cases."""
    n = int(page.atlas.clusters["sectors"].str.split(";").map(lambda values: sector in values).sum())
    map_link(page, page.t("knowledge.link_sector", sector=label, n=n), Filters(sectors=frozenset({sector})))


def group_intro(group: Group, t: Translator, *, level: str = "subheader") -> None:
    """A group's title, introduction and quote."""
    title = group.title.get(t.lang)
    if level == "header":
        st.header(title)
    else:
        st.subheader(title)
    if group.intro.get(t.lang):
        st.write(group.intro.get(t.lang))
    if group.quote:
        quote_caption(t, group.seed, group.quote)


def item_card(item: Item, page: Page, *, number: int | None = None) -> None:
    """One item in a bordered box: label, explanation, quote, links."""
    t = page.t
    with st.container(border=True):
        label = item.label.get(t.lang)
        st.markdown(f"**{number}. {escape_md(label)}**" if number is not None else f"**{escape_md(label)}**")
        if item.text.get(t.lang):
            st.write(item.text.get(t.lang))
        quote_caption(t, item.seed, item.quote)
        if item.policy is not None:
            policy_link(page, item.policy)
        item_links(item, page)


def item_cards(group: Group, page: Page, *, columns: int = 2, numbered: bool = False) -> None:
    """The items of a group as cards, in columns."""
    slots = st.columns(columns)
    for i, item in enumerate(group.items):
        with slots[i % columns]:
            item_card(item, page, number=i + 1 if numbered else None)


def item_list(items: Sequence[Item], t: Translator, *, numbered: bool = False) -> None:
    """Items as a plain list (labels only), with the quotes in a collapsed box."""
    lines = [f"{i + 1}. " if numbered else "- " for i in range(len(items))]
    st.markdown(
        "\n".join(
            f"{mark}{escape_md(item.label.get(t.lang))}" for mark, item in zip(lines, items, strict=True)
        )
    )
    with st.expander(t("knowledge.quotes")):
        for item in items:
            quote_caption(t, item.seed, item.quote)


def show_chart(t: Translator, fig: go.Figure, *, caption: str, source: str, key: str) -> None:
    """A plotly chart with its alt-text caption, its source line and PNG/SVG downloads."""
    st.plotly_chart(fig, width="stretch", config=CONFIG, key=key)
    st.caption(caption)
    st.caption(source)
    download_buttons(
        fig, source, f"cluster-atlas_{key}", (t("knowledge.chart_png"), t("knowledge.chart_svg")), key
    )


def labels(items: Sequence[Item], lang: str) -> list[str]:
    """The labels of items in a language."""
    return [item.label.get(lang) for item in items]


def steps(items: Sequence[Item], lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs for a sequence diagram."""
    return [(item.label.get(lang), item.text.get(lang)) for item in items]


def no_values_note(t: Translator) -> None:
    """Say plainly that the seed's chart values did not survive the OCR."""
    st.info(t("knowledge.values_lost"))


def respondents_line(group: Group, t: Translator) -> str:
    """'N clusters answered (rule)' for a survey question."""
    if group.respondents is None:
        return ""
    return t("innet.respondents", n=group.respondents, rule=group.rule.get(t.lang))
