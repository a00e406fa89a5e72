"""Facts of one case: figures with year and source, cited sources, summaries, related cases."""

from __future__ import annotations

import pandas as pd

from data.cases import case_row, cited_sources, figures, known, related_cases, summary


def test_figures_carry_year_and_source(tiny_clusters: pd.DataFrame) -> None:
    lyon = case_row(tiny_clusters, "fx-lyon-bio")
    assert lyon is not None
    found = {f.name: (f.value, f.year, f.source) for f in figures(lyon)}
    assert found == {
        "members_firms": (150, 2020, "https://example.org/a"),
        "members_research": (20, 2020, "https://example.org/a"),
    }


def test_cited_sources_say_what_they_support(tiny_clusters: pd.DataFrame) -> None:
    munich = case_row(tiny_clusters, "fx-munich-ict")
    assert munich is not None
    assert cited_sources(munich) == [("https://example.org/b", "main,founded_year,employees")]


def test_unknown_case_is_none(tiny_clusters: pd.DataFrame) -> None:
    assert case_row(tiny_clusters, "nope") is None
    assert related_cases(tiny_clusters, "nope").same_programme == []


def test_summary_falls_back_to_the_other_language(tiny_clusters: pd.DataFrame) -> None:
    toulouse = case_row(tiny_clusters, "fx-toulouse-aero")
    munich = case_row(tiny_clusters, "fx-munich-ict")
    assert toulouse is not None and munich is not None
    assert summary(toulouse, "en") == ("Un cas d'essai.", True)
    assert summary(munich, "fr") == ("A fixture.", True)
    assert summary(munich, "en") == ("A fixture.", False)


def test_related_cases_share_programme_or_a_sector_nearby(tiny_clusters: pd.DataFrame) -> None:
    related = related_cases(tiny_clusters, "fx-lyon-bio")
    assert related.same_programme == ["fx-toulouse-aero"]  # the other fx-fr-poles case
    assert related.same_sector_nearby == []  # no life-sciences case within 300 km of Lyon
    kobe = related_cases(tiny_clusters, "fx-sapporo-ict")
    assert kobe.same_programme == ["fx-kobe-med"]


def test_known() -> None:
    assert [known(v) for v in (None, float("nan"), pd.NA, " ", "x", 0)] == [
        False,
        False,
        False,
        False,
        True,
        True,
    ]
