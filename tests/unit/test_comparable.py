"""Comparable cases: other areas only, deterministic scoring, reasons from known values only."""

from __future__ import annotations

import pandas as pd

from data.comparable import MAX_COMPARABLE, comparable_cases
from data.load import Atlas


def cases(rows: list[tuple[str, str, str, str, str, int | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "area", "sectors", "size_class", "policy_type", "founded_year"])
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    return frame


BASE = [
    ("me", "japan", "ict;micro-nano-opto", "large", "top-down", 2001),
    ("same-area", "japan", "ict", "large", "top-down", 2001),
    ("twin", "europe", "ict", "large", "top-down", 2004),
    ("bottom-up-twin", "europe", "ict", "large", "bottom-up", 2002),
    ("second-sector", "maghreb", "agrifood;micro-nano-opto", "large", "top-down", 1985),
    ("unknown-size", "europe", "ict", "unknown", "unknown", None),
    ("no-sector", "europe", "agrifood", "large", "top-down", 2001),
]


def test_only_other_areas_sharing_a_sector_best_first() -> None:
    found = comparable_cases(cases(BASE), "me")
    assert [c.id for c in found] == ["twin", "bottom-up-twin", "second-sector", "unknown-size"]
    assert [c.score for c in found] == [9, 7, 6, 4]


def test_reason_names_what_is_shared_and_where_it_differs() -> None:
    found = {c.id: c.reason for c in comparable_cases(cases(BASE), "me")}
    assert found["twin"].same == ("main_sector", "size", "policy", "decade")
    assert found["bottom-up-twin"].differs == (("policy", "bottom-up"),)
    assert found["second-sector"].shared_sector == "micro-nano-opto"
    assert found["second-sector"].differs == (("decade", "1980"),)
    # Unknown values never match and never count as a difference.
    assert found["unknown-size"].same == ("main_sector",) and found["unknown-size"].differs == ()


def test_order_of_the_table_does_not_change_the_answer() -> None:
    forward = comparable_cases(cases(BASE), "me")
    backward = comparable_cases(cases(BASE[::-1]), "me")
    assert forward == backward


def test_ties_go_to_the_closer_year_then_the_id() -> None:
    rows = [
        ("me", "japan", "ict", "large", "top-down", 2001),
        ("b", "europe", "ict", "large", "top-down", 2005),
        ("a", "europe", "ict", "large", "top-down", 2005),
        ("c", "europe", "ict", "large", "top-down", 2002),
    ]
    assert [c.id for c in comparable_cases(cases(rows), "me")] == ["c", "a", "b"]


def test_at_most_five_and_unknown_id_gives_none(atlas: Atlas) -> None:
    found = comparable_cases(atlas.clusters, "fr-genopole")
    assert 0 < len(found) <= MAX_COMPARABLE
    areas = dict(zip(atlas.clusters["id"], atlas.clusters["area"], strict=True))
    assert all(areas[c.id] != "europe" for c in found)
    assert comparable_cases(atlas.clusters, "no-such-case") == []
