"""Every cached load of the atlas; shared read-only objects are cached once for all sessions."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd
import streamlit as st

from data.cases import Related, related_cases
from data.comparable import Comparable, comparable_cases
from data.load import DATA_DIR, Atlas, dataset_version, load_atlas_dir
from data.query import Filters, all_option_counts, filter_clusters
from data.stories import Story, StoryError, load_stories
from geo import boundaries, regions

LOGGER: Final = logging.getLogger("cluster_atlas")

# Tests point the app at a fixture folder with this variable; users never need it.
DATA_DIR_VARIABLE: Final[str] = "CLUSTER_ATLAS_DATA_DIR"


def data_dir() -> Path:
    """The data folder in use (the shipped data/ unless a test points elsewhere)."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DATA_DIR)


@st.cache_resource(show_spinner=False)
def atlas() -> Atlas:
    """The validated case, programme and figure tables (read-only, shared)."""
    return load_atlas_dir(data_dir())


@st.cache_resource(show_spinner=False)
def version() -> str:
    """Fingerprint of the data files in use."""
    return dataset_version(data_dir())


@st.cache_resource(show_spinner=False)
def countries() -> gpd.GeoDataFrame:
    """Country polygons, full detail (for maps drawn on the server)."""
    return boundaries.countries()


@st.cache_resource(show_spinner=False)
def region_names(lang: str) -> dict[str, str]:
    """Names of the first-level regions of the four areas by id, in the language where the
    boundary file has it (geo.boundaries.admin1_names); shared, read-only."""
    return boundaries.admin1_names(lang)


@st.cache_resource(show_spinner=False)
def region_shapes(level: str) -> gpd.GeoDataFrame:
    """Simplified polygons for the choropleth: ``countries`` or an area's admin-1 regions."""
    if level == "countries":
        return regions.simplified(boundaries.countries(), "iso_a2")
    return regions.simplified(boundaries.admin1(level), "id")


# Above this many cases, filtered tables are not kept: 128 selections of a large atlas would
# hold gigabytes (each selection is a copy).
SHARED_SELECTION_ROWS: Final[int] = 50_000


@functools.lru_cache(maxsize=128)
def _filtered(data: str, fingerprint: str, filters: Filters) -> pd.DataFrame:
    return filter_clusters(atlas().clusters, filters)


def filtered(filters: Filters) -> pd.DataFrame:
    """The atlas's cases under a filter state, selected once for all sessions that ask for it
    (up to SHARED_SELECTION_ROWS cases in the atlas). Shared and read-only (pandas
    copy-on-write keeps a page's changes to itself).
    """
    if len(atlas().clusters) > SHARED_SELECTION_ROWS:
        return filter_clusters(atlas().clusters, filters)
    return _filtered(str(data_dir()), version(), filters)


@functools.lru_cache(maxsize=512)
def _option_counts(data: str, fingerprint: str, filters: Filters) -> dict[str, dict[str, int]]:
    return all_option_counts(atlas().clusters, filters)


def option_counts(filters: Filters) -> dict[str, dict[str, int]]:
    """Option counts of the filter panel for one filter state, computed once for all sessions
    (the filter state is a frozen, hashable value). Shared: read it, never change it.
    """
    return _option_counts(str(data_dir()), version(), filters)


@st.cache_resource(show_spinner=False)
def largest(column: str) -> float:
    """The atlas-wide largest value of a size column (keeps point sizes stable across filters)."""
    values = atlas().clusters[column].dropna()
    return float(values.max()) if not values.empty else 1.0


@functools.lru_cache(maxsize=1024)
def _related(data: str, fingerprint: str, case_id: str) -> Related:
    return related_cases(atlas().clusters, case_id)


def related(case_id: str) -> Related:
    """Cases related to one case of the atlas, found once for all sessions (shared, read-only)."""
    return _related(str(data_dir()), version(), case_id)


@functools.lru_cache(maxsize=1024)
def _comparable(data: str, fingerprint: str, case_id: str) -> list[Comparable]:
    return comparable_cases(atlas().clusters, case_id)


def comparable(case_id: str) -> list[Comparable]:
    """Comparable cases of other areas (data/comparable.py), found once for all sessions (read-only)."""
    return _comparable(str(data_dir()), version(), case_id)


@st.cache_resource(show_spinner=False)
def _case_areas(data: str, fingerprint: str) -> pd.Series:
    return atlas().clusters.set_index("id")["area"]


def case_areas() -> pd.Series:
    """Area of every case of the atlas by id (shared, read-only)."""
    return _case_areas(str(data_dir()), version())


@st.cache_resource(show_spinner=False)
def _case_names(data: str, fingerprint: str) -> pd.Series:
    return atlas().clusters.set_index("id")["name"]


def case_names() -> pd.Series:
    """Name of every case of the atlas by id (shared, read-only)."""
    return _case_names(str(data_dir()), version())


@st.cache_resource(show_spinner=False)
def stories() -> dict[str, Story]:
    """The saved stories whose cases are all in the data (others are logged and left out)."""
    known = frozenset(atlas().clusters["id"])
    try:
        loaded = load_stories()
    except StoryError:
        LOGGER.exception("story files are malformed; presenter mode offers the filtered tour only")
        return {}
    usable = {key: story for key, story in loaded.items() if all(s.case_id in known for s in story.stops)}
    for key in sorted(set(loaded) - set(usable)):
        LOGGER.warning("story %s names cases the data does not have; left out", key)
    return usable
