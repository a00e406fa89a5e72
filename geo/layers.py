"""Turn case tables and boundaries into pydeck layers and decks (no Streamlit)."""

from __future__ import annotations

import copy
import functools
import html
import json
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings import deck as pydeck_deck
from pydeck.bindings.json_tools import default_serialize

from data.cases import placed
from data.vocab import PAST_STATUSES, SECTORS, split_list
from geo.boundaries import detail_file
from geo.view import MERCATOR_LIMIT_DEG, VIEW_PRESETS, Bounds, ViewPreset, detail_bounds, detail_view_for

RGB = tuple[int, int, int]

# NOTE: pydeck retries importing its Jupyter widget on every Deck it builds (twice or more per
# deck); without Jupyter the import fails after a search of sys.path each time, about 5 % of
# the server's time under load (benchmarks/RESULTS.md). The answer cannot change while the
# server runs, so it is asked once.
pydeck_deck.has_jupyter_extra = functools.cache(pydeck_deck.has_jupyter_extra)

# NOTE: Okabe & Ito's colour-blind-safe set for the eight INNET sectors, then Paul Tol's
# "muted" set for the others; no two neighbours in the legend share a hue family.
SECTOR_RGB: Final[dict[str, RGB]] = dict(
    zip(
        SECTORS,
        [
            (230, 159, 0),  # production-processes: orange
            (86, 180, 233),  # ict: sky blue
            (0, 158, 115),  # energy-environment: bluish green
            (240, 228, 66),  # micro-nano-opto: yellow
            (0, 114, 178),  # new-materials: blue
            (213, 94, 0),  # health-medicine: vermillion
            (204, 121, 167),  # life-sciences: reddish purple
            (60, 60, 60),  # mobility-transportation: near black
            (51, 34, 136),  # aerospace-defence: indigo
            (153, 153, 51),  # agrifood: olive
            (136, 34, 85),  # chemicals: wine
            (221, 204, 119),  # consumer-goods: sand
            (68, 170, 153),  # maritime: teal
            (170, 68, 153),  # creative-industries: purple
            (204, 102, 119),  # business-services: rose
            (160, 160, 160),  # multi-sector: grey
        ],
        strict=True,
    )
)
BASEMAP_FILL: Final[list[int]] = [228, 228, 222]
OCEAN_FILL: Final[list[int]] = [214, 230, 240]
# The Web Mercator world (west, south, east, north): what the world picture spans.
WORLD_BOUNDS: Final[Bounds] = (-180.0, -MERCATOR_LIMIT_DEG, 180.0, MERCATOR_LIMIT_DEG)
BASEMAP_LINE: Final[list[int]] = [255, 255, 255]
REGION_LINE: Final[list[int]] = [196, 196, 188]  # first-level region borders on the land
BACKGROUND: Final[str] = "#bcd3e0"
# Circle area tracks size: radius = MIN + SPAN * sqrt(value / largest value of the atlas).
MIN_RADIUS_PX: Final[float] = 4.0
RADIUS_SPAN_PX: Final[float] = 16.0
UNKNOWN_RADIUS_PX: Final[float] = 4.0
# A dark outline gives every filled mark a 3:1 edge against land and sea (WCAG 1.4.11: 10:1 on
# the land grey), whatever its sector colour: yellow, sand and sky blue fills alone read
# 1.0-1.8:1 there (tests/unit/test_palette.py).
POINT_LINE_RGB: Final[list[int]] = [51, 51, 51]
TRANSPARENT: Final[list[int]] = [0, 0, 0, 0]
HOLLOW_LINE_PX: Final[float] = 2.0
# Merged and ended cases (shown only with the history): a white disc with a thick dark outline,
# whatever their sector (named in the tooltip), so that today's cases stand out beside them (grey
# is the multi-sector colour; a statistical cluster's white ring has its sector's colour and a dot).
PAST_FILL: Final[list[int]] = [255, 255, 255]
PAST_LINE_PX: Final[float] = 2.0

