"""Export the filtered cases: CSV, Excel, GeoJSON, GeoParquet and a ZIP bundle (bytes, no Streamlit)."""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Final

import geopandas as gpd
import pandas as pd

# NOTE: a spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
# injection"); such text cells are prefixed with an apostrophe, which shows them as typed.
FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME_PARTS_CHARS: Final[int] = 80

LICENCE_NOTE: Final[str] = (
    "Case data: compiled from the public sources cited in each row (source_url, source_note); "
    "their own terms apply. Boundaries: Natural Earth (public domain); U.S. Census Bureau "
    "cartographic boundary files 2017 (public domain)."
)

# Words of the About sheet, by key; the app gives them in the reader's language.
ABOUT_WORDS: Final[dict[str, str]] = {
    "field": "Field",
    "value": "Value",
    "filters": "Filters",
    "no_filter": "none (all cases)",
    "url": "Shareable link",
    "exported": "Exported on",
    "dataset_version": "Dataset version",
    "licence": "Licence and credits",
    "source": "Source {i}",
}


@dataclass(frozen=True)
class ExportInfo:
    """What an export says about itself: filters in words, the link, date, version, sources."""

    filters_text: tuple[str, ...]
    url: str
    exported: date
    dataset_version: str
    sources: tuple[str, ...] = field(default_factory=tuple)
    licence: str = LICENCE_NOTE
    # The About sheet's words in the reader's language (key of ABOUT_WORDS, text); English if not.
    words: tuple[tuple[str, str], ...] = ()

    def word(self, key: str) -> str:
        """One word of the About sheet, in the language the export was made in."""
        return dict(self.words).get(key) or ABOUT_WORDS[key]

    def rows(self) -> list[tuple[str, str]]:
        """Field and value pairs, for the About sheet."""
        filters = "; ".join(self.filters_text) or self.word("no_filter")
        rows = [
            (self.word("filters"), filters),
            (self.word("url"), self.url),
            (self.word("exported"), self.exported.isoformat()),
            (self.word("dataset_version"), self.dataset_version),
            (self.word("licence"), self.licence),
        ]
        rows += [(self.word("source").format(i=i), source) for i, source in enumerate(self.sources, start=1)]
        return rows

    def as_dict(self) -> dict[str, object]:
        return {
            "filters": list(self.filters_text),
            "url": self.url,
            "exported": self.exported.isoformat(),
            "dataset_version": self.dataset_version,
            "licence": self.licence,
            "sources": list(self.sources),
        }


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert; other values unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("Lyon"), neutralise(-3)
    ("'=HYPERLINK(1)", 'Lyon', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(cases: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table whose text cells are all neutralised."""
    result = cases.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(neutralise)
    return result


def slug(text: str) -> str:
    """Lower-case ASCII slug for file names (accents dropped: "Côte" gives "cote")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(parts: list[str], exported: date, extension: str, stem: str = "clusters") -> str:
    """A file name that says what is inside, e.g. ``clusters_japan_life-sciences_2026-11-23.xlsx``."""
    middle = "_".join(p for p in (slug(part) for part in parts) if p)[:MAX_NAME_PARTS_CHARS].strip("_-")
    return "_".join(p for p in (stem, middle or "all", exported.isoformat()) if p) + f".{extension}"


def to_csv_bytes(cases: pd.DataFrame) -> bytes:
    """UTF-8 CSV of the cases, formula-safe."""
    return neutralised(cases).to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx_bytes(cases: pd.DataFrame, info: ExportInfo) -> bytes:
    """Excel workbook with a "Data" sheet and an "About" sheet (filters, link, date, version, sources)."""
    buffer = io.BytesIO()
    about = pd.DataFrame(info.rows(), columns=[info.word("field"), info.word("value")])
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralised(cases).to_excel(writer, sheet_name="Data", index=False)
        neutralised(about).to_excel(writer, sheet_name="About", index=False)
    return buffer.getvalue()


def to_geodataframe(cases: pd.DataFrame) -> gpd.GeoDataFrame:
    """The cases as points in EPSG:4326; a case not placed (no seat stated) has no geometry
    (GeoJSON ``"geometry": null``), never a point at its country's centre."""
    lon, lat = cases["lon"].astype(float), cases["lat"].astype(float)
    points = gpd.points_from_xy(lon, lat)
    points[(lon.isna() | lat.isna()).to_numpy()] = None
    return gpd.GeoDataFrame(cases.reset_index(drop=True), geometry=points, crs="EPSG:4326")


def to_geojson_bytes(cases: pd.DataFrame, info: ExportInfo) -> bytes:
    """RFC 7946 GeoJSON FeatureCollection (lon/lat, no crs member), with a metadata foreign member."""
    collection = json.loads(to_geodataframe(cases).to_json(na="null", drop_id=True, to_wgs84=False))
    collection.pop("crs", None)
    collection["metadata"] = info.as_dict()
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_geoparquet_bytes(cases: pd.DataFrame) -> bytes:
    """GeoParquet of the cases (geometry as WKB, CRS in the file's geo metadata)."""
    buffer = io.BytesIO()
    to_geodataframe(cases).to_parquet(buffer, index=False)
    return buffer.getvalue()


def to_zip_bytes(cases: pd.DataFrame, info: ExportInfo, stem: str) -> bytes:
    """A ZIP of every format plus ``metadata.json`` (what, when, which filters, sources)."""
    files = {
        f"{stem}.csv": to_csv_bytes(cases),
        f"{stem}.xlsx": to_xlsx_bytes(cases, info),
        f"{stem}.geojson": to_geojson_bytes(cases, info),
        f"{stem}.parquet": to_geoparquet_bytes(cases),
    }
    metadata = {**info.as_dict(), "cases": len(cases), "files": sorted(files)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, content in files.items():
            bundle.writestr(name, content)
        bundle.writestr("metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
    return buffer.getvalue()
