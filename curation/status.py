"""A case's status over time, its own policy type with its basis, and the scope of its figures.

Each comes from a curated rule table under data/inputs/rules/ (which wins) or from the columns
of a sourced row (data/inputs/sourced/*.csv); nothing is set without a source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from curation.io import read_rows
from curation.text import Row, collapse_ws, parse_int
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
        if (
            r["field"] not in ("employees", "members_firms", "members_research", "members_total")
            or not r["reason"]
        ):
            raise ValueError(f"regional_figures.csv: bad row {r}")
        out[(r["id"], r["field"])] = r["reason"]
    return out
