"""Load the offline boundary files (Natural Earth, US Census) in EPSG:4326."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd

BOUNDARIES_DIR: Final[Path] = Path(__file__).resolve().parent / "boundaries"
WGS84: Final[str] = "EPSG:4326"

ADMIN1_FILES: Final[dict[str, str]] = {
    "europe": "admin1_europe.geojson",
    "united-states": "admin1_us.geojson",
    "japan": "admin1_jp.geojson",
    "maghreb": "admin1_maghreb.geojson",
}
COUNTRIES_FILE: Final[str] = "countries.geojson"

CREDIT: Final[str] = "Boundaries: Natural Earth; U.S. Census Bureau (US states)."

# The basemap is a picture of the countries (geo/basemap.py, `python -m geo.basemap`), served
# once as a static file (Streamlit static serving, browser-cached) and drawn under every map.
STATIC_DIR: Final[Path] = Path(__file__).resolve().parents[1] / "static"
BASEMAP_FILE: Final[str] = "basemap-mercator.png"
BASEMAP_URL: Final[str] = f"app/static/{BASEMAP_FILE}"


def detail_file(view: str, lang: str | None = None, *, large: bool = False) -> str:
    """File name of an area view's detail picture (geo/basemap.py), beside BASEMAP_FILE: with
    the place names in ``lang`` (``large``: at presenter size), or without names (the models
    page's small maps).

    Examples
    --------
    >>> detail_file("japan"), detail_file("japan", "fr"), detail_file("japan", "fr", large=True)
    ('basemap-japan.png', 'basemap-japan-fr.png', 'basemap-japan-fr-large.png')
    """
    if lang is None:
        return f"basemap-{view}.png"
    return f"basemap-{view}-{lang}{'-large' if large else ''}.png"


class BoundaryError(ValueError):
    """A boundary file is missing or not in the expected coordinate reference system."""


def read_boundaries(name: str) -> gpd.GeoDataFrame:
    """Read one boundary file of ``geo/boundaries`` and check that it is in EPSG:4326."""
    path = BOUNDARIES_DIR / name
    if not path.is_file():
        raise BoundaryError(f"boundary file not found: {path}")
    frame = gpd.read_file(path)
    if frame.crs is None or frame.crs.to_string() != WGS84:
        raise BoundaryError(f"{name}: expected {WGS84}, found {frame.crs}")
    return frame


def countries() -> gpd.GeoDataFrame:
    """Country polygons with ``iso_a2``, ``iso_a3`` and ``name``."""
    return read_boundaries(COUNTRIES_FILE)


def admin1(area: str) -> gpd.GeoDataFrame:
    """First-level regions of one area, keyed by ``id``."""
    if area not in ADMIN1_FILES:
        raise BoundaryError(f"no admin-1 file for area {area!r}; expected one of {sorted(ADMIN1_FILES)}")
    return read_boundaries(ADMIN1_FILES[area])


def admin1_names(lang: str) -> dict[str, str]:
    """The name of every first-level region of the four areas by ``id``: in French where the
    boundary file has a French name and ``lang`` is "fr", else the file's own name."""
    names: dict[str, str] = {}
    for area in ADMIN1_FILES:
        frame = admin1(area)
        own = frame["name"].astype("string")
        if lang == "fr" and "name_fr" in frame:
            own = frame["name_fr"].astype("string").fillna(own)
        names |= {str(i): str(n) for i, n in zip(frame["id"], own, strict=True) if pd.notna(n) and str(n)}
    return names


def all_admin1() -> gpd.GeoDataFrame:
    """The admin-1 regions of the four areas in one frame, with an ``area`` column."""
    parts = [
        admin1(area).assign(area=area)[["id", "name", "country_iso_a2", "area", "geometry"]]
        for area in ADMIN1_FILES
    ]
    return gpd.GeoDataFrame(gpd.pd.concat(parts, ignore_index=True), crs=WGS84)
