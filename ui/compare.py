"""Side-by-side comparison of 2 to 4 cases: facts aligned field by field, and a small map."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from data.cases import case_row
from data.load import Atlas
from ui.card import fact_rows
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
    """Facts of the chosen cases side by side: one row per field, one column per case.

    Cases do not all have the same facts (a quotation, a regional employment figure): the rows
    are every field any chosen case has, in card order, and a case without one shows a dash.
    """
    columns: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for case_id in case_ids:
        case = case_row(atlas.clusters, case_id)
        if case is None:
            continue
        rows = fact_rows(case, atlas, t)
        labels.update((key, label) for key, label, _ in rows if key not in labels)
        name = str(case["name"])
        while name in columns:
            name += " "
        columns[name] = {key: value for key, _, value in rows}
    order = _card_order([list(values) for values in columns.values()])
    return pd.DataFrame(
        {name: [values.get(key, "–") for key in order] for name, values in columns.items()},
        index=[labels[key] for key in order],
    )


def _card_order(orders: list[list[str]]) -> list[str]:
    """One order holding every key, keeping each list's own order (the card's)."""
    merged: list[str] = []
    for keys in orders:
        for position, key in enumerate(keys):
            if key in merged:
                continue
            before = next((k for k in reversed(keys[:position]) if k in merged), None)
            merged.insert(merged.index(before) + 1 if before is not None else 0, key)
    return merged
