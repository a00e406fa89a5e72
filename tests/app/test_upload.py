"""The "your data" page in AppTest: good files map, bad files get a message, nothing is written."""

from __future__ import annotations

import pytest

from tests.app.conftest import ROOT, deck_spec, run_page
from ui.i18n import messages

FIXTURES = ROOT / "tests" / "fixtures"


def upload(name: str, folder: str = "uploads", lang: str = "en"):  # type: ignore[no-untyped-def]
    at = run_page("pages/data.py", lang=lang)
    path = FIXTURES / folder / name
    at.file_uploader(key="upload_file").upload(path.name, path.read_bytes()).run()
    return at


def test_valid_upload_is_mapped_as_your_data() -> None:
    data_dir = ROOT / "data"
    before = {p: p.stat().st_mtime for p in data_dir.rglob("*") if p.is_file()}
    at = upload("fr_semicolon_cp1252.csv", lang="fr")
    assert not at.exception
    assert any("**2**" in m.value for m in at.markdown)
    layer = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "uploaded")
    assert len(layer["data"]) == 2
    after = {p: p.stat().st_mtime for p in data_dir.rglob("*") if p.is_file()}
    assert before == after  # nothing uploaded is written into data/


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", "empty"),
        ("binary.csv", "binary"),
        ("one_column.csv", "one_column"),
        ("truncated.xlsx", "unreadable"),
    ],
)
def test_unreadable_file_gets_a_clear_message(name: str, code: str) -> None:
    at = upload(name, folder="bad")
    assert not at.exception
    assert at.error[0].value == messages("en")[f"upload.error_{code}"]


def test_row_problems_are_listed_in_words_with_a_download() -> None:
    at = upload("lat_999.csv", folder="bad", lang="fr")
    assert not at.exception
    problems = at.dataframe[0].value
    assert problems.iloc[0].tolist() == [1, "lat", "999 n'est pas une coordonnée entre -90 et 90"]


def test_hostile_names_are_shown_as_text() -> None:
    at = upload("html_names.csv", folder="bad")
    assert not at.exception
    layer = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "uploaded")
    assert layer["data"][0]["tip_name"] == "&lt;img src=x onerror=alert(1)&gt;"
