"""Read and validate cases an analyst uploads (CSV, Excel, GeoJSON): pure functions, no Streamlit.

Nothing here writes to disk; problems are codes with parameters that the UI words in the
user's language.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Final

import pandas as pd
from babel import Locale

from data import encodings
from data.export import neutralised
from data.numbers import Decimal, column_decimal, decimal_mark, is_ambiguous, parse_number
from data.schema import FIRST_YEAR, SLUG
from data.text import fold
from data.vocab import SECTORS

MAX_BYTES: Final[int] = 20 * 1024 * 1024  # the same limit as server.maxUploadSize
MAX_ROWS: Final[int] = 50_000
SEPARATORS: Final[str] = ",;\t"
TEXT_EXTENSIONS: Final[frozenset[str]] = frozenset({"csv", "tsv", "txt"})
EXCEL_EXTENSIONS: Final[frozenset[str]] = frozenset({"xlsx", "xlsm"})
JSON_EXTENSIONS: Final[frozenset[str]] = frozenset({"geojson", "json"})
LIST_SPLIT: Final = re.compile(r"[;,|]")
MIN_LABEL_PART: Final[int] = 3
NUMERIC_FIELDS: Final[tuple[str, ...]] = ("lat", "lon", "founded_year", "members_firms", "employees")

# Fields an upload can fill, and the header words (English and French) that name them.
FIELD_SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("id", "identifier", "identifiant", "code", "slug", "ID"),
    "name": (
        "name",
        "nom",
        "cluster",
        "cluster name",
        "nom du cluster",
        "title",
        "titre",
        "名前",
        "名称",
        "الاسم",
        "اسم",
    ),
    "name_local": ("local name", "name local", "name_local", "nom local", "nom d origine"),
    "country": (
        "country",
        "pays",
        "country code",
        "code pays",
        "country_iso2",
        "iso2",
        "国",
        "国名",
        "البلد",
        "الدولة",
    ),
    "city": ("city", "ville", "town", "commune", "localite", "都市", "市区町村", "所在地", "المدينة"),
    "lat": ("lat", "latitude", "y", "緯度", "خط العرض"),
    "lon": ("lon", "lng", "long", "longitude", "x", "経度", "خط الطول"),
    "sectors": (
        "sector",
        "sectors",
        "secteur",
        "secteurs",
        "filiere",
        "filieres",
        "domaine",
        "domaines",
        "業種",
        "分野",
        "القطاع",
    ),
    "founded_year": (
        "founded",
        "founded year",
        "founded_year",
        "year founded",
        "creation",
        "annee de creation",
        "annee",
        "date de creation",
        "year",
        "設立年",
        "سنة التأسيس",
    ),
    "members_firms": (
        "firms",
        "member firms",
        "members firms",
        "members_firms",
        "companies",
        "entreprises",
        "entreprises membres",
        "nombre d entreprises",
        "企業数",
    ),
    "employees": (
        "employees",
        "jobs",
        "employment",
        "emplois",
        "salaries",
        "effectifs",
        "employes",
        "従業員数",
        "عدد الموظفين",
    ),
    "website": ("website", "web", "url", "site", "site web", "site internet"),
    "source_url": ("source", "sources", "source url", "source_url", "reference"),
}
FIELDS: Final[tuple[str, ...]] = tuple(FIELD_SYNONYMS)


class UploadError(ValueError):
    """The file cannot be read as a table; ``code`` and ``params`` say why, for the UI to word."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Problem:
    """One problem of one row: data row number (1 = first row after the header), column, what."""

    row: int
    column: str | None
    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadResult:
    """Valid rows (ready for the map), invalid rows (as uploaded) and every problem found."""

    valid: pd.DataFrame
    invalid: pd.DataFrame
    problems: tuple[Problem, ...]
    filled_from_city: int
    # Values read one way of two ("1.234" as 1234): not problems, said to the user all the same.
    notes: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class TextTable:
    """An uploaded file read as a table of text cells, and the encoding that read it (None for
    Excel, which stores its own text)."""

    table: pd.DataFrame
    encoding: str | None


