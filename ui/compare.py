"""Side-by-side comparison of 2 to 4 cases: facts aligned field by field, and a small map."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from data.cases import case_row
from data.load import Atlas
from ui.card import facts
from ui.i18n import Translator
from ui.keys import COMPARE_KEY
from ui.state import MAX_COMPARE, ViewState

PICKER_KEY: Final[str] = "w_compare"


def _sync_picker() -> None:
    st.session_state[COMPARE_KEY] = list(st.session_state.get(PICKER_KEY) or [])[:MAX_COMPARE]


def pick_cases(cases: pd.DataFrame, atlas: Atlas, state: ViewState, t: Translator) -> list[str]:
    """The case picker: filtered cases plus those already chosen; returns the chosen ids."""
    chosen = [c for c in state.compare if case_row(atlas.clusters, c) is not None]
    names = atlas.clusters.set_index("id")["name"]
    options = list(dict.fromkeys([*chosen, *cases["id"]]))
    st.session_state[PICKER_KEY] = chosen
    st.multiselect(
        t("compare.pick", n=MAX_COMPARE),
        options,
        format_func=lambda case_id: str(names.get(case_id, case_id)),
        max_selections=MAX_COMPARE,
        key=PICKER_KEY,
        on_change=_sync_picker,
        placeholder=t("compare.placeholder"),
    )
    return chosen


def comparison_table(case_ids: list[str], atlas: Atlas, t: Translator) -> pd.DataFrame:
    """Facts of the chosen cases side by side: one row per field, one column per case."""
    columns: dict[str, list[str]] = {}
    labels: list[str] = []
    for case_id in case_ids:
        case = case_row(atlas.clusters, case_id)
        if case is None:
            continue
        lines = facts(case, atlas, t)
        labels = [label for label, _ in lines]
        name = str(case["name"])
        while name in columns:
            name += " "
        columns[name] = [value for _, value in lines]
    return pd.DataFrame(columns, index=labels)
