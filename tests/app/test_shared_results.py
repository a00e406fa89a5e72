"""Results shared by all sessions per filter state equal what a session would compute itself."""

from __future__ import annotations

import pytest

from data.load import load_atlas_dir
from data.query import Filters, all_option_counts, filter_clusters
from ui import cached
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
    other, _ = mapview.atlas_points_deck(ViewState(view="europe", case=str(points["id"].iloc[0])))
    assert other is not deck and other.to_json() != deck.to_json()
