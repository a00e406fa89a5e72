"""UI strings in English and French, read from ui/locales/*.toml, and locale-aware numbers."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Final

from babel import Locale
from babel.numbers import format_decimal

LOCALES_DIR: Final[Path] = Path(__file__).resolve().parent / "locales"
LANGUAGES: Final[tuple[str, ...]] = ("en", "fr")
DEFAULT_LANGUAGE: Final[str] = "en"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
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


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_number(value: float | int, lang: str) -> str:
    """A number in the conventions of the language (1,234.5 or 1 234,5)."""
    return str(format_decimal(value, locale=lang))


class Translator:
    """Look up UI strings of one language; numbers passed as parameters are formatted for it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._messages = messages(self.lang)

    def __call__(self, key: str, **params: object) -> str:
        text = self._messages.get(key)
        if text is None:
            text = messages(DEFAULT_LANGUAGE).get(key, key)
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

    def label(self, group: str, value: str) -> str:
        """Label of a vocabulary value, e.g. ``label("sector", "ict")``."""
        return self(f"{group}.{value}")

    def labels(self, group: str, values: tuple[str, ...] | list[str]) -> dict[str, str]:
        """Labels of several vocabulary values."""
        return {value: self.label(group, value) for value in values}


@cache
def country_name(iso2: str, lang: str) -> str:
    """Country name in the language (CLDR names via babel); the code itself if unknown."""
    name = Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).territories.get(iso2)
    return str(name) if name else iso2
