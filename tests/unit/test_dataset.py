"""Checks of the shipped dataset: counts, coordinates, joins, provenance of every figure."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from data.cases import placed
from data.load import Atlas
from data.schema import FIGURES
from data.vocab import AREAS, STATISTICAL_POLICY, UNPLACED
from geo.boundaries import ADMIN1_FILES, admin1, countries

MIN_CASES = 280
MIN_PER_AREA = 40
# Boundaries are simplified to about 5 km (countries) and 1 km (regions), and coastal
# cities can sit just off them; within this distance a point still counts as inside.
TOLERANCE_DEG = 0.2


def points(clusters: pd.DataFrame) -> gpd.GeoDataFrame:
    clusters = placed(clusters)
    return gpd.GeoDataFrame(
        clusters[["id", "country_iso2", "admin1_id", "area"]],
        geometry=gpd.points_from_xy(clusters["lon"], clusters["lat"]),
        crs="EPSG:4326",
    )


def test_enough_cases_in_every_area(atlas: Atlas) -> None:
    counts = atlas.clusters["area"].value_counts()
    assert (n := len(atlas.clusters)) >= MIN_CASES, f"Expected at least {MIN_CASES} cases, found {n}"
    for area in AREAS:
        assert counts.get(area, 0) >= MIN_PER_AREA, f"{area}: {counts.get(area, 0)} cases"


def test_every_case_has_coordinates_unless_no_seat_is_stated(atlas: Atlas) -> None:
    clusters = atlas.clusters
    without = clusters["lat"].isna() | clusters["lon"].isna()
    assert clusters.loc[~without, "coord_precision"].ne(UNPLACED).all()
    # A case not placed says why, and never sits at its country's centre.
    assert clusters.loc[without, "coord_precision"].eq(UNPLACED).all()
    assert clusters.loc[without, "coord_source"].str.startswith("not placed").all()
    assert not clusters["coord_source"].str.startswith("country centroid").any()


@pytest.mark.filterwarnings("ignore:Geometry is in a geographic CRS")
def test_coordinates_fall_in_the_case_country(atlas: Atlas) -> None:
    # Puerto Rico is its own polygon in the boundary file, and a US territory.
    frame = countries().dropna(subset=["iso_a2"])
    borders = frame.assign(iso_a2=frame["iso_a2"].replace({"PR": "US"})).set_index("iso_a2")
    cases = points(atlas.clusters)
    far = [
        (row.id, row.country_iso2)
        for row in cases.itertuples()
        if row.country_iso2 not in borders.index
        or borders.loc[[row.country_iso2]].distance(row.geometry).min() > TOLERANCE_DEG
    ]
    assert not far, f"points outside their country: {far}"


@pytest.mark.filterwarnings("ignore:Geometry is in a geographic CRS")
@pytest.mark.parametrize("area", sorted(ADMIN1_FILES))
def test_admin1_id_agrees_with_point_in_polygon(atlas: Atlas, area: str) -> None:
    regions = admin1(area)[["id", "geometry"]].rename(columns={"id": "region_id"})
    cases = points(atlas.clusters[atlas.clusters["area"] == area])
    joined = gpd.sjoin(cases, regions, how="left", predicate="within")
    inside = joined.dropna(subset=["region_id"])
    by_id = regions.set_index("region_id")
    # A stated region wins a point on its simplified border (within the tolerance).
    wrong = [
        (row.id, row.admin1_id, row.region_id)
        for row in inside.itertuples()
        if row.admin1_id != row.region_id
        and (
            row.admin1_id not in by_id.index
            or by_id.loc[row.admin1_id].geometry.distance(row.geometry) > TOLERANCE_DEG
        )
    ]
    assert not wrong, wrong
    outside = joined[joined["region_id"].isna() & joined["admin1_id"].notna()]
    for row in outside.itertuples():
        assert by_id.loc[row.admin1_id].geometry.distance(row.geometry) <= TOLERANCE_DEG, row.id


@pytest.mark.parametrize("figure", FIGURES)
def test_every_figure_has_year_and_source(atlas: Atlas, figure: str) -> None:
    clusters = atlas.clusters
    present = clusters[figure].notna()
    assert clusters.loc[present, f"{figure}_year"].notna().all()
    assert clusters.loc[present, f"{figure}_source"].str.len().gt(0).all()


def test_every_founding_year_has_a_source(atlas: Atlas) -> None:
    present = atlas.clusters["founded_year"].notna()
    assert atlas.clusters.loc[present, "founded_year_source"].notna().all()


def test_statistical_clusters_never_mix_with_organisations(atlas: Atlas) -> None:
    clusters = atlas.clusters
    cmp = clusters[clusters["programme"] == "us-cmp"]
    assert len(cmp) > 0 and cmp["unit_type"].eq("statistical-cluster").all()
    statistical = clusters["unit_type"] == "statistical-cluster"
    programmes = set(clusters.loc[statistical, "programme"])
    mixed = clusters[clusters["programme"].isin(programmes) & ~statistical]
    assert mixed.empty, f"programmes mixing statistical and other units: {set(mixed['programme'])}"


def test_statistical_units_share_one_policy_rule_in_every_area(atlas: Atlas) -> None:
    """US Cluster Mapping clusters and Istat districts alike: not a policy, never an unknown type."""
    clusters = atlas.clusters
    statistical = clusters["unit_type"] == "statistical-cluster"
    assert set(clusters.loc[statistical, "country_iso2"]) >= {"US", "IT"}
    assert clusters.loc[statistical, "policy_type"].eq(STATISTICAL_POLICY).all()
    assert clusters.loc[statistical, "policy_basis"].eq("statistical").all()
    assert not clusters.loc[~statistical, "policy_type"].eq(STATISTICAL_POLICY).any()


def test_policy_type_is_known_for_most_cases(atlas: Atlas) -> None:
    """Issue #15: a known policy type for at least 85 % of the cases a policy could make."""
    sited = atlas.clusters[atlas.clusters["unit_type"] != "statistical-cluster"]
    assert sited["policy_type"].ne("unknown").mean() >= 0.85


