"""The "comparable cases" section of a case card: cases of other areas, each with its reason."""

from __future__ import annotations

import streamlit as st

from data.comparable import Reason
from ui import cached
from ui.i18n import Translator
from ui.keys import CASE_KEY


def reason_text(reason: Reason, t: Translator) -> str:
    """The reason in words, e.g. "same main sector, same size class, but top-down".

    Examples
    --------
    >>> reason_text(Reason(("main_sector", "decade"), (("policy", "top-down"),)), Translator("en"))
    'same main sector, founded in the same decade, but top-down'
    """
    same = [
        t("comparable.shared_sector", sector=t.label("sector", reason.shared_sector or ""))
        if aspect == "shared_sector"
        else t(f"comparable.{aspect}")
        for aspect in reason.same
    ]
    groups = {"size": "size", "policy": "policy"}
    differs = [
        t(
            f"comparable.differs_{aspect}",
            value=t.label(groups[aspect], value).lower() if aspect in groups else value,
        )
        for aspect, value in reason.differs
    ]
    text = ", ".join(same)
    if differs:
        text += (", " if text else "") + t("comparable.but") + " " + ", ".join(differs)
    return text


def _open(case_id: str) -> None:
    st.session_state[CASE_KEY] = case_id


def comparable_section(case_id: str, t: Translator, *, key: str) -> None:
    """Up to five comparable cases of other areas, each a button that opens its card."""
    found = cached.comparable(case_id)
    st.markdown(f"**{t('comparable.title')}**")
    if not found:
        st.caption(t("comparable.none"))
        return
    names = cached.case_names()
    areas = cached.case_areas()
    for item in found:
        name, reason = st.columns([2, 3], vertical_alignment="center")
        name.button(
            str(names[item.id]), key=f"{key}_cmp_{item.id}", on_click=_open, args=(item.id,), type="tertiary"
        )
        reason.caption(f"{t.label('area', str(areas[item.id]))} · {reason_text(item.reason, t)}")
