"""Which encoding an uploaded text file was saved in: pure functions, no Streamlit.

Byte-order marks and strict UTF-8 decide first. Otherwise every supported legacy encoding that
decodes the file is scored on how plausible its text is for a table of names and places
(letters of one script per word; no control characters, half-width katakana or stray symbols),
and chardet breaks ties. chardet alone misreads short files (two rows of French read as
MacTurkish, EUC-JP as GB18030, ISO-8859-6 as Windows-1256); charset-normalizer read EUC-JP as
cp874 (notes in tests/unit/test_encodings.py).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Final

import chardet

# Encodings an upload can be read in, in the order used to break ties; codec names of Python.
LEGACY: Final[tuple[str, ...]] = ("cp1252", "cp932", "euc_jp", "cp1256", "iso8859_6", "latin_1")
SUPPORTED: Final[tuple[str, ...]] = ("utf_8", "utf_8_sig", "utf_16", *LEGACY)
# Scoring reads this much of a file: enough rows to decide, fast on a 20 MB upload.
SAMPLE_BYTES: Final[int] = 16 * 1024
IMPLAUSIBLE_WEIGHT: Final[int] = 4
MIN_ACCENTED_RUN: Final[int] = 2
_WORD: Final = re.compile(r"[^\W\d_]+")
# Punctuation and signs that a spreadsheet of names, places and figures commonly holds.
_LATIN_SIGNS: Final[str] = "€’‘“”«»–—…•°ºª²³µ·×÷§©®™£¥¢"
_JAPANESE_SIGNS: Final[str] = "、。「」『』・ー々〆〇（）－＆：；，．％〜"


def codec_name(encoding: str) -> str:
    """Python's canonical name of an encoding ("Shift_JIS" -> "shift_jis", "UTF-8" -> "utf-8")."""
    return codecs.lookup(encoding).name


def _script(char: str) -> str | None:
    """The script family of a letter or sign: latin, japanese, arabic; None if implausible."""
    code = ord(char)
    if code < 0x80:
        return "ascii"
    if char in _LATIN_SIGNS or (0xC0 <= code <= 0x24F and char not in "×÷"):
        return "latin"
    if 0xA0 <= code <= 0xBF and char in "\u00a0¡¿ª°²³µº«»·§©®£¥¢":
        return "latin"
    if (
        0x3040 <= code <= 0x30FF
        or 0x4E00 <= code <= 0x9FFF
        or 0xFF01 <= code <= 0xFF5E
        or char in _JAPANESE_SIGNS
        or char == "\u3000"
    ):
        return "japanese"
    if 0x0600 <= code <= 0x06FF and unicodedata.category(char) != "Cc":
        return "arabic"
    if char in "\u202f\u2009\u200f\u200e":  # narrow and thin spaces, direction marks
        return "ascii"
    return None


def plausibility(text: str) -> int:
    """How much the text reads like names and places in one script per word (higher is better)."""
    penalty = 1 + IMPLAUSIBLE_WEIGHT
    score = 0
    for char in text:
        if ord(char) >= 0x80:
            score += 1 if _script(char) is not None else -penalty
        elif unicodedata.category(char) == "Cc" and char not in "\t\n\r":
            score -= penalty
    for word in _WORD.findall(text):
        scripts = {_script(char) for char in word} - {None}
        scripts = {"latin" if script == "ascii" else script for script in scripts}
        accented = sum(1 for char in word if ord(char) >= 0x80 and _script(char) == "latin")
        # "Caf漢": two scripts in one word; "ÇáÇÓã" (Arabic read as Windows-1252): a Latin word
        # is mostly plain letters, accents are the minority ("Évry", "Größe", "à").
        if len(scripts) > 1 or (accented >= MIN_ACCENTED_RUN and accented > len(word) - accented):
            score -= (1 + penalty) * sum(1 for char in word if ord(char) >= 0x80)
    return score


def _sample(content: bytes) -> bytes:
    if len(content) <= SAMPLE_BYTES:
        return content
    cut = content.rfind(b"\n", 0, SAMPLE_BYTES)
    return content[: cut + 1] if cut > 0 else content[:SAMPLE_BYTES]


def _decodes(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        return None


def _chardet_guess(sample: bytes) -> str | None:
    found = chardet.detect(sample).get("encoding")
    if not found:
        return None
    try:
        name = codec_name(str(found))
    except LookupError:
        return None
    return {"shift_jis": "cp932", "iso8859-1": "latin_1", "ascii": "cp1252"}.get(name, name)


def candidates(content: bytes) -> list[str]:
    """Supported encodings that read the file, most likely first (the first is the one used)."""
    if content.startswith(codecs.BOM_UTF8):
        return ["utf_8_sig"]
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf_16"]
    if _decodes(content, "utf_8") is not None:
        return ["utf_8"]
    sample = _sample(content)
    guess = _chardet_guess(sample)
    if guess in ("utf-16-le", "utf-16-be") and _decodes(content, guess) is not None:
        return [guess]
    scored = []
    for order, encoding in enumerate(LEGACY):
        text = _decodes(sample, encoding)
        if text is not None:
            tie_break = 0 if guess == codec_name(encoding) else 1
            scored.append((-plausibility(text), tie_break, order, encoding))
    return [encoding for *_, encoding in sorted(scored) if _decodes(content, encoding) is not None]


def detect(content: bytes) -> str:
    """The encoding to read an uploaded text file with (a Python codec name)."""
    found = candidates(content)
    return found[0] if found else "latin_1"  # latin-1 decodes any bytes


def label(encoding: str) -> str:
    """The name people know an encoding by ("cp932" -> "Shift_JIS (cp932)")."""
    return LABELS.get(encoding, encoding)


LABELS: Final[dict[str, str]] = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 (BOM)",
    "utf_16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1 (ISO-8859-1)",
    "cp932": "Shift_JIS (cp932)",
    "euc_jp": "EUC-JP",
    "cp1256": "Windows-1256 (Arabic)",
    "iso8859_6": "ISO-8859-6 (Arabic)",
}
