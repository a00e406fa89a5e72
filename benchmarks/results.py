"""benchmarks/RESULTS.md: each benchmark rewrites its own section, between its two markers."""

from __future__ import annotations

from pathlib import Path
from typing import Final

RESULTS: Final[Path] = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(section: str, start: str, end: str, path: Path = RESULTS) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in place of the old one,
    or at the end of the file the first time; the rest of the file is kept as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
