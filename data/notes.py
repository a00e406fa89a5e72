"""A case's source note read into its parts: the curator's own words, and the provenance lines
the build steps append (``[founded_year 2001 per <address>: "quote"]``).

The provenance lines have a fixed form, so the app can say them in any language; the rest (the
curator's free note, and lines whose reasons are free text) stays in the language it was written
in, English, and is shown as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Fields a provenance line can name (the keys of their card labels).
FIELDS: Final[dict[str, str]] = {
    "founded_year": "founded",
    "members_firms": "members_firms",
    "members_research": "members_research",
    "members_total": "members_total",
    "employees": "employees",
    "staff": "staff",
    "website": "website",
    "name_local": "local_name",
    "city": "city",
    "region_admin1": "region",
}
_FIELD: Final = "|".join(FIELDS)
_SOURCED: Final = re.compile(
    rf"^(?P<field>{_FIELD}) (?P<value>.+?)(?: \(replaces (?P<previous>'[^']*'|\"[^\"]*\")\))? "
    r"per (?P<source>\S+): (?P<quote>\".*\")$",
    re.DOTALL,
)
_PLACE: Final = re.compile(r"^place: (?P<filled>.+?) per (?P<source>\S+): (?P<quote>\".*\")$", re.DOTALL)
_STATUS: Final = re.compile(r"^status (?P<status>[a-z]+) per (?P<source>\S+): (?P<quote>\".*\")$", re.DOTALL)
_NOTE_ONLY: Final = re.compile(rf"^(?P<field>{_FIELD}) (?P<value>\S+) kept in this note only: (?P<why>.+)$")
_WHY: Final[dict[str, str]] = {"no year established": "no_year", "no year or source": "no_year_or_source"}
_FIXED: Final[dict[str, str]] = {"coords: from source": "coords_from_source"}
_YEAR_PUBLICATION: Final = re.compile(rf"^(?P<field>{_FIELD}): year = source publication date$")
_REGIONAL: Final = re.compile(
    r"^(?:employees (?P<employees>\d+) kept as regional sector employment: a statistical unit's employment"
    r"|members_firms (?P<firms>\d+) not kept as an organisation count: a statistical unit)$"
)
_UPDATE_WEBSITE: Final = re.compile(
    r"^update \(website (?P<value>\S+)\) per (?P<source>\S+): website: (?P=value) \(seen on (?P<seen>\S+)\)$"
)
_COORDS: Final = re.compile(r"^coords: GeoNames via (?P<package>\S+ [\d.]+) – (?P<place>.+)$")
_SECTORS: Final[dict[str, str]] = {
    "sectors: none stated in the sources read; multi-sector by default": "sectors_default",
}
_SECTORS_FROM: Final = re.compile(
    r"^sectors: (?:(?P<name>none stated in the sources read; taken from the name)|"
    r"keywords of the name or stated wording) \((?P<sectors>[^)]*?)(?:; sector_keywords\.csv)?\)$"
)


@dataclass(frozen=True)
class Provenance:
    """One provenance line: a message key and its values (names, addresses, quotations)."""

    key: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReadNote:
    """A source note in parts: the lines the app can say in any language, and the English rest."""

    lines: tuple[Provenance, ...]
    english: str


def split_note(note: str) -> tuple[str, list[str]]:
    """The free text before the appended ``[...]`` pieces, and the pieces (brackets may nest)."""
    pieces: list[str] = []
    depth, start, free_end = 0, -1, len(note)
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(note):
        if char == "[":
            if depth == 0:
                start = index
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index))
    # Only the trailing run of pieces was appended by the build (a bracket inside the
    # curator's text stays there).
    end = len(note.rstrip())
    for first, last in reversed(spans):
        if last + 1 != end:
            break
        pieces.insert(0, note[first + 1 : last])
        end = len(note[:first].rstrip())
        free_end = end
    return note[:free_end].strip(), pieces


def _line(piece: str) -> Provenance | None:
    if match := _SOURCED.match(piece):
        key = "sourced_replaces" if match["previous"] else "sourced"
        return Provenance(key, tuple((k, v) for k, v in match.groupdict().items() if v is not None))
    if match := _PLACE.match(piece):
        return Provenance("place", tuple(match.groupdict().items()))
    if match := _STATUS.match(piece):
        return Provenance("status", tuple(match.groupdict().items()))
    if (match := _NOTE_ONLY.match(piece)) and match["why"] in _WHY:
        return Provenance(
            f"note_only_{_WHY[match['why']]}", (("field", match["field"]), ("value", match["value"]))
        )
    if match := _COORDS.match(piece):
        return Provenance("coords", tuple(match.groupdict().items()))
    if piece in _FIXED:
        return Provenance(_FIXED[piece], ())
    if match := _YEAR_PUBLICATION.match(piece):
        return Provenance("year_publication", (("field", match["field"]),))
    if match := _REGIONAL.match(piece):
        if match["employees"]:
            return Provenance("regional_statistical_employees", (("value", match["employees"]),))
        return Provenance("regional_statistical_firms", (("value", match["firms"]),))
    if match := _UPDATE_WEBSITE.match(piece):
        return Provenance("update_website", tuple(match.groupdict().items()))
    if piece in _SECTORS:
        return Provenance(_SECTORS[piece], ())
    if match := _SECTORS_FROM.match(piece):
        key = "sectors_from_name" if match["name"] else "sectors_keywords"
        return Provenance(key, (("sectors", match["sectors"]),))
    return None


def read_note(note: str) -> ReadNote:
    """Split a source note into provenance lines and the English rest.

    >>> read = read_note('Founded by firms. [founded_year 2001 per https://a.eu: "gegründet 2001"] [x y]')
    >>> [line.key for line in read.lines], read.english
    (['sourced'], 'Founded by firms. [x y]')
    >>> dict(read.lines[0].values)["quote"]
    '"gegründet 2001"'
    """
    free, pieces = split_note(note)
    lines: list[Provenance] = []
    rest = [free] if free else []
    for piece in pieces:
        line = _line(piece)
        if line is None:
            rest.append(f"[{piece}]")
        else:
            lines.append(line)
    return ReadNote(tuple(lines), " ".join(rest))