CLUSTER_LAYER_ID: Final[str] = "clusters"
STATISTICAL_LAYER_ID: Final[str] = "statistical-clusters"
STATISTICAL_UNIT: Final[str] = "statistical-cluster"
STATISTICAL_CENTRE_LAYER_ID: Final[str] = "statistical-clusters-centre"
# Statistical clusters are drawn as a ring with a dot in its centre (like a map's symbol for a
# city: they are delineated for metropolitan areas), never as a filled disc (an organisation) or
# a bare ring (an organisation of unknown size).
# NOTE: both parts are ScatterplotLayers, the program the case points compile anyway. An
# IconLayer diamond cost the first map about 0.3 s in software WebGL for its own shader program
# (benchmarks/RESULTS.md).
STATISTICAL_RADIUS_PX: Final[float] = 8.0
STATISTICAL_RING_PX: Final[float] = 2.5
STATISTICAL_CENTRE_SHARE: Final[float] = 0.4  # centre dot radius / ring radius
STATISTICAL_RING_FILL: Final[list[int]] = [255, 255, 255]
BASEMAP_LAYER_ID: Final[str] = "basemap"
BASEMAP_DETAIL_LAYER_ID: Final[str] = "basemap-detail"

TOOLTIP_HTML: Final[str] = "<b>{tip_name}</b><br/>{tip_place}<br/>{tip_sectors}"


def primary_sector(sectors: str) -> str:
    """The first (most relevant) sector of a case."""
    values = split_list(sectors)
    return values[0] if values else "multi-sector"


def radius_px(values: pd.Series, largest: float) -> pd.Series:
    """Point radii in pixels: the square root of size, so circle *area* tracks the value.

    Examples
    --------
    >>> radius_px(pd.Series([0, 100, None]), largest=100).round(1).tolist()
    [4.0, 20.0, 4.0]
    """
    scale = largest if largest > 0 else 1.0
    radii = MIN_RADIUS_PX + RADIUS_SPAN_PX * (values.astype(float).clip(lower=0) / scale) ** 0.5
    return radii.fillna(UNKNOWN_RADIUS_PX)


# Cases that share one point (several organisations of one city) are spread on a small
# deterministic spiral around it, so that each can be hovered and clicked once zoomed to the city.
SPREAD_STEP_DEG: Final[float] = 0.012
GOLDEN_ANGLE_RAD: Final[float] = float(np.pi * (3.0 - np.sqrt(5.0)))


def spread_shared_points(
    lat: pd.Series, lon: pd.Series, order: pd.Series, step_deg: float = SPREAD_STEP_DEG
) -> tuple[pd.Series, pd.Series]:
    """Coordinates with every group of identical points (to 4 decimals) laid on a golden-angle
    spiral of about ``step_deg`` spacing around the shared point; single points stay put.

    ``order`` (the case ids) fixes who goes where, so a case keeps its place from run to run.

    Examples
    --------
    >>> lats, lons = pd.Series([1.0, 1.0, 5.0]), pd.Series([2.0, 2.0, 6.0])
    >>> la, lo = spread_shared_points(lats, lons, pd.Series(["b", "a", "c"]))
    >>> float(la.iloc[2]), float(lo.iloc[2])
    (5.0, 6.0)
    >>> bool(la.iloc[0] != la.iloc[1] or lo.iloc[0] != lo.iloc[1])
    True
    """
    key = lat.round(4).astype(str) + "," + lon.round(4).astype(str)
    size = key.map(key.value_counts())
    rank = pd.Series(order.to_numpy(), index=lat.index).groupby(key).rank(method="first") - 1
    shared = size > 1
    radius = step_deg * np.sqrt(rank + 0.5)
    angle = rank * GOLDEN_ANGLE_RAD
    shrink = np.cos(np.radians(lat.clip(-85, 85)))
    new_lat = lat.where(~shared, lat + radius * np.sin(angle))
    new_lon = lon.where(~shared, lon + radius * np.cos(angle) / shrink)
    return new_lat, new_lon


