"""The sources-and-method additions: the seed documents, every source with its address, the sectors."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from data.knowledge import Group, sector_rule_counts
from data.vocab import INNET_SECTORS, SECTORS
from ui.context import Page
from ui.i18n import Translator
from ui.knowledge import quote_caption
from ui.markdown import escape_md

TOPIC_KEY: Final[str] = "sources_topic"
ALL: Final[str] = "all"


def seeds_section(page: Page, seeds: Group) -> None:
    """The five seed documents and what each supports."""
    t = page.t
    st.subheader(seeds.title.get(t.lang))
    st.write(seeds.intro.get(t.lang))
    for item in seeds.items:
        st.markdown(f"**{escape_md(item.label.get(t.lang))}** — {escape_md(item.text.get(t.lang))}")
        quote_caption(t, item.seed, item.quote)
    st.caption(t("sources.seeds_licence"))


def readable_sources(sources: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The sources table people read."""
    is_url = sources["address"].str.startswith(("http://", "https://"))
    named = sources["address"].where(~is_url, "")
    return pd.DataFrame(
        {
            t("sources.col_topic"): sources["topic"].map(lambda topic: t(f"sources.topic_{topic}")),
            t("sources.col_address"): sources["address"].where(is_url, None),
            t("sources.col_supports"): (named + ": " + sources["supports"]).where(
                named != "", sources["supports"]
            ),
            t("sources.col_licence"): sources["licence"].replace("", t("sources.not_stated")),
            t("sources.col_date"): sources["date"],
        }
    )


def sources_section(page: Page, sources: pd.DataFrame) -> None:
    """Every source with its address, what it supports and its licence where stated, by topic."""
    t = page.t
    st.subheader(t("sources.heading"))
    st.write(t("sources.text", n=len(sources)))
    topics = [ALL, *dict.fromkeys(sources["topic"])]
    topic = st.selectbox(
        t("sources.topic_label"),
        topics,
        format_func=lambda v: t("filters.all") if v == ALL else t(f"sources.topic_{v}"),
        key=TOPIC_KEY,
    )
    chosen = sources if topic == ALL else sources.loc[sources["topic"] == topic]
    st.dataframe(
        readable_sources(chosen, t),
        hide_index=True,
        width="stretch",
        height=380,
        column_config={
            t("sources.col_topic"): st.column_config.TextColumn(width="small"),
            t("sources.col_address"): st.column_config.LinkColumn(width="medium"),
            t("sources.col_supports"): st.column_config.TextColumn(width="large"),
            t("sources.col_licence"): st.column_config.TextColumn(width="small"),
            t("sources.col_date"): st.column_config.TextColumn(width="small"),
        },
    )
    st.caption(t("sources.notes_language"))


def sector_vocabulary(clusters: pd.DataFrame, rules: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The 16 sectors: label, whether INNET uses it, number of rules and of cases."""
    rule_counts = sector_rule_counts(rules)
    cases = clusters["sectors"].str.split(";").explode().str.strip().value_counts()
    return pd.DataFrame(
        {
            t("sources.col_sector"): [t.label("sector", s) for s in SECTORS],
            t("sources.col_innet"): [t("sources.yes") if s in INNET_SECTORS else "" for s in SECTORS],
            t("sources.col_rules"): [int(rule_counts.get(s, 0)) for s in SECTORS],
            t("sources.col_cases"): [int(cases.get(s, 0)) for s in SECTORS],
        }
    )


def sectors_section(page: Page, rules: pd.DataFrame) -> None:
    """How sectors were assigned: the vocabulary, then the rule tables."""
    t = page.t
    st.subheader(t("sources.sectors_heading"))
    st.write(t("sources.sectors_text", n=len(SECTORS), innet=len(INNET_SECTORS), rules=len(rules)))
    st.dataframe(sector_vocabulary(page.atlas.clusters, rules, t), hide_index=True, width="content")
    with st.expander(t("sources.rules_heading", n=len(rules))):
        st.dataframe(
            rules.rename(
                columns={
                    "table": t("sources.col_table"),
                    "pattern": t("sources.col_pattern"),
                    "sectors": t("sources.col_sectors"),
                    "note": t("sources.col_note"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("sources.rules_note"))
