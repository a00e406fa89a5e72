"""The data audit (curation/audit.py): each rule catches a planted fault and passes a clean row;
the shipped table has no error left."""

from __future__ import annotations

from functools import cache
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from curation.audit import ERROR, WARNING, AuditContext, Finding, audit, counts, load_context
from curation.metrics import before_after_lines, measure
from curation.pipeline import GEO, RULES, load_aliases, load_sector_rules
from data.load import CLUSTERS_CSV
from data.schema import FIGURES

KEYWORDS = load_sector_rules(RULES / "sector_keywords.csv")


def fake_context() -> AuditContext:
    """Two regions of one country: XA-1 = [0,1]x[0,1], XA-2 = [1,2]x[0,1]."""
    admin1 = gpd.GeoDataFrame(
        {"id": ["XA-1", "XA-2"], "name": ["One", "Two"], "country_iso_a2": ["XA", "XA"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
        crs="EPSG:4326",
    )
    countries = gpd.GeoDataFrame({"iso_a2": ["XA"]}, geometry=[box(0, 0, 2, 1)], crs="EPSG:4326")
    cities = {"Alpha": frozenset({"XA-1"}), "Beta": frozenset({"XA-2"})}
    regions = {"One": frozenset({"XA-1"}), "Two": frozenset({"XA-2"})}
    return AuditContext(
        admin1,
        countries,
        lambda _country, city: cities.get(city, frozenset()),
        lambda _country, region: regions.get(region),
        KEYWORDS,
    )


def case(**values: Any) -> dict[str, Any]:
    """A clean case in XA-1 at the city Alpha; keyword arguments change it."""
    row: dict[str, Any] = {
        "id": "xa-case",
        "name": "Case",
        "name_local": None,
        "unit_type": "cluster-organisation",
        "country_iso2": "XA",
        "admin1_id": "XA-1",
        "region": "One",
        "city": "Alpha",
        "lat": 0.5,
        "lon": 0.5,
        "coord_precision": "city",
        "coord_source": "GeoNames – Alpha",
        "sectors": "ict",
        "sector_detail": None,
        "founded_year": 2001,
        "founded_year_source": "https://example.org/about",
        "source_note": "",
        "policy_type": "unknown",
        "policy_rationale": "Programme policy type: unknown",
        "website": None,
        "area": "europe",
    }
    for figure in FIGURES:
        row.update({figure: None, f"{figure}_year": None, f"{figure}_source": None})
    row.update(values)
    return row


def rules_of(*rows: dict[str, Any]) -> set[tuple[str, str]]:
    frame = pd.DataFrame(list(rows))
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    return {(f.rule, f.level) for f in audit(frame, fake_context())}


def test_a_clean_case_has_no_finding() -> None:
    assert rules_of(case()) == set()


def test_a_region_in_the_cases_own_name_is_not_a_regional_figure() -> None:
    """A case named "Geo Life Region" counts its own staff: the word is the case's name, not
    the figure's scope; the same quotation about the region stays flagged."""
    note = '[staff 9 per https://fpx.se/a: "Totalt berörs cirka 9 medarbetare på Geo Life Region"]'
    figure = {"staff": 9, "staff_year": 2022, "staff_source": "s", "source_note": note}
    assert rules_of(case(name="Geo Life Region", **figure)) == set()
    regional = note.replace("på Geo Life Region", "in the region")
    assert ("figure-describes-region", WARNING) in rules_of(
        case(name="Geo Life Region", **{**figure, "source_note": regional})
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"coord_source": "country centroid: no place stated", "coord_precision": "region"},
            ("point-at-country-centroid", ERROR),
        ),
        (
            {"coord_source": "admin-1 representative point of One", "coord_precision": "region"},
            ("point-at-region-centre-with-city", ERROR),
        ),
        (
            {"coord_source": "admin-1 point", "coord_precision": "region", "city": None},
            ("point-at-region-centre", WARNING),
        ),
        ({"lat": 5.0, "lon": 5.0}, ("point-outside-country", ERROR)),
        ({"lon": 1.5}, ("point-outside-admin1", ERROR)),
        ({"city": "Beta"}, ("city-in-other-region", ERROR)),
        (
            {"sectors": "multi-sector", "name": "Pôle européen de la céramique"},
            ("generic-sector-named", ERROR),
        ),
        (
            {"sectors": "multi-sector", "source_note": "a cluster of Optik firms"},
            ("generic-sector-in-source", WARNING),
        ),
        (
            {"founded_year": 2012, "founded_year_source": "https://news.example/2012/05/launch"},
            ("founded-equals-publication", WARNING),
        ),
        (
            {"employees": 32600, "employees_year": None, "employees_source": "s"},
            ("figure-without-year", ERROR),
        ),
        (
            {
                "employees": 32600,
                "employees_year": 2024,
                "employees_source": "s",
                "source_note": '[employees 32600 per https://x.fr: "la filière nutrition-santé de la région '
                'emploie 32 600 salariés"]',
            },
            ("figure-describes-region", WARNING),
        ),
        (
            {
                "founded_year_source": "https://www.yumpu.com/fr/document/1",
                "source_url": "http://x.blogspot.com/a",
            },
            ("weak-hosts-only", WARNING),
        ),
        (
            {
                "unit_type": "statistical-cluster",
                "employees": 5000,
                "employees_year": 2016,
                "employees_source": "s",
            },
            ("statistical-unit-organisation-figure", ERROR),
        ),
    ],
)
def test_each_rule_catches_its_fault(change: dict[str, Any], expected: tuple[str, str]) -> None:
    assert expected in rules_of(case(**change))


