"""Small static maps for side-by-side panels: an SVG of the case marks over a crop of the basemap
picture (no Streamlit, no WebGL).

The browser draws each one as a plain image: four deck.gl maps on one page would each compile
their shaders in software WebGL, several seconds on these machines. The marks are those of the
main map (geo/layers.py): colour of the main sector, circle area by size, hollow when the size
is not known, a ring with a centre dot for a statistical cluster.
"""

from __future__ import annotations

import base64
import functools
import io
from typing import Final

import pandas as pd
from PIL import Image

from geo.boundaries import BASEMAP_FILE, STATIC_DIR, detail_file
from geo.layers import STATISTICAL_CENTRE_SHARE, WORLD_BOUNDS
from geo.view import DETAIL_VIEWS, VIEW_PRESETS, Bounds, detail_bounds, latitude_of, mercator_y

# What each small map shows (west, south, east, north), the same for every panel of a view.
MINIMAP_BOUNDS: Final[dict[str, Bounds]] = {
    "world": (-130.0, -40.0, 155.0, 70.0),
    "europe": (-12.0, 34.0, 33.0, 66.0),
    "united-states": (-126.0, 23.0, -65.0, 50.0),
    "japan": (127.0, 29.0, 147.0, 46.0),
    "maghreb": (-18.0, 19.0, 13.0, 38.0),
}
WIDTH_PX: Final[int] = 320
# Height over width of every small map, so panels line up; a view's bounds are grown to it.
ASPECT: Final[float] = 0.75
# Marks are drawn at this share of the main map's radius: the small map is about a third as wide.
RADIUS_SCALE: Final[float] = 0.5
MIN_RADIUS_PX: Final[float] = 1.8


def _x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def size_of(view: str) -> tuple[int, int]:
    """Width and height in pixels of a small map (the same for every view)."""
    return WIDTH_PX, round(WIDTH_PX * ASPECT)


@functools.cache
def frame_bounds(view: str) -> Bounds:
    """A view's bounds grown (never shrunk) around their centre to the small maps' ASPECT,
    in Web Mercator.

    Examples
    --------
    >>> west, south, east, north = frame_bounds("europe")
    >>> round((mercator_y(south) - mercator_y(north)) / ((east - west) / 360), 2)
    0.75
    """
    west, south, east, north = MINIMAP_BOUNDS[view]
    top, bottom = mercator_y(north), mercator_y(south)
    width, height = _x(east) - _x(west), bottom - top
    if height / width < ASPECT:
        grow = (width * ASPECT - height) / 2
        return (west, latitude_of(bottom + grow), east, latitude_of(top - grow))
    grow = (height / ASPECT - width) / 2 * 360
    return (west - grow, south, east + grow, north)


def _picture(view: str) -> tuple[str, Bounds]:
    if view in DETAIL_VIEWS:
        return detail_file(view), detail_bounds(VIEW_PRESETS[view])
    return BASEMAP_FILE, WORLD_BOUNDS


@functools.cache
def background(view: str) -> str:
    """The basemap under a view's small map, cropped and scaled, as a PNG data URI (made once)."""
    name, (p_west, p_south, p_east, p_north) = _picture(view)
    west, south, east, north = frame_bounds(view)
    with Image.open(STATIC_DIR / name) as picture:
        width, height = picture.size
        top, bottom = mercator_y(p_north), mercator_y(p_south)

        def px(lon: float, lat: float) -> tuple[float, float]:
            x = (_x(lon) - _x(p_west)) / (_x(p_east) - _x(p_west)) * width
            y = (mercator_y(lat) - top) / (bottom - top) * height
            return x, y

        left, upper = px(west, north)
        right, lower = px(east, south)
        crop = picture.convert("RGB").crop((round(left), round(upper), round(right), round(lower)))
        small = crop.resize(size_of(view), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _rgb(colour: object) -> str:
    values = list(colour)  # type: ignore[call-overload]
    if len(values) > 3 and values[3] == 0:
        return "none"
    return f"rgb({values[0]},{values[1]},{values[2]})"


def minimap_svg(points: pd.DataFrame, view: str, *, label: str) -> str:
    """An SVG of the points (a geo.layers.cluster_points table) over the view's basemap.

    ``label`` is the picture's title for screen readers. Points outside the view are not drawn.
    """
    width, height = size_of(view)
    west, south, east, north = frame_bounds(view)
    top, bottom = mercator_y(north), mercator_y(south)
    marks: list[str] = []
    # Largest first, so small marks stay visible on top.
    for row in points.sort_values("radius", ascending=False).to_dict("records"):
        lon, lat = float(row["lon"]), float(row["lat"])
        if not (west <= lon <= east and south <= lat <= north):
            continue
        x = (_x(lon) - _x(west)) / (_x(east) - _x(west)) * width
        y = (mercator_y(lat) - top) / (bottom - top) * height
        r = max(MIN_RADIUS_PX, float(row["radius"]) * RADIUS_SCALE)
        colour = _rgb(row["colour"])
        if bool(row["statistical"]):
            centre = r * STATISTICAL_CENTRE_SHARE
            marks.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#fff" stroke="{colour}" '
                'stroke-width="1.3"/>'
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{centre:.1f}" fill="{colour}"/>'
            )
        else:
            fill, line = _rgb(row["fill"]), _rgb(row["line"])
            stroke = float(row["line_px"]) * 0.6
            marks.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{line}" '
                f'stroke-width="{stroke:.1f}" fill-opacity="0.9"/>'
            )
    title = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">'
        f"<title>{title}</title>"
        f'<image href="{background(view)}" x="0" y="0" width="{width}" height="{height}"/>'
        + "".join(marks)
        + "</svg>"
    )


def data_uri(svg: str) -> str:
    """An SVG as a data URI for an <img> (base64: no escaping surprises)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
