"""Server-side binning of many cases: counts conserved, dominant sector, escaping, a bounded payload."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from data.vocab import SECTORS
from geo import aggregate, layers
from geo.view import DETAIL_VIEWS, VIEW_PRESETS

PARIS, TOKYO = (2.35, 48.86), (139.69, 35.69)


def code(sector: str) -> int:
    return SECTORS.index(sector)


def synthetic_points(rows: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points spread around a few hundred centres over the four areas, with random main sectors."""
    rng = np.random.default_rng(seed)
    centres_lon = rng.uniform(-125, 145, 400)
    centres_lat = rng.uniform(25, 65, 400)
    which = rng.integers(0, 400, rows)
    lon = np.clip(centres_lon[which] + rng.normal(0, 0.6, rows), -180, 180)
    lat = np.clip(centres_lat[which] + rng.normal(0, 0.6, rows), -85, 85)
    return lon, lat, rng.integers(0, len(SECTORS), rows).astype(np.int64)


@pytest.mark.parametrize("view", sorted(VIEW_PRESETS))
def test_bins_conserve_the_number_of_cases(view: str) -> None:
    lon, lat, sectors = synthetic_points(20_000)
    bins = aggregate.bin_cases(lon, lat, sectors, VIEW_PRESETS[view].zoom)
    assert int(bins.count.sum()) == 20_000
    assert (bins.count > 0).all() and list(bins.count) == sorted(bins.count, reverse=True)


def test_dominant_sector_and_mean_position() -> None:
    lon = np.array([PARIS[0]] * 3 + [PARIS[0] + 0.02] * 2 + [TOKYO[0]])
    lat = np.array([PARIS[1]] * 5 + [TOKYO[1]])
    sectors = np.array([code("ict")] * 2 + [code("agrifood")] * 3 + [code("maritime")])
    bins = aggregate.bin_cases(lon, lat, sectors, zoom=3.0)
    assert bins.count.tolist() == [5, 1]
    assert [SECTORS[s] for s in bins.sector] == ["agrifood", "maritime"]
    assert bins.lon[0] == pytest.approx(PARIS[0] + 0.008) and bins.lat[1] == pytest.approx(TOKYO[1])


def test_a_tie_goes_to_the_earlier_sector_of_the_vocabulary() -> None:
    sectors = np.array([code("maritime"), code("ict")])
    bins = aggregate.bin_cases(np.array([PARIS[0]] * 2), np.array([PARIS[1]] * 2), sectors, zoom=3.0)
    assert SECTORS[int(bins.sector[0])] == "ict"


def test_grid_is_fixed_to_the_world_so_bins_stay_in_place() -> None:
    lon, lat, sectors = synthetic_points(5_000)
    every = aggregate.bin_cases(lon, lat, sectors, zoom=3.0)
    half = aggregate.bin_cases(lon[::2], lat[::2], sectors[::2], zoom=3.0)
    assert len(half) <= len(every) and every.side_px == half.side_px == aggregate.BIN_PX


def test_primary_sector_codes_read_the_first_sector() -> None:
    codes = aggregate.primary_sector_codes(pd.Series(["ict;maritime", "maritime", "nonsense", None]))
    assert [SECTORS[c] for c in codes] == ["ict", "maritime", "multi-sector", "multi-sector"]


def test_tooltip_texts_are_escaped_and_colours_follow_the_sector() -> None:
    bins = aggregate.bin_cases(np.array([PARIS[0]]), np.array([PARIS[1]]), np.array([code("ict")]), zoom=3.0)
    table = aggregate.bin_table(
        bins, count_text=lambda n: f"<b>{n}</b> cases", sector_text=lambda s: f"{s} & co"
    )
    row = table.iloc[0]
    assert row["tip_name"] == "&lt;b&gt;1&lt;/b&gt; cases"
    assert row["tip_sectors"] == "ict &amp; co"
    assert tuple(row["colour"]) == layers.SECTOR_RGB["ict"]


def test_circle_area_tracks_the_count() -> None:
    radii = aggregate.bin_radius_px(np.array([400, 100]), largest=400) - aggregate.MIN_BIN_RADIUS_PX
    assert (radii[0] / radii[1]) ** 2 == pytest.approx(4.0)


@pytest.mark.parametrize("view", ["world", "japan"])
def test_payload_of_a_million_cases_stays_under_2_mb(view: str) -> None:
    lon, lat, sectors = synthetic_points(1_000_000)
    statistical = np.zeros(len(lon), dtype=bool)
    statistical[::7] = True
    tables = [
        aggregate.bin_table(
            aggregate.bin_cases(lon[part], lat[part], sectors[part], VIEW_PRESETS[view].zoom, max_bins=limit),
            count_text=lambda n: f"{n:,} cases",
            sector_text=lambda s: f"Most frequent main sector: {s}",
        )
        for part, limit in ((~statistical, aggregate.MAX_BINS), (statistical, aggregate.MAX_STATISTICAL_BINS))
    ]
    assert sum(int(t["count"].sum()) for t in tables) == 1_000_000
    deck = layers.binned_deck(tables[0], tables[1], "app/static/basemap.png", view)
    spec = deck.to_json()
    assert len(spec.encode()) < 2_000_000
    assert [layer["id"] for layer in json.loads(spec)["layers"]] == [
        layers.BASEMAP_LAYER_ID,
        *([layers.BASEMAP_DETAIL_LAYER_ID] if view in DETAIL_VIEWS else []),
        layers.BINS_LAYER_ID,
        layers.STATISTICAL_BINS_LAYER_ID,
        layers.STATISTICAL_BINS_CENTRE_LAYER_ID,
    ]
    for layer in json.loads(spec)["layers"][-3:]:  # the bins: the points' vertex layout (mark_layer)
        assert (layer["@@type"], layer["getFillColor"], layer["getLineColor"]) == (
            "ScatterplotLayer",
            "@@=fill",
            "@@=line",
        )
        assert (layer["getLineWidth"], layer["getRadius"]) == ("@@=line_px", "@@=radius")


def test_bins_are_bounded_whatever_the_spread() -> None:
    rng = np.random.default_rng(3)
    rows = 200_000
    lon, lat = rng.uniform(-180, 180, rows), rng.uniform(-80, 80, rows)
    bins = aggregate.bin_cases(lon, lat, np.zeros(rows, dtype=np.int64), zoom=4.0)
    assert len(bins) <= aggregate.MAX_BINS and int(bins.count.sum()) == rows
    assert bins.side_px > aggregate.BIN_PX
