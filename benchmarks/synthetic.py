"""Synthetic case tables with the schema of data/clusters.csv, at any size, for the scale benchmark.

Each synthetic case copies a real case (area, country, programme, sectors, size figures, so every
rule of the schema still holds) and moves it by a few tenths of a degree, so the points spread over
the four areas the way the real ones do. Long texts are replaced by short ones: the benchmark is
about the map, and a 1M-row file of real-length texts would be gigabytes.

Run: .venv/bin/python -m benchmarks.synthetic 100000 /tmp/atlas-100k
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from data.load import CLUSTERS_CSV, PROGRAMME_FIGURES_CSV, PROGRAMMES_CSV

SEED: Final[int] = 20_240_601
JITTER_DEG: Final[float] = 0.6  # standard deviation of the move away from the copied case
SHORT_TEXT: Final[str] = "synthetic"
# Columns whose text is shortened (kept empty where the real case has none, so rules still hold).
SHORTENED: Final[tuple[str, ...]] = (
    "coord_source",
    "policy_rationale",
    "policy_rationale_fr",
    "founded_year_source",
    "members_firms_source",
    "members_research_source",
    "members_total_source",
    "employees_source",
    "staff_source",
    "source_url",
)
DROPPED: Final[tuple[str, ...]] = (
    "name_local",
    "sector_detail",
    "summary_en",
    "summary_fr",
    "website",
    "source_note",
)
ROOT_DEFAULT: Final[Path] = Path(tempfile.gettempdir()) / "cluster-atlas-bench"


def synthetic_cases(rows: int, *, seed: int = SEED, template: Path = CLUSTERS_CSV) -> pd.DataFrame:
    """A case table of ``rows`` synthetic cases, as text (the way the CSV file holds it).

    Examples
    --------
    >>> cases = synthetic_cases(5)
    >>> len(cases), cases["id"].iloc[0]
    (5, 'syn-0000000')
    """
    real = pd.read_csv(template, dtype=str, keep_default_na=False, na_values=[""])
    rng = np.random.default_rng(seed)
    cases = real.iloc[rng.integers(0, len(real), rows)].reset_index(drop=True)
    numbers = np.arange(rows)
    cases["id"] = [f"syn-{n:07d}" for n in numbers]
    cases["name"] = [f"Synthetic case {n}" for n in numbers]
    lat = cases["lat"].astype(float).to_numpy() + rng.normal(0, JITTER_DEG, rows)
    lon = cases["lon"].astype(float).to_numpy() + rng.normal(0, JITTER_DEG, rows)
    cases["lat"] = np.clip(lat, -89.9, 89.9).round(5).astype(str)
    cases["lon"] = np.clip(lon, -179.9, 179.9).round(5).astype(str)
    for column in SHORTENED:
        cases[column] = cases[column].where(cases[column].isna(), SHORT_TEXT)
    for column in DROPPED:
        cases[column] = None
    return cases


def write_data_dir(rows: int, directory: Path | None = None, *, seed: int = SEED) -> Path:
    """Write clusters.csv of ``rows`` synthetic cases plus the shipped programme files to a folder.

    The app runs on it with ``CLUSTER_ATLAS_DATA_DIR=<folder>``. An existing folder made with the
    same size, seed and template (the shipped clusters.csv) is reused.
    """
    directory = directory or ROOT_DEFAULT / f"rows-{rows}"
    stamp = directory / "SYNTHETIC"
    template = hashlib.sha256(CLUSTERS_CSV.read_bytes()).hexdigest()[:12]
    wanted = f"rows={rows} seed={seed} template={template}\n"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    synthetic_cases(rows, seed=seed).to_csv(directory / CLUSTERS_CSV.name, index=False, encoding="utf-8")
    for shipped in (PROGRAMMES_CSV, PROGRAMME_FIGURES_CSV):
        shutil.copyfile(shipped, directory / shipped.name)
    stamp.write_text(wanted, encoding="utf-8")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("rows", type=int)
    parser.add_argument("directory", type=Path, nargs="?")
    args = parser.parse_args()
    print(write_data_dir(args.rows, args.directory))


if __name__ == "__main__":
    main()
