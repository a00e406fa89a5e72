"""A case whose sources state a city but no region: its card names the first-level region its
point lies in, from the boundary file and in the page's language, and says where that comes from;
a stated region is shown as stated."""

from __future__ import annotations

import pandas as pd

from data.cases import known
from data.load import load_atlas_dir
from geo.boundaries import admin1_names
from tests.app.conftest import run_page
from ui.i18n import Translator


def _cases() -> pd.DataFrame:
    return load_atlas_dir().clusters


def test_region_names_come_from_the_boundary_files_in_each_language() -> None:
    english, french = admin1_names("en"), admin1_names("fr")
    assert set(english) == set(french) and len(english) > 100
    clusters = _cases()
    used = set(clusters["admin1_id"].dropna())
    assert used <= set(english), sorted(used - set(english))[:5]
    assert any(english[key] != french[key] for key in english)  # French names where the file has them


def test_the_card_names_the_region_of_a_case_without_a_stated_region() -> None:
    clusters = _cases()
    unstated = clusters.loc[~clusters["region"].map(known) & clusters["admin1_id"].map(known)]
    assert not unstated.empty, "the shipped atlas has cases with a city and no stated region"
    case = unstated.iloc[0]
    for lang in ("en", "fr"):
        name = admin1_names(lang)[str(case["admin1_id"])]
        at = run_page(lang=lang, case=str(case["id"]))
        assert not at.exception
        text = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
        assert Translator(lang)("card.region_of_point", name=name) in text


def test_a_stated_region_is_shown_as_stated() -> None:
    clusters = _cases()
    stated = clusters.loc[clusters["region"].map(known)].iloc[0]
    at = run_page(case=str(stated["id"]))
    text = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
    assert str(stated["region"]) in text
    said = Translator("en")("card.region_of_point", name="")  # " (the region its city lies in; …)"
    assert said.strip() not in text
