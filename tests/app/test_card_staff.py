"""The staff of a cluster organisation is one of its own counts (issue #15, point 5): the card shows
it under its own label, in both languages, and it sets no size class — a team of twelve says
nothing of the three hundred members it may serve."""

from __future__ import annotations

import pandas as pd

from curation.metrics import measure
from data.cases import known
from data.load import load_atlas_dir
from data.schema import SIZE_CLASS_FIGURES
from data.vocab import size_class_for
from tests.app.conftest import run_page
from ui.i18n import Translator


def _cases() -> pd.DataFrame:
    return load_atlas_dir().clusters


def _class_of(case: pd.Series) -> str:
    values = [int(case[name]) if known(case[name]) else None for name in SIZE_CLASS_FIGURES]
    members_firms, members_research, members_total, employees = values
    return size_class_for(employees, members_firms, members_research, members_total)


def test_staff_sets_no_size_class() -> None:
    clusters = _cases()
    with_staff = clusters.loc[clusters["staff"].map(known)]
    assert not with_staff.empty, "the shipped atlas has staff counts"
    for _, case in with_staff.iterrows():
        assert case["size_class"] == _class_of(case), case["id"]
    only_staff = with_staff.loc[~with_staff[list(SIZE_CLASS_FIGURES)].notna().any(axis=1)]
    assert not only_staff.empty and only_staff["size_class"].eq("unknown").all()


def test_staff_counts_as_an_organisation_figure_in_the_report() -> None:
    clusters = _cases()
    case = clusters.loc[clusters["staff"].map(known)].iloc[0]
    alone = case.to_frame().T.copy()
    for name in SIZE_CLASS_FIGURES:
        alone[name] = pd.NA
    assert measure(alone)["org_size_pct"]["all"] == 100.0
    alone["staff"] = pd.NA
    assert measure(alone)["org_size_pct"]["all"] == 0.0


def test_the_card_shows_the_staff_under_its_own_label() -> None:
    clusters = _cases()
    case = clusters.loc[clusters["staff"].map(known)].iloc[0]
    for lang in ("en", "fr"):
        t = Translator(lang)
        at = run_page(lang=lang, case=str(case["id"]))
        assert not at.exception
        text = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
        assert t("card.staff") in text
        assert f"{t.number(int(case['staff']))} ({int(case['staff_year'])})" in text


def test_a_presenter_slide_shows_the_staff_as_a_large_figure() -> None:
    from ui.present import case_content

    atlas = load_atlas_dir()
    clusters = atlas.clusters
    case = clusters.loc[clusters["staff"].map(known)].iloc[0]
    for lang in ("en", "fr"):
        t = Translator(lang)
        content = case_content(case, atlas, t, note="")
        assert (
            t("card.staff"),
            f"{t.number(int(case['staff']))} ({int(case['staff_year'])})",
        ) in content.figures
