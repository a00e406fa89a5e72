"""Small text helpers shared by the curation steps."""

from __future__ import annotations

import re
import unicodedata

Row = dict[str, str]
"""A raw table row: every cell a string, empty string = missing."""

FROM_NAME = "(from name)"


def collapse_ws(text: str) -> str:
    """NFC-normalise and collapse runs of whitespace to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def append_note(note: str, addition: str) -> str:
    """Append a bracketed curation note to a source note (kept verbatim before it).

    >>> append_note("Founded 2000.", "merged x")
    'Founded 2000. [merged x]'
    >>> append_note("", "merged x")
    '[merged x]'
    """
    bracket = f"[{addition}]"
    return f"{note} {bracket}" if note else bracket


def split_cell(cell: str) -> list[str]:
    """Split a semicolon-separated cell; empty parts dropped."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def parse_int(cell: str) -> int | None:
    """Parse an integer cell ('1500', '1500.0'); empty gives None; anything else raises."""
    text = cell.strip()
    if not text:
        return None
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"not an integer: {cell!r}")
    return int(number)
