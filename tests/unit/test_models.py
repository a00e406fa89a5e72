"""The models comparison: counts per group, mixes that keep their unknowns, links that open the
same number of cases the panel gives (checked for random filter states with hypothesis)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.load import Atlas
from data.models import (
    GROUP_COLUMNS,
    GROUPINGS,
    OTHER,
    UNKNOWN,
    compare,
    comparison_table,
    group_filters,
    main_sector,
    top_sectors,
    value_filters,
)
from data.query import Filters, filter_clusters
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES


def test_one_panel_per_group_with_cases_in_vocabulary_order(tiny_atlas: Atlas) -> None:
    result = compare(tiny_atlas.clusters, tiny_atlas.programmes, "area")
    assert [(p.group, p.cases) for p in result.panels] == [
        ("europe", 3),
        ("united-states", 2),
        ("japan", 2),
        ("maghreb", 1),
    ]
    assert result.total == 8 and result.largest == 3


def test_unknowns_are_counted_never_dropped(tiny_atlas: Atlas) -> None:
    result = compare(tiny_atlas.clusters, tiny_atlas.programmes, "area")
    us = next(p for p in result.panels if p.group == "united-states")
    assert us.mix("policy").unknown == 1  # fx-boston-bio
    assert us.mix("size").unknown == 1  # fx-austin-ict
    assert us.mix("decade").unknown == 1  # fx-boston-bio has no founding year
    for item in result.panels:
        assert all(mix.total == item.cases for mix in item.mixes)


def test_programmes_carry_their_launch_year_or_none(tiny_atlas: Atlas) -> None:
    europe = compare(tiny_atlas.clusters, tiny_atlas.programmes, "area").panels[0]
    assert [(p.id, p.launch_year, p.cases) for p in europe.programmes] == [
        ("fx-fr-poles", 2005, 2),
        ("fx-de-go", 2012, 1),
    ]
    us = compare(tiny_atlas.clusters, tiny_atlas.programmes, "area").panels[1]
    assert {p.launch_year for p in us.programmes} == {None}


def test_sectors_beyond_the_top_are_grouped_as_other() -> None:
    cases = pd.DataFrame({"sectors": ["ict", "ict;agrifood", "agrifood", "maritime", "chemicals"]})
    assert top_sectors(cases, limit=2) == ("ict", "agrifood")
    assert main_sector("ict;agrifood") == "ict"


def test_other_sectors_and_decades_share_one_scale(tiny_atlas: Atlas) -> None:
    result = compare(tiny_atlas.clusters, tiny_atlas.programmes, "policy")
    for item in result.panels:
        sector = item.mix("sector")
        assert [v for v, _ in sector.counts] == [*result.sectors, OTHER]
        assert [v for v, _ in item.mix("decade").counts] == [str(d) for d in result.decades]
    assert result.decades == (1990, 2000)


def test_active_today_is_counted_once_the_data_have_a_status(tiny_atlas: Atlas) -> None:
    without = tiny_atlas.clusters.drop(columns=["status"], errors="ignore")
    plain = compare(without, tiny_atlas.programmes, "area").panels[0]
    assert plain.active is None and plain.status_unknown is None
    with_status = tiny_atlas.clusters.assign(
        status=["active", "ended", None, "active", "merged", "active", "active", "active"]
    )
    europe = compare(with_status, tiny_atlas.programmes, "area").panels[0]
    assert (europe.active, europe.status_unknown) == (1, 1)


def test_the_table_lists_unknowns_as_rows(tiny_atlas: Atlas) -> None:
    table = comparison_table(compare(tiny_atlas.clusters, tiny_atlas.programmes, "area"))
    us_policy = table[(table["group"] == "united-states") & (table["measure"] == "policy")]
    assert dict(zip(us_policy["value"], us_policy["cases"], strict=True)) == {
        "top-down": 0,
        "bottom-up": 1,
        "hybrid": 0,
        "statistical": 0,
        UNKNOWN: 1,
    }
    cases = table[table["measure"] == "cases"]
    assert cases["cases"].sum() == 8


def _check_links(
    clusters: pd.DataFrame, programmes: pd.DataFrame, filters: Filters, groupings: tuple[str, ...] = GROUPINGS
) -> None:
    shown = filter_clusters(clusters, filters)
    for by in groupings:
        result = compare(shown, programmes, by)
        assert sum(p.cases for p in result.panels) == len(shown)
        for item in result.panels:
            base = group_filters(filters, by, item.group)
            assert len(filter_clusters(clusters, base)) == item.cases
            assert set(filter_clusters(clusters, base)[GROUP_COLUMNS[by]]) == {item.group}
            for measure in ("policy", "size", "decade"):
                mix = item.mix(measure)
                for value, count in [*mix.counts, (UNKNOWN, mix.unknown)]:
                    narrowed = value_filters(base, measure, value)
                    if narrowed is not None:
                        assert len(filter_clusters(clusters, narrowed)) == count, (
                            by,
                            item.group,
                            measure,
                            value,
                        )
                    elif measure != "decade" or value != UNKNOWN:
                        assert count == 0, (by, item.group, measure, value)
            if item.active is not None:
                active = value_filters(base, "status", "active")
                assert active is None or len(filter_clusters(clusters, active)) == item.active
            for programme in item.programmes:
                narrowed = value_filters(base, "programme", "", programme=programme.id)
                assert narrowed is not None
                assert len(filter_clusters(clusters, narrowed)) == programme.cases


def subsets(values: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(values), max_size=2)


FILTERS = st.builds(
    Filters,
    areas=subsets(AREAS),
    sectors=subsets(SECTORS),
    policies=subsets(POLICY_TYPES),
    unit_types=subsets(UNIT_TYPES),
    sizes=subsets(SIZE_CLASSES),
    include_unknown_size=st.booleans(),
    founded=st.one_of(st.none(), st.tuples(st.integers(1950, 2000), st.integers(2000, 2026))),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=FILTERS)
def test_every_number_opens_the_same_number_of_cases(atlas: Atlas, filters: Filters) -> None:
    """Counts on the models page equal those of the cases table under the filters its links set."""
    _check_links(atlas.clusters, atlas.programmes, filters)


@pytest.mark.parametrize("by", GROUPINGS)
def test_links_on_the_unfiltered_atlas(atlas: Atlas, by: str) -> None:
    _check_links(atlas.clusters, atlas.programmes, Filters(), (by,))
