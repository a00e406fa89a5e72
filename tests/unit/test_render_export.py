"""The exported map is the map on the screen: the same deck drawn by matplotlib, PNG and SVG."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from data.load import Atlas
from data.vocab import SECTORS
from geo import layers, regions, render
from geo.boundaries import BASEMAP_URL, countries
from geo.view import VIEW_PRESETS, ViewPreset

TEXT = render.MapText(
    "Cluster Atlas: Japan", "Filters: Area: Japan", "Main sector", "Boundaries: Natural Earth"
)


def _points(cases):  # type: ignore[no-untyped-def]
    return layers.cluster_points(cases, sector_labels={s: s for s in SECTORS}, country_name=str)


def _group(svg: str, gid: str) -> str:
    start = svg.index(f'<g id="{gid}"')
    return svg[start : svg.index("</g>", start)]


@pytest.fixture(scope="module")
def world() -> object:
    return countries()


def test_every_mark_of_a_small_view_is_drawn_with_its_colour(atlas: Atlas, world: object) -> None:
    japan = atlas.clusters.loc[atlas.clusters["area"].eq("japan")]
    points = _points(japan)
    deck = layers.cluster_deck(points, BASEMAP_URL, "japan")
    entries = render.sector_entries(points, {s: s for s in SECTORS}, None)
    svg = render.figure_bytes(render.draw_deck(deck, world, TEXT, entries), "svg").decode()
    organisations = points.loc[~points["statistical"]]
    assert _group(svg, "marks-clusters").count("<path") == len(organisations)
    # Filled marks in their sector colour, hollow ones (size unknown) as rings of it; merged or
    # ended cases are white discs, so only the current ones show their sector colour.
    current = organisations.loc[~organisations["past"]]
    hexes = {"#{:02x}{:02x}{:02x}".format(*c) for c in current["colour"]}
    assert hexes <= set(re.findall(r"(?:fill|stroke): (#[0-9a-f]{6})", _group(svg, "marks-clusters")))
    # Real text, not shapes.
    assert "<text" in svg and "Cluster Atlas: Japan" in svg and "Main sector" in svg


def test_mark_sizes_keep_the_screen_proportions(atlas: Atlas, world: object) -> None:
    sized = atlas.clusters.loc[
        atlas.clusters["employees"].notna() & atlas.clusters["unit_type"].ne("statistical-cluster")
    ]
    points = _points(pd.concat([sized.nlargest(1, "employees"), sized.nsmallest(1, "employees")]))
    view = ViewPreset(latitude=0.0, longitude=0.0, zoom=0.5)
    # Both marks moved to known places to measure them in pixels.
    points = points.assign(lon=[-40.0, 40.0], lat=[0.0, 0.0])
    deck = layers.cluster_deck(points, BASEMAP_URL, view)
    figure = render.draw_deck(
        deck, world, TEXT, [], size=(10.0, 6.0), frame=(0.0, 0.0, 1.0, 1.0), screen_px=(1000, 600)
    )
    png = np.asarray(Image.open(io.BytesIO(render.figure_bytes(figure, "png"))).convert("RGB")).astype(int)
    widths = []
    for colour, column in zip(points["fill"], (389, 611), strict=True):  # x of -40 and 40 degrees
        row = png[300]
        near = np.abs(row - np.array(colour[:3])).sum(axis=1) < 30
        hits = np.flatnonzero(near[column - 120 : column + 120])
        widths.append(hits.max() - hits.min() + 1 if hits.size else 0)
    ratio = widths[0] / widths[1]
    # The fill spans the diameter less the white outline (1 px, half inside).
    expected = (2 * float(points["radius"].iloc[0]) - 1) / (2 * float(points["radius"].iloc[1]) - 1)
    assert ratio == pytest.approx(expected, rel=0.15)


def test_regions_view_is_drawn_with_the_choropleth_colours(atlas: Atlas, world: object) -> None:
    from geo.boundaries import admin1

    japan = atlas.clusters.loc[atlas.clusters["area"].eq("japan")]
    geojson, breaks = regions.choropleth_geojson(
        regions.simplified(admin1("japan"), "id"), regions.count_by(japan, "admin1_id")
    )
    deck = layers.choropleth_deck(geojson, BASEMAP_URL, "japan")
    entries = [render.LegendEntry(str(b), tuple(regions.colour_for(b, breaks)[:3]), "swatch") for b in breaks]
    svg = render.figure_bytes(render.draw_deck(deck, world, TEXT, entries), "svg").decode()
    fills = set(re.findall(r"fill: (#[0-9a-f]{6})", _group(svg, "regions")))
    assert fills == {"#{:02x}{:02x}{:02x}".format(*regions.colour_for(b, breaks)[:3]) for b in breaks}


def test_view_bounds_span_the_screen_map_at_the_view_zoom() -> None:
    view = VIEW_PRESETS["europe"]
    west, _, east, _ = render.view_bounds(view, (1024, 600))
    assert (east - west) / 360 * 512 * 2**view.zoom == pytest.approx(1024)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_file_carries_the_map_description(atlas: Atlas, world: object, fmt: str) -> None:
    """Alt text travels with the file: PNG text chunks, SVG title and description."""
    japan = atlas.clusters.loc[atlas.clusters["area"].eq("japan")]
    points = _points(japan)
    deck = layers.cluster_deck(points, BASEMAP_URL, "japan")
    entries = render.sector_entries(points, {s: s for s in SECTORS}, None)
    description = f"{len(japan)} cases shown; most in Japan ({len(japan)}) — « R&D <é> »"
    figure = render.draw_deck(deck, world, TEXT, entries)
    data = render.figure_bytes(figure, fmt, title=TEXT.title, description=description)
    if fmt == "png":
        info = Image.open(io.BytesIO(data)).text  # type: ignore[attr-defined]
        assert (info["Title"], info["Description"]) == (TEXT.title, description)
    else:
        svg = data.decode()
        assert "R&amp;D &lt;é&gt;" in svg and f"<dc:title>{TEXT.title}</dc:title>" in svg


def test_a_figure_made_without_a_canvas_is_encoded_as_png() -> None:
    """Figures built as Figure() alone (the models' comparison panels) have a base canvas that
    cannot give pixels; the PNG encoder gives them one (it raised AttributeError on a slide)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1), dpi=50)
    figure.text(0.1, 0.5, "panels")
    data = render.figure_bytes(figure, "png")
    assert Image.open(io.BytesIO(data)).size == (100, 50)


