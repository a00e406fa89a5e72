"""Cases counted per country or per admin-1 region, as choropleth-ready GeoJSON (no Streamlit)."""

from __future__ import annotations

import html
import json
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd

# NOTE: a sequential, colour-blind-safe ramp (ColorBrewer YlGnBu, 5 classes).
RAMP: Final[tuple[tuple[int, int, int], ...]] = (
    (255, 255, 204),
    (161, 218, 180),
    (65, 182, 196),
    (44, 127, 184),
    (37, 52, 148),
)
CHOROPLETH_TOLERANCE_DEG: Final[float] = 0.02


def class_breaks(counts: pd.Series, classes: int = len(RAMP)) -> list[int]:
    """Upper bounds of count classes: quantiles of the non-zero counts, rounded up, distinct.

    Examples
    --------
    >>> class_breaks(pd.Series([1, 1, 2, 3, 10]))
    [1, 2, 3, 5, 10]
    """
    positive = counts[counts > 0]
    if positive.empty:
        return []
    quantiles = np.quantile(positive, np.linspace(0, 1, classes + 1)[1:])
    return sorted({int(np.ceil(q)) for q in quantiles})


def colour_for(count: int, breaks: list[int]) -> list[int]:
    """The ramp colour of a count: the first class whose upper bound holds it."""
    for index, upper in enumerate(breaks):
        if count <= upper:
            shade = RAMP[round(index * (len(RAMP) - 1) / max(1, len(breaks) - 1))]
            return [*shade, 220]
    return [*RAMP[-1], 220]


def simplified(regions: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """Region polygons keyed by ``key``, simplified for the browser."""
    light = regions[[key, "name", "geometry"]].rename(columns={key: "key"}).dropna(subset=["key"])
    light["geometry"] = light.geometry.simplify(CHOROPLETH_TOLERANCE_DEG, preserve_topology=True)
    return light


def count_by(clusters: pd.DataFrame, column: str) -> pd.Series:
    """Number of cases per value of a column."""
    return clusters[column].dropna().value_counts()


def choropleth_geojson(
    regions: gpd.GeoDataFrame, counts: pd.Series, label: dict[str, str] | None = None
) -> tuple[dict[str, Any], list[int]]:
    """GeoJSON of the regions that hold at least one case, with count, colour and escaped name."""
    shown = regions.loc[regions["key"].isin(counts.index)].copy()
    shown["count"] = shown["key"].map(counts).astype(int)
    breaks = class_breaks(shown["count"])
    shown["colour"] = shown["count"].map(lambda n: colour_for(int(n), breaks))
    names = shown["key"].map(label) if label else shown["name"]
    shown["tip_name"] = names.fillna(shown["name"]).map(lambda s: html.escape(str(s)))
    geojson: dict[str, Any] = json.loads(shown.drop(columns=["name"]).to_json(drop_id=True))
    return geojson, breaks
