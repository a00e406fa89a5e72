"""The basemap under every browser map: a picture of the countries in Web Mercator.

Drawn once on the server with matplotlib (``python -m geo.basemap``) from the offline country
boundaries, and served as a static file. The browser then draws one textured rectangle instead
of tessellating some 250 country polygons in software WebGL on every map it shows, which cost
more than half of the first map's time and two thirds of a filter change's
(benchmarks/RESULTS.md).

At ``BASEMAP_PX`` pixels for the world, one pixel of the picture is one screen pixel at zoom 4
(the Japan view); closer in, borders soften while the cases stay sharp vector points.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Final

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
from PIL import Image

from geo.boundaries import BASEMAP_FILE, STATIC_DIR, countries
from geo.layers import BASEMAP_FILL, BASEMAP_LINE, MERCATOR_LIMIT_DEG, OCEAN_FILL

BASEMAP_PX: Final[int] = 4096
WEB_MERCATOR: Final[str] = "EPSG:3857"
# Half the width of the Web Mercator world, in metres: the square the picture covers.
HALF_WORLD_M: Final[float] = 20_037_508.342789244
DPI: Final[int] = 100
BORDER_PX: Final[float] = 1.0
EDGE_BLENDS: Final[int] = 2


def _unit(colour: list[int]) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


def render_basemap(frame: gpd.GeoDataFrame, size: int = BASEMAP_PX) -> bytes:
    """PNG of the polygons over the sea, a square of ``size`` pixels covering the Web Mercator world.

    Anti-aliased, then stored as a small palette PNG of the three colours (sea, land, borders)
    and a few blends of each pair for the smoothed edges (``palette_colours``).
    """
    limit = MERCATOR_LIMIT_DEG
    projected = frame[["geometry"]].clip((-180.0, -limit, 180.0, limit)).to_crs(WEB_MERCATOR)
    figure = plt.figure(figsize=(size / DPI, size / DPI), dpi=DPI)
    try:
        axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        axes.set_axis_off()
        axes.set_xlim(-HALF_WORLD_M, HALF_WORLD_M)
        axes.set_ylim(-HALF_WORLD_M, HALF_WORLD_M)
        figure.patch.set_facecolor(_unit(OCEAN_FILL))
        projected.plot(
            ax=axes,
            color=_unit(BASEMAP_FILL),
            edgecolor=_unit(BASEMAP_LINE),
            linewidth=BORDER_PX * 72 / DPI,
        )
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="png", dpi=DPI, facecolor=figure.get_facecolor(), metadata={"Software": None}
        )
    finally:
        plt.close(figure)
    picture = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in palette_colours() for channel in colour])
    out = io.BytesIO()
    picture.quantize(palette=palette, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
    return out.getvalue()


def palette_colours(steps: int = EDGE_BLENDS) -> list[tuple[int, int, int]]:
    """Sea, land and border colours, then ``steps`` blends between each pair of them."""
    base = [tuple(OCEAN_FILL), tuple(BASEMAP_FILL), tuple(BASEMAP_LINE)]
    colours: list[tuple[int, int, int]] = [(c[0], c[1], c[2]) for c in base]
    for first, second in ((0, 1), (0, 2), (1, 2)):
        for step in range(1, steps + 1):
            share = step / (steps + 1)
            a, b = base[first], base[second]
            colours.append(
                (
                    round(a[0] + (b[0] - a[0]) * share),
                    round(a[1] + (b[1] - a[1]) * share),
                    round(a[2] + (b[2] - a[2]) * share),
                )
            )
    return colours


def pixel_of(lon: float, lat: float, size: int = BASEMAP_PX) -> tuple[int, int]:
    """Column and row of the picture's pixel at a longitude and latitude (for checks)."""
    x = (lon + 180.0) / 360.0 * size
    y = (1.0 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2.0 * size
    return min(int(x), size - 1), min(int(y), size - 1)


def write_basemap(directory: Path = STATIC_DIR) -> Path:
    """Write the basemap served to the browser; run after changing the boundaries."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / BASEMAP_FILE
    path.write_bytes(render_basemap(countries()))
    return path


if __name__ == "__main__":
    print(write_basemap())