def decode(content: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text of the file and the encoding that read it: the one asked for, else the one detected
    (data/encodings.py: BOM, UTF-8, then the most plausible of the supported legacy encodings)."""
    chosen = encoding or encodings.detect(content)
    try:
        return content.decode(chosen), chosen
    except (UnicodeDecodeError, LookupError):
        raise UploadError("wrong_encoding", encoding=encodings.label(chosen)) from None


def sniff_separator(text: str) -> str:
    """The field separator among comma, semicolon and tab."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in SEPARATORS}
        return max(counts, key=lambda sep: counts[sep])


def _geojson_rows(text: str) -> pd.DataFrame:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UploadError("unreadable", detail=str(error)[:120]) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise UploadError("not_geojson")
    rows = []
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        row = {str(k): "" if v is None else str(v) for k, v in (properties or {}).items()}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            coordinates = geometry.get("coordinates") or []
            if isinstance(coordinates, list) and len(coordinates) >= 2:
                row["lon"], row["lat"] = str(coordinates[0]), str(coordinates[1])
        rows.append(row)
    return pd.DataFrame(rows, dtype=str).fillna("")


def read_upload(name: str, content: bytes, encoding: str | None = None) -> TextTable:
    """The uploaded file as a table of text cells and the encoding used (``encoding`` overrides
    the detected one), or an UploadError saying why it cannot be read."""
    used: str | None = None
    if len(content) > MAX_BYTES:
        raise UploadError("too_large", limit_mb=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise UploadError("empty")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "csv"
    if extension in EXCEL_EXTENSIONS:
        try:
            table = pd.read_excel(io.BytesIO(content), dtype=str).fillna("")
        except Exception as error:  # openpyxl raises many kinds for a broken workbook
            raise UploadError("unreadable", detail=type(error).__name__) from None
    elif extension in JSON_EXTENSIONS:
        text, used = decode(content, encoding)
        table = _geojson_rows(text)
    elif extension in TEXT_EXTENSIONS:
        text, used = decode(content, encoding)
        if "\x00" in text:
            raise UploadError("binary")
        try:
            table = pd.read_csv(
                io.StringIO(text),
                sep=sniff_separator(text),
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
            raise UploadError("unreadable", detail=str(error)[:120]) from None
    else:
        raise UploadError("file_type", extension=extension)
    table.columns = [str(column).strip() for column in table.columns]
    table = table.loc[~table.apply(lambda row: all(not str(v).strip() for v in row), axis=1)]
    if table.empty:
        raise UploadError("no_rows")
    if len(table.columns) < 2:
        raise UploadError("one_column")
    if len(table) > MAX_ROWS:
        raise UploadError("too_many_rows", limit=MAX_ROWS)
    return TextTable(table.reset_index(drop=True), used)


def read_table(name: str, content: bytes, encoding: str | None = None) -> pd.DataFrame:
    """The uploaded file as a table of text cells (see read_upload)."""
    return read_upload(name, content, encoding).table


def latest_year(today: date | None = None) -> int:
    """The last founding year an upload may give: this year (a constant would reject next
    year's data)."""
    return (today or date.today()).year


def match_columns(headers: list[str]) -> dict[str, str | None]:
    """The schema field each header names (English or French), None where unknown or ambiguous."""
    lookup = {
        fold(word, "word"): field_name for field_name, words in FIELD_SYNONYMS.items() for word in words
    }
    matched: dict[str, str | None] = {header: lookup.get(fold(header, "word")) for header in headers}
    taken: dict[str, int] = {}
    for target in matched.values():
        if target:
            taken[target] = taken.get(target, 0) + 1
    return {header: (target if target and taken[target] == 1 else None) for header, target in matched.items()}


# Country names are recognised in these languages ("Japon", "日本", "المغرب").
COUNTRY_NAME_LANGUAGES: Final[tuple[str, ...]] = ("en", "fr", "ja", "ar")


@cache
def country_codes() -> dict[str, str]:
    """ISO alpha-2 code by folded country name in English, French, Japanese and Arabic, and by code."""
    names: dict[str, str] = {}
    for lang in COUNTRY_NAME_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names[fold(name, "word")] = code
                names[fold(code, "word")] = code
    return names


def sector_slugs(labels: Mapping[str, str]) -> dict[str, str]:
    """Sector slug by folded slug, label or unambiguous part of a label ("Santé" of "Santé / médecine").

    Labels in any language are given by the caller.
    """
    parts: dict[str, set[str]] = {}
    for label, sector in labels.items():
        for part in re.split(r"[/,]| and | et ", label):
            if len(fold(part, "word")) >= MIN_LABEL_PART:
                parts.setdefault(fold(part, "word"), set()).add(sector)
    slugs = {key: next(iter(found)) for key, found in parts.items() if len(found) == 1}
    slugs |= {fold(sector, "word"): sector for sector in SECTORS} | {
        fold(s.replace("-", " "), "word"): s for s in SECTORS
    }
    return slugs | {fold(label, "word"): sector for label, sector in labels.items()}


Locate = Callable[[str, str | None], tuple[float, float, str] | None]


def _row_values(row: pd.Series, mapping: Mapping[str, str | None]) -> dict[str, str]:
    values = {target: str(row[header]).strip() for header, target in mapping.items() if target}
    return {key: value for key, value in values.items() if value}


def validate(
    table: pd.DataFrame,
    mapping: Mapping[str, str | None],
    *,
    locate: Locate,
    sector_labels: Mapping[str, str],
    taken_ids: frozenset[str] = frozenset(),
    today: date | None = None,
) -> UploadResult:
    """Check every row with the rules of the case schema; place rows without coordinates by city
    (only within the row's country). Numbers are read as written in any locale; a value that
    reads two ways is decided by its column (else the file) and noted."""
    countries = country_codes()
    decimals = decimal_marks(table, mapping)
    notes: list[Problem] = []
    sectors = sector_slugs(sector_labels)
    problems: list[Problem] = []
    valid_rows: list[dict[str, object]] = []
    invalid_index: list[int] = []
    seen_ids: set[str] = set(taken_ids)
    filled = 0
    for index, row in table.iterrows():
        number = int(str(index)) + 1
        values = _row_values(row, mapping)
        found: list[Problem] = []
        case: dict[str, object] = {"name": values.get("name", "")}
        if not case["name"]:
            found.append(Problem(number, "name", "missing_name"))
        case_id = values.get("id") or f"upload-{number}"
        if not re.fullmatch(SLUG, case_id):
            found.append(Problem(number, "id", "bad_id", {"value": case_id[:40]}))
        elif case_id in seen_ids:
            found.append(Problem(number, "id", "duplicate_id", {"value": case_id}))
        seen_ids.add(case_id)
        case["id"] = case_id
        country = None
        if "country" in values:
            country = countries.get(fold(values["country"], "word"))
            if country is None:
                found.append(Problem(number, "country", "unknown_country", {"value": values["country"][:40]}))
        case["country_iso2"] = country or ""
        case["city"] = values.get("city", "")
        lat = parse_number(values["lat"], decimals["lat"]) if "lat" in values else None
        lon = parse_number(values["lon"], decimals["lon"]) if "lon" in values else None
        bad_coordinates = False
        for column, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
            if column in values and (value is None or not -limit <= value <= limit):
                bad_coordinates = True
                found.append(
                    Problem(
                        number, column, "bad_coordinate", {"value": values[column][:40], "limit": str(limit)}
                    )
                )
        if ("lat" in values) != ("lon" in values):
            missing = "lon" if "lat" in values else "lat"
            found.append(Problem(number, missing, "half_coordinate"))
        elif lat is not None and lon is not None and not bad_coordinates:
            case.update(lat=lat, lon=lon, coord_precision="exact", coord_source="uploaded")
        elif not bad_coordinates:
            place = locate(str(case["city"]), country) if case["city"] and country else None
            if case["city"] and not country and "country" not in values:
                found.append(
                    Problem(number, "city", "city_without_country", {"value": str(case["city"])[:40]})
                )
            elif place is None:
                found.append(Problem(number, "city", "unplaceable", {"value": str(case["city"])[:40]}))
            else:
                case.update(lat=place[0], lon=place[1], coord_precision="city", coord_source=place[2])
        chosen: list[str] = []
        for word in LIST_SPLIT.split(values.get("sectors", "")):
            if not word.strip():
                continue
            slug = sectors.get(fold(word, "word"))
            if slug is None:
                found.append(Problem(number, "sectors", "unknown_sector", {"value": word.strip()[:40]}))
            elif slug not in chosen:
                chosen.append(slug)
        case["sectors"] = ";".join(chosen[:3]) or "multi-sector"
        for column, low, high in (
            ("founded_year", FIRST_YEAR, latest_year(today)),
            ("members_firms", 0, 10_000_000),
            ("employees", 0, 100_000_000),
        ):
            if column in values:
                decimal = decimals[column]
                if decimal is None and is_ambiguous(values[column]):
                    # a whole number is asked: "1.234" or "1,234" can only be 1234
                    decimal = "." if "," in values[column] else ","
                number_value = parse_number(values[column], decimal)
                if (
                    number_value is None
                    or number_value != int(number_value)
                    or not low <= number_value <= high
                ):
                    found.append(
                        Problem(
                            number,
                            column,
                            "bad_number",
                            {"value": values[column][:40], "low": str(low), "high": str(high)},
                        )
                    )
                else:
                    case[column] = int(number_value)
                    if is_ambiguous(values[column]):
                        why = "ambiguous_number" if decimals[column] else "ambiguous_whole"
                        notes.append(_ambiguous_note(number, column, values[column], number_value, why))
        for column in ("website", "source_url"):
            if column in values:
                if re.match(r"^https?://\S+$", values[column]):
                    case[column] = values[column]
                elif column == "website":
                    found.append(Problem(number, column, "bad_url", {"value": values[column][:40]}))
                else:
                    case[column] = values[column]
        case["name_local"] = values.get("name_local", "")
        for column, value in (("lat", lat), ("lon", lon)):
            if value is not None and is_ambiguous(values[column]):
                notes.append(_ambiguous_note(number, column, values[column], value))
        if found:
            problems += found
            invalid_index.append(int(str(index)))
        else:
            valid_rows.append(case)
            filled += case.get("coord_precision") == "city"  # rejected rows are not counted
    columns = [
        "id",
        "name",
        "name_local",
        "country_iso2",
        "city",
        "lat",
        "lon",
        "coord_precision",
        "coord_source",
        "sectors",
        "founded_year",
        "members_firms",
        "employees",
        "website",
        "source_url",
    ]
    valid = pd.DataFrame(valid_rows).reindex(columns=columns)
    return UploadResult(
        valid=valid,
        invalid=table.loc[invalid_index],
        problems=tuple(problems),
        filled_from_city=filled,
        notes=tuple(note for note in notes if note.row - 1 not in set(invalid_index)),
    )


def decimal_marks(table: pd.DataFrame, mapping: Mapping[str, str | None]) -> dict[str, Decimal | None]:
    """The decimal mark of each numeric field: proved by its column's values, else by the
    file's other numeric columns, else None."""
    columns = {target: header for header, target in mapping.items() if target in NUMERIC_FIELDS}
    marks: dict[str, Decimal | None] = {
        field_name: column_decimal(table[columns[field_name]].astype(str)) if field_name in columns else None
        for field_name in NUMERIC_FIELDS
    }
    in_file = column_decimal(
        str(value) for header in columns.values() for value in table[header] if decimal_mark(str(value))
    )
    return {field_name: mark or in_file for field_name, mark in marks.items()}


def _ambiguous_note(row: int, column: str, text: str, value: float, why: str = "ambiguous_number") -> Problem:
    """A value read one way of two: decided by its column or file, or (``ambiguous_whole``) by a
    whole number being asked."""
    shown = f"{value:g}" if value != int(value) else str(int(value))
    return Problem(row, column, why, {"value": text[:40], "read": shown})


def invalid_rows_csv(result: UploadResult, describe: Callable[[Problem], str]) -> bytes:
    """The invalid rows as uploaded, plus a column listing their problems in words (nothing lost)."""
    messages: dict[int, list[str]] = {}
    for problem in result.problems:
        messages.setdefault(problem.row - 1, []).append(describe(problem))
    invalid = result.invalid.copy()
    invalid["problems"] = [" | ".join(messages.get(int(str(i)), [])) for i in invalid.index]
    return neutralised(invalid).to_csv(index=False, lineterminator="\n").encode("utf-8")
