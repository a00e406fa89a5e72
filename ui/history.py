"""Today and the history: the default map shows the cases that exist today (active, or of
unknown status) and says how many merged or ended cases it hides, with one control that shows
them (the ``history`` filter of data/filters.py)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from data.filters import BY_NAME, Filters, past_hidden
from ui import cached
from ui.i18n import Translator

HISTORY_WIDGET: str = BY_NAME["history"].widget_key


def hidden_count(filters: Filters) -> int:
    """How many merged or ended cases the filters hide only because the history is not shown."""
    if not past_hidden(filters):
        return 0
    with_history = dataclasses.replace(filters, history=True)
    return len(cached.filtered(with_history)) - len(cached.filtered(filters))


def hidden_sentence(filters: Filters, t: Translator) -> str:
    """The map in words says what it hides ("" when it hides nothing)."""
    hidden = hidden_count(filters)
    return t("history.summary_hidden", n=hidden) if hidden else ""


def _show(on: bool) -> None:
    st.session_state[HISTORY_WIDGET] = on


def history_note(filters: Filters, t: Translator, *, key: str) -> None:
    """Under the map's caption: what the view shows (today, or the history) and the one control
    that switches; nothing when a status is chosen (the link then says what it shows)."""
    if filters.statuses:
        return
    if filters.history:
        text, label, on = t("history.note_shown"), t("history.hide"), False
    else:
        hidden = hidden_count(filters)
        if not hidden:
            return
        text, label, on = t("history.note_hidden", n=hidden), t("history.show"), True
    words, button = st.columns([5, 1], vertical_alignment="center")
    words.caption(text)
    button.button(label, key=f"{key}_history", on_click=_show, args=(on,), type="tertiary")
