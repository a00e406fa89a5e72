"""Controlled vocabularies of the case table and the derived size class."""

from __future__ import annotations

import math
from typing import Final

AREAS: Final[tuple[str, ...]] = ("europe", "united-states", "japan", "maghreb")

# NOTE: the first eight are the sectors of the INNET survey of 91 European clusters
# (seed 002); the others cover what the reference cases add (aerospace, agri-food, ...).
INNET_SECTORS: Final[tuple[str, ...]] = (
    "production-processes",
    "ict",
    "energy-environment",
    "micro-nano-opto",
    "new-materials",
    "health-medicine",
    "life-sciences",
    "mobility-transportation",
)
SECTORS: Final[tuple[str, ...]] = (
    *INNET_SECTORS,
    "aerospace-defence",
    "agrifood",
    "chemicals",
    "consumer-goods",
    "maritime",
    "creative-industries",
    "business-services",
    "multi-sector",
)

UNIT_TYPES: Final[tuple[str, ...]] = (
    "cluster-organisation",
    "programme-cluster",
    "technopole",
    "statistical-cluster",
)
# "statistical": a statistical unit (US Cluster Mapping clusters, Istat industrial districts), made
# by no policy; shown as "not a policy (statistical unit)" rather than an unknown type. Unknown last.
POLICY_TYPES: Final[tuple[str, ...]] = ("top-down", "bottom-up", "hybrid", "statistical", "unknown")
# The value every statistical unit has, in every area alike.
STATISTICAL_POLICY: Final[str] = "statistical"
SIZE_CLASSES: Final[tuple[str, ...]] = ("small", "medium", "large", "unknown")
# "unknown": no seat stated in the sources read. Such a case has no point (lat/lon empty): it is
# listed in the table and its card, never drawn at its country's centre.
COORD_PRECISIONS: Final[tuple[str, ...]] = ("exact", "city", "region", "unknown")
UNPLACED: Final[str] = "unknown"
# Status over time: 'unknown' until a source says active, merged (into successor_id) or ended.
STATUSES: Final[tuple[str, ...]] = ("active", "merged", "ended", "unknown")
# Statuses of cases that no longer exist as such: hidden from the default map (today's view).
PAST_STATUSES: Final[tuple[str, ...]] = ("merged", "ended")
# A programme's period: ended, ongoing (as a source says); empty when no source says either.
PERIOD_STATES: Final[tuple[str, ...]] = ("ended", "ongoing")
# Where a case's policy type comes from: its programme's type, its own sources, or a statistical
# delineation (no policy created the unit; the US and Italian statistical clusters alike).
POLICY_BASES: Final[tuple[str, ...]] = ("programme", "own", "statistical")

# NOTE: size classes are read off employees where a source counts them, otherwise off
# members (firms plus research and training bodies). Thresholds are ours, stated in the
# README and on the sources page, so that users can judge them.
EMPLOYEES_MEDIUM: Final[int] = 1_000
EMPLOYEES_LARGE: Final[int] = 10_000
MEMBERS_MEDIUM: Final[int] = 50
MEMBERS_LARGE: Final[int] = 200

LIST_SEPARATOR: Final[str] = ";"


def _known(value: float | int | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def size_class_for(
    employees: float | int | None,
    members_firms: float | int | None,
    members_research: float | int | None,
    members_total: float | int | None = None,
) -> str:
    """Return the size class of a case from its size figures.

    Employees decide when known; otherwise members: firms plus research bodies, or the total of
    members a source gives without a split, whichever is larger.

    Examples
    --------
    >>> size_class_for(25_000, None, None)
    'large'
    >>> size_class_for(None, 40, 15)
    'medium'
    >>> size_class_for(None, None, None, 370)
    'large'
    >>> size_class_for(None, None, None)
    'unknown'
    """
    if _known(employees):
        assert employees is not None
        if employees >= EMPLOYEES_LARGE:
            return "large"
        return "medium" if employees >= EMPLOYEES_MEDIUM else "small"
    counts = [v for v in (members_firms, members_research) if v is not None and _known(v)]
    total = members_total if members_total is not None and _known(members_total) else None
    if counts or total is not None:
        members = max(sum(counts), total or 0)
        if members >= MEMBERS_LARGE:
            return "large"
        return "medium" if members >= MEMBERS_MEDIUM else "small"
    return "unknown"


def split_list(value: str | float | None) -> list[str]:
    """Split a semicolon-separated cell into its values; empty or missing gives []."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
