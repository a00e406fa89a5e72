"""Loading validates lazily and names every problem by file, line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from data.load import DataValidationError, load_atlas, load_clusters
from tests.conftest import TINY_DIR

Edit = Callable[[pd.DataFrame], None]


def _write(tmp_path: Path, edit: Edit) -> Path:
    frame = pd.read_csv(TINY_DIR / "clusters.csv", dtype=str, keep_default_na=False)
    edit(frame)
    path = tmp_path / "clusters.csv"
    frame.to_csv(path, index=False)
    return path


def _set(row: int, column: str, value: str) -> Edit:
    def edit(frame: pd.DataFrame) -> None:
        frame.loc[row, column] = value

    return edit


def test_fixture_loads(tiny_atlas) -> None:  # type: ignore[no-untyped-def]
    assert len(tiny_atlas.clusters) == 8
    assert str(tiny_atlas.clusters["employees"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set(1, "id", "fx-lyon-bio"), "line 3, column 'id'"),
        (_set(3, "lat", "999"), "line 5, column 'lat'"),
        (_set(4, "sectors", "ict;rockets"), "line 6, column 'sectors'"),
        (_set(4, "sectors", ""), "line 6, column 'sectors'"),
        (_set(5, "employees", "lots"), "line 7, column 'employees': value 'lots' is not a whole number"),
        (_set(5, "employees", "12.5"), "line 7, column 'employees'"),
        (_set(1, "employees_source", ""), "line 3: each size figure needs its year and its source"),
        (_set(0, "founded_year_source", ""), "line 2: a founding year needs its source"),
        (_set(0, "size_class", "large"), "line 2: size_class differs"),
        (_set(2, "area", "mars"), "line 4, column 'area'"),
        (_set(2, "policy_type", "sideways"), "line 4, column 'policy_type'"),
        (_set(2, "website", "javascript:alert(1)"), "line 4, column 'website'"),
    ],
)
def test_each_problem_is_named(tmp_path: Path, edit: Edit, expected: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        load_clusters(_write(tmp_path, edit))
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    def edits(frame: pd.DataFrame) -> None:
        frame.loc[0, "lat"] = "999"
        frame.loc[1, "area"] = "mars"
        frame.loc[2, "employees"] = "n/a"

    with pytest.raises(DataValidationError) as caught:
        load_clusters(_write(tmp_path, edits))
    assert len(caught.value.problems) == 3


def test_unexpected_column_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda frame: frame.insert(1, "surprise", "x"))
    with pytest.raises(DataValidationError, match="surprise"):
        load_clusters(path)


def test_whole_numbers_written_as_floats_are_accepted(tmp_path: Path) -> None:
    clusters = load_clusters(_write(tmp_path, _set(0, "founded_year", "2005.0")))
    assert clusters.loc[0, "founded_year"] == 2005


def test_missing_and_unreadable_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="file not found"):
        load_clusters(tmp_path / "nope.csv")
    binary = tmp_path / "clusters.csv"
    binary.write_bytes(b"\xff\xfe\x00bad\x00")
    with pytest.raises(DataValidationError, match="cannot be read"):
        load_clusters(binary)


def test_unknown_programme_key_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, _set(0, "programme", "no-such-programme"))
    with pytest.raises(DataValidationError, match="no-such-programme"):
        load_atlas(path, TINY_DIR / "programmes.csv", TINY_DIR / "programme_figures.csv")
