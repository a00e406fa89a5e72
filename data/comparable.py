"""Comparable cases: the cases of *other* areas closest to one case on sector, size class,
policy type and founding era, each with the reason in words (pure functions, no Streamlit).

Scoring (explained on the sources-and-method page): same main sector 4 points, or 2 when the
two cases share another of their sectors; same size class 2; same policy type 2; founded in the
same decade 1. Only known values can match: two unknown size classes are not "the same size".
A candidate needs at least one shared sector. Ties go to the closer founding year, then to the
case id, so the answer never depends on the table's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from data.models import UNKNOWN, decade_of, main_sector
from data.vocab import split_list

MAX_COMPARABLE: Final[int] = 5
POINTS_MAIN_SECTOR: Final[int] = 4
POINTS_SHARED_SECTOR: Final[int] = 2
POINTS_SIZE: Final[int] = 2
POINTS_POLICY: Final[int] = 2
POINTS_DECADE: Final[int] = 1
NO_YEAR_GAP: Final[int] = 10_000


@dataclass(frozen=True)
class Reason:
    """What a comparable case shares with the case, and where it differs.

    ``same`` lists the aspects that match ("main_sector" or "shared_sector", "size", "policy",
    "decade"); ``differs`` lists (aspect, the other case's value) for known values that differ.
    """

    same: tuple[str, ...]
    differs: tuple[tuple[str, str], ...]
    shared_sector: str | None = None


@dataclass(frozen=True)
class Comparable:
    """One comparable case, its score and the reason."""

    id: str
    score: int
    reason: Reason


def _known(value: object) -> bool:
    return isinstance(value, str) and value != UNKNOWN


def _reason(case: pd.Series, other: pd.Series) -> tuple[int, Reason]:
    same: list[str] = []
    differs: list[tuple[str, str]] = []
    score = 0
    shared: str | None = None
    mine, theirs = split_list(case["sectors"]), split_list(other["sectors"])
    if main_sector(case["sectors"]) == main_sector(other["sectors"]):
        score += POINTS_MAIN_SECTOR
        same.append("main_sector")
    else:
        common = [s for s in mine if s in theirs]
        if common:
            score += POINTS_SHARED_SECTOR
            same.append("shared_sector")
            shared = common[0]
    for aspect, column, points in (
        ("size", "size_class", POINTS_SIZE),
        ("policy", "policy_type", POINTS_POLICY),
    ):
        a, b = case[column], other[column]
        if _known(a) and _known(b):
            if a == b:
                score += points
                same.append(aspect)
            else:
                differs.append((aspect, str(b)))
    mine_decade, their_decade = decade_of(case["founded_year"]), decade_of(other["founded_year"])
    if mine_decade is not None and their_decade is not None:
        if mine_decade == their_decade:
            score += POINTS_DECADE
            same.append("decade")
        else:
            differs.append(("decade", str(their_decade)))
    return score, Reason(tuple(same), tuple(differs), shared)


def comparable_cases(clusters: pd.DataFrame, case_id: str, limit: int = MAX_COMPARABLE) -> list[Comparable]:
    """Up to ``limit`` cases of other areas closest to ``case_id``, best first; [] for an unknown id.

    Examples
    --------
    >>> cases = pd.DataFrame({"id": ["a", "b", "c", "d"], "area": ["japan", "europe", "europe", "japan"],
    ...     "sectors": ["ict", "ict", "agrifood", "ict"], "size_class": ["large", "large", "large", "large"],
    ...     "policy_type": ["top-down", "bottom-up", "top-down", "top-down"],
    ...     "founded_year": pd.array([2001, 2005, 2001, 2001], dtype="Int64")})
    >>> [(c.id, c.score, c.reason.same, c.reason.differs) for c in comparable_cases(cases, "a")]
    [('b', 7, ('main_sector', 'size', 'decade'), (('policy', 'bottom-up'),))]
    """
    rows = clusters.loc[clusters["id"].eq(case_id)]
    if rows.empty:
        return []
    case = rows.iloc[0]
    others = clusters.loc[clusters["area"].ne(case["area"])]
    mine = set(split_list(case["sectors"]))
    sharing = others.loc[others["sectors"].map(lambda s: bool(mine & set(split_list(s))))]
    year = case["founded_year"]
    found: list[tuple[int, int, str, Reason]] = []
    for _, other in sharing.iterrows():
        score, reason = _reason(case, other)
        other_year = other["founded_year"]
        gap = NO_YEAR_GAP if pd.isna(year) or pd.isna(other_year) else abs(int(year) - int(other_year))
        found.append((score, gap, str(other["id"]), reason))
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [Comparable(id=i, score=score, reason=reason) for score, _, i, reason in found[:limit]]
