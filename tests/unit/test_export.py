"""Exports read back with pandas, geopandas and openpyxl give the same rows and values."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import date

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from data.export import (
    ABOUT_WORDS,
    ExportInfo,
    file_name,
    neutralise,
    to_csv_bytes,
    to_geojson_bytes,
    to_geoparquet_bytes,
    to_xlsx_bytes,
    to_zip_bytes,
)
from ui.i18n import Translator

INFO = ExportInfo(
    ("Area: Japan", "Sector: ICT"), "http://127.0.0.1/?area=japan&sector=ict", date(2026, 11, 23), "v1"
)


@pytest.fixture()
def hostile(tiny_clusters: pd.DataFrame) -> pd.DataFrame:
    cases = tiny_clusters.copy()
    cases.loc[0, "name"] = '=HYPERLINK("http://evil","x")'
    cases.loc[1, "summary_en"] = "+cmd|' /C calc'!A0"
    cases.loc[2, "city"] = "@SUM(A1)"
    cases.loc[3, "sector_detail"] = "-2+3"
    return cases


def test_csv_round_trip(tiny_clusters: pd.DataFrame) -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(tiny_clusters)), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(tiny_clusters.columns)
    assert back["id"].tolist() == tiny_clusters["id"].tolist()
    assert back["name_local"].tolist() == tiny_clusters["name_local"].fillna("").tolist()
    assert pd.to_numeric(back["lat"]).tolist() == tiny_clusters["lat"].tolist()


def test_csv_and_excel_neutralise_formulas(hostile: pd.DataFrame) -> None:
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(hostile)), dtype=str, keep_default_na=False)
    assert csv.loc[0, "name"].startswith("'=")
    assert csv.loc[1, "summary_en"].startswith("'+")
    assert csv.loc[2, "city"] == "'@SUM(A1)"
    assert csv.loc[3, "sector_detail"] == "'-2+3"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(hostile, INFO)))
    sheet = book["Data"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("name") + 1).value.startswith("'=")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_negative_numbers_stay_numbers(tiny_clusters: pd.DataFrame) -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(tiny_clusters)))
    assert (back["lon"] < 0).sum() == (tiny_clusters["lon"] < 0).sum()
    assert neutralise(-71.06) == -71.06


def test_excel_has_data_and_about(tiny_clusters: pd.DataFrame) -> None:
    content = to_xlsx_bytes(tiny_clusters, INFO)
    data = pd.read_excel(io.BytesIO(content), sheet_name="Data")
    assert data["id"].tolist() == tiny_clusters["id"].tolist()
    assert data["employees"].dropna().astype(int).tolist() == tiny_clusters["employees"].dropna().tolist()
    about = pd.read_excel(io.BytesIO(content), sheet_name="About").set_index("Field")["Value"]
    assert about["Filters"] == "Area: Japan; Sector: ICT"
    assert about["Shareable link"] == INFO.url and about["Exported on"] == "2026-11-23"
    assert about["Dataset version"] == "v1"


def test_the_about_sheet_speaks_the_language_of_the_export(tiny_clusters: pd.DataFrame) -> None:
    t = Translator("fr")
    words = tuple((key, t(f"about_sheet.{key}")) for key in ABOUT_WORDS)
    info = dataclasses.replace(INFO, filters_text=(), sources=("a", "b"), words=words)
    about = pd.read_excel(io.BytesIO(to_xlsx_bytes(tiny_clusters, info)), sheet_name="About")
    assert list(about.columns) == ["Champ", "Valeur"]
    rows = dict(zip(about["Champ"], about["Valeur"], strict=True))
    assert rows["Filtres"] == "aucun (tous les cas)" and rows["Exporté le"] == "2026-11-23"
    assert rows["Source 2"] == "b"


def test_geojson_is_rfc7946(tiny_clusters: pd.DataFrame) -> None:
    collection = json.loads(to_geojson_bytes(tiny_clusters, INFO))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    assert collection["metadata"]["url"] == INFO.url
    first = collection["features"][0]
    assert first["geometry"]["coordinates"] == [tiny_clusters.loc[0, "lon"], tiny_clusters.loc[0, "lat"]]
    frame = gpd.read_file(io.BytesIO(to_geojson_bytes(tiny_clusters, INFO)))
    assert frame["id"].tolist() == tiny_clusters["id"].tolist()


def test_geoparquet_round_trip(tiny_clusters: pd.DataFrame) -> None:
    frame = gpd.read_parquet(io.BytesIO(to_geoparquet_bytes(tiny_clusters)))
    assert frame.crs.to_epsg() == 4326
    assert frame["id"].tolist() == tiny_clusters["id"].tolist()
    assert frame.geometry.x.round(6).tolist() == tiny_clusters["lon"].round(6).tolist()
    assert frame["employees"].dropna().tolist() == tiny_clusters["employees"].dropna().tolist()


def test_zip_bundle_holds_every_format_and_metadata(tiny_clusters: pd.DataFrame) -> None:
    with zipfile.ZipFile(io.BytesIO(to_zip_bytes(tiny_clusters, INFO, "clusters_japan"))) as bundle:
        names = set(bundle.namelist())
        metadata = json.loads(bundle.read("metadata.json"))
        csv = pd.read_csv(bundle.open("clusters_japan.csv"))
    assert names == {
        "clusters_japan.csv",
        "clusters_japan.xlsx",
        "clusters_japan.geojson",
        "clusters_japan.parquet",
        "metadata.json",
    }
    assert metadata["cases"] == len(tiny_clusters) == len(csv)
    assert metadata["filters"] == list(INFO.filters_text)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["Japan", "life-sciences"], "clusters_japan_life-sciences_2026-11-23.xlsx"),
        ([], "clusters_all_2026-11-23.xlsx"),
        (["Côte d'Azur / <b>"], "clusters_cote-d-azur-b_2026-11-23.xlsx"),
    ],
)
def test_file_names_say_what_is_inside(parts: list[str], expected: str) -> None:
    assert file_name(parts, date(2026, 11, 23), "xlsx") == expected


def test_a_case_not_placed_is_exported_without_a_point(tiny_clusters: pd.DataFrame) -> None:
    cases = tiny_clusters.copy()
    cases.loc[0, ["lat", "lon"]] = float("nan")
    cases.loc[0, "coord_precision"] = "unknown"
    features = json.loads(to_geojson_bytes(cases, INFO))["features"]
    assert features[0]["geometry"] is None and features[0]["properties"]["id"] == cases.loc[0, "id"]
    assert all(f["geometry"]["type"] == "Point" for f in features[1:])
    frame = gpd.read_parquet(io.BytesIO(to_geoparquet_bytes(cases)))
    assert frame.geometry.isna().tolist() == [True] + [False] * (len(cases) - 1)
