"""Filter the case table and count the options of each filter (pure functions, no Streamlit)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd

from data.vocab import LIST_SEPARATOR

SizeMeasure = Literal["employees", "members_firms"]
SIZE_MEASURES: Final[tuple[SizeMeasure, ...]] = ("employees", "members_firms")

# Filter fields that choose among category values, and the case column each one reads.
CATEGORY_COLUMNS: Final[dict[str, str]] = {
    "areas": "area",
    "countries": "country_iso2",
    "sectors": "sectors",
    "policies": "policy_type",
    "programmes": "programme",
    "unit_types": "unit_type",
    "sizes": "size_class",
}
MULTI_VALUED: Final[frozenset[str]] = frozenset({"sectors"})


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the cases down to; an empty choice means "all"."""

    areas: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    policies: frozenset[str] = frozenset()
    programmes: frozenset[str] = frozenset()
    unit_types: frozenset[str] = frozenset()
    sizes: frozenset[str] = frozenset()
    include_unknown_size: bool = True
    size_measure: SizeMeasure = "employees"
    size_range: tuple[int, int] | None = None
    founded: tuple[int, int] | None = None
    text: str = ""

    def is_empty(self) -> bool:
        """True when no filter narrows the cases."""
        return self == Filters()

    def without(self, field: str) -> Filters:
        """The same filters with one field back at its default ("all")."""
        default: Any = getattr(Filters(), field)
        return dataclasses.replace(self, **{field: default})


def _has_any(sectors: pd.Series, wanted: frozenset[str]) -> pd.Series:
    padded = LIST_SEPARATOR + sectors.fillna("") + LIST_SEPARATOR
    mask = pd.Series(False, index=sectors.index)
    for sector in wanted:
        mask |= padded.str.contains(f"{LIST_SEPARATOR}{sector}{LIST_SEPARATOR}", regex=False)
    return mask


def _masks(clusters: pd.DataFrame, filters: Filters) -> dict[str, pd.Series]:
    """One boolean mask per active filter field (the non-category filters under "rest")."""
    masks: dict[str, pd.Series] = {}
    for field, column in CATEGORY_COLUMNS.items():
        wanted: frozenset[str] = getattr(filters, field)
        if field == "sizes" or not wanted:
            continue
        masks[field] = (
            _has_any(clusters[column], wanted) if field in MULTI_VALUED else clusters[column].isin(wanted)
        )
    unknown_size = clusters["size_class"].eq("unknown")
    if filters.sizes:
        masks["sizes"] = clusters["size_class"].isin(filters.sizes) | (
            unknown_size & filters.include_unknown_size
        )
    rest = pd.Series(True, index=clusters.index)
    if not filters.sizes and not filters.include_unknown_size:
        rest &= ~unknown_size
    if filters.size_range is not None:
        low, high = filters.size_range
        measure = clusters[filters.size_measure]
        in_range = measure.between(low, high).fillna(False).astype(bool)
        rest &= in_range | (measure.isna() & filters.include_unknown_size)
    if filters.founded is not None:
        first, last = filters.founded
        rest &= clusters["founded_year"].between(first, last).fillna(False).astype(bool)
    text = filters.text.strip().casefold()
    if text:
        names = (
            clusters["name"].fillna("")
            + " "
            + clusters["name_local"].fillna("")
            + " "
            + clusters["city"].fillna("")
        )
        rest &= names.str.casefold().str.contains(text, regex=False)
    masks["rest"] = rest
    return masks


def _combine(clusters: pd.DataFrame, masks: dict[str, pd.Series], leave_out: str | None = None) -> pd.Series:
    mask = pd.Series(True, index=clusters.index)
    for field, part in masks.items():
        if field != leave_out:
            mask &= part
    return mask


def filter_mask(clusters: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean mask of the cases matching every active filter."""
    return _combine(clusters, _masks(clusters, filters))


def filter_clusters(clusters: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the cases matching every active filter; the input is never modified."""
    if filters.is_empty():
        return clusters
    return clusters.loc[filter_mask(clusters, filters)]


def _value_counts(values: pd.Series, multi: bool) -> dict[str, int]:
    if multi:
        values = values.str.split(LIST_SEPARATOR).explode()
    counts = values.dropna().value_counts()
    return {str(key): int(count) for key, count in counts.items()}


def option_counts(clusters: pd.DataFrame, filters: Filters, field: str) -> dict[str, int]:
    """How many cases each value of ``field`` has under the *other* active filters."""
    return all_option_counts(clusters, filters)[field]


def all_option_counts(clusters: pd.DataFrame, filters: Filters) -> dict[str, dict[str, int]]:
    """Option counts of every category filter, computing each filter's mask only once."""
    masks = _masks(clusters, filters)
    return {
        field: _value_counts(
            # Only the one column is taken: .loc[mask, column] would copy every column first.
            clusters[column][_combine(clusters, masks, leave_out=field)],
            field in MULTI_VALUED,
        )
        for field, column in CATEGORY_COLUMNS.items()
    }
