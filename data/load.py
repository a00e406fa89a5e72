"""Load and validate the case, programme and programme-figure tables."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from data.schema import ClusterSchema, ProgrammeFigureSchema, ProgrammeSchema

DATA_DIR: Final[Path] = Path(__file__).resolve().parent
CLUSTERS_CSV: Final[Path] = DATA_DIR / "clusters.csv"
PROGRAMMES_CSV: Final[Path] = DATA_DIR / "programmes.csv"
PROGRAMME_FIGURES_CSV: Final[Path] = DATA_DIR / "programme_figures.csv"

# Read every column as text first; the schema coerces numbers, so a stray letter in a
# number column is reported as a problem instead of silently turning the column to text.
_READ_OPTIONS: Final[dict[str, object]] = {"dtype": str, "keep_default_na": False, "na_values": [""]}


class DataValidationError(ValueError):
    """A data file does not match its schema; ``problems`` lists each one in plain words."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{path.name}: {len(problems)} problem(s)\n{listing}")


@dataclass(frozen=True)
class Atlas:
    """The three validated tables of the atlas."""

    clusters: pd.DataFrame
    programmes: pd.DataFrame
    programme_figures: pd.DataFrame


# Plain-words meaning of the row-level rules of data/schema.py.
RULES: Final[dict[str, str]] = {
    "founded_year_has_source": "a founding year needs its source in founded_year_source",
    "figures_have_year_and_source": "each size figure needs its year and its source",
    "size_class_matches_figures": "size_class differs from the class derived from the size figures",
    "status_has_source": "a status other than unknown needs a source; only a merged case has a successor",
    "year_present_unless_not_stated": "a figure needs its year unless year_basis is not-stated",
    "field_uniqueness": "must be unique, and this value appears more than once",
    "sectors_in_vocabulary": "sectors must be 1 to 3 values of the sector vocabulary, separated by ';'",
}


def _line(index: object) -> str:
    # CSV line numbers: the header is line 1, the first data row line 2.
    if isinstance(index, int | float) and pd.notna(index):
        return f"line {int(index) + 2}"
    return ""


def _problems(cases: pd.DataFrame, path: Path) -> list[str]:
    """pandera's failure cases as sentences naming file, line and column, one per problem."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for _, failure in cases.iterrows():
        check = str(failure.get("check"))
        line = _line(failure.get("index"))
        column = failure.get("column")
        if failure.get("schema_context") == "DataFrameSchema" and check in RULES:
            # A row-level rule fails once per column of the row: report it once.
            if (line, check) in seen:
                continue
            seen.add((line, check))
            problems.append(", ".join(p for p in (path.name, line) if p) + f": {RULES[check]}")
            continue
        what = f"column '{column}'" if isinstance(column, str) and column else "the table"
        rule = RULES.get(check, f"fails check {check}")
        where = ", ".join(p for p in (path.name, line, what) if p)
        problems.append(f"{where}: value {failure.get('failure_case')!r}: {rule}")
    return problems


def _parse_numbers(frame: pd.DataFrame, schema: type[pa.DataFrameModel], path: Path) -> list[str]:
    """Turn the text of number columns into numbers in place; list the cells that are not numbers.

    Whole numbers written as "2005.0" (as spreadsheets and pandas write them) are accepted.
    """
    problems: list[str] = []
    for name, column in schema.to_schema().columns.items():
        kind = str(column.dtype)
        if name not in frame or kind not in {"Int64", "float64"}:
            continue
        text = frame[name]
        numbers = pd.to_numeric(text.str.strip().str.replace(",", ".", regex=False), errors="coerce")
        bad = text.notna() & numbers.isna()
        if kind == "Int64":
            bad |= numbers.notna() & (numbers % 1 != 0)
        for index in frame.index[bad]:
            expected = "a whole number" if kind == "Int64" else "a number"
            problems.append(
                f"{path.name}, {_line(index)}, column '{name}': value {text[index]!r} is not {expected}"
            )
        numbers = numbers.where(~bad)
        frame[name] = numbers.astype("Int64") if kind == "Int64" else numbers.astype(float)
    return problems


def _validate(frame: pd.DataFrame, schema: type[pa.DataFrameModel], path: Path) -> pd.DataFrame:
    problems = _parse_numbers(frame, schema, path)
    try:
        validated = schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        problems += _problems(errors.failure_cases, path)
        raise DataValidationError(path, problems) from None
    if problems:
        raise DataValidationError(path, problems)
    return validated


def read_table(path: Path, schema: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Read a CSV file and validate it against ``schema``, reporting every problem at once."""
    if not path.is_file():
        raise DataValidationError(path, [f"{path.name}: file not found at {path}"])
    try:
        frame = pd.read_csv(path, encoding="utf-8", **_READ_OPTIONS)  # type: ignore[call-overload]
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataValidationError(path, [f"{path.name}: cannot be read as UTF-8 CSV ({error})"]) from None
    return _validate(frame, schema, path)


def load_clusters(path: Path = CLUSTERS_CSV) -> pd.DataFrame:
    """Return the validated case table."""
    return read_table(path, ClusterSchema)


def load_atlas_dir(directory: Path = DATA_DIR) -> Atlas:
    """Load the three tables from one folder (the shipped ``data/`` by default)."""
    return load_atlas(
        directory / CLUSTERS_CSV.name,
        directory / PROGRAMMES_CSV.name,
        directory / PROGRAMME_FIGURES_CSV.name,
    )


def load_atlas(
    clusters_path: Path = CLUSTERS_CSV,
    programmes_path: Path = PROGRAMMES_CSV,
    figures_path: Path = PROGRAMME_FIGURES_CSV,
) -> Atlas:
    """Load the three tables and check the keys that join them."""
    clusters = load_clusters(clusters_path)
    programmes = read_table(programmes_path, ProgrammeSchema)
    figures = read_table(figures_path, ProgrammeFigureSchema)
    known = set(programmes["id"])
    problems = [
        f"{path.name}, line {i + 2}, column '{column}': {key!r} is not an id of {programmes_path.name}"
        for path, frame, column in (
            (clusters_path, clusters, "programme"),
            (figures_path, figures, "programme_id"),
        )
        for i, key in enumerate(frame[column])
        if key not in known
    ]
    if problems:
        raise DataValidationError(clusters_path, problems)
    return Atlas(clusters=clusters, programmes=programmes, programme_figures=figures)


def dataset_version(directory: Path = DATA_DIR) -> str:
    """A short fingerprint of the three data files: exports say which data they come from."""
    digest = hashlib.sha256()
    for name in (CLUSTERS_CSV.name, PROGRAMMES_CSV.name, PROGRAMME_FIGURES_CSV.name):
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:12]
