"""Duplicate cases: candidate detection and merging (decisions live in rule tables)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from curation.text import Row, append_note
from data.text import fold

MERGE_SKIP = frozenset({"id", "source_note", "source_url_or_repo_path"})


def name_key(name: str) -> str:
    """Normalised name for duplicate detection (accents, case, punctuation ignored).

    >>> a, b = "Végépolys Valley (Pôle du Végétal)", "vegepolys valley - pole du vegetal"
    >>> name_key(a) == name_key(b)
    True
    """
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


@dataclass(frozen=True)
class CaseKey:
    """What duplicate detection compares."""

    id: str
    name: str
    city: str
    region: str
    programme: str
    unit_type: str
    sectors: tuple[str, ...]


def candidate_pairs(cases: Sequence[CaseKey]) -> list[tuple[str, str, str]]:
    """Pairs that may be the same entity, with the reason they were flagged.

    Flagged: same normalised name; or, outside statistical clusters, the same city and
    programme with a shared sector; or the same stated region and programme with the same
    sectors and no city.
    """
    found: list[tuple[str, str, str]] = []
    for a, b in combinations(sorted(cases, key=lambda c: c.id), 2):
        if name_key(a.name) == name_key(b.name):
            found.append((a.id, b.id, "same normalised name"))
        elif a.unit_type == b.unit_type == "statistical-cluster":
            continue
        elif a.city and a.city == b.city and a.programme == b.programme and set(a.sectors) & set(b.sectors):
            found.append((a.id, b.id, "same city, programme and a shared sector"))
        elif (
            not a.city
            and not b.city
            and a.region
            and a.region == b.region
            and a.programme == b.programme
            and a.sectors == b.sectors
        ):
            found.append((a.id, b.id, "same region, programme and sectors"))
    return found


def merge_rows(kept: Row, dropped: Row, reason: str) -> Row:
    """Merge a duplicate into the kept row: kept values win, empty ones are filled,
    and the dropped row's source and note are carried into source_note.

    >>> k = {"id": "a", "city": "", "founded_year": "2000", "source_note": "n1"}
    >>> d = {"id": "b", "city": "Hamburg", "founded_year": "", "source_note": "n2"}
    >>> k["source_url_or_repo_path"], d["source_url_or_repo_path"] = "u1", "u2"
    >>> m = merge_rows(k, d, "same")
    >>> m["city"], m["founded_year"]
    ('Hamburg', '2000')
    >>> m["source_note"]
    'n1 [merged duplicate b (same): source u2; its note: n2]'
    """
    merged = dict(kept)
    for column, value in dropped.items():
        if column in MERGE_SKIP:
            continue
        if not merged.get(column) and value:
            merged[column] = value
    addition = f"merged duplicate {dropped['id']} ({reason}): source {dropped['source_url_or_repo_path']}"
    if dropped.get("source_note"):
        addition += f"; its note: {dropped['source_note']}"
    merged["source_note"] = append_note(kept.get("source_note", ""), addition)
    return merged


def apply_merges(rows: list[Row], merges: Mapping[str, tuple[str, str]]) -> tuple[list[Row], list[str]]:
    """Merge rows listed as id → (kept_id, reason); returns rows and warnings.

    Coordinates are taken as a block from one row (never mixed).
    """
    by_id = {row["id"]: row for row in rows}
    warnings: list[str] = []
    for dropped_id, (kept_id, reason) in merges.items():
        if dropped_id not in by_id or kept_id not in by_id:
            warnings.append(f"merged_ids: {dropped_id} -> {kept_id} skipped (id missing)")
            continue
        kept, dropped = by_id[kept_id], by_id.pop(dropped_id)
        coords_from_dropped = not kept.get("lat") and dropped.get("lat")
        merged = merge_rows(kept, dropped, reason)
        if not coords_from_dropped:
            for column in ("lat", "lon", "coord_precision"):
                merged[column] = kept.get(column, "")
        by_id[kept_id] = merged
    return [by_id[row["id"]] for row in rows if row["id"] in by_id], warnings
