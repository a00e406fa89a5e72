"""Size classes follow the documented thresholds; list cells split cleanly."""

from __future__ import annotations

import math

import pytest

from data.vocab import (
    EMPLOYEES_LARGE,
    EMPLOYEES_MEDIUM,
    INNET_SECTORS,
    MEMBERS_LARGE,
    MEMBERS_MEDIUM,
    SECTORS,
    size_class_for,
    split_list,
)


@pytest.mark.parametrize(
    ("employees", "firms", "research", "expected"),
    [
        (EMPLOYEES_MEDIUM - 1, None, None, "small"),
        (EMPLOYEES_MEDIUM, None, None, "medium"),
        (EMPLOYEES_LARGE - 1, None, None, "medium"),
        (EMPLOYEES_LARGE, None, None, "large"),
        (10, MEMBERS_LARGE * 10, None, "small"),  # employees win over members
        (None, MEMBERS_MEDIUM - 1, None, "small"),
        (None, MEMBERS_MEDIUM - 10, 10, "medium"),
        (None, None, MEMBERS_LARGE, "large"),
        (math.nan, math.nan, math.nan, "unknown"),
        (None, None, None, "unknown"),
    ],
)
def test_size_class(
    employees: float | None, firms: float | None, research: float | None, expected: str
) -> None:
    assert size_class_for(employees, firms, research) == expected


def test_vocabulary_holds_the_innet_sectors_and_stays_small() -> None:
    assert SECTORS[: len(INNET_SECTORS)] == INNET_SECTORS
    assert 12 <= len(SECTORS) <= 16
    assert len(set(SECTORS)) == len(SECTORS)


@pytest.mark.parametrize(
    ("cell", "expected"), [("a;b", ["a", "b"]), (" a ; ;b ", ["a", "b"]), ("", []), (None, [])]
)
def test_split_list(cell: str | None, expected: list[str]) -> None:
    assert split_list(cell) == expected


@pytest.mark.parametrize(
    ("firms", "research", "total", "expected"),
    [
        (None, None, MEMBERS_MEDIUM, "medium"),  # a total of members alone gives a class
        (None, None, MEMBERS_MEDIUM - 1, "small"),
        (MEMBERS_MEDIUM - 1, None, MEMBERS_LARGE, "large"),  # the total counts when it is larger
        (MEMBERS_LARGE, 10, MEMBERS_MEDIUM, "large"),  # a split larger than the total wins
        (None, None, math.nan, "unknown"),
    ],
)
def test_size_class_with_members_total(
    firms: float | None, research: float | None, total: float | None, expected: str
) -> None:
    assert size_class_for(None, firms, research, total) == expected
    assert size_class_for(EMPLOYEES_LARGE, firms, research, total) == "large"  # employees still decide