def test_two_seats_at_one_point_are_an_error_and_one_seat_is_not() -> None:
    other_city = case(id="xa-other", city="Gamma")
    assert ("shared-point-other-seat", ERROR) in rules_of(case(), other_city)
    same_city = case(id="xa-same")
    assert rules_of(case(), same_city) == set()


def test_one_source_off_the_weak_hosts_is_enough() -> None:
    weak = {"founded_year_source": "https://www.yumpu.com/fr/document/1"}
    assert rules_of(case(**weak, source_url="https://cluster.example.org/about")) == set()
    # A source that is no address (a repository path, a seed file) is not a weak host either.
    assert rules_of(case(**weak, source_url="GitHub o/r: data/clusters.rds")) == set()


def test_the_shipped_table_rests_on_weak_hosts_for_at_most_five_percent() -> None:
    from curation.hosts import weak_only

    frame = pd.read_csv(CLUSTERS_CSV)
    assert weak_only(frame).mean() <= 0.05, frame.loc[weak_only(frame), "id"].tolist()


def test_counts_group_by_level_and_rule() -> None:
    findings = [Finding("a", "r", ERROR, ""), Finding("b", "r", ERROR, ""), Finding("a", "s", WARNING, "")]
    assert counts(findings) == {(ERROR, "r"): 2, (WARNING, "s"): 1}


def test_before_after_table_sets_both_side_by_side() -> None:
    frame = pd.DataFrame([case(area="europe"), case(id="xa-2", area="japan", policy_type="top-down")])
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    after = measure(frame)
    assert after["cases"]["all"] == 2 and after["policy_known_pct"]["japan"] == 100.0
    lines = before_after_lines({"cases": {"all": 1.0}}, after)
    assert any(line.startswith("| cases |") and "1 → 2" in line for line in lines)


def test_the_live_website_share_leaves_out_merged_and_ended_cases_only() -> None:
    rows = [
        case(id="xa-1", website="https://one.example/", status="active"),
        case(id="xa-2", status="ended"),
        case(id="xa-3", status="merged"),
        case(id="xa-4", status="unknown"),
        case(id="xa-5", unit_type="statistical-cluster", status="active"),
    ]
    frame = pd.DataFrame(rows)
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    after = {m: v["all"] for m, v in measure(frame).items()}
    assert after["website_pct"] == 25.0  # 1 of the 4 cases that are not statistical units
    assert after["website_live_pct"] == 50.0  # 1 of the 2 of them neither merged nor ended


@cache
def shipped_findings() -> list[Finding]:
    from curation.geo import load_admin1, load_gazetteer

    frame = pd.read_csv(CLUSTERS_CSV, dtype={"founded_year": "Int64"}, keep_default_na=False, na_values=[""])
    context = load_context(
        load_gazetteer(set(frame["country_iso2"])),
        load_admin1(GEO),
        load_aliases(RULES / "region_aliases.csv"),
        KEYWORDS,
    )
    return audit(frame, context)


def test_the_shipped_table_has_no_audit_error() -> None:
    errors = [f"{f.case_id} {f.rule}: {f.message}" for f in shipped_findings() if f.level == ERROR]
    assert errors == []