def cluster_points(
    clusters: pd.DataFrame,
    *,
    sector_labels: dict[str, str],
    country_name: Callable[[str], str],
    size_column: str = "employees",
    largest: float | None = None,
    status_labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The compact table the map needs: position, colour, radius and escaped tooltip text.

    Radius follows ``size_column`` (scaled to ``largest``, the atlas-wide maximum, so sizes
    compare across filters); cases without that figure are drawn as small hollow points.
    Tooltip values are HTML-escaped here, because deck.gl interpolates them into HTML.
    Merged and ended cases (``status``) are grey discs, their status named after their name
    (``status_labels``). A case not placed (no seat stated, no coordinates) has no point.
    """
    clusters = placed(clusters)
    sectors = clusters["sectors"].fillna("")
    colours = sectors.map(lambda s: list(SECTOR_RGB[primary_sector(s)]))
    place = clusters["city"].fillna("")
    country = clusters["country_iso2"].map(country_name)
    place_text = (place + ", " + country).str.strip(", ").where(place.ne(""), country)
    sizes = clusters[size_column]
    top = float(sizes.max()) if largest is None and sizes.notna().any() else float(largest or 1.0)
    statistical = clusters["unit_type"].eq(STATISTICAL_UNIT).to_numpy()
    radius = radius_px(sizes, top).round(1).where(~statistical, STATISTICAL_RADIUS_PX)
    hollow = sizes.isna().to_numpy()
    lat, lon = spread_shared_points(
        clusters["lat"].astype(float), clusters["lon"].astype(float), clusters["id"]
    )
    status = clusters["status"] if "status" in clusters else pd.Series("", index=clusters.index)
    past = status.isin(PAST_STATUSES).to_numpy()
    fill = [TRANSPARENT if empty else colour for empty, colour in zip(hollow, colours, strict=True)]
    line = [colour if empty else POINT_LINE_RGB for empty, colour in zip(hollow, colours, strict=True)]
    fill = [PAST_FILL if gone else mark for gone, mark in zip(past, fill, strict=True)]
    line = [POINT_LINE_RGB if gone else mark for gone, mark in zip(past, line, strict=True)]
    names = clusters["name"].astype(str)
    if status_labels and past.any():
        suffix = status.map(lambda s: f" ({status_labels.get(s, s)})").where(past, "")
        names = names + suffix
    return pd.DataFrame(
        {
            "id": clusters["id"].to_numpy(),
            "radius": radius.to_numpy(),
            "fill": fill,
            "line": line,
            "line_px": [
                PAST_LINE_PX if gone else HOLLOW_LINE_PX if empty else 1.0
                for empty, gone in zip(hollow, past, strict=True)
            ],
            "statistical": statistical,
            "past": past,
            "lon": lon.round(4).to_numpy(),
            "lat": lat.round(4).to_numpy(),
            "colour": colours.to_numpy(),
            "tip_name": names.map(html.escape).to_numpy(),
            "tip_place": place_text.map(html.escape).to_numpy(),
            "tip_sectors": sectors.map(
                lambda s: html.escape(", ".join(sector_labels.get(v, v) for v in split_list(s)))
            ).to_numpy(),
        }
    )


def legend_sectors(points: pd.DataFrame) -> list[str]:
    """The main sectors present among the points, in vocabulary order."""
    colours = set(map(tuple, points["colour"]))
    return [sector for sector in SECTORS if SECTOR_RGB[sector] in colours]


def basemap_layer(
    image_url: str, bounds: Bounds = WORLD_BOUNDS, layer_id: str = BASEMAP_LAYER_ID
) -> pdk.Layer:
    """A picture of the sea and the countries (geo/basemap.py) drawn under the points, in place
    of web tiles; the browser loads it once from this server.
    """
    return pdk.Layer(
        "BitmapLayer",
        None,
        id=layer_id,
        # Quoted: pydeck would otherwise inline a local-looking image path as base64, or read
        # the string as an accessor expression.
        image=f"'{image_url}'",
        bounds=list(bounds),
        pickable=False,
    )


def basemap_layers(
    world_url: str,
    view: str | ViewPreset,
    detail: tuple[str, Bounds] | None = None,
    lang: str | None = None,
    large_names: bool = False,
) -> list[pdk.Layer]:
    """The world picture, and over it the sharper detail picture of the area the view is in
    (``geo.view.detail_view_for``), or ``detail``: the address and bounds of a picture made
    for the view itself.

    ``lang``: the area's picture with the place names in that language (geo/placenames.py),
    at presenter size with ``large_names``; without, the picture without names.

    NOTE: these are the only layers under the points, both of one type. Each further layer type
    costs the browser a shader program to compile, about half a second in software WebGL (a
    separate sea polygon did), and picture pixels cost texture time: one 4,096-pixel world
    picture for every view cost 0.9 s of the first map (benchmarks/RESULTS.md).
    """
    drawn = [basemap_layer(world_url)]
    if detail is not None:  # a picture made for this very view (geo/viewmap.py)
        return [*drawn, basemap_layer(detail[0], detail[1], BASEMAP_DETAIL_LAYER_ID)]
    area = detail_view_for(view)
    if area is not None:
        folder = world_url.rsplit("/", 1)[0]
        drawn.append(
            basemap_layer(
                f"{folder}/{detail_file(area, lang, large=large_names)}",
                detail_bounds(VIEW_PRESETS[area]),
                BASEMAP_DETAIL_LAYER_ID,
            )
        )
    return drawn


# What each layer reads of the point table: the browser receives nothing else.
TOOLTIP_COLUMNS: Final[list[str]] = ["tip_name", "tip_place", "tip_sectors"]
CLUSTER_COLUMNS: Final[list[str]] = [
    "id",
    "lon",
    "lat",
    "radius",
    "fill",
    "line",
    "line_px",
    *TOOLTIP_COLUMNS,
]
STATISTICAL_COLUMNS: Final[list[str]] = ["id", "lon", "lat", "radius", "colour", *TOOLTIP_COLUMNS]


def mark_layer(table: pd.DataFrame, layer_id: str, *, pickable: bool, filled: bool = True) -> pdk.Layer:
    """A layer of circles that reads its fill and line colours, line width and radius (pixels)
    from the ``fill``, ``line``, ``line_px`` and ``radius`` columns of every row.

    NOTE: every mark of the map is drawn this one way, never with a colour or width given once
    for a whole layer. In software WebGL (SwiftShader) a draw whose vertex inputs differ, even
    of the same layer type, costs a pipeline compile of its own: about 0.3 s on the first map
    (benchmarks/RESULTS.md). ``filled`` and ``pickable`` change no vertex input.
    """
    return pdk.Layer(
        "ScatterplotLayer",
        table,
        id=layer_id,
        pickable=pickable,
        get_position=["lon", "lat"],
        filled=filled,
        get_fill_color="fill",
        stroked=True,
        get_line_color="line",
        line_width_units="'pixels'",  # quoted: pydeck turns bare strings into JS expressions
        get_line_width="line_px",
        radius_units="'pixels'",
        get_radius="radius",
        auto_highlight=pickable,
    )


def cluster_layer(points: pd.DataFrame) -> pdk.Layer:
    """Cases as points coloured by their first sector."""
    return mark_layer(points[CLUSTER_COLUMNS], CLUSTER_LAYER_ID, pickable=True)


def _per_row(colour: list[int], table: pd.DataFrame) -> pd.Series:
    """One colour repeated in every row of a table (see ``mark_layer``)."""
    return pd.Series([colour] * len(table), index=table.index, dtype=object)


def ringed_layers(table: pd.DataFrame, ring_id: str, centre_id: str) -> list[pdk.Layer]:
    """Statistical clusters as a ring with a centre dot in their sector colour: the ring (white
    inside, pickable, with the tooltip) and the dot over it. ``table`` has lon, lat, colour and
    radius (pixels) columns."""
    ring = table.drop(columns="colour").assign(
        fill=_per_row(STATISTICAL_RING_FILL, table), line=table["colour"], line_px=STATISTICAL_RING_PX
    )
    centre = table[["lon", "lat"]].assign(
        fill=table["colour"],
        line=table["colour"],
        line_px=0.0,
        radius=(table["radius"] * STATISTICAL_CENTRE_SHARE).round(1),
    )
    return [mark_layer(ring, ring_id, pickable=True), mark_layer(centre, centre_id, pickable=False)]


def statistical_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """Statistical clusters as ringed dots, so they are never mistaken for organisations."""
    return ringed_layers(points[STATISTICAL_COLUMNS], STATISTICAL_LAYER_ID, STATISTICAL_CENTRE_LAYER_ID)


def case_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """The cases of a point table (``cluster_points``): organisations, then statistical clusters'
    ringed dots when there are any (a layer with nothing to draw is left out)."""
    statistical = points["statistical"].to_numpy(dtype=bool)
    drawn = [cluster_layer(points.loc[~statistical])]
    if statistical.any():
        drawn += statistical_layers(points.loc[statistical])
    return drawn


def view_state(preset: ViewPreset) -> pdk.ViewState:
    """A deck.gl view state for a preset."""
    return pdk.ViewState(latitude=preset.latitude, longitude=preset.longitude, zoom=preset.zoom)


SELECTED_LAYER_ID: Final[str] = "selected"
CHOROPLETH_LAYER_ID: Final[str] = "regions"
SELECTED_RING_RGB: Final[list[int]] = [20, 20, 20]
SELECTED_RING_PX: Final[float] = 3.0
SELECTED_RING_GAP_PX: Final[float] = 5.0
CHOROPLETH_TOOLTIP: Final[str] = "<b>{tip_name}</b><br/>{count} "


def selected_layer(points: pd.DataFrame) -> pdk.Layer:
    """A dark ring around the open case, so the card and the map point agree."""
    ring = points[["lon", "lat"]].assign(
        fill=_per_row(TRANSPARENT, points),
        line=_per_row(SELECTED_RING_RGB, points),
        line_px=SELECTED_RING_PX,
        radius=points["radius"] + SELECTED_RING_GAP_PX,
    )
    return mark_layer(ring, SELECTED_LAYER_ID, pickable=False, filled=False)


def choropleth_layer(geojson: dict[str, Any]) -> pdk.Layer:
    """Regions filled by their number of cases."""
    return pdk.Layer(
        "GeoJsonLayer",
        geojson,
        id=CHOROPLETH_LAYER_ID,
        stroked=True,
        filled=True,
        get_fill_color="properties.colour",
        get_line_color=[90, 90, 90],
        line_width_min_pixels=0.5,
        pickable=True,
        auto_highlight=True,
        wrap_longitude=True,
    )


# A layer-list entry that marks, in a frozen deck's JSON, where one more layer can go.
_TOP_SLOT: Final[str] = "__cluster_atlas_top_layer__"


class CompactDeck(pdk.Deck):  # type: ignore[misc]
    """A deck whose JSON has no indentation: pydeck indents by 2, which doubles what
    Streamlit sends to the browser for a table of points."""

    _frozen: str | None = None
    _top: tuple[str, str] | None = None

    def to_json(self) -> str:
        if self._frozen is not None:
            return self._frozen
        return _compact_json(self)

    def freeze(self) -> CompactDeck:
        """Serialise once, for a deck shared read-only (cached); later changes are not seen."""
        self._frozen = self._top = None  # None attributes are left out of the JSON
        self.layers.append(_TOP_SLOT)
        try:
            before, after = self.to_json().split(json.dumps(_TOP_SLOT))
        finally:
            self.layers.pop()
        self._top = (before.removesuffix(","), after)
        self._frozen = "".join(self._top)
        return self

    def with_top_layer(self, layer: pdk.Layer) -> CompactDeck:
        """A frozen copy of this frozen deck with one more layer drawn on top: only the new
        layer is serialised (a shared deck of thousands of points is not serialised again)."""
        if self._top is None:
            raise ValueError("with_top_layer needs a frozen deck")
        before, after = self._top
        deck = copy.copy(self)
        deck.layers = [*self.layers, layer]
        deck._top = None
        deck._frozen = f"{before}{',' if not before.endswith('[') else ''}{_compact_json(layer)}{after}"
        return deck


def _compact_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=default_serialize, separators=(",", ":"))


def _deck(layers: list[pdk.Layer], view: str | ViewPreset, tooltip: str) -> CompactDeck:
    # map_provider=None with pydeck's default map_style sentinel is what tells Streamlit
    # to draw no basemap; an explicit map_style=None makes it fetch a Carto style.
    return CompactDeck(
        layers=layers,
        initial_view_state=view_state(VIEW_PRESETS[view] if isinstance(view, str) else view),
        map_provider=None,
        tooltip={"html": tooltip, "style": {"fontSize": "14px"}},
    )


def cluster_deck(
    points: pd.DataFrame,
    basemap: str,
    view: str | ViewPreset,
    selected: str | None = None,
    detail: tuple[str, Bounds] | None = None,
    lang: str | None = None,
    large_names: bool = False,
) -> CompactDeck:
    """The map of cases: sea and countries, points (ringed dots for statistical clusters, layers
    only when there are any), open case ring; place names in ``lang``, at presenter size with
    ``large_names``.

    No tile provider, so nothing is fetched from the internet. Every mark is a circle of
    ``mark_layer`` (one pipeline for the browser to compile, see there), and a layer with
    nothing to draw is left out.
    """
    layers = [*basemap_layers(basemap, view, detail, lang, large_names), *case_layers(points)]
    if selected is not None and (points["id"] == selected).any():
        layers.append(selected_layer(points.loc[points["id"] == selected]))
    return _deck(layers, view, TOOLTIP_HTML)


def choropleth_deck(
    regions: dict[str, Any],
    basemap: str,
    view: str,
    unit: str = "cases",
    lang: str | None = None,
    large_names: bool = False,
) -> CompactDeck:
    """The map of cases counted per region; ``unit`` names what is counted in the tooltip."""
    tooltip = CHOROPLETH_TOOLTIP + html.escape(unit)
    drawn = [*basemap_layers(basemap, view, lang=lang, large_names=large_names), choropleth_layer(regions)]
    return _deck(drawn, view, tooltip)


BINS_LAYER_ID: Final[str] = "clusters-binned"
STATISTICAL_BINS_LAYER_ID: Final[str] = "statistical-binned"
STATISTICAL_BINS_CENTRE_LAYER_ID: Final[str] = "statistical-binned-centre"
BINS_TOOLTIP: Final[str] = "<b>{tip_name}</b><br/>{tip_sectors}"
BIN_COLUMNS: Final[list[str]] = ["lon", "lat", "radius", "colour", "tip_name", "tip_sectors"]


def bins_layer(bins: pd.DataFrame) -> pdk.Layer:
    """Binned cases (a table of ``geo.aggregate.bin_table``): circle area tracks the count,
    colour is the most frequent main sector of the bin."""
    table = bins[BIN_COLUMNS].drop(columns="colour")
    drawn = table.assign(fill=bins["colour"], line=_per_row(POINT_LINE_RGB, bins), line_px=1.0)
    return mark_layer(drawn, BINS_LAYER_ID, pickable=True)


def statistical_bins_layers(bins: pd.DataFrame) -> list[pdk.Layer]:
    """Binned statistical clusters as ringed dots sized by their count, apart from organisations."""
    return ringed_layers(bins[BIN_COLUMNS], STATISTICAL_BINS_LAYER_ID, STATISTICAL_BINS_CENTRE_LAYER_ID)


def binned_deck(
    case_bins: pd.DataFrame,
    statistical_bins: pd.DataFrame,
    basemap: str,
    view: str | ViewPreset,
    lang: str | None = None,
    large_names: bool = False,
) -> CompactDeck:
    """The map of many cases, binned on the server: sea, countries, case bins, statistical bins."""
    layers = [*basemap_layers(basemap, view, lang=lang, large_names=large_names), bins_layer(case_bins)]
    if not statistical_bins.empty:  # as in cluster_deck: no empty layers
        layers += statistical_bins_layers(statistical_bins)
    return _deck(layers, view, BINS_TOOLTIP)
