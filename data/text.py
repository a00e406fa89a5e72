"""Matching keys of names and words: one fold for the atlas, its uploads and its build steps."""

from __future__ import annotations

import re
import unicodedata
from typing import Final, Literal

LATIN_END: Final[int] = 0x250  # Latin letters end here; accents are folded only on them
ARABIC_TATWEEL: Final[str] = "\u0640"
Separators = Literal["none", "name", "word"]
_NAME_SEPARATORS: Final = str.maketrans({"-": " ", "'": " "})
_NON_WORD: Final = re.compile(r"[\W_]+")


def fold(text: str, separators: Separators = "none") -> str:
    """Case- and accent-insensitive key of a text, for matching, never for output.

    Accents are folded on Latin letters; letters of other scripts are kept as they are (an
    Arabic tatweel is dropped). ``separators`` says what else counts as a space: ``"none"``
    only white space, ``"name"`` hyphens and apostrophes too (place names: "Saint-Étienne"),
    ``"word"`` every run of punctuation (column headers and words of an upload).

    >>> fold("  Bioökonomie  (from name)")
    'biookonomie (from name)'
    >>> fold("Saint-Étienne", "name"), fold("Salé"), fold("つくば市")
    ('saint etienne', 'sale', 'つくば市')
    >>> fold("Nom (local)_2", "word")
    'nom local 2'
    """
    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        if ord(char) < LATIN_END:
            kept += [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
        elif not unicodedata.combining(char) and char != ARABIC_TATWEEL:
            kept.append(char)
    key = "".join(kept).casefold()
    if separators == "name":
        key = key.translate(_NAME_SEPARATORS)
    elif separators == "word":
        key = _NON_WORD.sub(" ", key)
    return " ".join(key.split())