def test_a_case_not_placed_is_listed_not_drawn_and_shares_no_point() -> None:
    nowhere = {
        "lat": None,
        "lon": None,
        "coord_precision": "unknown",
        "coord_source": "not placed: no seat stated",
        "city": None,
        "admin1_id": None,
    }
    found = rules_of(case(id="xa-1", **nowhere), case(id="xa-2", **nowhere))
    assert found == {("not-placed", WARNING)}
    frame = pd.DataFrame([case(id="xa-1", **nowhere), case(id="xa-2", **nowhere), case(id="xa-3")])
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    after = {m: v["all"] for m, v in measure(frame).items()}
    assert after["not_placed"] == 2 and after["country_centroid"] == 0
    assert after["shared_point_cases"] == 0 and after["city_or_better_pct"] == round(100 / 3, 1)


def test_status_rules_refuse_a_status_without_source_or_successor() -> None:
    from curation.status import row_status

    with pytest.raises(ValueError, match="without a source"):
        row_status({"id": "x", "status": "ended"}, {})
    with pytest.raises(ValueError, match="not one of"):
        row_status({"id": "x", "status": "closed", "status_source": "https://s"}, {})
    status, _ = row_status(
        {"id": "x", "status": "ended", "status_year": "2019", "status_source": "https://s"}, {}
    )
    assert (status.status, status.year, status.source) == ("ended", 2019, "https://s")


def test_own_policy_needs_a_quote_and_a_source() -> None:
    from curation.status import row_policy

    assert row_policy({"id": "x", "policy_type": "top-down", "policy_basis_quote": "by law"}, {}) is None
    own = row_policy(
        {
            "id": "x",
            "policy_type": "top-down",
            "policy_basis_quote": "by law",
            "policy_basis_source": "https://s",
        },
        {},
    )
    assert own is not None and own.policy_type == "top-down"


def test_shipped_size_class_reads_no_regional_employment() -> None:
    frame = pd.read_csv(CLUSTERS_CSV)
    statistical = frame[frame["unit_type"] == "statistical-cluster"]
    assert statistical["regional_employees"].notna().sum() > 0
    assert statistical["employees"].isna().all() and statistical["size_class"].eq("unknown").all()
    assert frame.loc[frame["policy_basis"] == "statistical", "unit_type"].eq("statistical-cluster").all()


def test_the_status_filter_shows_merged_cases_with_a_successor() -> None:
    from data.filters import Filters
    from data.load import load_atlas
    from data.query import filter_clusters

    clusters = load_atlas().clusters
    merged = filter_clusters(clusters, Filters(statuses=frozenset({"merged"})))
    assert len(merged) == int(clusters["status"].eq("merged").sum()) > 0
    assert merged["status_source"].notna().all()
    linked = merged["successor_id"].dropna()
    assert linked.isin(clusters["id"]).all()


def test_curation_errors_are_exceptions_not_exits() -> None:
    from curation.pipeline import CurationError, check_targets, validate
    from data.schema import ProgrammeSchema

    with pytest.raises(CurationError, match="does not validate"):
        validate(pd.DataFrame({"id": ["Not A Slug"]}), ProgrammeSchema, "programmes.csv", "id")
    with pytest.raises(CurationError, match="targets not met"):
        check_targets(
            pd.DataFrame({"area": ["europe"], "lat": [1.0], "lon": [2.0], "coord_precision": ["city"]})
        )


@pytest.mark.parametrize("name", ["searched_s9.csv", "searched_s10.csv", "searched_s11.csv"])
def test_the_search_log_names_cases_of_the_atlas(name: str) -> None:
    """Each session's search log says why values are still empty: each row names cases the atlas
    has (ids are stable), what was looked for, and a count of look-ups."""
    log = pd.read_csv(RULES / name, dtype=str, keep_default_na=False)
    assert list(log.columns) == ["batch", "id", "looked_for", "lookups", "found", "note"]
    ids = set(pd.read_csv(CLUSTERS_CSV, usecols=["id"], dtype=str)["id"])
    named = {part.strip() for value in log["id"] for part in value.split(";")}
    assert named and named <= ids, sorted(named - ids)[:5]
    assert log["looked_for"].str.len().gt(0).all()
    assert pd.to_numeric(log["lookups"], errors="coerce").notna().mean() > 0.95
