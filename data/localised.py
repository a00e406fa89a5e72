"""Localised text: one value that holds a text in every language it is written in.

Data files write a localised text as one field per language, ``<stem>_<lang>`` (``title_en``,
``title_fr``...); a new language is new fields, not new code. English is the reference: a text
missing in a language reads in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

REFERENCE_LANGUAGE: Final[str] = "en"
_FIELD: Final = re.compile(r"^(?P<stem>.+)_(?P<lang>[a-z]{2})$")


@dataclass(frozen=True)
class Localised:
    """A text in several languages (frozen and hashable: pairs of language and text).

    Examples
    --------
    >>> title = Localised.of(en="Four models", fr="Quatre modèles")
    >>> title.get("fr"), title.get("de")
    ('Quatre modèles', 'Four models')
    >>> title.pick("de")
    ('Four models', 'en')
    """

    texts: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, **texts: str) -> Localised:
        """A localised text from keyword arguments, one per language."""
        return cls(tuple(texts.items()))

    @classmethod
    def from_fields(cls, raw: Mapping[Any, Any], stem: str) -> Localised:
        """The ``<stem>_<lang>`` fields of a record that hold text (empty and missing ones left out).

        Examples
        --------
        >>> Localised.from_fields({"title_en": "Map", "title_fr": "Carte", "title": "x", "n_en": 3}, "title")
        Localised(texts=(('en', 'Map'), ('fr', 'Carte')))
        """
        found: list[tuple[str, str]] = []
        for key, value in raw.items():
            match = _FIELD.match(str(key))
            if match and match["stem"] == stem and isinstance(value, str) and value.strip():
                found.append((match["lang"], value.strip()))
        return cls(tuple(found))

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the text is written in."""
        return tuple(lang for lang, _ in self.texts)

    def pick(self, lang: str) -> tuple[str, str]:
        """The text in the language, else in English, else in the first language it has; and the
        language of the text returned (``("", lang)`` when there is none)."""
        table = dict(self.texts)
        for candidate in (lang, REFERENCE_LANGUAGE, *table):
            if table.get(candidate):
                return table[candidate], candidate
        return "", lang

    def get(self, lang: str) -> str:
        """The text in the language, falling back to English."""
        return self.pick(lang)[0]

    def map(self, change: Callable[[str], str]) -> Localised:
        """The same text with ``change`` applied in every language."""
        return Localised(tuple((lang, change(text)) for lang, text in self.texts))

    def __bool__(self) -> bool:
        return any(text for _, text in self.texts)


def missing_languages(text: Localised, languages: Iterable[str]) -> list[str]:
    """The languages of ``languages`` that the text is not written in.

    Examples
    --------
    >>> missing_languages(Localised.of(en="Map"), ("en", "fr"))
    ['fr']
    """
    have = set(text.languages)
    return [lang for lang in languages if lang not in have]


def column_for(columns: Iterable[str], stem: str, lang: str) -> str:
    """The column of a table holding ``stem`` in the language, else the English one.

    Examples
    --------
    >>> column_for(["name_en", "label_en", "label_fr"], "label", "fr"), column_for(["name_en"], "name", "fr")
    ('label_fr', 'name_en')
    """
    wanted = f"{stem}_{lang}"
    return wanted if wanted in set(columns) else f"{stem}_{REFERENCE_LANGUAGE}"


# A text in no language (a default for optional texts).
NO_TEXT: Final[Localised] = Localised()
