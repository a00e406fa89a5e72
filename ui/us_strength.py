"""The US strength page: US Cluster Mapping Project 2016 figures of the atlas's statistical clusters."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import streamlit as st

from data.localised import Localised
from data.query import Filters
from data.vocab import SECTORS
from geo import layers
from ui import charts
from ui.context import Page
from ui.i18n import Translator
from ui.knowledge import map_link, show_chart
from ui.markdown import escape_md

STATISTICAL: Final[str] = layers.STATISTICAL_UNIT


def strength_rows(figures: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The figures joined to the atlas's US statistical clusters, strongest location quotient first."""
    us = clusters.loc[(clusters["unit_type"] == STATISTICAL) & (clusters["area"] == "united-states")]
    joined = us[["id", "name", "sectors"]].merge(figures, left_on="id", right_on="case_id", how="inner")
    joined["sector"] = joined["sectors"].map(layers.primary_sector)
    joined["label"] = joined["name"]
    return joined.sort_values("location_quotient", ascending=False, ignore_index=True)


def missing_cases(figures: pd.DataFrame, clusters: pd.DataFrame) -> list[str]:
    """Names of the atlas's US statistical clusters that the strong-cluster file does not hold."""
    us = clusters.loc[(clusters["unit_type"] == STATISTICAL) & (clusters["area"] == "united-states")]
    return sorted(us.loc[~us["id"].isin(figures["case_id"]), "name"])


def readable(rows: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The table people read."""
    return pd.DataFrame(
        {
            t("us.col_case"): rows["name"],
            t("us.col_msa"): rows["msa_name"],
            t("us.col_cluster"): rows["cluster_name"],
            t("us.col_employment"): rows["employment"],
            t("us.col_establishments"): rows["establishments"],
            t("us.col_lq"): rows["location_quotient"],
        }
    )


def _citation_value(t: Translator, key: str, value: object) -> str:
    """A field of the citation in words: the data set's title as a quotation, the atlas's own
    notes in the language."""
    if isinstance(value, Localised):
        return t.text(value)
    return t("us.quoted", text=str(value)) if key == "title" else str(value)


def rule_section(t: Translator, meta: dict[str, Any]) -> None:
    """The strong-cluster rule, quoted from the code that computes it."""
    st.subheader(t("us.rule_heading"))
    st.write(t("us.rule_text"))
    st.code(str(meta["rule"]["code"]), language="javascript", wrap_lines=True)
    st.caption(t("us.rule_source", source=escape_md(t.text(meta["rule"]["source"]))))


def strength_section(page: Page, figures: pd.DataFrame, meta: dict[str, Any]) -> None:
    """Unit warning, rule, table and chart of the location quotients, citation."""
    t = page.t
    st.warning(t("us.unit_warning"))
    rule_section(t, meta)
    rows = strength_rows(figures, page.atlas.clusters)
    st.subheader(t("us.table_heading", n=len(rows), year=str(meta["data_year"])))
    map_link(
        page,
        t("us.map_link", n=len(rows)),
        Filters(areas=frozenset({"united-states"}), unit_types=frozenset({STATISTICAL})),
    )
    st.dataframe(
        readable(rows, t),
        hide_index=True,
        width="stretch",
        column_config={
            t("us.col_employment"): st.column_config.NumberColumn(format="localized"),
            t("us.col_establishments"): st.column_config.NumberColumn(format="localized"),
            t("us.col_lq"): st.column_config.NumberColumn(format="%.2f"),
            t("us.col_case"): st.column_config.TextColumn(width="medium"),
            t("us.col_cluster"): st.column_config.TextColumn(width="medium"),
        },
    )
    missing = missing_cases(figures, page.atlas.clusters)
    if missing:
        st.caption(t("us.missing", n=len(missing), names="; ".join(missing)))
    if not rows.empty:
        fig = charts.strength_figure(
            rows,
            value="location_quotient",
            colours=layers.SECTOR_RGB,
            sector_labels=t.labels("sector", SECTORS),
            title=t("us.chart_title", year=str(meta["data_year"])),
            axis=t("us.col_lq"),
        )
        top = rows.iloc[0]
        show_chart(
            t,
            fig,
            caption=t(
                "us.chart_alt",
                n=len(rows),
                top=str(top["name"]),
                lq=round(float(top["location_quotient"]), 2),
            ),
            source=t("us.source", producer=meta["producer"], year=str(meta["data_year"])),
            key="us_strength_chart",
        )
    st.subheader(t("us.citation_heading"))
    st.markdown(
        "\n".join(
            f"- **{t(f'us.meta_{key}')}**: {escape_md(_citation_value(t, key, meta[key]))}"
            for key in ("producer", "title", "source", "licence", "data_year")
        )
    )