def test_every_case_has_a_summary_in_both_languages(atlas: Atlas) -> None:
    for column in ("summary_en", "summary_fr"):
        missing = atlas.clusters.loc[atlas.clusters[column].isna(), "id"].tolist()
        assert not missing, f"{column} missing for {missing[:10]}"


def test_every_case_says_why_its_policy_type_in_french(atlas: Atlas) -> None:
    """The rationale is the atlas's own text: it exists in French too (quotations kept as they are)."""
    clusters = atlas.clusters
    missing = clusters.loc[clusters["policy_rationale_fr"].isna(), "policy_rationale"].unique()
    assert not len(missing), (
        "add the French of these readings (the text after ' — ') to data/inputs/rules/rationales_fr.csv, "
        f"then rerun python -m curation: {list(missing)}"
    )
    english = clusters["policy_rationale_fr"].str.contains(r"\b(?:the|of|which|policy type)\b", regex=True)
    quoted = clusters["policy_rationale_fr"].str.contains('"', regex=False)
    assert not (english & ~quoted).any(), clusters.loc[english & ~quoted, "id"].tolist()


def test_every_programme_states_its_policy_basis(atlas: Atlas) -> None:
    assert atlas.programmes["policy_rationale"].str.len().gt(10).all()
    used = set(atlas.clusters["programme"])
    assert used <= set(atlas.programmes["id"])


def test_programme_figures_cite_a_source(atlas: Atlas) -> None:
    figures = atlas.programme_figures
    assert len(figures) > 0
    assert figures["source"].str.len().gt(0).all()
    assert (figures["year"].notna() | figures["year_basis"].eq("not-stated")).all()
