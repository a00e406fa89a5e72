"""UI strings in every language of ui/locales/*.toml, plurals and locale-aware numbers (babel).

A language is its locale files: ``<lang>.toml`` and ``<lang>.<topic>.toml``. A message that
depends on a count is a table of CLDR plural forms (``one``, ``few``, ``many``, ``other``...),
chosen by the ``n`` parameter: ``caption = { one = "{n} case", other = "{n} cases" }``.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from data.localised import REFERENCE_LANGUAGE, Localised, column_for

LOCALES_DIR: Final[Path] = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE: Final[str] = REFERENCE_LANGUAGE


def available_languages(directory: Path) -> tuple[str, ...]:
    """Every language with a main locale file (``<lang>.toml``) in the folder, English first."""
    found = {path.stem for path in directory.glob("*.toml") if "." not in path.stem}
    return (DEFAULT_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE}))


# The languages of the app: adding one is adding its locale files.
LANGUAGES: Final[tuple[str, ...]] = available_languages(LOCALES_DIR)
PLURAL_FORMS: Final[frozenset[str]] = frozenset({"zero", "one", "two", "few", "many", "other"})


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "other" in value and set(value) <= PLURAL_FORMS:
            # A plural table: its forms are kept as ``name[one]``, ``name[other]``...
            flat.update({f"{name}[{form}]": str(text) for form, text in value.items()})
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def messages(lang: str) -> dict[str, str]:
    """All strings of one language, keyed by dotted names such as ``map.title``.

    They live in ``<lang>.toml`` and, by topic, in ``<lang>.<topic>.toml`` files.
    """
    table: dict[str, str] = {}
    for path in [LOCALES_DIR / f"{lang}.toml", *sorted(LOCALES_DIR.glob(f"{lang}.*.toml"))]:
        with path.open("rb") as handle:
            part = _flatten(tomllib.load(handle))
        clash = set(part) & set(table)
        if clash:
            raise ValueError(f"{path.name} repeats keys: {sorted(clash)[:5]}")
        table |= part
    return table


def plural_keys(table: dict[str, str]) -> set[str]:
    """The messages of a table that are plural tables (``key[other]`` and its sister forms)."""
    return {key.removesuffix("[other]") for key in table if key.endswith("[other]")}


def message_names(lang: str) -> set[str]:
    """The name of every message of a language, a plural table counting once (``map.caption``)."""
    table = messages(lang)
    plural = plural_keys(table)
    return {key.split("[")[0] if key.split("[")[0] in plural else key for key in table}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_number(value: float | int, lang: str) -> str:
    """A number in the conventions of the language (1,234.5 or 1 234,5)."""
    return str(format_decimal(value, locale=lang))


def format_date(value: date, lang: str) -> str:
    """A date in words, in the conventions of the language (23 November 2026, 23 novembre 2026)."""
    return str(babel_format_date(value, format="long", locale=lang))


def plural_form(count: float | int, lang: str) -> str:
    """The CLDR plural form of a count in the language: French says "1 cas affiché" and
    "0 cas affiché", English "1 case shown" and "0 cases shown".

    Examples
    --------
    >>> plural_form(1, "en"), plural_form(0, "en"), plural_form(0, "fr"), plural_form(2, "fr")
    ('one', 'other', 'one', 'other')
    """
    return str(Locale.parse(lang).plural_form(abs(count)))


class Translator:
    """Look up UI strings of one language; numbers passed as parameters are formatted for it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._messages = messages(self.lang)

    def _text(self, key: str, params: dict[str, object]) -> str:
        for lang, table in ((self.lang, self._messages), (DEFAULT_LANGUAGE, messages(DEFAULT_LANGUAGE))):
            if key in table:
                return table[key]
            if f"{key}[other]" in table:
                count = params.get("n")
                form = plural_form(count, lang) if isinstance(count, int | float) else "other"
                return table.get(f"{key}[{form}]", table[f"{key}[other]"])
        return key

    def __call__(self, key: str, **params: object) -> str:
        text = self._text(key, params)
        formatted = {
            name: format_number(value, self.lang)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
            for name, value in params.items()
        }
        return text.format(**formatted) if formatted else text

    def number(self, value: float | int) -> str:
        """A number in the conventions of the language."""
        return format_number(value, self.lang)

    def date(self, value: date) -> str:
        """A date in words in the conventions of the language."""
        return format_date(value, self.lang)

    def column(self, columns: Iterable[str], stem: str) -> str:
        """The column of a data table holding ``stem`` in the language (``name_fr``), else the
        English one (``name_en``)."""
        return column_for(columns, stem, self.lang)

    def text(self, value: Localised) -> str:
        """A localised text of the data in the language (English when it is not written in it)."""
        return value.get(self.lang)

    def label(self, group: str, value: str) -> str:
        """Label of a vocabulary value, e.g. ``label("sector", "ict")``."""
        return self(f"{group}.{value}")

    def labels(self, group: str, values: tuple[str, ...] | list[str]) -> dict[str, str]:
        """Labels of several vocabulary values."""
        return {value: self.label(group, value) for value in values}


def localised(key: str, **params: object) -> Localised:
    """A message in every language, as one value (for data built by the app, such as a tour)."""
    return Localised(tuple((lang, Translator(lang)(key, **params)) for lang in LANGUAGES))


@cache
def country_name(iso2: str, lang: str) -> str:
    """Country name in the language (CLDR names via babel); the code itself if unknown."""
    name = Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).territories.get(iso2)
    return str(name) if name else iso2
