"""Case tables as people read them: translated labels, numbers, unknowns said as unknown."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from data.vocab import split_list
from ui.card import open_case
from ui.i18n import Translator, country_name

TABLE_KEY: Final[str] = "cases_table"


def readable_cases(cases: pd.DataFrame, t: Translator, programme_names: dict[str, str]) -> pd.DataFrame:
    """One row per case with display columns, ``id`` kept as the index."""
    return pd.DataFrame(
        {
            t("table.name"): cases["name"],
            t("table.country"): cases["country_iso2"].map(lambda c: country_name(c, t.lang)),
            t("table.area"): cases["area"].map(lambda a: t.label("area", a)),
            t("table.sectors"): cases["sectors"].map(
                lambda cell: ", ".join(t.label("sector", s) for s in split_list(cell))
            ),
            t("table.programme"): cases["programme"].map(lambda p: programme_names.get(p, p)),
            t("table.policy"): cases["policy_type"].map(lambda p: t.label("policy", p)),
            t("table.unit_type"): cases["unit_type"].map(lambda u: t.label("unit_type", u)),
            t("table.founded"): cases["founded_year"],
            t("table.size_class"): cases["size_class"].map(lambda s: t.label("size", s)),
            t("table.employees"): cases["employees"],
            t("table.members_firms"): cases["members_firms"],
            t("table.members_total"): cases["members_total"],
        }
    ).set_axis(cases["id"].to_numpy())


def on_table_select() -> None:
    """Callback of a row click: open that case's card."""
    event = st.session_state.get(TABLE_KEY) or {}
    rows = (event.get("selection") or {}).get("rows") or []
    ids = st.session_state.get("_table_ids") or []
    if rows and 0 <= rows[0] < len(ids):
        open_case(ids[rows[0]])


def cases_table(cases: pd.DataFrame, t: Translator, programme_names: dict[str, str]) -> None:
    """A sortable table of cases; selecting a row opens its card."""
    table = readable_cases(cases, t, programme_names)
    st.session_state["_table_ids"] = list(table.index)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=420,
        key=TABLE_KEY,
        on_select=on_table_select,
        selection_mode="single-row",
        column_config={
            t("table.founded"): st.column_config.NumberColumn(format="%d"),
            t("table.employees"): st.column_config.NumberColumn(format="localized"),
            t("table.members_firms"): st.column_config.NumberColumn(format="localized"),
            t("table.members_total"): st.column_config.NumberColumn(format="localized"),
        },
    )
