"""Every locale has the reference's (English) messages and placeholders; plurals, numbers and
dates follow the language; data texts are localised values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel import Locale

from data.localised import Localised, column_for
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES
from ui.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES_DIR,
    PLURAL_FORMS,
    Translator,
    available_languages,
    country_name,
    format_date,
    format_number,
    localised,
    message_names,
    messages,
    placeholders,
    plural_keys,
)

OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
REFERENCE = messages(DEFAULT_LANGUAGE)


def forms(table: dict[str, str], name: str) -> dict[str, str]:
    """The forms of a message: ``{"": text}``, or its plural forms by CLDR category."""
    if name in table:
        return {"": table[name]}
    prefix = f"{name}["
    return {key[len(prefix) : -1]: text for key, text in table.items() if key.startswith(prefix)}


def test_the_languages_are_the_locale_files_reference_first(tmp_path: Path) -> None:
    assert LANGUAGES[0] == DEFAULT_LANGUAGE == "en"
    assert "fr" in LANGUAGES
    assert all((LOCALES_DIR / f"{lang}.toml").is_file() for lang in LANGUAGES)
    for name in ("fr.toml", "fr.models.toml", "en.toml", "de.toml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert available_languages(tmp_path) == ("en", "de", "fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_locale_names_every_language(lang: str) -> None:
    assert {f"lang.{code}" for code in LANGUAGES} <= set(messages(lang))


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_locale_has_the_messages_of_the_reference(lang: str) -> None:
    assert message_names(lang) == message_names(DEFAULT_LANGUAGE)
    for topic in sorted(LOCALES_DIR.glob(f"{DEFAULT_LANGUAGE}.*.toml")):
        assert (LOCALES_DIR / topic.name.replace(f"{DEFAULT_LANGUAGE}.", f"{lang}.", 1)).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(message_names(DEFAULT_LANGUAGE)))
def test_placeholders_match_the_reference(lang: str, name: str) -> None:
    reference = forms(REFERENCE, name)
    expected = placeholders(reference.get("", reference.get("other", "")))
    found = forms(messages(lang), name)
    assert found, f"{lang}: {name} is missing"
    for form, text in found.items():
        # A singular may name its count in words; every other form takes the reference's fields.
        if form == "one":
            assert placeholders(text) <= expected, (form, text)
        else:
            assert placeholders(text) == expected, (form, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_tables_use_the_forms_of_their_language(lang: str) -> None:
    table = messages(lang)
    tags = set(Locale.parse(lang).plural_form.tags) | {"other"}
    plural = plural_keys(table)
    assert plural or lang != "fr"
    for name in plural:
        used = set(forms(table, name))
        assert used <= tags & PLURAL_FORMS, (name, used)


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("en", 1, "1 case founded up to 1990"),
        ("en", 2, "2 cases founded up to 1990"),
        ("en", 0, "0 cases founded up to 1990"),
        ("fr", 1, "1 cas créé jusqu'en 1990"),
        ("fr", 0, "0 cas créé jusqu'en 1990"),
        ("fr", 2, "2 cas créés jusqu'en 1990"),
    ],
)
def test_counts_take_the_plural_of_their_language(lang: str, n: int, expected: str) -> None:
    assert Translator(lang)("timeline.map_count", n=n, year="1990") == expected


def test_a_plural_message_without_a_count_reads_in_its_general_form() -> None:
    assert Translator("en")("present.title_count", n="many") == "many cases"


def test_dates_follow_the_language() -> None:
    day = date(2026, 11, 23)
    assert (format_date(day, "en"), format_date(day, "fr")) == ("November 23, 2026", "23 novembre 2026")
    assert Translator("fr").date(day) == "23 novembre 2026"


def test_a_localised_text_reads_in_the_language_or_in_english() -> None:
    text = Localised.of(en="Map", fr="Carte")
    assert [Translator(lang).text(text) for lang in ("en", "fr", "xx")] == ["Map", "Carte", "Map"]
    assert Localised.of(fr="Carte").pick("en") == ("Carte", "fr")
    assert not Localised.of(en="")


def test_a_message_as_a_localised_text_holds_every_language() -> None:
    title = localised("present.filtered_title")
    assert title.languages == LANGUAGES
    assert title.get("fr") == messages("fr")["present.filtered_title"]


def test_tables_are_read_in_the_language_where_they_have_it() -> None:
    columns = ["name_en", "label_en", "label_fr"]
    assert [Translator("fr").column(columns, "label"), Translator("fr").column(columns, "name")] == [
        "label_fr",
        "name_en",
    ]
    assert column_for(columns, "label", "en") == "label_en"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("group", "values"),
    [
        ("area", AREAS),
        ("sector", SECTORS),
        ("unit_type", UNIT_TYPES),
        ("policy", POLICY_TYPES),
        ("size", SIZE_CLASSES),
    ],
)
def test_every_vocabulary_value_has_a_label(lang: str, group: str, values: tuple[str, ...]) -> None:
    table = messages(lang)
    assert all(f"{group}.{v}" in table for v in values)


@pytest.mark.parametrize(("lang", "expected"), [("en", "1,234.5"), ("fr", "1\u202f234,5")])
def test_numbers_follow_the_language(lang: str, expected: str) -> None:
    assert format_number(1234.5, lang).replace("\xa0", "\u202f") == expected


def test_translator_formats_numbers_in_parameters() -> None:
    assert "1\u202f234" in Translator("fr")("map.caption", n=1234, total=2000).replace("\xa0", "\u202f")


def test_unknown_language_falls_back_to_english() -> None:
    assert Translator("xx")("map.title") == messages("en")["map.title"]


def test_country_names_are_translated() -> None:
    assert (country_name("DE", "fr"), country_name("DE", "en")) == ("Allemagne", "Germany")
