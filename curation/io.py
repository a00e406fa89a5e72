"""Reading inputs and rule tables; writing outputs byte-stably."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from curation.text import Row


def read_rows(path: Path, required: Sequence[str] = ()) -> list[Row]:
    """Rows of a CSV as string dicts ([] when the file is missing or has no data rows)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if reader.fieldnames and missing:
            raise ValueError(f"{path}: missing columns {missing}")
        rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    return [row for row in rows if any(row.values())]


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def format_number(value: object) -> str:
    """Numbers as text for the CSV: integral floats without '.0', others as repr.

    >>> format_number(91.0), format_number(42.5), format_number(None)
    ('91', '42.5', '')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(frame: pd.DataFrame, path: Path, float_columns: Sequence[str] = ()) -> None:
    """Write UTF-8 CSV with '\\n' line ends, integers without '.0', stable float text."""
    out = frame.copy()
    for column in float_columns:
        out[column] = out[column].map(format_number)
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
