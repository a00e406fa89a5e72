"""Numbers as people write them in a spreadsheet, in any of the atlas's locales: pure functions.

"1 234,5" (French, with a space, a no-break or a narrow no-break space), "1.234,5" (German),
"1,234.5" (English, Japanese), "1'234.5" (Swiss), "١٢٣٤٫٥" (Arabic digits), "12,5 %".
A value such as "1.234" or "1,234" can be read two ways: the other values of its column (or
else of the file) decide which mark is the decimal one, and the caller flags the value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Final, Literal

Decimal = Literal[",", "."]
# Spaces and marks that only group digits: space, no-break, narrow no-break, thin, apostrophes,
# the Arabic thousands separator.
_GROUPING: Final = re.compile("[ \u00a0\u202f\u2009'\u2019\u066c]")
_PERCENT: Final = re.compile(r"\s*[%\u066a]\s*$")
_MINUS: Final[str] = "\u2212"
# One to three digits, then groups of three: what a thousands separator produces.
_GROUPED: Final = re.compile(r"^[+-]?[1-9]\d{0,2}([.,])\d{3}$")


def _clean(text: str) -> str:
    cleaned = _PERCENT.sub("", text.strip())
    cleaned = _GROUPING.sub("", cleaned).replace(_MINUS, "-").replace("\u066b", ".")
    return cleaned


def decimal_mark(text: str) -> Decimal | None:
    """The decimal mark a value's writing proves ("1.234,5" -> ","; "45,75" -> ","), or None
    when it proves none ("1234", or "1.234": three digits after one mark, either reading fits)."""
    cleaned = _clean(text)
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        return "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    if commas + dots == 0:
        return None
    mark: Decimal = "," if commas else "."
    other: Decimal = "." if commas else ","
    if commas + dots > 1:
        return other  # "1.234.567": the repeated mark groups digits
    return None if _GROUPED.match(cleaned) else mark


def is_ambiguous(text: str) -> bool:
    """Whether a value reads as two different numbers ("1.234": 1.234 or 1234)."""
    return _GROUPED.match(_clean(text)) is not None


def parse_number(text: str, decimal: Decimal | None = None) -> float | None:
    """The number a cell holds, None if it holds none. ``decimal`` settles an ambiguous value
    ("1.234" is 1234 when the decimal mark is ","); without it a lone mark is the decimal one."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    mark = decimal_mark(text)
    if mark is None and is_ambiguous(text):
        lone: Decimal = "," if "," in cleaned else "."
        mark = decimal if decimal is not None else lone
    if mark is not None:
        grouping = "." if mark == "," else ","
        cleaned = cleaned.replace(grouping, "").replace(mark, ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def column_decimal(values: Iterable[str]) -> Decimal | None:
    """The decimal mark most values of a column prove, None if none proves one (or a tie)."""
    counts = Counter(mark for value in values if (mark := decimal_mark(value)) is not None)
    if not counts or counts[","] == counts["."]:
        return None
    return "," if counts[","] > counts["."] else "."
