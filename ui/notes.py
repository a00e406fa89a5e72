"""A case's source note said in the reader's language: the build's provenance lines translated,
the curators' free note shown as English (marked so for screen readers)."""

from __future__ import annotations

import html
import re

import streamlit as st

from data.notes import FIELDS, Provenance, read_note
from ui.i18n import Translator
from ui.markdown import escape_md

_FIELD_WORD = re.compile(rf"\b({'|'.join(FIELDS)}) ")


def note_line(line: Provenance, t: Translator) -> str:
    """One provenance line in the language."""
    values = dict(line.values)
    if "field" in values:
        values["field"] = t(f"note_field.{values['field']}")
    if "status" in values:
        values["status"] = t.label("status", values["status"]).lower()
    if "filled" in values:
        values["filled"] = _FIELD_WORD.sub(lambda m: t(f"note_field.{m[1]}") + " ", values["filled"])
    return t(f"note.{line.key}", **values)


def render_note(note: str, t: Translator) -> None:
    """The note as written (English), or its provenance lines in the language then the rest."""
    if t.lang == "en":
        st.text(note)
        return
    read = read_note(note)
    if read.lines:
        st.markdown("\n".join(f"- {escape_md(note_line(line, t))}" for line in read.lines))
    if read.english:
        st.caption(t("note.heading_english"))
        # Escaped, and on one line: a blank line would end the HTML block and let the rest of an
        # uploaded note be read as Markdown (links, pictures). splitlines breaks at every line end
        # Markdown knows (a lone "\r" too), not only "\n".
        english = "<br>".join(html.escape(read.english).splitlines())
        st.markdown(f'<div lang="en">{english}</div>', unsafe_allow_html=True)
