"""Results shared by all sessions per filter state equal what a session would compute itself."""

from __future__ import annotations

import dataclasses

import pytest

from data.load import load_atlas_dir
from data.query import Filters, all_option_counts, filter_clusters
from geo import layers
from geo.boundaries import BASEMAP_URL
from ui import cached
from ui.i18n import Translator
from ui.state import ViewState

STATES = [
    Filters(),
    Filters(areas=frozenset({"europe"})),
    Filters(sectors=frozenset({"ict"}), include_unknown_size=False),
    Filters(text="lyon"),
]


@pytest.mark.parametrize("filters", STATES)
def test_shared_selection_and_counts_match_a_fresh_computation(tiny_data: None, filters: Filters) -> None:
    clusters = load_atlas_dir(cached.data_dir()).clusters
    assert list(cached.filtered(filters)["id"]) == list(filter_clusters(clusters, filters)["id"])
    assert cached.option_counts(filters) == all_option_counts(clusters, filters)
    assert cached.filtered(filters) is cached.filtered(filters)  # computed once, then shared


def test_shared_points_deck_is_per_view(tiny_data: None) -> None:
    from ui import mapview

    europe = ViewState(filters=Filters(areas=frozenset({"europe"})), view="europe")
    deck, points = mapview.atlas_points_deck(europe)
    assert mapview.atlas_points_deck(europe)[0] is deck
    assert set(points["id"]) == set(cached.filtered(europe.filters)["id"])
    chosen = str(points["id"].iloc[0])
    ringed, _ = mapview.atlas_points_deck(dataclasses.replace(europe, case=chosen))
    fresh = layers.cluster_deck(points, BASEMAP_URL, "europe", selected=chosen, lang="en")
    assert ringed is not deck and ringed.to_json() == fresh.to_json() != deck.to_json()
    # Only what the deck shows makes a new deck: a slide does not; presenter mode does (its
    # picture names places at presenter size).
    assert mapview.atlas_points_deck(dataclasses.replace(europe, slide=2))[0] is deck
    presenting, _ = mapview.atlas_points_deck(dataclasses.replace(europe, present=True))
    assert (
        presenting is not deck and "-large.png" in presenting.to_json() and "-large.png" not in deck.to_json()
    )
    assert mapview.atlas_points_deck(dataclasses.replace(europe, present=True, slide=2))[0] is presenting


def test_shared_regions_deck_is_per_view(tiny_data: None) -> None:
    from ui import mapview

    state = ViewState(filters=Filters(areas=frozenset({"europe"})), view="europe", mode="regions")
    deck, breaks = mapview.atlas_regions_deck(state)
    assert mapview.atlas_regions_deck(dataclasses.replace(state, case="x"))[0] is deck
    fresh, fresh_breaks = mapview.regions_deck(cached.filtered(state.filters), state, Translator("en"))
    assert deck.to_json() == fresh.to_json() and breaks == fresh_breaks


def test_shared_card_and_panel_facts_match_a_fresh_computation(tiny_data: None) -> None:
    from data.cases import related_cases
    from ui import filters

    atlas = load_atlas_dir(cached.data_dir())
    for case_id in atlas.clusters["id"]:
        assert cached.related(case_id) == related_cases(atlas.clusters, case_id)
        assert cached.case_names()[case_id] == (atlas.clusters.set_index("id").loc[case_id, "name"])
    for lang in ("en", "fr"):
        assert filters.atlas_option_labels(lang) == filters.option_labels(atlas, Translator(lang))
    assert filters.atlas_year_bounds() == filters.data_bounds(atlas.clusters)
