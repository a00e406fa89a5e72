"""Filter the case table and count the options of each filter (pure functions, no Streamlit).

What each filter keeps is declared with the filter, in ``data/filters.py``.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from data.filters import CHOICES, SIZE_MEASURES, Filters, SizeMeasure, masks
from data.vocab import LIST_SEPARATOR

# List filters and the case column each one reads.
CATEGORY_COLUMNS: Final[dict[str, str]] = {spec.name: spec.column for spec in CHOICES}
MULTI_VALUED: Final[frozenset[str]] = frozenset(spec.name for spec in CHOICES if spec.multi)


def _combine(clusters: pd.DataFrame, masks: dict[str, pd.Series], leave_out: str | None = None) -> pd.Series:
    mask = pd.Series(True, index=clusters.index)
    for field, part in masks.items():
        if field != leave_out:
            mask &= part
    return mask


def filter_mask(clusters: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean mask of the cases matching every active filter."""
    return _combine(clusters, masks(clusters, filters))


def filter_clusters(clusters: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the cases matching every active filter; the input is never modified."""
    active = masks(clusters, filters)
    if not active:
        return clusters
    return clusters.loc[_combine(clusters, active)]


def _value_counts(values: pd.Series, multi: bool) -> dict[str, int]:
    if multi:
        values = values.str.split(LIST_SEPARATOR).explode()
    counts = values.dropna().value_counts()
    return {str(key): int(count) for key, count in counts.items()}


def option_counts(clusters: pd.DataFrame, filters: Filters, field: str) -> dict[str, int]:
    """How many cases each value of ``field`` has under the *other* active filters."""
    return all_option_counts(clusters, filters)[field]


def all_option_counts(clusters: pd.DataFrame, filters: Filters) -> dict[str, dict[str, int]]:
    """Option counts of every list filter, computing each filter's mask only once."""
    active = masks(clusters, filters)
    return {
        spec.name: _value_counts(
            # Only the one column is taken: .loc[mask, column] would copy every column first.
            clusters[spec.column][_combine(clusters, active, leave_out=spec.name)],
            spec.multi,
        )
        for spec in CHOICES
    }


__all__ = [
    "CATEGORY_COLUMNS",
    "MULTI_VALUED",
    "SIZE_MEASURES",
    "Filters",
    "SizeMeasure",
    "all_option_counts",
    "filter_clusters",
    "filter_mask",
    "option_counts",
]
