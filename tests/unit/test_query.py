"""Filter logic: every filter alone and combined, unknown sizes, empty results, option counts."""

from __future__ import annotations

import pandas as pd
import pytest

from data.query import Filters, filter_clusters, option_counts


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["id"])


def expected_ids(clusters: pd.DataFrame, keep: pd.Series) -> set[str]:
    """The ids a filter must keep, computed row by row in plain Python (an independent oracle)."""
    return set(clusters.loc[keep, "id"])


def test_no_filter_returns_everything(tiny_clusters: pd.DataFrame) -> None:
    assert ids(filter_clusters(tiny_clusters, Filters())) == ids(tiny_clusters)


@pytest.mark.parametrize(
    ("filters", "predicate"),
    [
        (Filters(areas=frozenset({"japan"})), lambda r: r.area == "japan"),
        (Filters(areas=frozenset({"japan", "maghreb"})), lambda r: r.area in {"japan", "maghreb"}),
        (Filters(countries=frozenset({"FR"})), lambda r: r.country_iso2 == "FR"),
        (Filters(sectors=frozenset({"ict"})), lambda r: "ict" in r.sectors.split(";")),
        (
            Filters(sectors=frozenset({"life-sciences", "aerospace-defence"})),
            lambda r: bool({"life-sciences", "aerospace-defence"} & set(r.sectors.split(";"))),
        ),
        (Filters(policies=frozenset({"top-down"})), lambda r: r.policy_type == "top-down"),
        (Filters(programmes=frozenset({"fx-fr-poles"})), lambda r: r.programme == "fx-fr-poles"),
        (Filters(unit_types=frozenset({"technopole"})), lambda r: r.unit_type == "technopole"),
        (Filters(sizes=frozenset({"large"})), lambda r: r.size_class in {"large", "unknown"}),
        (
            Filters(sizes=frozenset({"large"}), include_unknown_size=False),
            lambda r: r.size_class == "large",
        ),
        (Filters(include_unknown_size=False), lambda r: r.size_class != "unknown"),
        (
            Filters(size_range=(1000, 30000)),
            lambda r: pd.isna(r.employees) or 1000 <= r.employees <= 30000,
        ),
        (
            Filters(size_range=(1000, 30000), include_unknown_size=False),
            lambda r: pd.notna(r.employees) and 1000 <= r.employees <= 30000,
        ),
        (
            Filters(size_measure="members_firms", size_range=(100, 200), include_unknown_size=False),
            lambda r: pd.notna(r.members_firms) and 100 <= r.members_firms <= 200,
        ),
        (
            Filters(founded=(1995, 2003)),
            lambda r: pd.notna(r.founded_year) and 1995 <= r.founded_year <= 2003,
        ),
        (Filters(text="kobe"), lambda r: "kobe" in r["name"].lower()),
        (Filters(text="神戸"), lambda r: isinstance(r.name_local, str) and "神戸" in r.name_local),
        (Filters(text="SALÉ"), lambda r: r.city == "Salé"),
        (
            Filters(areas=frozenset({"europe"}), sectors=frozenset({"life-sciences"})),
            lambda r: r.area == "europe" and "life-sciences" in r.sectors,
        ),
        (
            Filters(policies=frozenset({"top-down"}), founded=(2000, 2010), sectors=frozenset({"ict"})),
            lambda r: (
                r.policy_type == "top-down"
                and pd.notna(r.founded_year)
                and 2000 <= r.founded_year <= 2010
                and "ict" in r.sectors
            ),
        ),
    ],
)
def test_filter_matches_row_by_row_oracle(tiny_clusters: pd.DataFrame, filters: Filters, predicate) -> None:  # type: ignore[no-untyped-def]
    keep = tiny_clusters.apply(predicate, axis=1).astype(bool)
    assert keep.any(), "the fixture should give each case at least one match"
    assert ids(filter_clusters(tiny_clusters, filters)) == expected_ids(tiny_clusters, keep)


def test_empty_result_is_an_empty_frame_with_columns(tiny_clusters: pd.DataFrame) -> None:
    result = filter_clusters(tiny_clusters, Filters(areas=frozenset({"japan"}), countries=frozenset({"FR"})))
    assert result.empty and list(result.columns) == list(tiny_clusters.columns)


def test_filtering_never_modifies_the_input(tiny_clusters: pd.DataFrame) -> None:
    before = tiny_clusters.copy()
    filter_clusters(tiny_clusters, Filters(areas=frozenset({"europe"}), text="x"))
    pd.testing.assert_frame_equal(tiny_clusters, before)


def test_option_counts_ignore_their_own_filter(tiny_clusters: pd.DataFrame) -> None:
    filters = Filters(areas=frozenset({"japan"}), sectors=frozenset({"ict"}))
    area_counts = option_counts(tiny_clusters, filters, "areas")
    ict = tiny_clusters[tiny_clusters["sectors"].str.contains("ict")]
    assert area_counts == ict["area"].value_counts().to_dict()


def test_option_counts_of_a_multi_valued_field(tiny_clusters: pd.DataFrame) -> None:
    counts = option_counts(tiny_clusters, Filters(areas=frozenset({"europe"})), "sectors")
    europe = tiny_clusters[tiny_clusters["area"] == "europe"]
    assert sum(counts.values()) == europe["sectors"].str.count(";").add(1).sum()
    assert counts["aerospace-defence"] == 1


def test_without_resets_one_field() -> None:
    filters = Filters(areas=frozenset({"japan"}), text="x")
    assert filters.without("areas") == Filters(text="x")
    assert Filters().is_empty() and not filters.is_empty()
