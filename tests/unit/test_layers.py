"""The map as JSON: offline (no tile provider, no URL), escaped tooltips, stable layer ids."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from data.cases import placed
from data.vocab import SECTORS
from geo import layers
from geo.boundaries import BASEMAP_URL, STATIC_DIR, detail_file
from geo.view import DETAIL_VIEWS, VIEW_PRESETS, ViewPreset, detail_bounds

SECTOR_LABELS = {s: s.upper() for s in SECTORS}


def points_of(clusters: pd.DataFrame) -> pd.DataFrame:
    return layers.cluster_points(clusters, sector_labels=SECTOR_LABELS, country_name=lambda c: f"<{c}>")


def test_a_case_not_placed_has_no_point(tiny_clusters: pd.DataFrame) -> None:
    cases = tiny_clusters.copy()
    cases.loc[cases.index[0], ["lat", "lon"]] = float("nan")
    points = points_of(cases)
    assert points["id"].tolist() == cases["id"].iloc[1:].tolist()
    assert points[["lat", "lon"]].notna().all().all()


def test_tooltip_values_are_escaped(tiny_clusters: pd.DataFrame) -> None:
    points = points_of(tiny_clusters)
    toulouse = points.set_index("id").loc["fx-toulouse-aero"]
    assert toulouse["tip_name"] == "Fixture Aero &lt;b&gt;Toulouse&lt;/b&gt;"
    assert "&lt;FR&gt;" in toulouse["tip_place"]
    assert not any("<" in str(v) for v in points[["tip_name", "tip_place", "tip_sectors"]].to_numpy().ravel())


def test_points_are_coloured_by_first_sector(tiny_clusters: pd.DataFrame) -> None:
    points = points_of(tiny_clusters).set_index("id")
    assert tuple(points.loc["fx-lyon-bio", "colour"]) == layers.SECTOR_RGB["life-sciences"]
    assert layers.legend_sectors(points) == [
        s for s in SECTORS if s in {"life-sciences", "ict", "aerospace-defence", "health-medicine"}
    ]


def test_palette_has_distinct_colours_for_every_sector() -> None:
    assert set(layers.SECTOR_RGB) == set(SECTORS)
    assert len(set(layers.SECTOR_RGB.values())) == len(SECTORS)


@pytest.mark.parametrize("view", sorted(VIEW_PRESETS))
def test_deck_is_offline_and_has_stable_layers(tiny_clusters: pd.DataFrame, view: str) -> None:
    deck = layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, view)
    spec = json.loads(deck.to_json())
    assert [layer["id"] for layer in spec["layers"]] == [
        layers.BASEMAP_LAYER_ID,
        *([layers.BASEMAP_DETAIL_LAYER_ID] if view in DETAIL_VIEWS else []),
        layers.CLUSTER_LAYER_ID,
        layers.STATISTICAL_LAYER_ID,
        layers.STATISTICAL_CENTRE_LAYER_ID,
    ]
    assert spec.get("mapProvider") in (None, "")
    assert spec.get("mapStyle") == "__MAP_STYLE__"  # Streamlit's "no basemap" sentinel
    assert not re.search(r"https?://", deck.to_json())
    assert spec["initialViewState"]["zoom"] == VIEW_PRESETS[view].zoom
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    assert by_id[layers.CLUSTER_LAYER_ID]["radiusUnits"] == "pixels"  # not a JS expression
    basemap = by_id[layers.BASEMAP_LAYER_ID]
    assert basemap["@@type"] == "BitmapLayer"
    assert basemap["image"] == BASEMAP_URL  # a plain address: not inlined, not an expression
    assert basemap["bounds"] == list(layers.WORLD_BOUNDS)
    if view in DETAIL_VIEWS:
        detail = by_id[layers.BASEMAP_DETAIL_LAYER_ID]
        assert detail["@@type"] == "BitmapLayer"
        assert detail["image"] == f"app/static/{detail_file(view)}"
        assert detail["bounds"] == list(detail_bounds(VIEW_PRESETS[view]))
        assert (STATIC_DIR / detail_file(view)).is_file()  # the picture the browser will ask for
        # The map page's deck: the picture with the place names in the page's language.
        named = json.loads(
            layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, view, lang="fr").to_json()
        )
        image = {layer["id"]: layer for layer in named["layers"]}[layers.BASEMAP_DETAIL_LAYER_ID]["image"]
        assert (
            image == f"app/static/{detail_file(view, 'fr')}"
            and (STATIC_DIR / detail_file(view, "fr")).is_file()
        )
        # Presenter mode: the picture whose names are written at presenter size.
        large = json.loads(
            layers.cluster_deck(
                points_of(tiny_clusters), BASEMAP_URL, view, lang="fr", large_names=True
            ).to_json()
        )
        image = {layer["id"]: layer for layer in large["layers"]}[layers.BASEMAP_DETAIL_LAYER_ID]["image"]
        assert (
            image
            == f"app/static/{detail_file(view, 'fr', large=True)}"
            != f"app/static/{detail_file(view, 'fr')}"
        )
        assert (STATIC_DIR / detail_file(view, "fr", large=True)).is_file()


def test_statistical_clusters_get_their_own_layer(tiny_clusters: pd.DataFrame) -> None:
    spec = json.loads(layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, "world").to_json())
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    statistical = {row["id"] for row in by_id[layers.STATISTICAL_LAYER_ID]["data"]}
    organisations = {row["id"] for row in by_id[layers.CLUSTER_LAYER_ID]["data"]}
    assert statistical == set(tiny_clusters.loc[tiny_clusters["unit_type"] == "statistical-cluster", "id"])
    assert statistical.isdisjoint(organisations) and len(statistical | organisations) == len(tiny_clusters)


def test_statistical_clusters_are_rings_with_a_centre_dot_drawn_by_the_points_program(
    tiny_clusters: pd.DataFrame,
) -> None:
    """One layer type, with one vertex layout, for every mark of the map besides the basemap: each
    further type or layout costs the browser a pipeline to compile (an IconLayer of diamonds cost
    about 0.3 s, rings with a colour given once per layer about 0.6 s)."""
    points = points_of(tiny_clusters)
    chosen = str(points.loc[points["statistical"], "id"].iloc[0])
    spec = json.loads(layers.cluster_deck(points, BASEMAP_URL, "world", selected=chosen).to_json())
    marks = [layer for layer in spec["layers"] if layer["@@type"] != "BitmapLayer"]
    assert {layer["@@type"] for layer in marks} == {"ScatterplotLayer"}
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    ring, centre = by_id[layers.STATISTICAL_LAYER_ID], by_id[layers.STATISTICAL_CENTRE_LAYER_ID]
    assert ring["filled"] and ring["stroked"] and ring["pickable"] and not centre["pickable"]
    for row, dot in zip(ring["data"], centre["data"], strict=True):
        assert row["fill"] == layers.STATISTICAL_RING_FILL  # white inside, unlike a hollow point
        assert row["radius"] == layers.STATISTICAL_RADIUS_PX  # fixed: not sized like organisations
        assert dot["fill"] == row["line"] and (dot["lon"], dot["lat"]) == (row["lon"], row["lat"])
        assert 0 < dot["radius"] < row["radius"] - layers.STATISTICAL_RING_PX
    selected = by_id[layers.SELECTED_LAYER_ID]["data"][0]
    assert selected["radius"] == layers.STATISTICAL_RADIUS_PX + layers.SELECTED_RING_GAP_PX  # fits its mark
    # Every circle reads its colours, width and radius per row: the same vertex inputs, so the
    # browser compiles one pipeline for all of them.
    accessors = {
        "getFillColor": "fill",
        "getLineColor": "line",
        "getLineWidth": "line_px",
        "getRadius": "radius",
    }
    for layer in marks:
        assert {key: layer[key] for key in accessors} == {
            key: f"@@={column}" for key, column in accessors.items()
        }
        assert all(set(accessors.values()) <= set(row) for row in layer["data"])


def test_a_frozen_deck_serialises_once_and_the_same(tiny_clusters: pd.DataFrame) -> None:
    deck = layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, "europe")
    expected = deck.to_json()
    frozen = deck.freeze()
    assert frozen is deck and frozen.to_json() == expected
    deck.initial_view_state.zoom = 9  # a shared deck is read-only: later changes are not sent
    assert json.loads(deck.to_json())["initialViewState"]["zoom"] == VIEW_PRESETS["europe"].zoom


def test_a_layer_on_top_of_a_frozen_deck_is_the_deck_built_with_it(tiny_clusters: pd.DataFrame) -> None:
    points = points_of(tiny_clusters)
    chosen = str(points["id"].iloc[0])
    expected = layers.cluster_deck(points, BASEMAP_URL, "europe", selected=chosen).to_json()
    base = layers.cluster_deck(points, BASEMAP_URL, "europe").freeze()
    unselected = base.to_json()
    ringed = base.with_top_layer(layers.selected_layer(points.loc[points["id"] == chosen]))
    assert ringed.to_json() == expected
    assert json.loads(ringed.to_json())["layers"][-1]["id"] == layers.SELECTED_LAYER_ID
    assert base.to_json() == unselected  # the shared deck is unchanged
    assert base.freeze().to_json() == unselected  # freezing again gives the same JSON
    assert "__cluster_atlas" not in ringed.to_json() and "_top" not in json.loads(unselected)


def test_only_a_frozen_deck_takes_a_layer_on_top(tiny_clusters: pd.DataFrame) -> None:
    deck = layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, "europe")
    with pytest.raises(ValueError, match="frozen"):
        deck.with_top_layer(layers.basemap_layer(BASEMAP_URL))


def test_no_statistical_layers_without_statistical_clusters(tiny_clusters: pd.DataFrame) -> None:
    organisations = tiny_clusters.loc[tiny_clusters["unit_type"] != layers.STATISTICAL_UNIT]
    spec = json.loads(layers.cluster_deck(points_of(organisations), BASEMAP_URL, "europe").to_json())
    assert [layer["id"] for layer in spec["layers"]] == [
        layers.BASEMAP_LAYER_ID,
        layers.BASEMAP_DETAIL_LAYER_ID,
        layers.CLUSTER_LAYER_ID,
    ]
    assert "IconLayer" not in {layer["@@type"] for layer in spec["layers"]}


def test_a_view_of_its_own_gets_the_detail_picture_of_its_area(tiny_clusters: pd.DataFrame) -> None:
    """A presenter slide flown to a case draws over the sharpest picture holding it, not only
    over the coarse world picture."""
    tokyo = ViewPreset(latitude=35.69, longitude=139.69, zoom=5.5)
    spec = json.loads(layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, tokyo).to_json())
    detail = {layer["id"]: layer for layer in spec["layers"]}[layers.BASEMAP_DETAIL_LAYER_ID]
    assert detail["image"] == f"app/static/{detail_file('japan')}"
    south_atlantic = ViewPreset(latitude=-40.0, longitude=-20.0, zoom=5.5)
    spec = json.loads(layers.cluster_deck(points_of(tiny_clusters), BASEMAP_URL, south_atlantic).to_json())
    assert layers.BASEMAP_DETAIL_LAYER_ID not in {layer["id"] for layer in spec["layers"]}


def test_no_shipped_case_hides_another_at_city_zoom() -> None:
    """Cases sharing a point are spread so that, at zoom 9 (a city), every drawn marker centre is
    at least two smallest radii away from the others of its group: each can be hovered and clicked."""
    import numpy as np

    from data.load import CLUSTERS_CSV
    from geo.aggregate import mercator_px

    clusters = placed(pd.read_csv(CLUSTERS_CSV)).reset_index(drop=True)
    points = layers.cluster_points(clusters, sector_labels=SECTOR_LABELS, country_name=str)
    shared = clusters["lat"].round(4).astype(str) + "," + clusters["lon"].round(4).astype(str)
    assert shared.value_counts().max() > 1  # the data do have cases at one point
    x, y = mercator_px(points["lon"].to_numpy(), points["lat"].to_numpy())
    scale = 2**9
    for _, group in pd.Series(range(len(points))).groupby(shared.to_numpy()):
        if len(group) < 2:
            continue
        where = np.c_[x[group.to_numpy()], y[group.to_numpy()]] * scale
        gaps = np.sqrt(((where[:, None] - where[None]) ** 2).sum(-1)) + np.eye(len(group)) * 1e9
        assert gaps.min() >= 2 * layers.MIN_RADIUS_PX, clusters["id"].iloc[group.to_numpy()].tolist()
