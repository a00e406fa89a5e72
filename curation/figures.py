"""Founding years and size figures: each value travels with its year and its source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Final

from curation.text import Row, append_note, collapse_ws, parse_int
from data.schema import FIGURES

ADDITION_FIELDS: Final[tuple[str, ...]] = (
    "founded_year",
    *FIGURES,
    "website",
    "name_local",
    "city",
    "region_admin1",
)
YEAR_BASES: Final[tuple[str, ...]] = ("stated", "publication")


@dataclass(frozen=True)
class FigureYearRule:
    """The year a reference size figure describes, read from the row's source_note."""

    id_pattern: str
    field: str
    year: int
    basis: str
    note_quote: str
    source_url: str


@dataclass(frozen=True)
class FigureAddition:
    """One row of data/inputs/figure_additions.csv."""

    id: str
    field: str
    value: str
    year: int | None
    source_url: str
    source_quote: str


@dataclass(frozen=True)
class Figure:
    """A size figure with the year it describes and its source (None = not established)."""

    value: int
    year: int | None
    source: str | None
    note: str | None = None


def find_year_rule(case_id: str, field: str, rules: Sequence[FigureYearRule]) -> FigureYearRule | None:
    """First rule whose id pattern (glob) and field match."""
    for rule in rules:
        if rule.field == field and fnmatchcase(case_id, rule.id_pattern):
            return rule
    return None


def check_quote(note: str, rule: FigureYearRule, case_id: str) -> None:
    """A year rule must quote the row's own note, and the quote must hold the year."""
    if collapse_ws(rule.note_quote) not in collapse_ws(note):
        raise ValueError(f"{case_id}: figure-year quote not in source_note: {rule.note_quote!r}")
    if str(rule.year) not in rule.note_quote and rule.basis == "stated":
        raise ValueError(f"{case_id}: stated year {rule.year} not in quote {rule.note_quote!r}")


def reference_figure(
    case_id: str,
    field: str,
    value: int,
    note: str,
    row_source: str,
    rules: Sequence[FigureYearRule],
) -> Figure:
    """Year and source of a reference size figure, or a figure without them (note only).

    >>> r = [FigureYearRule("us-cmp-*", "employees", 2016, "stated", "year 2016", "")]
    >>> reference_figure("us-cmp-1-2", "employees", 5, "MSA x, year 2016: employment 5", "gh", r)
    Figure(value=5, year=2016, source='gh', note=None)
    >>> reference_figure("fr-x", "employees", 5, "undated", "u", r).year is None
    True
    """
    rule = find_year_rule(case_id, field, rules)
    if rule is None:
        return Figure(value, None, None, f"{field} {value} kept in this note only: no year established")
    check_quote(note, rule, case_id)
    extra = f"{field}: year = source publication date" if rule.basis == "publication" else None
    return Figure(value, rule.year, rule.source_url or row_source, extra)


def addition_figure(addition: FigureAddition) -> Figure:
    """A size figure from figure_additions (its quote goes to the note)."""
    value = parse_int(addition.value)
    if value is None:
        raise ValueError(f"{addition.id}: empty {addition.field} in figure_additions")
    quote = f"{addition.field} {value}"
    if addition.year is None or not addition.source_url:
        return Figure(
            value, None, None, f"{quote} from figure_additions kept in this note only: no year or source"
        )
    return Figure(value, addition.year, addition.source_url, None)


def founded_source(
    case_id: str, note: str, row_source: str, founded_sources: Mapping[str, tuple[str, str]]
) -> str:
    """Source of a reference founding year: a secondary source the note names, else the row's."""
    curated = founded_sources.get(case_id)
    if curated is None:
        return row_source
    url, quote = curated
    if collapse_ws(quote) not in collapse_ws(note):
        raise ValueError(f"{case_id}: founded-year quote not in source_note: {quote!r}")
    return url


def apply_additions(
    rows: list[Row], additions: Sequence[FigureAddition]
) -> tuple[list[Row], dict[tuple[str, str], FigureAddition], list[str]]:
    """Fill or replace fields from figure_additions; returns rows, provenance and warnings.

    The quote of each applied addition is appended to the row's source_note.
    """
    by_id = {row["id"]: row for row in rows}
    provenance: dict[tuple[str, str], FigureAddition] = {}
    warnings: list[str] = []
    for addition in additions:
        row = by_id.get(addition.id)
        if row is None:
            warnings.append(f"figure_additions: unknown id {addition.id} ({addition.field}) ignored")
            continue
        if addition.field not in ADDITION_FIELDS:
            raise ValueError(f"figure_additions {addition.id}: unknown field {addition.field!r}")
        previous = row.get(addition.field, "")
        row[addition.field] = addition.value.strip()
        # A new place re-geocodes the case; so does a sourced seat that confirms a city the
        # reference only used as a proxy point for its region (same name, region precision).
        proxy_point = row.get("coord_precision", "") in ("region", "country")
        if addition.field in ("city", "region_admin1") and (previous != row[addition.field] or proxy_point):
            for column in ("lat", "lon", "coord_precision"):
                row[column] = ""
        provenance[(addition.id, addition.field)] = addition
        replaced = f" (replaces {previous!r})" if previous and previous != addition.value.strip() else ""
        row["source_note"] = append_note(
            row["source_note"],
            f"{addition.field} {addition.value.strip()}{replaced} per "
            f'{addition.source_url or "figure_additions"}: "{collapse_ws(addition.source_quote)}"',
        )
    return rows, provenance, warnings
