"""A case's status over time, its own policy type with its basis, and the scope of its figures.

Each comes from a curated rule table under data/inputs/rules/ (which wins) or from the columns
of a sourced row (data/inputs/sourced/*.csv); nothing is set without a source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from curation.io import read_rows
from curation.programmes import Programme
from curation.text import Row, collapse_ws, parse_int
from data.schema import FIGURES
from data.vocab import PERIOD_STATES as VOCAB_PERIOD_STATES
from data.vocab import POLICY_TYPES, STATUSES

STATISTICAL_UNIT: Final[str] = "statistical-cluster"
REGIONAL_FIELD: Final[str] = "regional_employees"


@dataclass(frozen=True)
class Status:
    """Active, merged into a successor, or ended; with the year and the source that say so."""

    status: str = "unknown"
    year: int | None = None
    source: str | None = None
    successor: str | None = None


@dataclass(frozen=True)
class OwnPolicy:
    """A case's own policy type: the source's words (original language) and its address."""

    policy_type: str
    quote: str
    source: str
    reading: str


def _status(case_id: str, status: str, year: str, source: str, successor: str) -> Status:
    if status not in STATUSES:
        raise ValueError(f"{case_id}: status {status!r} not one of {STATUSES}")
    if status != "unknown" and not source:
        raise ValueError(f"{case_id}: status {status!r} without a source")
    return Status(status, parse_int(year), source or None, successor or None)


def load_statuses(path: Path) -> dict[str, tuple[Status, str]]:
    """id → (status, quotation) from rules/case_status.csv."""
    out: dict[str, tuple[Status, str]] = {}
    for r in read_rows(path, ("id", "status", "year", "successor_id", "source_url", "quote")):
        out[r["id"]] = (
            _status(r["id"], r["status"], r["year"], r["source_url"], r["successor_id"]),
            collapse_ws(r["quote"]),
        )
    return out


def row_status(row: Row, rules: Mapping[str, tuple[Status, str]]) -> tuple[Status, str]:
    """The status of a case: the rule table's, else the sourced row's own columns, else unknown."""
    if row["id"] in rules:
        return rules[row["id"]]
    status = row.get("status", "")
    if not status:
        return Status(), ""
    return _status(
        row["id"],
        status,
        row.get("status_year", ""),
        row.get("status_source", ""),
        row.get("successor_id", ""),
    ), ""


def load_own_policies(path: Path) -> dict[str, OwnPolicy]:
    """id → own policy type from rules/policy_basis.csv."""
    out: dict[str, OwnPolicy] = {}
    for r in read_rows(path, ("id", "policy_type", "quote", "source_url", "reading")):
        if r["policy_type"] not in POLICY_TYPES or not r["quote"] or not r["source_url"]:
            raise ValueError(f"policy_basis.csv: bad row {r}")
        out[r["id"]] = OwnPolicy(r["policy_type"], collapse_ws(r["quote"]), r["source_url"], r["reading"])
    return out


def row_policy(row: Row, rules: Mapping[str, OwnPolicy]) -> OwnPolicy | None:
    """A case's own policy type: the rule table's, else a sourced row's quoted one, else None."""
    if row["id"] in rules:
        return rules[row["id"]]
    kind, quote, source = (
        row.get("policy_type", ""),
        row.get("policy_basis_quote", ""),
        row.get("policy_basis_source", ""),
    )
    if kind and kind != "unknown" and quote and source:
        if kind not in POLICY_TYPES:
            raise ValueError(f"{row['id']}: policy_type {kind!r} not one of {POLICY_TYPES}")
        return OwnPolicy(kind, collapse_ws(quote), source, "")
    return None


def load_regional_scope(path: Path) -> dict[tuple[str, str], str]:
    """(id, field) → why a figure is a region's or sector's, not the organisation's."""
    out: dict[tuple[str, str], str] = {}
    for r in read_rows(path, ("id", "field", "reason")):
        if r["field"] not in FIGURES or not r["reason"]:
            raise ValueError(f"regional_figures.csv: bad row {r}")
        out[(r["id"], r["field"])] = r["reason"]
    return out


PERIOD_STATES: Final[tuple[str, ...]] = (*VOCAB_PERIOD_STATES, "")


@dataclass(frozen=True)
class Period:
    """A programme's period as a source states it: first and last year, whether it ended, and
    whether its programme clusters (time-limited funded projects) ended with it."""

    programme: str
    start: int | None
    end: int | None
    state: str
    cases_status: str
    source: str
    quote: str
    end_source: str
    end_quote: str

    @property
    def ended_source(self) -> str:
        """The address that says the programme ended."""
        return self.end_source or self.source


def load_periods(path: Path) -> dict[str, Period]:
    """programme id → period from rules/programme_periods.csv."""
    out: dict[str, Period] = {}
    columns = ("programme_id", "start_year", "end_year", "state", "cases_status", "source_url", "quote")
    for r in read_rows(path, columns):
        pid = r["programme_id"]
        if r["state"] not in PERIOD_STATES or r["cases_status"] not in ("", "ended"):
            raise ValueError(
                f"programme_periods.csv: {pid}: bad state {r['state']!r} / {r['cases_status']!r}"
            )
        if not r["source_url"] or not r["quote"]:
            raise ValueError(f"programme_periods.csv: {pid}: a period needs its source and quote")
        start, end = parse_int(r["start_year"]), parse_int(r["end_year"])
        if r["cases_status"] == "ended" and r["state"] != "ended":
            raise ValueError(f"programme_periods.csv: {pid}: its cases end only with an ended programme")
        if start is not None and end is not None and end < start:
            raise ValueError(f"programme_periods.csv: {pid}: ends before it starts")
        out[pid] = Period(
            pid,
            start,
            end,
            r["state"],
            r["cases_status"],
            r["source_url"],
            collapse_ws(r["quote"]),
            r.get("end_source_url", ""),
            collapse_ws(r.get("end_quote", "")),
        )
    return out


def programme_status(
    status: Status, unit_type: str, period: Period | None, latest: int | None = None
) -> tuple[Status, str]:
    """A programme cluster of unknown status whose programme ended, when the period says its
    projects ended with it: 'ended' (no year of its own), sourced by the programme's end. Not when
    the case has a figure of a year after that end (``latest``): it lived on in some form."""
    if status.status != "unknown" or unit_type != "programme-cluster" or period is None:
        return status, ""
    if period.cases_status != "ended":
        return status, ""
    if latest is not None and period.end is not None and latest > period.end:
        return status, ""
    quote = period.end_quote or period.quote
    return Status("ended", None, period.ended_source), f"its programme ended ({period.programme}): {quote}"


def with_period(programme: Programme, period: Period | None) -> Programme:
    """A programme with its stated period (unchanged without one)."""
    if period is None:
        return programme
    sources = " ; ".join(dict.fromkeys(s for s in (period.source, period.end_source) if s))
    quote = " / ".join(q for q in (period.quote, period.end_quote) if q)
    return replace(
        programme,
        period_start=period.start,
        period_end=period.end,
        period_state=period.state,
        period_source=sources,
        period_quote=quote,
    )
