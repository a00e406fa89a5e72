"""International uploads: encodings detected, Japanese and Arabic names kept exactly, cities
placed within their country, numbers read as each locale writes them, years up to today.

Comparison that chose the detector (December 2026, chardet 7.7.0 and charset-normalizer 3.5.3,
15 generated CSV samples of 3-4 rows: Japanese in cp932, Shift_JIS, EUC-JP, UTF-8, UTF-16;
Arabic in cp1256, ISO-8859-6, UTF-8; French and German in cp1252, Latin-1, UTF-8):
chardet read 15 of 15 right, charset-normalizer 14 (EUC-JP read as cp874; French read as
cp1250, which happens to decode those rows but turns "œ" into "ś"). On two-row files chardet
alone misread French cp1252 (MacTurkish), EUC-JP (GB18030) and ISO-8859-6 (Windows-1256):
hence data/encodings.py scores the supported encodings and uses chardet to break ties, which
the tests below check on short and longer files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data import encodings, numbers
from data.upload import latest_year, match_columns, read_upload, validate
from geo import gazetteer
from tests.fixtures.international import CORPUS, write_corpus

LABELS = {"ICT": "ict", "TIC": "ict", "Santé / médecine": "health-medicine"}


def locate(city: str, country: str | None) -> tuple[float, float, str] | None:
    place = gazetteer.lookup(city, country)
    return None if place is None else (place.lat, place.lon, place.name)


def check(path: Path):  # type: ignore[no-untyped-def]
    read = read_upload(path.name, path.read_bytes())
    mapping = match_columns(list(read.table.columns))
    return read, validate(read.table, mapping, locate=locate, sector_labels=LABELS)


@pytest.mark.parametrize(
    ("lang", "encoding"), [(lang, e) for lang, (_, found) in CORPUS.items() for e in found]
)
def test_every_file_of_the_corpus_is_read_in_its_encoding(tmp_path: Path, lang: str, encoding: str) -> None:
    _, _, path = next(w for w in write_corpus(tmp_path) if w[:2] == (lang, encoding))
    read = read_upload(path.name, path.read_bytes())
    text = CORPUS[lang][0]
    assert read.encoding is not None
    assert path.read_bytes().decode(read.encoding).lstrip("\ufeff") == text
    names = text.splitlines()[1].split(";" if ";" in text else ",")[0]
    assert read.table.iloc[0, 0] == names  # kept exactly, not garbled


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("nom;ville\nCafé;Lyon\n", "cp1252"),
        ("Name;Stadt\nStraße;Köln\n", "cp1252"),
        ("a;b\ncœur;12 €\n", "cp1252"),
        ("名前,国\n東京,JP\n", "euc_jp"),
        ("名前,国\n東京,JP\n", "cp932"),
        ("اسم,بلد\nتونس,TN\n", "iso8859_6"),
        ("اسم,بلد\nتونس,TN\n", "cp1256"),
    ],
)
def test_two_row_files_are_read_right(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    assert data.decode(encodings.detect(data)) == text


def test_boms_decide_and_a_long_file_is_read_from_a_sample() -> None:
    assert encodings.detect("é".encode("utf-8-sig")) == "utf_8_sig"
    assert encodings.detect("é".encode("utf-16")) == "utf_16"
    long = ("名前,都市\n" + "つくば,つくば市\n" * 5_000).encode("euc_jp")
    assert len(long) > encodings.SAMPLE_BYTES and encodings.detect(long) == "euc_jp"


def test_override_reads_the_file_in_the_chosen_encoding_or_says_it_cannot(tmp_path: Path) -> None:
    data = CORPUS["ja"][0].encode("cp932")
    assert read_upload("x.csv", data, "cp932").table.iloc[0, 0] == "つくばサイエンスシティ"
    garbled = read_upload("x.csv", data, "latin_1")
    assert garbled.encoding == "latin_1" and garbled.table.iloc[0, 0] != "つくばサイエンスシティ"
    with pytest.raises(Exception) as caught:
        read_upload("x.csv", data, "utf_8")
    assert getattr(caught.value, "code", None) == "wrong_encoding"


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf_16"])
def test_japanese_rows_are_placed_from_their_city_within_their_country(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ja.csv"
    path.write_bytes(CORPUS["ja"][0].encode(encoding))
    _, result = check(path)
    assert result.problems == ()
    valid = result.valid.set_index("name")
    assert list(valid.index) == ["つくばサイエンスシティ", "神戸医療産業都市", "浜松ものづくり"]
    assert list(valid["city"]) == ["つくば市", "神戸市", "Hamamatsu-shi"]
    assert list(valid["country_iso2"]) == ["JP", "JP", "JP"]  # "日本" is Japan
    assert valid.loc["神戸医療産業都市", "coord_source"] == "Kobe"
    assert valid.loc["つくばサイエンスシティ", "employees"] == 1200  # "1,200": a whole number
    assert [(n.row, n.code) for n in result.notes] == [(1, "ambiguous_whole")]
    assert result.filled_from_city == 3


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_arabic_rows_keep_their_script_and_are_placed(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ar.csv"
    path.write_bytes(CORPUS["ar"][0].encode(encoding))
    _, result = check(path)
    assert result.problems == ()
    assert list(result.valid["city"]) == ["الدار البيضاء", "صفاقس", "الرباط"]
    assert list(result.valid["coord_source"]) == ["Casablanca", "Sfax", "Rabat"]
    assert list(result.valid["country_iso2"]) == ["MA", "TN", "MA"]  # "المغرب" is Morocco


def test_french_numbers_follow_the_file_and_the_ambiguous_one_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "fr.csv"
    path.write_bytes(CORPUS["fr"][0].encode("cp1252"))
    _, result = check(path)
    assert result.problems == ()
    assert list(result.valid["employees"]) == [1234, 1050, 1234]
    assert [(n.row, n.column, n.params["read"]) for n in result.notes] == [(3, "employees", "1234")]
    assert list(result.valid["lat"]) == [48.63, 47.9, 43.4]


@pytest.mark.parametrize(
    ("city", "country", "found"),
    [
        ("つくば市", "JP", "Tsukuba"),
        ("Tsukuba-shi", "JP", "Tsukuba"),
        ("Kobe City", "JP", "Kobe"),
        ("大阪", "JP", "Osaka"),  # two characters: a whole Japanese name
        ("الرباط", "MA", "Rabat"),
        ("وهران", "DZ", "Oran"),
        ("Salé", "MA", "Salé"),
        ("R", "RU", None),  # a name cut down to a letter is never looked up
        ("Ro", "RU", None),
        ("Lyon", None, None),  # only within the row's country
        ("Lyon", "JP", None),
        ("æ±äº¬", "JP", None),  # mojibake is not a city
    ],
)
def test_gazetteer_matches_whole_names_within_the_country(
    city: str, country: str | None, found: str | None
) -> None:
    place = gazetteer.lookup(city, country)
    assert (place.name if place else None) == found


def test_rejected_rows_are_not_counted_as_placed_and_a_city_needs_a_country() -> None:
    table = pd.DataFrame(
        {"name": ["Good", "", "No country"], "country": ["FR", "FR", ""], "city": ["Lyon", "Lyon", "Lyon"]}
    )
    result = validate(table, match_columns(list(table.columns)), locate=locate, sector_labels=LABELS)
    assert result.filled_from_city == 1
    assert {(p.row, p.code) for p in result.problems} == {(2, "missing_name"), (3, "city_without_country")}


def test_the_last_accepted_founding_year_follows_today() -> None:
    table = pd.DataFrame({"name": ["A"], "lat": ["1"], "lon": ["1"], "founded": ["2027"]})
    mapping = match_columns(list(table.columns))
    assert latest_year(date(2027, 1, 5)) == 2027
    late = validate(table, mapping, locate=locate, sector_labels=LABELS, today=date(2026, 12, 31))
    assert [p.code for p in late.problems] == ["bad_number"]
    ok = validate(table, mapping, locate=locate, sector_labels=LABELS, today=date(2027, 1, 5))
    assert ok.problems == () and ok.valid["founded_year"].tolist() == [2027]


# Numbers as each locale writes them; "decimal" is what the rest of the column proved.
NUMBER_FORMATS = [
    ("fr", "1 234", None, 1234.0),
    ("fr", "1\u00a0234", None, 1234.0),  # no-break space
    ("fr", "1\u202f234", None, 1234.0),  # narrow no-break space
    ("fr", "1 234,5", None, 1234.5),
    ("fr", "12,5 %", None, 12.5),
    ("fr", "45,75", None, 45.75),
    ("de", "1.234,5", None, 1234.5),
    ("de", "1.234.567", None, 1234567.0),
    ("de", "1.234", ",", 1234.0),  # decided by the column
    ("en", "1,234.5", None, 1234.5),
    ("en", "1,234,567", None, 1234567.0),
    ("en", "1,234", ".", 1234.0),
    ("en", "12.5%", None, 12.5),
    ("en", "-71.06", None, -71.06),
    ("ja", "1,200", ".", 1200.0),
    ("ch", "1'234.5", None, 1234.5),
    ("ar", "١٢٣٤٫٥", None, 1234.5),
    ("en", "0.123", None, 0.123),
    ("any", "1.234", None, 1.234),  # nothing decides: the lone mark is the decimal one
    ("any", "abc", None, None),
    ("any", "", None, None),
    ("any", "nan", None, None),
]


@pytest.mark.parametrize(("locale", "text", "decimal", "value"), NUMBER_FORMATS)
def test_numbers_as_each_locale_writes_them(
    locale: str, text: str, decimal: str | None, value: float | None
) -> None:
    assert numbers.parse_number(text, decimal) == value  # type: ignore[arg-type]


def test_a_column_decides_its_decimal_mark_and_flags_the_ambiguous_value() -> None:
    assert numbers.column_decimal(["1,5", "2,25", "1.234"]) == ","
    assert numbers.column_decimal(["1.5", "1,234"]) == "."
    assert numbers.column_decimal(["1.234", "12"]) is None
    assert numbers.is_ambiguous("1.234") and not numbers.is_ambiguous("1.2345")


def test_the_united_states_territories_are_found_under_us() -> None:
    """GeoNames files Puerto Rico as a country (PR); an upload or a source saying "San Juan, US"
    means the territory's capital, not the small San Juan of Texas."""
    san_juan = gazetteer.lookup("San Juan", "US")
    assert san_juan is not None and san_juan.country == "PR" and san_juan.lat > 18.0
    houston = gazetteer.lookup("Houston", "US")
    assert houston is not None and houston.country == "US"
    assert gazetteer.lookup("San Juan", "MX") is None or gazetteer.lookup("San Juan", "MX").country == "MX"  # type: ignore[union-attr]
