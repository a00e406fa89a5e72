"""Cases whose sources state no seat: the map draws no point for them (never one at their
country's centre), says so by name in English and French, and their card says why."""

from __future__ import annotations

import json

import pytest

from data.cases import unplaced
from data.load import load_atlas_dir
from tests.app.conftest import deck_spec, run_page
from ui.i18n import Translator


def _unplaced() -> list[tuple[str, str]]:
    missing = unplaced(load_atlas_dir().clusters)
    return list(zip(missing["id"], missing["name"], strict=True))


def _captions(at: object) -> str:
    return " ".join(str(c.value) for c in at.caption)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_map_names_the_cases_it_does_not_draw(lang: str) -> None:
    cases = _unplaced()
    assert cases, "the shipped atlas has cases not placed (see data/REPORT.md)"
    at = run_page(lang=lang, view="maghreb")
    assert not at.exception
    t = Translator(lang)
    names = ", ".join(name for _, name in cases)
    assert t("map.unplaced_note", n=len(cases), names=names) in _captions(at)
    spec = deck_spec(at)
    drawn = {str(row["id"]) for layer in spec["layers"] for row in (layer.get("data") or []) if "id" in row}
    assert drawn and not drawn & {case_id for case_id, _ in cases}
    assert "NaN" not in json.dumps(spec)
    # The map in words (also the map's label for screen readers) says it too.
    summary = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
    assert t("map.unplaced_summary", n=len(cases)) in summary


def test_the_card_of_a_case_not_placed_says_why() -> None:
    case_id, _ = _unplaced()[0]
    for lang in ("en", "fr"):
        at = run_page(lang=lang, case=case_id)
        assert not at.exception
        text = " ".join(str(m.value) for m in at.markdown)
        assert Translator(lang)("card.precision_unknown") in text.replace("\\", "")
