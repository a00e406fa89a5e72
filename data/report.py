"""Summaries of the case table for the sources page: counts, sources and completeness."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlparse

import pandas as pd

from data.vocab import AREAS

# Fields whose completeness the sources page reports, in display order.
COMPLETENESS_FIELDS: Final[tuple[str, ...]] = (
    "founded_year",
    "size_class",
    "summary_en",
    "summary_fr",
    "website",
)


def cases_per_area(clusters: pd.DataFrame) -> pd.Series:
    """Number of cases in each area, in the atlas's area order (areas with none count 0)."""
    return clusters["area"].value_counts().reindex(list(AREAS), fill_value=0)


def source_host(source: str) -> str:
    """The web host of a source address, or the source text itself when it is not a URL."""
    host = urlparse(source.strip()).netloc
    return host.removeprefix("www.") if host else source.strip()


def source_counts(clusters: pd.DataFrame) -> pd.DataFrame:
    """Main sources grouped by host, with the number of cases citing each, most cited first."""
    hosts = clusters["source_url"].map(source_host)
    counts = hosts.value_counts().rename_axis("source").reset_index(name="cases")
    return counts.sort_values(["cases", "source"], ascending=[False, True], ignore_index=True)


def completeness(clusters: pd.DataFrame) -> pd.DataFrame:
    """Share of cases (0-1) with each field known, per area and overall."""
    known = pd.DataFrame(
        {
            field: clusters[field].ne("unknown") if field == "size_class" else clusters[field].notna()
            for field in COMPLETENESS_FIELDS
        }
    )
    known["area"] = clusters["area"].to_numpy()
    per_area = known.groupby("area").mean().reindex(list(AREAS))
    per_area.loc["all"] = known.drop(columns="area").mean()
    return per_area
