"""One case in detail: its facts field by field, and the cases related to it (pure functions)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from data.localised import Localised
from data.schema import FIGURES, REGIONAL_FIGURES
from data.vocab import split_list

EARTH_RADIUS_KM: Final[float] = 6371.0
NEARBY_KM: Final[float] = 300.0
MAX_RELATED: Final[int] = 6


@dataclass(frozen=True)
class Figure:
    """A size figure with the year it describes and its source."""

    name: str
    value: int
    year: int | None
    source: str | None


def known(value: object) -> bool:
    """True unless the value is missing (None, NaN, NA or blank text)."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def case_row(clusters: pd.DataFrame, case_id: str) -> pd.Series | None:
    """The row of one case, or None when the id is unknown."""
    # Positions first: a boolean .loc would copy every column of the table to keep one row.
    positions = np.flatnonzero(clusters["id"].to_numpy() == case_id)
    return clusters.iloc[int(positions[0])] if len(positions) else None


def figures(case: pd.Series) -> list[Figure]:
    """The size figures a source gives for the case, each with its year and source."""
    return [
        Figure(
            name=name,
            value=int(case[name]),
            year=int(case[f"{name}_year"]) if known(case[f"{name}_year"]) else None,
            source=str(case[f"{name}_source"]) if known(case[f"{name}_source"]) else None,
        )
        for name in FIGURES
        if known(case[name])
    ]


def cited_sources(case: pd.Series) -> list[tuple[str, str]]:
    """Each distinct source address of a case with what it supports, main source first.

    What it supports is a key: ``main``, ``founded_year`` or a size figure's column name.
    """
    columns = [("main", "source_url"), ("founded_year", "founded_year_source")]
    columns += [(name, f"{name}_source") for name in (*FIGURES, *REGIONAL_FIGURES)]
    columns += [("status", "status_source"), ("policy_basis", "policy_basis_source")]
    found: dict[str, list[str]] = {}
    for what, column in columns:
        value = case[column]
        if not known(value) or (what not in ("main", "status", "policy_basis") and not known(case[what])):
            continue
        for part in str(value).split(" ; "):
            if part.strip():
                found.setdefault(part.strip(), []).append(what)
    return [(address, ",".join(whats)) for address, whats in found.items()]


def sources(case: pd.Series) -> list[str]:
    """Every distinct source address of a case."""
    return [address for address, _ in cited_sources(case)]


# The build steps mark sector words taken from a case's name, not stated by a source, with this
# English marker (curation/text.py FROM_NAME); the app shows it in the reader's language.
FROM_NAME_MARK: Final[str] = "(from name)"


def sector_words(detail: object) -> tuple[str, bool] | None:
    """A case's own sector words (in the source's language) and whether they come from its name.

    Examples
    --------
    >>> sector_words("Bioökonomie (from name)"), sector_words("génomique;biothérapies"), sector_words(None)
    (('Bioökonomie', True), ('génomique;biothérapies', False), None)
    """
    if not known(detail):
        return None
    text = str(detail).strip()
    from_name = text.endswith(FROM_NAME_MARK)
    return text.removesuffix(FROM_NAME_MARK).strip(), from_name


def summary(case: pd.Series, lang: str) -> tuple[str | None, bool]:
    """The summary in the language if the data has it, else in English or another language the
    data has, and whether it fell back."""
    text, written_in = Localised.from_fields(case.to_dict(), "summary").pick(lang)
    return (text, written_in != lang) if text else (None, False)


def distance_km(lat1: float, lon1: float, lat2: pd.Series, lon2: pd.Series) -> pd.Series:
    """Great-circle distances from one point to many (haversine).

    Examples
    --------
    >>> round(float(distance_km(0.0, 0.0, pd.Series([0.0]), pd.Series([1.0])).iloc[0]), 1)
    111.2
    """
    phi1 = math.radians(lat1)
    phi2 = np.radians(lat2.to_numpy(dtype=np.float64))
    dphi = phi2 - phi1
    dlambda = np.radians(lon2.to_numpy(dtype=np.float64) - lon1)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return pd.Series(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a))), index=lat2.index)


@dataclass(frozen=True)
class Related:
    """Cases related to one case, by the reason they are related."""

    same_programme: list[str]
    same_sector_nearby: list[str]


def placed(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases that have a point (a case whose sources state no seat has none: it is listed,
    never drawn at its country's centre)."""
    return cases.loc[cases["lat"].notna() & cases["lon"].notna()]


def unplaced(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases that have no point, so no map draws them."""
    return cases.loc[cases["lat"].isna() | cases["lon"].isna()]


def related_cases(clusters: pd.DataFrame, case_id: str, limit: int = MAX_RELATED) -> Related:
    """Other cases of the same programme (nearest first) and cases sharing a sector within 300 km."""
    case = case_row(clusters, case_id)
    if case is None:
        return Related([], [])
    columns = clusters[["id", "lat", "lon", "programme", "sectors"]]  # not the whole table
    others = columns.loc[columns["id"] != case_id]
    distances = distance_km(float(case["lat"]), float(case["lon"]), others["lat"], others["lon"])
    by_distance = others.assign(_km=distances).sort_values(["_km", "id"])
    same_programme = by_distance.loc[by_distance["programme"] == case["programme"], "id"]
    sectors = set(split_list(case["sectors"]))
    shares = by_distance["sectors"].map(lambda cell: bool(sectors & set(split_list(cell))))
    nearby = by_distance.loc[shares & (by_distance["_km"] <= NEARBY_KM), "id"]
    return Related(
        same_programme=same_programme.head(limit).tolist(),
        same_sector_nearby=[i for i in nearby if i not in set(same_programme.head(limit))][:limit],
    )
