"""Assembly of one output case row from a (merged) reference row and the rule tables."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from shapely.geometry.base import BaseGeometry

from curation.figures import (
    Figure,
    FigureAddition,
    FigureYearRule,
    addition_figure,
    founded_source,
    reference_figure,
)
from curation.geo import (
    Admin1Unit,
    CityProxy,
    Gazetteer,
    Location,
    RegionAlias,
    admin1_for_point,
    coord_source_from_note,
    locate,
    resolve_region,
)
from curation.programmes import Programme, ProgrammeMapEntry, area_slug, case_policy
from curation.sectors import SectorRule, resolve_sectors, sectors_from_detail
from curation.status import (
    STATISTICAL_UNIT,
    OwnPolicy,
    Period,
    Status,
    programme_status,
    row_policy,
    row_status,
)
from curation.summaries import SummaryInput, summary_en, summary_fr
from curation.text import Row, append_note, parse_int
from data.schema import FIGURES
from data.vocab import COORD_PRECISIONS, STATISTICAL_POLICY, size_class_for

URL_RE = re.compile(r"^https?://")


@dataclass(frozen=True)
class Rules:
    """Everything a case needs besides its own row."""

    sector_rules: list[SectorRule]
    name_rules: list[SectorRule]
    programme_map: Mapping[str, ProgrammeMapEntry]
    programmes: Mapping[str, Programme]
    overrides: Mapping[tuple[str, str], str]
    figure_years: Sequence[FigureYearRule]
    founded_sources: Mapping[str, tuple[str, str]]
    provenance: Mapping[tuple[str, str], FigureAddition]
    gazetteer: Gazetteer
    admin1: Mapping[str, list[Admin1Unit]]
    aliases: Mapping[tuple[str, str], RegionAlias]
    countries: Mapping[str, BaseGeometry]
    city_proxies: Mapping[tuple[str, str], CityProxy]
    keyword_rules: list[SectorRule] = field(default_factory=list)
    statuses: Mapping[str, tuple[Status, str]] = field(default_factory=dict)
    own_policies: Mapping[str, OwnPolicy] = field(default_factory=dict)
    regional_scope: Mapping[tuple[str, str], str] = field(default_factory=dict)
    periods: Mapping[str, Period] = field(default_factory=dict)


@dataclass
class CaseInfo:
    """What the report needs to know about how a case was built."""

    id: str
    name: str
    area: str
    country: str
    programme: str
    unit_type: str
    sector_basis: str
    unmatched_terms: list[str]
    location_method: str
    coord_source: str
    admin1_id: str | None
    figure_notes: list[str] = field(default_factory=list)
    publication_years: list[str] = field(default_factory=list)


def existing_location(row: Row) -> Location | None:
    """The reference coordinates of a row, if it has them."""
    if not row.get("lat") or not row.get("lon"):
        return None
    precision = row.get("coord_precision", "")
    if precision not in COORD_PRECISIONS:
        raise ValueError(f"{row['id']}: coordinates without a valid coord_precision ({precision!r})")
    source = coord_source_from_note(row.get("source_note", "")) or "reference table"
    return Location(float(row["lat"]), float(row["lon"]), precision, source, "reference")


def case_figures(row: Row, rules: Rules, info: CaseInfo) -> tuple[dict[str, Figure], str]:
    """Size figures kept in columns (with year and source) and the note additions."""
    note = row.get("source_note", "")
    kept: dict[str, Figure] = {}
    for name in FIGURES:
        addition = rules.provenance.get((row["id"], name))
        if addition is not None:
            figure = addition_figure(addition)
        else:
            value = parse_int(row.get(name, ""))
            if value is None:
                continue
            figure = reference_figure(
                row["id"],
                name,
                value,
                row.get("source_note", ""),
                row["source_url_or_repo_path"],
                rules.figure_years,
            )
        if figure.note:
            note = append_note(note, figure.note)
            target = info.publication_years if "publication" in figure.note else info.figure_notes
            target.append(f"{name} {figure.value}")
        if figure.year is not None and figure.source:
            kept[name] = figure
    return kept, note


def build_case(row: Row, rules: Rules) -> tuple[dict[str, object], CaseInfo]:
    """One clusters.csv row (column → value) and its report info."""
    cid = row["id"]
    override = {f: v for (i, f), v in rules.overrides.items() if i == cid}
    if "region_admin1" in override:
        row = {**row, "region_admin1": override["region_admin1"]}
    mapping = rules.programme_map.get(row["programme"])
    if mapping is None:
        raise ValueError(f"{cid}: programme {row['programme']!r} has no row in rules/programme_map.csv")
    programme_id = override.get("programme", mapping.programme_id)
    programme = rules.programmes[programme_id]
    unit_type = override.get("unit_type", mapping.unit_type)
    area = area_slug(row["area"])
    country = row["country_iso2"]

    sectors, basis = resolve_sectors(
        row.get("sectors", ""),
        row["name"],
        rules.sector_rules,
        rules.name_rules,
        override.get("sectors"),
        rules.keyword_rules,
    )
    _, unmatched = sectors_from_detail(row.get("sectors", ""), rules.sector_rules)

    located = locate(
        city=row.get("city", ""),
        region=row.get("region_admin1", ""),
        country=country,
        gazetteer=rules.gazetteer,
        units=rules.admin1[area],
        aliases=rules.aliases,
        countries=rules.countries,
        city_proxies=rules.city_proxies,
    )
    location = existing_location(row)
    if location is None:
        location = located
    elif location.precision == "region" and located.method == "city-proxy":
        # A sourced nearby place of the stated city beats a reference point standing for the region.
        location = located
    elif unit_type == "statistical-cluster" and location.precision == "region" and located.method == "city":
        # A statistical cluster's seat is its metro area's principal city, which the row names.
        location = replace(located, source=f"{located.source}: the metro area's principal city")
    region_text = row.get("region_admin1", "")
    stated = resolve_region(region_text, country, rules.admin1[area], rules.aliases) if region_text else None
    # One stated unit (not a macro-region's union) wins a point on its simplified border.
    stated_ids = (stated.units[0].id,) if stated is not None and len(stated.units) == 1 else ()
    placed = not math.isnan(location.lat)
    admin1 = (
        admin1_for_point(location.lat, location.lon, country, rules.admin1[area], stated_ids)
        if placed
        else None
    )

    policy_type, rationale = case_policy(
        programme, override.get("policy_type"), override.get("policy_rationale")
    )
    own = row_policy(row, rules.own_policies)
    policy_basis, basis_quote, basis_source = "programme", None, None
    if unit_type == STATISTICAL_UNIT:
        # Statistical units alike in every area: delineated by statistics, created by no policy.
        policy_basis, policy_type = "statistical", STATISTICAL_POLICY
        rationale = (
            "Statistical unit: an employment concentration delineated by statistics "
            f"(programme {programme_id}); no policy created it, so it has no policy type."
        )
    elif own is not None:
        policy_basis, policy_type, basis_quote, basis_source = "own", own.policy_type, own.quote, own.source
        rationale = f"Case policy type: {own.policy_type} — {own.reading or 'the case source quoted'}"
    status, status_quote = row_status(row, rules.statuses)
    info = CaseInfo(
        cid,
        row["name"],
        area,
        country,
        programme_id,
        unit_type,
        basis,
        unmatched,
        location.method,
        location.source,
        admin1,
    )

    figures, note = case_figures(row, rules, info)
    regional: Figure | None = None
    for name in list(figures):
        reason = rules.regional_scope.get((cid, name))
        if unit_type == STATISTICAL_UNIT or reason:
            figure = figures.pop(name)
            if name == "employees":
                regional = figure
                why = reason or "a statistical unit's employment"
                note = append_note(
                    note, f"employees {figure.value} kept as regional sector employment: {why}"
                )
            else:
                why = reason or "a statistical unit"
                note = append_note(note, f"{name} {figure.value} not kept as an organisation count: {why}")
    if not status_quote and status.status == "unknown":
        # A figure of a year after the programme's end shows the case lived on: no status then.
        years = [f.year for f in (*figures.values(), *([regional] if regional else [])) if f.year]
        status, status_quote = programme_status(
            status, unit_type, rules.periods.get(programme_id), latest=max(years, default=None)
        )
    if status_quote:
        note = append_note(note, f'status {status.status} per {status.source}: "{status_quote}"')
    if basis == "default":
        note = append_note(note, "sectors: none stated in the sources read; multi-sector by default")
    elif basis == "keywords":
        note = append_note(
            note,
            f"sectors: keywords of the name or stated wording ({';'.join(sectors)}; sector_keywords.csv)",
        )
    elif basis == "name":
        note = append_note(
            note, f"sectors: none stated in the sources read; taken from the name ({';'.join(sectors)})"
        )

    founded = parse_int(row.get("founded_year", ""))
    founded_addition = rules.provenance.get((cid, "founded_year"))
    founded_src: str | None = None
    if founded is not None:
        if founded_addition is not None and founded_addition.source_url:
            founded_src = founded_addition.source_url
        else:
            founded_src = founded_source(
                cid, row.get("source_note", ""), row["source_url_or_repo_path"], rules.founded_sources
            )

    website = row.get("website", "")
    if website and not URL_RE.match(website):
        note = append_note(note, f"website {website!r} not kept: not an http(s) address")
        website = ""

    summary = SummaryInput(
        name=row["name"],
        unit_type=unit_type,
        country=country,
        city=row.get("city", ""),
        region=row.get("region_admin1", ""),
        precise_place=bool(row.get("city"))
        and (location.precision in ("city", "exact") or location.method != "reference"),
        programme_en=programme.phrase_en,
        programme_fr=programme.phrase_fr,
        sectors=tuple(sectors),
        sector_basis=basis,
        founded_year=founded,
        figures=tuple((f, fig.value, fig.year) for f, fig in figures.items() if fig.year is not None),
    )

    out: dict[str, object] = {
        "id": cid,
        "name": row["name"],
        "name_local": row.get("name_local") or None,
        "unit_type": unit_type,
        "area": area,
        "country_iso2": country,
        "admin1_id": admin1,
        "region": row.get("region_admin1") or None,
        "city": row.get("city") or None,
        "lat": location.lat if placed else None,
        "lon": location.lon if placed else None,
        "coord_precision": location.precision,
        "coord_source": location.source,
        "sectors": ";".join(sectors),
        "sector_detail": row.get("sectors") or None,
        "programme": programme_id,
        "policy_type": policy_type,
        "policy_rationale": rationale,
        "policy_basis": policy_basis,
        "policy_basis_quote": basis_quote,
        "policy_basis_source": basis_source,
        "founded_year": founded,
        "founded_year_source": founded_src,
        "status": status.status,
        "status_year": status.year,
        "status_source": status.source,
        "successor_id": status.successor,
    }
    for name in FIGURES:
        kept = figures.get(name)
        out[name] = kept.value if kept else None
        out[f"{name}_year"] = kept.year if kept else None
        out[f"{name}_source"] = kept.source if kept else None
    out["regional_employees"] = regional.value if regional else None
    out["regional_employees_year"] = regional.year if regional else None
    out["regional_employees_source"] = regional.source if regional else None
    out["size_class"] = size_class_for(
        out["employees"] if isinstance(out["employees"], int) else None,
        out["members_firms"] if isinstance(out["members_firms"], int) else None,
        out["members_research"] if isinstance(out["members_research"], int) else None,
        out["members_total"] if isinstance(out["members_total"], int) else None,
    )
    out["summary_en"] = summary_en(summary)
    out["summary_fr"] = summary_fr(summary)
    out["website"] = website or None
    website_addition = rules.provenance.get((cid, "website"))
    website_src = website_addition.source_url if website_addition is not None else ""
    out["website_source"] = (website_src or row.get("website_source") or None) if website else None
    out["source_url"] = row["source_url_or_repo_path"]
    out["source_note"] = note or None
    return out, info
