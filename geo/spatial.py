"""Spatial joins of case points with the boundary files (geopandas sjoin / sjoin_nearest).

Points on a coast or a border often fall a little outside the simplified polygons; a point
within ``tolerance_deg`` of a polygon of its own country is joined to the nearest one.
"""

from __future__ import annotations

import warnings
from typing import Final

import geopandas as gpd
import pandas as pd

from geo.boundaries import WGS84

COAST_TOLERANCE_DEG: Final[float] = 0.1


def points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """The ``lat`` / ``lon`` of a frame as a point layer (same index, ``country`` kept)."""
    geometry = gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float))
    return gpd.GeoDataFrame({"country": frame["country_iso2"].astype(str)}, geometry=geometry, crs=WGS84)


def _own_country(joined: pd.DataFrame) -> pd.DataFrame:
    return joined[joined["country"] == joined["_country"]]


def join_regions(
    frame: pd.DataFrame,
    regions: gpd.GeoDataFrame,
    *,
    key: str = "id",
    country_column: str = "country_iso_a2",
    tolerance_deg: float = COAST_TOLERANCE_DEG,
) -> pd.Series:
    """For each row (``lat``, ``lon``, ``country_iso2``): the ``key`` of the polygon of its own
    country that covers it, else of the nearest one within the tolerance, else missing."""
    layer = points(frame)
    polygons = gpd.GeoDataFrame(
        {"_key": regions[key], "_country": regions[country_column]}, geometry=regions.geometry, crs=WGS84
    )
    inside = _own_country(gpd.sjoin(layer, polygons, how="inner", predicate="intersects"))
    found = inside.groupby(level=0)["_key"].first()
    rest = layer.loc[~layer.index.isin(found.index)]
    if not rest.empty:
        with warnings.catch_warnings():
            # Degrees are the stated unit of the tolerance: the geographic-CRS warning is expected.
            warnings.simplefilter("ignore", UserWarning)
            near = gpd.sjoin_nearest(
                rest,
                polygons[polygons["_country"].isin(set(rest["country"]))],
                how="inner",
                max_distance=tolerance_deg,
            )
        near = _own_country(near)
        found = pd.concat([found, near.groupby(level=0)["_key"].first()])
    return found.reindex(frame.index).astype("object").where(lambda s: s.notna(), None)
