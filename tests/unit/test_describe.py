"""The map in words: counts from the data, sentences in English and French, every template present."""

from __future__ import annotations

import pandas as pd
import pytest

from data import describe
from data.load import load_atlas_dir
from ui.i18n import country_name, messages


def words(lang: str) -> dict[str, str]:
    return {key: messages(lang)[f"describe.{key}"] for key in describe.TEMPLATE_KEYS}


def sentence(cases: pd.DataFrame, lang: str) -> str:
    return describe.summary_text(
        describe.summarise(cases),
        words(lang),
        lang=lang,
        country_name=lambda code: country_name(code, lang),
        sector_label=lambda sector: messages(lang)[f"sector.{sector}"],
    )


CASES = pd.DataFrame(
    {
        "country_iso2": ["JP"] * 3 + ["FR"] * 2 + ["DE", "MA", "US"],
        "sectors": [
            "ict",
            "ict;energy-environment",
            "energy-environment",
            "ict",
            "life-sciences",
            "ict",
            "energy-environment",
            "ict",
        ],
        "size_class": ["small", "unknown", "unknown", "large", "unknown", "medium", "small", "large"],
        "unit_type": ["technopole"] * 7 + ["statistical-cluster"],
    }
)


def test_counts_are_ranked_most_first_and_ties_by_code() -> None:
    summary = describe.summarise(CASES)
    assert summary.total == 8
    assert summary.countries[:3] == (("JP", 3), ("FR", 2), ("DE", 1))
    assert summary.sectors == (("ict", 5), ("energy-environment", 2), ("life-sciences", 1))
    assert (summary.unknown_size, summary.statistical) == (3, 1)


def test_the_sentence_reads_in_english_and_french() -> None:
    english = sentence(CASES, "en")
    assert english == (
        "8 cases shown; most in Japan (3), France (2), Germany (1), and 2 more; main sectors: "
        f"{messages('en')['sector.ict']} (5), {messages('en')['sector.energy-environment']} (2), and "
        f"{messages('en')['sector.life-sciences']} (1); 1 of them statistical clusters (rings); "
        "size unknown for 38%."
    )
    french = sentence(CASES, "fr")
    assert french.startswith("8 cas affichés ; surtout : Japon (3), France (2), Allemagne (1) et 2 autres ;")
    assert french.endswith("taille inconnue pour 38\u00a0%.")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_case_and_one_case(lang: str) -> None:
    assert sentence(CASES.iloc[:0], lang) == messages(lang)["describe.none"]
    one = sentence(CASES.iloc[:1], lang)
    assert one.startswith(messages(lang)["describe.shown_one"])


def test_the_atlas_is_described_from_its_data() -> None:
    clusters = load_atlas_dir().clusters
    text = sentence(clusters, "en")
    assert text.startswith(f"{len(clusters):,} cases shown; most in ")
    top = clusters["country_iso2"].value_counts().index[0]
    assert country_name(str(top), "en") in text.split(";")[1]
