"""The "your data" page with files from Tokyo and Casablanca: the encoding is said and can be
changed, names in Japanese and Arabic script are shown as written, the page speaks French."""

from __future__ import annotations

from tests.app.conftest import run_page
from tests.fixtures.international import ARABIC, JAPANESE
from ui.i18n import messages


def upload(content: bytes, name: str = "ja.csv", lang: str = "en"):  # type: ignore[no-untyped-def]
    at = run_page("pages/data.py", lang=lang)
    at.file_uploader(key="upload_file").upload(name, content).run()
    return at


def test_a_shift_jis_file_shows_its_names_and_says_its_encoding() -> None:
    at = upload(JAPANESE.encode("cp932"), lang="fr")
    assert not at.exception
    assert any("Lu en Shift_JIS (cp932)." in c.value for c in at.caption)
    valid = at.dataframe[-1].value
    assert list(valid["name"]) == ["つくばサイエンスシティ", "神戸医療産業都市", "浜松ものづくり"]
    assert at.selectbox(key="upload_encoding").value == "auto"
    words = next(m.value for m in at.markdown if "La carte en mots" in m.value)
    assert "3 cas affichés" in words and "Japon \\(3\\)" in words  # the map of the upload in words


def test_choosing_another_encoding_rereads_the_file() -> None:
    at = upload(ARABIC.encode("cp1256"), name="ar.csv")
    assert any("Windows-1256" in c.value for c in at.caption)
    at.selectbox(key="upload_encoding").set_value("utf_8").run()
    assert not at.exception
    assert at.error[0].value == messages("en")["upload.error_wrong_encoding"].format(encoding="UTF-8")
    at.selectbox(key="upload_encoding").set_value("latin_1").run()
    assert any("Latin-1" in c.value for c in at.caption)  # read as asked, garbled or not


def test_the_column_list_speaks_french() -> None:
    at = upload(JAPANESE.encode("utf-8"), lang="fr")
    mapping = at.selectbox(key="upload_map_0")
    assert mapping.placeholder == messages("fr")["upload.choose"]
    assert mapping.value == "name"
