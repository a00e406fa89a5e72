"""Shared fixtures: the shipped atlas and a tiny fixture atlas of 8 cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.load import Atlas, load_atlas_dir

ROOT = Path(__file__).resolve().parents[1]
TINY_DIR = ROOT / "tests" / "fixtures" / "tiny"


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The shipped, validated atlas."""
    return load_atlas_dir()


@pytest.fixture(scope="session")
def tiny_atlas() -> Atlas:
    """Eight fixed cases across the four areas, one with HTML in its name."""
    return load_atlas_dir(TINY_DIR)


@pytest.fixture()
def tiny_clusters(tiny_atlas: Atlas) -> pd.DataFrame:
    return tiny_atlas.clusters.copy()
