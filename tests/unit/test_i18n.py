"""Both locales have the same keys and placeholders; numbers follow the language."""

from __future__ import annotations

import pytest

from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES
from ui.i18n import LANGUAGES, Translator, country_name, format_number, messages, placeholders


def test_locales_have_the_same_keys() -> None:
    assert set(messages("fr")) == set(messages("en"))


@pytest.mark.parametrize("key", sorted(messages("en")))
def test_placeholders_match(key: str) -> None:
    assert placeholders(messages("fr")[key]) == placeholders(messages("en")[key])


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
