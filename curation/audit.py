"""The data audit: rules checked on every case row, each finding an error or a warning.

Run by `python -m curation` (counts and findings in data/REPORT.md) and by
tests/unit/test_audit.py on data/clusters.csv (no error allowed). A rule is a function of the
whole table (some compare rows) that yields findings; the table is never changed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from curation.geo import (
    Admin1Unit,
    Gazetteer,
    RegionAlias,
    city_candidates,
    resolve_region,
)
from curation.hosts import cited_hosts, weak_of
from curation.sectors import SectorRule
from curation.text import split_cell
from data.schema import FIGURES as ORGANISATION_FIGURES
from data.text import fold
from data.vocab import UNPLACED
from geo import boundaries
from geo.spatial import COAST_TOLERANCE_DEG, join_regions

ERROR: Final[str] = "error"
WARNING: Final[str] = "warning"

CENTROID_PREFIX: Final[str] = "country centroid"
TERRITORIES: Final[dict[str, str]] = {"PR": "US"}
FIGURE_NOTE: Final[str] = r"\[{field} (\d+) per (\S+): \"([^\"]*)\""
# Words by which a figure's quotation describes a region's or a sector's workforce (en, fr, de,
# it, es): such a figure is not the organisation's own count.
REGIONAL_WORDS: Final[re.Pattern[str]] = re.compile(
    r"\b(region|regional|regione|regionale|la region|de la region|metropolregion|bundesland|"
    r"filiere|secteur|sector|settore|branche|metropolitan|metro area|in the state|statewide|"
    r"dans la region|in der region|des landes|del territorio|comarca)\b"
)
YEAR_IN_URL: Final[re.Pattern[str]] = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-2][0-9])(?![0-9])")


@dataclass(frozen=True)
class Finding:
    """One rule broken by one case."""

    case_id: str
    rule: str
    level: str
    message: str


@dataclass(frozen=True)
class AuditContext:
    """What the rules read besides the table."""

    admin1: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    # (country, city) → admin-1 ids of every gazetteer place of that name.
    city_admin1: Callable[[str, str], frozenset[str]]
    # (country, region text) → admin-1 ids the text names (None: not resolved).
    region_admin1: Callable[[str, str], frozenset[str] | None]
    sector_keywords: Sequence[SectorRule]


Rule = Callable[[pd.DataFrame, AuditContext], Iterator[Finding]]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as column → value mappings."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def text(value: object) -> str:
    """A cell as text ('' when missing)."""
    return (
        "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)
    )


def centre_points(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """A point at a country's centroid (error), or at a region's centre although the row names a
    city (error) or names none (warning: the seat is not known). A case with no place stated is
    not drawn (warning: listed off the map)."""
    for row in records(frame):
        source, city = text(row["coord_source"]), text(row["city"])
        if row["coord_precision"] == UNPLACED:
            yield Finding(
                row["id"], "not-placed", WARNING, "no seat stated in the sources read: listed, not drawn"
            )
        elif source.startswith(CENTROID_PREFIX):
            yield Finding(
                row["id"], "point-at-country-centroid", ERROR, f"drawn at the country's centre ({source})"
            )
        elif row["coord_precision"] == "region":
            if city and not source.startswith("GeoNames") and "as proxy for" not in source:
                yield Finding(
                    row["id"],
                    "point-at-region-centre-with-city",
                    ERROR,
                    f"drawn at a region centre although the row names the city {city!r}",
                )
            elif city:
                yield Finding(
                    row["id"], "point-at-proxy-city", WARNING, f"{city!r} drawn at a stated nearby city"
                )
            else:
                yield Finding(
                    row["id"], "point-at-region-centre", WARNING, "no seat city found in the sources read"
                )


def point_key(frame: pd.DataFrame) -> pd.Series:
    """Identical points (coordinates to 5 decimals)."""
    return frame["lat"].round(5).astype(str) + "," + frame["lon"].round(5).astype(str)


def shared_points(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """Two cases of different seats at one point (error when both name their city, else warning)."""
    frame = frame[frame["lat"].notna()]
    key = point_key(frame)
    for _, group in frame.groupby(key):
        if len(group) < 2:
            continue
        cities = {fold(text(c)) for c in group["city"]}
        named = cities - {""}
        if len(named) > 1:
            for row in records(group):
                yield Finding(
                    row["id"],
                    "shared-point-other-seat",
                    ERROR,
                    f"shares its point with {len(group) - 1} case(s) of other cities "
                    f"({', '.join(sorted(named))})",
                )
        elif "" in cities and len(group) > 1:
            for row in records(group):
                if not text(row["city"]):
                    yield Finding(
                        row["id"],
                        "shared-point-unknown-seat",
                        WARNING,
                        f"shares its point with {len(group) - 1} case(s); its own seat is not known",
                    )


def outside(frame: pd.DataFrame, context: AuditContext) -> Iterator[Finding]:
    """A point outside its country, or outside its admin1_id polygon (coastal tolerance 0.1°)."""
    frame = frame[frame["lat"].notna()]
    # Puerto Rico is a polygon of its own in the boundary file, and a US territory.
    borders = context.countries.assign(iso_a2=context.countries["iso_a2"].replace(TERRITORIES))
    country = join_regions(frame, borders, key="iso_a2", country_column="iso_a2")
    polygons = dict(zip(context.admin1["id"], context.admin1.geometry, strict=True))
    for index, row in zip(frame.index, records(frame), strict=True):
        if country[index] is None:
            yield Finding(
                row["id"],
                "point-outside-country",
                ERROR,
                f"({row['lat']}, {row['lon']}) is not in {row['country_iso2']}",
            )
        admin1 = text(row["admin1_id"])
        spot = Point(float(row["lon"]), float(row["lat"]))
        if admin1 and (admin1 not in polygons or polygons[admin1].distance(spot) > COAST_TOLERANCE_DEG):
            yield Finding(
                row["id"],
                "point-outside-admin1",
                ERROR,
                f"({row['lat']}, {row['lon']}) is more than {COAST_TOLERANCE_DEG}° from {admin1}",
            )


def city_region(frame: pd.DataFrame, context: AuditContext) -> Iterator[Finding]:
    """A city the gazetteer places in another region than the one the row states."""
    for row in records(frame):
        city, region = text(row["city"]), text(row["region"])
        if not city or not region:
            continue
        stated = context.region_admin1(row["country_iso2"], region)
        place = context.city_admin1(row["country_iso2"], split_cell(city)[0] if ";" in city else city)
        if stated and place and not place & stated:
            yield Finding(
                row["id"],
                "city-in-other-region",
                ERROR,
                f"the gazetteer places {city!r} in {', '.join(sorted(place))}; the row states {region!r} "
                f"({', '.join(sorted(stated))})",
            )


def keyword_sectors(words: str, rules: Sequence[SectorRule]) -> list[str]:
    """Sectors whose keywords occur in a text (every matching rule)."""
    folded = fold(words)
    found: list[str] = []
    for rule in rules:
        if rule.pattern.search(folded):
            found += [s for s in rule.sectors if s not in found]
    return found


def generic_sectors(frame: pd.DataFrame, context: AuditContext) -> Iterator[Finding]:
    """A case left at multi-sector although its name or stated sector names one (error), or its
    source note does (warning)."""
    for row in records(frame):
        if row["sectors"] != "multi-sector":
            continue
        own = " ".join(text(v) for v in (row["name"], row["name_local"], row["sector_detail"]))
        named = keyword_sectors(own, context.sector_keywords)
        if named:
            yield Finding(
                row["id"],
                "generic-sector-named",
                ERROR,
                f"multi-sector, but the name or stated sector says {';'.join(named)}",
            )
            continue
        noted = keyword_sectors(text(row["source_note"]), context.sector_keywords)
        if noted:
            yield Finding(
                row["id"],
                "generic-sector-in-source",
                WARNING,
                f"multi-sector; the source note mentions {';'.join(noted)}",
            )


def figure_quotes(note: str, field: str) -> list[tuple[int, str, str]]:
    """(value, source, quotation) of the figure notes of a field in a source note."""
    pattern = re.compile(FIGURE_NOTE.format(field=re.escape(field)))
    return [(int(m.group(1)), m.group(2).strip(), m.group(3)) for m in pattern.finditer(note)]


def speaks_of_region(quote: str, *own_names: str) -> bool:
    """Whether a quotation speaks of a region or sector, leaving out the case's own names
    (a figure of "Geo Life Region" or of "Luftfahrtcluster Metropolregion Hamburg e.V." is the
    organisation's)."""
    folded = fold(quote)
    for name in own_names:
        if fold(name):
            folded = folded.replace(fold(name), " ")
    return REGIONAL_WORDS.search(folded) is not None


def regional_figures(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """An organisation figure whose source describes a region or sector; a statistical cluster
    with an organisation figure."""
    for row in records(frame):
        own_names = (text(row["name"]), text(row.get("name_local")))
        for field in ORGANISATION_FIGURES:
            value = row[field]
            if value is None or pd.isna(value):
                continue
            if row["unit_type"] == "statistical-cluster":
                yield Finding(
                    row["id"],
                    "statistical-unit-organisation-figure",
                    ERROR,
                    f"{field} {value} on a statistical cluster",
                )
                continue
            for quoted_value, _source, quote in figure_quotes(text(row["source_note"]), field):
                if quoted_value == int(value) and speaks_of_region(quote, *own_names):
                    yield Finding(
                        row["id"],
                        "figure-describes-region",
                        WARNING,
                        f'{field} {value}: the quotation speaks of a region or sector: "{quote[:120]}"',
                    )


def figure_years(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """A figure without the year it describes (error); a figure dated by its source's publication
    (warning)."""
    for row in records(frame):
        note = text(row["source_note"])
        for field in (
            *ORGANISATION_FIGURES,
            *(["regional_employees"] if "regional_employees" in frame else []),
        ):
            value = row[field]
            if value is None or pd.isna(value):
                continue
            if pd.isna(row[f"{field}_year"]):
                yield Finding(row["id"], "figure-without-year", ERROR, f"{field} {value} has no year")
            elif re.search(rf"\b{field} {int(value)}\b[^\]]*publication", note):
                yield Finding(
                    row["id"],
                    "figure-year-is-publication",
                    WARNING,
                    f"{field} {value}: year read off the publication date",
                )


def founded_publication(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """A founding year equal to the year in its source's address (often the publication date)."""
    for row in records(frame):
        year = row["founded_year"]
        if year is None or pd.isna(year):
            continue
        years = {int(y) for y in YEAR_IN_URL.findall(text(row["founded_year_source"]))}
        if int(year) in years:
            yield Finding(
                row["id"],
                "founded-equals-publication",
                WARNING,
                f"founded {int(year)} = the year in its source's address "
                f"({text(row['founded_year_source'])[:90]})",
            )


def status_links(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """A merged case names an existing successor; a status other than active has a year or a source."""
    if "status" not in frame.columns:
        return
    ids = set(frame["id"])
    for row in records(frame):
        status = text(row["status"])
        if status == "merged" and text(row["successor_id"]) and text(row["successor_id"]) not in ids:
            yield Finding(
                row["id"],
                "successor-missing",
                ERROR,
                f"merged into {text(row['successor_id'])!r}, not a case id",
            )
        if status in ("merged", "ended") and not text(row["status_source"]):
            yield Finding(row["id"], "status-without-source", ERROR, f"{status} without a source")


def weak_sources(frame: pd.DataFrame, _: AuditContext) -> Iterator[Finding]:
    """A case whose every cited source is on a document dump, a wiki mirror or a blog (warning;
    the issue allows 5 % of the cases, REPORT.md measures the share)."""
    cited = cited_hosts(frame)
    for case_id, weak, names in zip(frame["id"], weak_of(cited), cited, strict=True):
        if weak:
            yield Finding(
                case_id,
                "weak-hosts-only",
                WARNING,
                f"every source is a document dump, wiki mirror or blog ({', '.join(sorted(set(names)))})",
            )


RULES: Final[tuple[Rule, ...]] = (
    centre_points,
    shared_points,
    outside,
    city_region,
    generic_sectors,
    regional_figures,
    figure_years,
    founded_publication,
    status_links,
    weak_sources,
)


def audit(frame: pd.DataFrame, context: AuditContext) -> list[Finding]:
    """Every finding of every rule, in rule order then table order."""
    return [finding for rule in RULES for finding in rule(frame.reset_index(drop=True), context)]


def counts(findings: Sequence[Finding]) -> dict[tuple[str, str], int]:
    """(level, rule) → number of findings."""
    out: dict[tuple[str, str], int] = {}
    for finding in findings:
        out[(finding.level, finding.rule)] = out.get((finding.level, finding.rule), 0) + 1
    return dict(sorted(out.items()))


def report_lines(
    findings: Sequence[Finding], before: Mapping[tuple[str, str], int] | None = None
) -> list[str]:
    """The audit section of REPORT.md: counts by rule, then every error and every warning."""
    lines = ["| level | rule | cases |", "|---|---|---|"]
    lines += [f"| {level} | {rule} | {n} |" for (level, rule), n in counts(findings).items()]
    if not findings:
        lines.append("| – | none | 0 |")
    for level in (ERROR, WARNING):
        chosen = [f for f in findings if f.level == level]
        lines += ["", f"{level.capitalize()}s ({len(chosen)}):", ""]
        lines += [f"- `{f.case_id}` {f.rule}: {f.message}" for f in chosen] or ["- none"]
    return lines


def load_context(
    gazetteer: Gazetteer,
    units: Mapping[str, list[Admin1Unit]],
    aliases: Mapping[tuple[str, str], RegionAlias],
    sector_keywords: Sequence[SectorRule],
) -> AuditContext:
    """The audit's context from the curation's own gazetteer, admin-1 units and alias table."""
    regions = boundaries.all_admin1()
    country_units = {u.country: area for area, listed in units.items() for u in listed}

    @cache
    def city_admin1(country: str, city: str) -> frozenset[str]:
        """Regions within the coastal tolerance of any place of that name (borders are simplified)."""
        own = regions[regions["country_iso_a2"] == country]
        ids: set[str] = set()
        for place in city_candidates(gazetteer, country, city):
            spot = Point(place.lon, place.lat)
            ids.update(
                str(i)
                for i, g in zip(own["id"], own.geometry, strict=True)
                if g.distance(spot) <= COAST_TOLERANCE_DEG
            )
        return frozenset(ids)

    @cache
    def region_admin1(country: str, region: str) -> frozenset[str] | None:
        area = country_units.get(country)
        if area is None:
            return None
        ids: set[str] = set()
        for part in split_cell(region):
            match = resolve_region(part, country, units[area], aliases)
            if match is not None:
                ids.update(u.id for u in match.units)
        return frozenset(ids) or None

    return AuditContext(regions, boundaries.countries(), city_admin1, region_admin1, sector_keywords)