@pytest.mark.parametrize("view", ["world", "japan"])
def test_the_binned_view_is_exported_as_on_the_screen(world: object, view: str) -> None:
    """Above MAX_POINTS cases the map shows bins: the export draws every bin of the deck (the
    cases' and the statistical clusters' rings) as a circle in its colour, in PNG and SVG."""
    from geo import aggregate
    from tests.unit.test_aggregate import synthetic_points

    lon, lat, sectors = synthetic_points(20_000)
    statistical = np.zeros(len(lon), dtype=bool)
    statistical[::9] = True
    zoom = VIEW_PRESETS[view].zoom
    case_bins, statistical_bins = (
        aggregate.bin_table(
            aggregate.bin_cases(lon[part], lat[part], sectors[part], zoom, max_bins=limit),
            count_text=lambda n: f"{n:,} cases",
            sector_text=lambda s: f"Mostly {s}",
        )
        for part, limit in ((~statistical, aggregate.MAX_BINS), (statistical, aggregate.MAX_STATISTICAL_BINS))
    )
    deck = layers.binned_deck(case_bins, statistical_bins, BASEMAP_URL, view)
    entries = render.sector_entries(case_bins, {s: s for s in SECTORS}, "Statistical cluster")
    svg = render.figure_bytes(render.draw_deck(deck, world, TEXT, entries), "svg").decode()
    assert _group(svg, f"marks-{layers.BINS_LAYER_ID}").count("<path") == len(case_bins)
    assert _group(svg, f"marks-{layers.STATISTICAL_BINS_LAYER_ID}").count("<path") == len(statistical_bins)
    hexes = {"#{:02x}{:02x}{:02x}".format(*c[:3]) for c in case_bins["colour"]}
    drawn = set(re.findall(r"fill: (#[0-9a-f]{6})", _group(svg, f"marks-{layers.BINS_LAYER_ID}")))
    assert hexes <= drawn
    png = render.figure_bytes(render.draw_deck(deck, world, TEXT, entries), "png")
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3).astype(int)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    # The largest bin in view shows its colour in the picture.
    west, south, east, north = render.view_bounds(VIEW_PRESETS[view])
    shown = case_bins.loc[case_bins["lon"].between(west, east) & case_bins["lat"].between(south, north)]
    largest = shown.loc[shown["radius"].idxmax(), "colour"]
    assert (np.abs(pixels - np.array(largest[:3])).sum(axis=1) < 12).sum() > 20


@pytest.mark.parametrize(("lang", "country"), [("en", "GERMANY"), ("fr", "ALLEMAGNE")])
def test_an_area_view_is_exported_with_its_place_names(
    atlas: Atlas, world: object, lang: str, country: str
) -> None:
    """The exported area view names its places as the screen's picture does, in the language,
    as SVG text."""
    from geo import placenames, viewmap

    places = placenames.Places(countries(), viewmap.read_regions(), viewmap.read_cities())
    names = placenames.place_names(
        "europe", places, country_label=lambda code: placenames.country_label(code, lang), lang=lang
    )
    europe = atlas.clusters.loc[atlas.clusters["area"].eq("europe")]
    deck = layers.cluster_deck(_points(europe), BASEMAP_URL, "europe", lang=lang)
    svg = render.figure_bytes(render.draw_deck(deck, world, TEXT, [], names=names), "svg").decode()
    assert f">{country}<" in svg or f"{country}</text>" in svg or country in svg
    assert "Paris" in svg
