"""Read and validate cases an analyst uploads (CSV, Excel, GeoJSON): pure functions, no Streamlit.

Nothing here writes to disk; problems are codes with parameters that the UI words in the
user's language.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

import pandas as pd
from babel import Locale

from data.export import neutralised
from data.localised import REFERENCE_LANGUAGE
from data.schema import FIRST_YEAR, LAST_YEAR, SLUG
from data.vocab import SECTORS

MAX_BYTES: Final[int] = 20 * 1024 * 1024  # the same limit as server.maxUploadSize
MAX_ROWS: Final[int] = 50_000
ENCODINGS: Final[tuple[str, ...]] = ("utf-8-sig", "cp1252", "latin-1")
SEPARATORS: Final[str] = ",;\t"
TEXT_EXTENSIONS: Final[frozenset[str]] = frozenset({"csv", "tsv", "txt"})
EXCEL_EXTENSIONS: Final[frozenset[str]] = frozenset({"xlsx", "xlsm"})
JSON_EXTENSIONS: Final[frozenset[str]] = frozenset({"geojson", "json"})
LIST_SPLIT: Final = re.compile(r"[;,|]")
MIN_LABEL_PART: Final[int] = 3

# Fields an upload can fill, and the header words (English and French) that name them.
FIELD_SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("id", "identifier", "identifiant", "code", "slug"),
    "name": ("name", "nom", "cluster", "cluster name", "nom du cluster", "title", "titre"),
    "name_local": ("local name", "name local", "name_local", "nom local", "nom d origine"),
    "country": ("country", "pays", "country code", "code pays", "country_iso2", "iso2"),
    "city": ("city", "ville", "town", "commune", "localite"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "sectors": ("sector", "sectors", "secteur", "secteurs", "filiere", "filieres", "domaine", "domaines"),
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
    ),
    "employees": ("employees", "jobs", "employment", "emplois", "salaries", "effectifs", "employes"),
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


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a word or header."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold()).split())


def decode(content: bytes) -> tuple[str, str]:
    """Text of the file and the encoding that read it: UTF-16 (by its BOM), UTF-8 (with or without
    BOM), cp1252, Latin-1."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UploadError("unreadable", detail="UTF-16") from None
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UploadError("unreadable")  # latin-1 decodes any bytes: kept for type checkers


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


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """The uploaded file as a table of text cells, or an UploadError saying why it cannot be read."""
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
        table = _geojson_rows(decode(content)[0])
    elif extension in TEXT_EXTENSIONS:
        text, _ = decode(content)
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
    return table.reset_index(drop=True)


def match_columns(headers: list[str]) -> dict[str, str | None]:
    """The schema field each header names (English or French), None where unknown or ambiguous."""
    lookup = {fold(word): field_name for field_name, words in FIELD_SYNONYMS.items() for word in words}
    matched: dict[str, str | None] = {header: lookup.get(fold(header)) for header in headers}
    taken: dict[str, int] = {}
    for target in matched.values():
        if target:
            taken[target] = taken.get(target, 0) + 1
    return {header: (target if target and taken[target] == 1 else None) for header, target in matched.items()}


def parse_number(text: str) -> float | None:
    """A number written the French or English way ("45,75", "1 234,5", "1,234.5"); None if it is not one."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def country_codes(languages: Iterable[str] = (REFERENCE_LANGUAGE, "fr")) -> dict[str, str]:
    """ISO alpha-2 code by folded country name in the languages (CLDR names), and by code."""
    names: dict[str, str] = {}
    for lang in languages:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names[fold(name)] = code
                names[fold(code)] = code
    return names


def sector_slugs(labels: Mapping[str, str]) -> dict[str, str]:
    """Sector slug by folded slug, label or unambiguous part of a label ("Santé" of "Santé / médecine").

    Labels in any language are given by the caller.
    """
    parts: dict[str, set[str]] = {}
    for label, sector in labels.items():
        for part in re.split(r"[/,]| and | et ", label):
            if len(fold(part)) >= MIN_LABEL_PART:
                parts.setdefault(fold(part), set()).add(sector)
    slugs = {key: next(iter(found)) for key, found in parts.items() if len(found) == 1}
    slugs |= {fold(sector): sector for sector in SECTORS} | {fold(s.replace("-", " ")): s for s in SECTORS}
    return slugs | {fold(label): sector for label, sector in labels.items()}


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
    languages: Iterable[str] = (REFERENCE_LANGUAGE, "fr"),
) -> UploadResult:
    """Check every row with the rules of the case schema; place rows without coordinates by city
    (country names are recognised in ``languages``)."""
    countries = country_codes(languages)
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
            country = countries.get(fold(values["country"]))
            if country is None:
                found.append(Problem(number, "country", "unknown_country", {"value": values["country"][:40]}))
        case["country_iso2"] = country or ""
        case["city"] = values.get("city", "")
        lat = parse_number(values["lat"]) if "lat" in values else None
        lon = parse_number(values["lon"]) if "lon" in values else None
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
            place = locate(str(case["city"]), country) if case["city"] else None
            if place is None:
                found.append(Problem(number, "city", "unplaceable", {"value": str(case["city"])[:40]}))
            else:
                case.update(lat=place[0], lon=place[1], coord_precision="city", coord_source=place[2])
                filled += 1
        chosen: list[str] = []
        for word in LIST_SPLIT.split(values.get("sectors", "")):
            if not word.strip():
                continue
            slug = sectors.get(fold(word))
            if slug is None:
                found.append(Problem(number, "sectors", "unknown_sector", {"value": word.strip()[:40]}))
            elif slug not in chosen:
                chosen.append(slug)
        case["sectors"] = ";".join(chosen[:3]) or "multi-sector"
        for column, low, high in (
            ("founded_year", FIRST_YEAR, LAST_YEAR),
            ("members_firms", 0, 10_000_000),
            ("employees", 0, 100_000_000),
        ):
            if column in values:
                number_value = parse_number(values[column])
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
        for column in ("website", "source_url"):
            if column in values:
                if re.match(r"^https?://\S+$", values[column]):
                    case[column] = values[column]
                elif column == "website":
                    found.append(Problem(number, column, "bad_url", {"value": values[column][:40]}))
                else:
                    case[column] = values[column]
        case["name_local"] = values.get("name_local", "")
        if found:
            problems += found
            invalid_index.append(int(str(index)))
        else:
            valid_rows.append(case)
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
        valid=valid, invalid=table.loc[invalid_index], problems=tuple(problems), filled_from_city=filled
    )


def invalid_rows_csv(result: UploadResult, describe: Callable[[Problem], str]) -> bytes:
    """The invalid rows as uploaded, plus a column listing their problems in words (nothing lost)."""
    messages: dict[int, list[str]] = {}
    for problem in result.problems:
        messages.setdefault(problem.row - 1, []).append(describe(problem))
    invalid = result.invalid.copy()
    invalid["problems"] = [" | ".join(messages.get(int(str(i)), [])) for i in invalid.index]
    return neutralised(invalid).to_csv(index=False, lineterminator="\n").encode("utf-8")
