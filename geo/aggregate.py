"""Group cases into screen-sized grid bins for large maps (pure NumPy and pandas, no Streamlit).

Above a few thousand points the browser spends seconds parsing and drawing one JSON object per
case. Binning on the server keeps what the map receives to a few thousand bins at any size: each
bin carries its case count, the mean position of its cases and the most frequent main sector.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from data.vocab import LIST_SEPARATOR, SECTORS
from geo.layers import SECTOR_RGB

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

TILE_PX: Final[float] = 512.0  # deck.gl's Web Mercator world width in pixels at zoom 0
MAX_MERCATOR_LAT: Final[float] = 85.051129
BIN_PX: Final[float] = 24.0  # side of a bin on screen at the view preset's zoom
# NOTE: a bound on what the browser receives whatever the data: past it, bins grow (x2 per step).
# Statistical bins are drawn twice, a ring and its centre dot (about twice the bytes of a circle),
# and are a minority of cases: a lower bound keeps both layers together well under 2 MB.
MAX_BINS: Final[int] = 4_000
MAX_STATISTICAL_BINS: Final[int] = 1_500
MIN_BIN_RADIUS_PX: Final[float] = 3.0
BIN_RADIUS_SPAN_PX: Final[float] = 15.0
FALLBACK_SECTOR: Final[str] = "multi-sector"
COORD_DECIMALS: Final[int] = 4  # about 10 m: finer than any bin or screen pixel


@dataclass(frozen=True)
class Bins:
    """Cases grouped on a grid: one entry per non-empty bin, largest first."""

    lon: FloatArray
    lat: FloatArray
    count: IntArray
    sector: IntArray  # index into ``SECTORS`` of the most frequent main sector
    side_px: float  # side of a bin on screen at the zoom it was made for

    def __len__(self) -> int:
        return len(self.count)


def primary_sector_codes(sectors: pd.Series) -> IntArray:
    """Index into ``SECTORS`` of each case's first (main) sector; unknown ones count as multi-sector.

    Examples
    --------
    >>> primary_sector_codes(pd.Series(["ict;energy-environment", "life-sciences", None])).tolist()
    [1, 6, 15]
    """
    # A table has few distinct sector lists: parse each once, then spread the result by code.
    cells, distinct = pd.factorize(sectors.fillna(""), use_na_sentinel=False)
    known = {sector: code for code, sector in enumerate(SECTORS)}
    fallback = known[FALLBACK_SECTOR]
    first = [str(cell).split(LIST_SEPARATOR, 1)[0].strip() for cell in distinct]
    lookup = np.array([known.get(sector, fallback) for sector in first], dtype=np.int64)
    codes: IntArray = lookup[cells]
    return codes


def mercator_px(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Web Mercator position in pixels of the zoom-0 world (x to the east, y to the south)."""
    x = (lon + 180.0) / 360.0 * TILE_PX
    phi = np.radians(np.clip(lat, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT))
    y = (np.pi - np.log(np.tan(np.pi / 4 + phi / 2))) / (2 * np.pi) * TILE_PX
    return x, y


def bin_cases(
    lon: FloatArray,
    lat: FloatArray,
    sector: IntArray,
    zoom: float,
    *,
    side_px: float = BIN_PX,
    max_bins: int = MAX_BINS,
) -> Bins:
    """Group points into square bins of ``side_px`` screen pixels at ``zoom``.

    The grid is fixed to the world, not to the data, so a bin stays in place when filters change.
    If more than ``max_bins`` bins are occupied, the side doubles until they are not.

    Examples
    --------
    >>> bins = bin_cases(np.array([2.35, 2.36, 139.7]), np.array([48.85, 48.86, 35.7]),
    ...                  np.array([1, 1, 6]), zoom=3.0)
    >>> bins.count.tolist(), bins.sector.tolist()
    ([2, 1], [1, 6])
    """
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    x, y = mercator_px(lon, lat)
    side = side_px / 2.0**zoom
    while True:
        column = np.floor(x / side).astype(np.int64)
        row = np.floor(y / side).astype(np.int64)
        keys = column * (1 << 31) + row
        codes, uniques = pd.factorize(keys)
        if len(uniques) <= max_bins:
            break
        side, side_px = side * 2, side_px * 2
    n_bins = len(uniques)
    count = np.bincount(codes, minlength=n_bins).astype(np.int64)
    mean_lon = np.bincount(codes, weights=lon, minlength=n_bins) / np.maximum(count, 1)
    mean_lat = np.bincount(codes, weights=lat, minlength=n_bins) / np.maximum(count, 1)
    per_sector = np.bincount(codes * len(SECTORS) + sector, minlength=n_bins * len(SECTORS))
    # argmax keeps the first of equal counts, so ties go to the earlier sector of the vocabulary.
    dominant = per_sector.reshape(n_bins, len(SECTORS)).argmax(axis=1).astype(np.int64)
    order = np.lexsort((np.asarray(uniques, dtype=np.int64), -count))  # largest drawn first, below
    return Bins(
        lon=mean_lon[order],
        lat=mean_lat[order],
        count=count[order],
        sector=dominant[order],
        side_px=side_px,
    )


def bin_radius_px(count: IntArray, largest: int) -> FloatArray:
    """Circle radii in pixels: the square root of the count, so circle area tracks it.

    Examples
    --------
    >>> bin_radius_px(np.array([100, 25, 1]), largest=100).round(1).tolist()
    [18.0, 10.5, 4.5]
    """
    scale = max(largest, 1)
    radii: FloatArray = MIN_BIN_RADIUS_PX + BIN_RADIUS_SPAN_PX * np.sqrt(count / scale)
    return radii


def bin_table(
    bins: Bins,
    *,
    count_text: Callable[[int], str],
    sector_text: Callable[[str], str],
    largest: int | None = None,
) -> pd.DataFrame:
    """What the map needs of each bin: position, radius, colour and escaped tooltip text.

    ``count_text(n)`` says "n cases" and ``sector_text(sector)`` names the most frequent main
    sector, both in the user's language; they are HTML-escaped here, because deck.gl interpolates
    tooltip values into HTML. ``largest`` is the count of the largest circle (default: the largest
    bin), so several layers can share one scale.
    """
    top = int(bins.count.max()) if largest is None and len(bins) else int(largest or 1)
    # Texts are made once per distinct count and sector: formatting numbers is the slow part.
    counts, count_index = np.unique(bins.count, return_inverse=True)
    count_tips = np.array([html.escape(count_text(int(n))) for n in counts], dtype=object)
    sector_tips = np.array([html.escape(sector_text(sector)) for sector in SECTORS], dtype=object)
    colours = np.empty(len(SECTORS), dtype=object)
    colours[:] = [list(SECTOR_RGB[sector]) for sector in SECTORS]
    return pd.DataFrame(
        {
            "lon": np.round(bins.lon, COORD_DECIMALS),
            "lat": np.round(bins.lat, COORD_DECIMALS),
            "count": bins.count,
            "radius": np.round(bin_radius_px(bins.count, top), 1),
            "colour": colours[bins.sector],
            "tip_name": count_tips[count_index.reshape(-1)],
            "tip_sectors": sector_tips[bins.sector],
        }
    )
