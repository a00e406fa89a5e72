"""The cluster models side by side: the filtered cases grouped by area, policy type or kind of
unit, with the same measures for every group (pure functions, no Streamlit).

Every measure keeps its unknowns: a case whose policy type, size class, founding year or
programme launch year is not known is counted as unknown, never dropped.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd

from data.query import Filters
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES, split_list

Grouping = Literal["area", "policy", "unit"]
GROUPINGS: Final[tuple[Grouping, ...]] = ("area", "policy", "unit")
DEFAULT_GROUPING: Final[Grouping] = "area"

# Case column, vocabulary and filter field (data.query.Filters) of each grouping.
GROUP_COLUMNS: Final[dict[Grouping, str]] = {"area": "area", "policy": "policy_type", "unit": "unit_type"}
GROUP_VALUES: Final[dict[Grouping, tuple[str, ...]]] = {
    "area": AREAS,
    "policy": POLICY_TYPES,
    "unit": UNIT_TYPES,
}
GROUP_FILTERS: Final[dict[Grouping, str]] = {"area": "areas", "policy": "policies", "unit": "unit_types"}

UNKNOWN: Final[str] = "unknown"
OTHER: Final[str] = "other"
# Main sectors shown by name in every panel; the others are summed as OTHER.
TOP_SECTORS: Final[int] = 5
# The measures of a panel, in display order.
MEASURES: Final[tuple[str, ...]] = ("policy", "sector", "size", "decade")
STATUS_COLUMN: Final[str] = "status"
ACTIVE: Final[str] = "active"


@dataclass(frozen=True)
class Mix:
    """How a group's cases split over the values of one measure.

    ``counts`` lists (value, cases) in a fixed order shared by every panel (so panels compare at
    a glance), zero counts included; ``unknown`` is the number of cases whose value is not known.
    """

    measure: str
    counts: tuple[tuple[str, int], ...]
    unknown: int

    @property
    def total(self) -> int:
        """Cases counted, unknowns included (the group's number of cases)."""
        return sum(n for _, n in self.counts) + self.unknown

    def unknown_share(self) -> float:
        """Share of the group's cases whose value is not known (0 for an empty group)."""
        return self.unknown / self.total if self.total else 0.0


@dataclass(frozen=True)
class ProgrammeCount:
    """A programme behind some of a group's cases, with its launch year (None: not stated)."""

    id: str
    name: str
    launch_year: int | None
    cases: int


@dataclass(frozen=True)
class Panel:
    """The measures of one group of cases."""

    group: str
    cases: int
    # Cases active today, and cases of unknown status; None while the data have no status.
    active: int | None
    status_unknown: int | None
    mixes: tuple[Mix, ...]
    programmes: tuple[ProgrammeCount, ...]

    def mix(self, measure: str) -> Mix:
        """The mix of one measure."""
        return next(m for m in self.mixes if m.measure == measure)


@dataclass(frozen=True)
class Comparison:
    """The groups of one grouping, side by side, over the same filtered cases."""

    by: Grouping
    total: int
    panels: tuple[Panel, ...]
    sectors: tuple[str, ...]  # the main sectors shown by name, in every panel
    decades: tuple[int, ...]  # the founding decades shown, in every panel

    @property
    def largest(self) -> int:
        """Cases of the largest group: the common scale of every panel's bars."""
        return max((p.cases for p in self.panels), default=0)


def main_sector(sectors: object) -> str:
    """The first (most relevant) sector of a case; multi-sector when none is listed.

    Examples
    --------
    >>> main_sector("ict;life-sciences"), main_sector(None)
    ('ict', 'multi-sector')
    """
    values = split_list(sectors if isinstance(sectors, str) else None)
    return values[0] if values else "multi-sector"


def decade_of(year: object) -> int | None:
    """The decade of a founding year (1994 -> 1990); None when not known.

    Examples
    --------
    >>> decade_of(1994), decade_of(2000), decade_of(None)
    (1990, 2000, None)
    """
    if not isinstance(year, numbers.Real) or math.isnan(float(year)):
        return None
    decade: int = math.floor(float(year)) // 10 * 10
    return decade


def _mix(measure: str, values: pd.Series, order: tuple[str, ...], unknown: pd.Series) -> Mix:
    """Counts of ``values`` in ``order`` (others summed as OTHER when OTHER is in order)."""
    known = values[~unknown]
    counts = known.value_counts()
    listed = {value: int(counts.get(value, 0)) for value in order if value != OTHER}
    if OTHER in order:
        listed[OTHER] = int(len(known) - sum(listed.values()))
    return Mix(measure, tuple((value, listed[value]) for value in order), int(unknown.sum()))


def top_sectors(cases: pd.DataFrame, limit: int = TOP_SECTORS) -> tuple[str, ...]:
    """The most frequent main sectors of the cases (ties in vocabulary order)."""
    counts = cases["sectors"].map(main_sector).value_counts()
    ranked = sorted(counts.index, key=lambda s: (-int(counts[s]), SECTORS.index(s) if s in SECTORS else 99))
    return tuple(str(s) for s in ranked[:limit])


def founding_decades(cases: pd.DataFrame) -> tuple[int, ...]:
    """Every decade from the first to the last founding year of the cases."""
    years = cases["founded_year"].dropna()
    if years.empty:
        return ()
    first, last = int(years.min()) // 10 * 10, int(years.max()) // 10 * 10
    return tuple(range(first, last + 1, 10))


def _programmes(group: pd.DataFrame, programmes: pd.DataFrame) -> tuple[ProgrammeCount, ...]:
    names = dict(zip(programmes["id"].astype(str), programmes["name_en"].astype(str), strict=True))
    launches = dict(zip(programmes["id"].astype(str), programmes["launch_year"], strict=True))
    counts = group["programme"].astype(str).value_counts()
    rows: list[ProgrammeCount] = []
    for programme_id, n in counts.items():
        key = str(programme_id)
        launch = launches.get(key)
        year = None if launch is None or pd.isna(launch) else int(launch)
        rows.append(ProgrammeCount(key, names.get(key, key), year, int(n)))
    # Most cases first, then the earliest launch (not stated last), then the name.
    rows.sort(key=lambda p: (-p.cases, p.launch_year if p.launch_year is not None else 9999, p.name))
    return tuple(rows)


def _status(group: pd.DataFrame) -> tuple[int | None, int | None]:
    if STATUS_COLUMN not in group.columns:
        return None, None
    status = group[STATUS_COLUMN]
    return int(status.eq(ACTIVE).sum()), int(status.isna().sum() + status.eq(UNKNOWN).sum())


def panel(
    group: str,
    cases: pd.DataFrame,
    programmes: pd.DataFrame,
    *,
    sectors: tuple[str, ...],
    decades: tuple[int, ...],
) -> Panel:
    """The measures of one group of cases, over the given main sectors and decades."""
    policy = cases["policy_type"].astype(str)
    size = cases["size_class"].astype(str)
    main = cases["sectors"].map(main_sector).astype(str)
    decade = cases["founded_year"].map(decade_of)
    decade_text = decade.map(lambda d: "" if d is None or pd.isna(d) else str(int(d))).astype(str)
    mixes = (
        _mix("policy", policy, POLICY_TYPES[:-1], policy.eq(UNKNOWN)),
        _mix("sector", main, (*sectors, OTHER), pd.Series(False, index=cases.index)),
        _mix("size", size, SIZE_CLASSES[:-1], size.eq(UNKNOWN)),
        _mix("decade", decade_text, tuple(str(d) for d in decades), decade_text.eq("")),
    )
    active, status_unknown = _status(cases)
    return Panel(group, len(cases), active, status_unknown, mixes, _programmes(cases, programmes))


def compare(cases: pd.DataFrame, programmes: pd.DataFrame, by: Grouping = DEFAULT_GROUPING) -> Comparison:
    """One panel per group of ``by`` that has cases, in vocabulary order, all on the same scales.

    Examples
    --------
    >>> cases = pd.DataFrame({"area": ["japan", "japan", "europe"],
    ...     "policy_type": ["top-down", "unknown", "hybrid"], "unit_type": ["programme-cluster"] * 3,
    ...     "sectors": ["ict", "ict;chemicals", "agrifood"], "size_class": ["large", "unknown", "small"],
    ...     "founded_year": pd.array([2002, None, 1991], dtype="Int64"), "programme": ["p", "p", "q"]})
    >>> result = compare(cases, pd.DataFrame({"id": ["p"], "name_en": ["P"], "launch_year": [2001]}))
    >>> [(p.group, p.cases, p.mix("policy").unknown) for p in result.panels]
    [('europe', 1, 0), ('japan', 2, 1)]
    """
    column = GROUP_COLUMNS[by]
    sectors = top_sectors(cases)
    decades = founding_decades(cases)
    groups = cases.groupby(cases[column].astype(str), sort=False)
    present = {str(key): frame for key, frame in groups}
    panels = tuple(
        panel(value, present[value], programmes, sectors=sectors, decades=decades)
        for value in GROUP_VALUES[by]
        if value in present
    )
    return Comparison(by=by, total=len(cases), panels=panels, sectors=sectors, decades=decades)


def comparison_table(
    comparison: Comparison, labels: Mapping[str, Mapping[str, str]] | None = None
) -> pd.DataFrame:
    """The comparison as one long table (for CSV): group, measure, value, cases and share.

    ``labels`` maps a measure ("group", "policy", "sector", "size") to display names of its
    values; slugs are kept where none is given. Unknowns are rows of their own.
    """
    names = labels or {}

    def name(measure: str, value: str) -> str:
        return names.get(measure, {}).get(value, value)

    rows: list[dict[str, object]] = []
    for item in comparison.panels:
        group = name("group", item.group)

        def add(measure: str, value: str, count: int, total: int, *, group: str = group) -> None:
            share = round(count / total, 4) if total else None
            rows.append({"group": group, "measure": measure, "value": value, "cases": count, "share": share})

        add("cases", "", item.cases, item.cases)
        if item.active is not None:
            add("active", "", item.active, item.cases)
        for mix in item.mixes:
            for value, count in mix.counts:
                add(mix.measure, name(mix.measure, value), count, item.cases)
            add(mix.measure, name(mix.measure, UNKNOWN), mix.unknown, item.cases)
        for programme in item.programmes:
            year = "" if programme.launch_year is None else f" ({programme.launch_year})"
            add("programme", f"{programme.name}{year}", programme.cases, item.cases)
    return pd.DataFrame(rows, columns=["group", "measure", "value", "cases", "share"])


def group_filters(filters: Filters, by: Grouping, group: str) -> Filters:
    """Filters narrowed to one group: what a panel's count link opens."""
    changes: dict[str, Any] = {GROUP_FILTERS[by]: frozenset({group})}
    return dataclasses.replace(filters, **changes)


def _narrow(base: Filters, field: str, value: str, allowed: frozenset[str]) -> Filters | None:
    """``base`` with one list field set to ``value``; None when base already rules the value out."""
    if allowed and value not in allowed:
        return None
    changes: dict[str, Any] = {field: frozenset({value})}
    return dataclasses.replace(base, **changes)


def value_filters(base: Filters, measure: str, value: str, programme: str | None = None) -> Filters | None:
    """``base`` narrowed to one value of a measure: the filters of the map a panel's number opens.
    None when no filter can say it ("other sectors", an unknown decade) or when ``base`` already
    rules the value out (its count is then 0).

    A size class link leaves out the cases of unknown size, which the size filter keeps by default,
    so the map shows the number the panel gives. A decade link stays inside the founding years
    ``base`` asks for.

    Examples
    --------
    >>> value_filters(Filters(policies=frozenset({"hybrid"})), "policy", "top-down") is None
    True
    >>> value_filters(Filters(founded=(1995, 2030)), "decade", "1990").founded
    (1995, 1999)
    """
    if programme is not None:
        return _narrow(base, "programmes", programme, base.programmes)
    if measure == "policy":
        return _narrow(base, "policies", value, base.policies)
    if measure == "status":
        return _narrow(base, "statuses", value, base.statuses)
    if measure == "size":
        allowed = set(base.sizes or SIZE_CLASSES) | ({UNKNOWN} if base.include_unknown_size else set())
        if not base.include_unknown_size and UNKNOWN not in base.sizes:
            allowed.discard(UNKNOWN)
        narrowed = _narrow(base, "sizes", value, frozenset(allowed))
        return (
            None if narrowed is None else dataclasses.replace(narrowed, include_unknown_size=value == UNKNOWN)
        )
    if measure == "sector" and value != OTHER:
        return _narrow(base, "sectors", value, base.sectors)
    if measure == "decade" and value != UNKNOWN:
        first, last = int(value), int(value) + 9
        if base.founded is not None:
            first, last = max(first, base.founded[0]), min(last, base.founded[1])
        return dataclasses.replace(base, founded=(first, last)) if first <= last else None
    return None


def parse_grouping(text: str | None) -> Grouping | None:
    """The grouping named in a link, or None when the text names none.

    Examples
    --------
    >>> parse_grouping("policy"), parse_grouping("colour")
    ('policy', None)
    """
    for grouping in GROUPINGS:
        if text == grouping:
            return grouping
    return None
