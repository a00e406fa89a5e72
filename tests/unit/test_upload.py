"""Uploads: encodings, separators, decimal commas, French or English headers, row problems, junk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.upload import (
    MAX_BYTES,
    UploadError,
    invalid_rows_csv,
    match_columns,
    parse_number,
    read_table,
    validate,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LABELS = {"Santé / médecine": "health-medicine", "TIC": "ict", "Life sciences": "life-sciences", "ICT": "ict"}
CITIES = {
    ("lyon", "FR"): (45.7578, 4.832, "GeoNames – Lyon"),
    ("rabat", "MA"): (34.0133, -6.8326, "GeoNames – Rabat"),
    ("paris", "FR"): (48.8534, 2.3488, "GeoNames – Paris"),
}


def locate(city: str, country: str | None) -> tuple[float, float, str] | None:
    return CITIES.get((city.casefold(), country or ""))


def check(path: Path):  # type: ignore[no-untyped-def]
    table = read_table(path.name, path.read_bytes())
    return table, validate(table, match_columns(list(table.columns)), locate=locate, sector_labels=LABELS)


@pytest.mark.parametrize(
    "name",
    ["fr_semicolon_cp1252.csv", "fr_tab_utf8_bom.tsv", "fr_comma_latin1.csv", "en_comma_utf8.csv", "en.xlsx"],
)
def test_encodings_separators_and_languages_are_understood(name: str) -> None:
    table, result = check(FIXTURES / "uploads" / name)
    assert len(table) == 2
    assert result.problems == ()
    lyon = result.valid.iloc[0]
    assert (round(float(lyon["lat"]), 2), round(float(lyon["lon"]), 2)) == (45.75, 4.85)
    assert lyon["country_iso2"] == "FR"
    assert lyon["name"] in {"Pôle Lyon", "Lyon Bio"}


def test_missing_coordinates_are_filled_from_the_city_and_flagged() -> None:
    _, result = check(FIXTURES / "uploads" / "fr_semicolon_cp1252.csv")
    rabat = result.valid.set_index("name").loc["Cluster Rabat"]
    assert (rabat["lat"], rabat["coord_precision"]) == (34.0133, "city")
    assert result.filled_from_city == 1


def test_geojson_points_are_read() -> None:
    _, result = check(FIXTURES / "uploads" / "points.geojson")
    assert result.valid.iloc[0][["lat", "lon"]].tolist() == [45.75, 4.85]


def test_utf16_with_bom_is_read() -> None:
    table, _ = check(FIXTURES / "uploads" / "utf16.csv")
    assert table.iloc[0]["name"] == "München Cluster"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty"),
        ("header_only.csv", "no_rows"),
        ("one_column.csv", "one_column"),
        ("binary.csv", "binary"),
        ("truncated.xlsx", "unreadable"),
        ("not_geojson.geojson", "not_geojson"),
        ("truncated.csv", "unreadable"),
    ],
)
def test_unreadable_files_say_why(name: str, code: str) -> None:
    path = FIXTURES / "bad" / name
    with pytest.raises(UploadError) as caught:
        read_table(path.name, path.read_bytes())
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("duplicate_ids.csv", {(2, "id", "duplicate_id")}),
        ("lat_999.csv", {(1, "lat", "bad_coordinate")}),
    ],
)
def test_row_problems_name_row_and_column(name: str, expected: set[tuple[int, str, str]]) -> None:
    _, result = check(FIXTURES / "bad" / name)
    assert {(p.row, p.column, p.code) for p in result.problems} == expected


def test_mixed_encoding_is_read_without_loss_of_rows() -> None:
    table, _ = check(FIXTURES / "bad" / "wrong_encoding.csv")
    assert len(table) == 2


def test_too_large_is_refused_before_reading() -> None:
    with pytest.raises(UploadError) as caught:
        read_table("big.csv", b"a,b\n" + b"x,y\n" * (MAX_BYTES // 4 + 1))
    assert caught.value.code == "too_large"


def test_invalid_rows_download_keeps_them_with_their_problems() -> None:
    _, result = check(FIXTURES / "bad" / "lat_999.csv")
    rows = pd.read_csv(__import__("io").BytesIO(invalid_rows_csv(result, lambda p: f"{p.column}:{p.code}")))
    assert rows.loc[0, "name"] == "Somewhere" and rows.loc[0, "problems"] == "lat:bad_coordinate"


def test_hostile_text_stays_text_and_formulas_are_neutralised() -> None:
    _, result = check(FIXTURES / "bad" / "html_names.csv")
    assert result.valid["name"].tolist() == ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")']
    bad = result.valid.assign(lat=999.0)
    assert bad["name"].iloc[1].startswith("=")  # kept as typed; exports neutralise it


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45,75", 45.75),
        ("1 234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-71.06", -71.06),
        ("abc", None),
        ("", None),
        ("nan", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_headers_match_in_french_or_english_and_ambiguity_is_left_to_the_user() -> None:
    assert match_columns(["Nom", "Pays", "Année de création", "Entreprises", "Longitude", "Lat"]) == {
        "Nom": "name",
        "Pays": "country",
        "Année de création": "founded_year",
        "Entreprises": "members_firms",
        "Longitude": "lon",
        "Lat": "lat",
    }
    assert match_columns(["name", "nom", "city"]) == {"name": None, "nom": None, "city": "city"}


@given(
    st.binary(max_size=2000),
    st.sampled_from(["x.csv", "x.tsv", "x.xlsx", "x.geojson", "x.json", "x.txt", "x.pdf"]),
)
@settings(max_examples=200, deadline=None)
def test_any_bytes_give_a_table_or_an_upload_error(content: bytes, name: str) -> None:
    try:
        table = read_table(name, content)
    except UploadError as error:
        assert error.code
        return
    result = validate(table, match_columns(list(table.columns)), locate=locate, sector_labels=LABELS)
    assert len(result.valid) + len(result.invalid) == len(table)


cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@given(st.lists(st.tuples(cells, cells, cells), min_size=1, max_size=20))
@settings(max_examples=150, deadline=None)
def test_every_uploaded_row_ends_valid_or_invalid_never_lost(rows: list[tuple[str, str, str]]) -> None:
    table = pd.DataFrame(rows, columns=["name", "country", "lat"]).astype(str)
    result = validate(
        table, {"name": "name", "country": "country", "lat": "lat"}, locate=locate, sector_labels=LABELS
    )
    assert len(result.valid) + len(result.invalid) == len(table)
    assert set(result.invalid.index) == {p.row - 1 for p in result.problems}
