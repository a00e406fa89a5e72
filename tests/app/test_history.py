"""Today and the history on the map page: the default view hides the merged and ended cases and
says so (English and French), one control shows them, and a link to a merged case opens it."""

from __future__ import annotations

import pytest

from data.filters import Filters
from data.load import load_atlas_dir
from data.query import filter_clusters
from tests.app.conftest import deck_spec, run_page
from ui.i18n import Translator

PAST = ("merged", "ended")


def _past_count() -> int:
    clusters = load_atlas_dir().clusters
    return int(clusters["status"].isin(PAST).sum())


def _captions(at: object) -> str:
    return " ".join(str(c.value) for c in at.caption)  # type: ignore[attr-defined]


def _drawn_ids(at: object) -> set[str]:
    spec = deck_spec(at)  # type: ignore[arg-type]
    return {str(row["id"]) for layer in spec["layers"] for row in (layer.get("data") or []) if "id" in row}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_default_map_shows_today_and_says_what_it_hides(lang: str) -> None:
    at = run_page(lang=lang)
    assert not at.exception
    hidden = _past_count()
    assert hidden > 0
    t = Translator(lang)
    assert t("history.note_hidden", n=hidden) in _captions(at)
    assert any(b.label == t("history.show") for b in at.button)
    today = filter_clusters(load_atlas_dir().clusters, Filters())
    assert len(today) == len(load_atlas_dir().clusters) - hidden
    summary = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
    assert t("history.summary_hidden", n=hidden) in summary


def test_show_history_draws_the_merged_and_ended_cases() -> None:
    at = run_page()
    clusters = load_atlas_dir().clusters
    past_ids = set(clusters.loc[clusters["status"].isin(PAST), "id"])
    assert not (_drawn_ids(at) & past_ids)
    at.button(key="map_history").click().run()
    assert not at.exception
    assert past_ids <= _drawn_ids(at)
    assert Translator("en")("history.note_shown") in _captions(at)
    assert at.query_params.get("history") in ("1", ["1"])


def test_a_history_link_shows_them_and_a_status_link_keeps_its_meaning() -> None:
    at = run_page(history="1")
    assert Translator("en")("history.note_shown") in _captions(at)
    merged = run_page(status="merged")
    clusters = load_atlas_dir().clusters
    assert _drawn_ids(merged) == set(clusters.loc[clusters["status"].eq("merged"), "id"])
    assert Translator("en")("history.note_hidden", n=_past_count()) not in _captions(merged)


def test_a_link_to_a_merged_case_opens_its_card_and_its_successor() -> None:
    at = run_page(case="fr-advancity")
    assert not at.exception
    t = Translator("en")
    assert any(h.value == "Advancity" for h in at.subheader)
    text = " ".join(str(m.value) for m in at.markdown)
    assert "Cap Digital" in text
    assert t("history.case_hidden") in _captions(at)
    assert any(b.label == t("card.open_successor", name="Cap Digital") for b in at.button)


def test_the_card_shows_the_programme_period() -> None:
    clusters = load_atlas_dir().clusters
    rows = clusters["programme"].eq("jp-knowledge-cluster") & clusters["status"].eq("ended")
    case = clusters.loc[rows, "id"].iloc[0]
    at = run_page(case=str(case), history="1")
    assert not at.exception
    text = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
    assert "Programme period:** 2002–2009 (ended)" in text
    assert "Status:** ended" in text
