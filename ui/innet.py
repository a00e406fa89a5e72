"""The internationalisation page: the INNET survey of seed 002, values only where the text kept them."""

from __future__ import annotations

import streamlit as st

from data.knowledge import Group
from ui import charts
from ui.context import Page
from ui.knowledge import (
    group_intro,
    item_list,
    labels,
    no_values_note,
    quote_caption,
    respondents_line,
    sector_link,
    show_chart,
    steps,
)


def frame_section(page: Page, frame: Group, questions: Group) -> None:
    """The survey's frame as figures, and its questions."""
    t = page.t
    group_intro(frame, t, level="header")
    for column, item in zip(st.columns(len(frame.items)), frame.items, strict=True):
        value = item.value or 0
        column.metric(item.label.get(t.lang), t.number(int(value)))
    st.caption(t("innet.frame_note"))
    for item in frame.items:
        quote_caption(t, item.seed, item.quote)
    group_intro(questions, t)
    item_list(questions.items, t, numbered=True)


def answers_card(page: Page, group: Group) -> None:
    """A question's answer categories, how many answered, and that the values are lost."""
    t = page.t
    with st.container(border=True):
        st.markdown(f"**{group.title.get(t.lang)}**")
        if group.intro.get(t.lang):
            st.write(group.intro.get(t.lang))
        item_list(group.items, t)
        line = respondents_line(group, t)
        if line:
            st.caption(line)
        if group.quote:
            quote_caption(t, group.seed, group.quote)
        if not group.values:
            no_values_note(t)


def answers_section(page: Page, groups: dict[str, Group]) -> None:
    """Motives, barriers, the strategy finding, funding sources and support tools."""
    t = page.t
    st.header(t("innet.answers_heading"))
    left, right = st.columns(2)
    with left:
        answers_card(page, groups["motives"])
    with right:
        answers_card(page, groups["barriers"])
    strategy_section(page, groups["strategy"])
    left, right = st.columns(2)
    with left:
        answers_card(page, groups["funding"])
    with right:
        answers_card(page, groups["tools"])


def strategy_section(page: Page, strategy: Group) -> None:
    """The one percentage the OCR kept: 10 % of 85 clusters have a concrete strategy."""
    t = page.t
    st.subheader(strategy.title.get(t.lang))
    for item in strategy.items:
        if item.value is None or item.unit != "percent":
            continue
        st.write(item.text.get(t.lang))
        fig = charts.share_figure(
            item.value,
            item.label.get(t.lang),
            t("innet.strategy_rest"),
            t("innet.strategy_chart_title", n=strategy.respondents or 0),
        )
        show_chart(
            t,
            fig,
            caption=t("innet.strategy_alt", value=item.value, n=strategy.respondents or 0),
            source=t("knowledge.source_seed", seed=strategy.seed) + " · " + respondents_line(strategy, t),
            key="strategy_chart",
        )
        quote_caption(t, item.seed, item.quote)
    st.caption(t("innet.strategy_other"))


def sectors_section(page: Page, sectors: Group, markusen: Group) -> None:
    """The eight survey sectors, the ranking statement, links to the map by sector."""
    t = page.t
    group_intro(sectors, t, level="header")
    top = [item.label.get(t.lang) for item in sectors.items if item.highlight]
    st.success(t("innet.sectors_top", sectors=" · ".join(top)))
    slots = st.columns(2)
    for i, item in enumerate(sectors.items):
        with slots[i % 2]:
            if item.sector is not None:
                sector_link(page, item.sector, t.label("sector", item.sector))
    no_values_note(t)
    group_intro(markusen, t)
    st.markdown(" · ".join(f"**{label}**" for label in labels(markusen.items, t.lang)))
    no_values_note(t)


def process_section(page: Page, process: Group, questions: Group) -> None:
    """Diagnosis, design, implementation as a diagram, then the questions of the diagnosis."""
    t = page.t
    group_intro(process, t, level="header")
    show_chart(
        t,
        charts.sequence_figure(steps(process.items, t.lang), process.title.get(t.lang)),
        caption=t("innet.process_alt", steps=" → ".join(labels(process.items, t.lang))),
        source=t("knowledge.source_seed", seed=process.seed),
        key="process_chart",
    )
    group_intro(questions, t)
    item_list(questions.items, t, numbered=True)
