"""The issue's figures per area (cases, places, policy basis, completeness), before and after.

The same function measures the table before a change (stored once in
data/inputs/rules/report_before.csv) and after it (each run), so REPORT.md sets them side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import pandas as pd

from curation.hosts import weak_only
from data.schema import FIGURES as ORGANISATION_FIGURES
from data.vocab import AREAS

CENTROID_PREFIX: Final[str] = "country centroid"
GROUPS: Final[tuple[str, ...]] = (*AREAS, "all")

# Each metric: its label in the report (the order is the report's).
METRICS: Final[dict[str, str]] = {
    "cases": "cases",
    "countries": "countries",
    "city_or_better_pct": "points at city precision or better (%)",
    "country_centroid": "cases at a country centroid",
    "region_centre": "cases at a region centre",
    "not_placed": "cases not drawn: no seat stated in the sources read",
    "shared_point_cases": "cases sharing an identical point",
    "shared_points": "identical points shared",
    "shared_point_other_seat": "cases sharing a point with a case of another named seat",
    "policy_known_pct": "policy type known (%)",
    "policy_known_sited_pct": "policy type known, statistical units left out (%)",
    "policy_own_basis": "cases with their own policy type and basis",
    "founded_pct": "founding year known (%)",
    "founded_sited_pct": "founding year known, statistical units left out (%)",
    "org_size_pct": "organisation size figure known (%)",
    "org_size_sited_pct": "organisation size figure known, statistical units left out (%)",
    "regional_size": "cases with a regional / metro sector employment figure",
    "website_pct": "official website, organisations, parks and programme clusters (%)",
    "website_live_pct": "official website, the same less merged or ended cases (%)",
    "status_known_pct": "status recorded with year or source (%)",
    "weak_only_pct": "cases resting only on document dumps, wiki mirrors or blogs (%)",
    "status_not_active": "merged or ended cases",
}


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or an all-missing one when the table predates it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="object")


def shared_point_masks(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series, int]:
    """Cases at a point another case also has; those whose point-mates have another seat; points.
    A case with no point (not placed) shares none."""
    key = frame["lat"].round(5).astype(str) + "," + frame["lon"].round(5).astype(str)
    placed = frame["lat"].notna()
    size = key.map(key[placed].value_counts()).fillna(0)
    shared = placed & (size > 1)
    seat = _column(frame, "city").fillna("").astype(str).str.casefold()
    # Two named seats differ at one point (the audit's error); an unknown seat is not counted.
    seats_at = seat.where(seat.ne("")).groupby(key).nunique()
    other = shared & (key.map(seats_at) > 1) & seat.ne("")
    return shared, other, int(key[shared].nunique())


def area_metrics(frame: pd.DataFrame) -> dict[str, float]:
    """Every metric of one group of cases."""
    n = len(frame)
    source = frame["coord_source"].fillna("").astype(str)
    centroid = source.str.startswith(CENTROID_PREFIX)
    shared, other, points = shared_point_masks(frame)
    organisation = frame[[c for c in ORGANISATION_FIGURES if c in frame.columns]].notna().any(axis=1)
    if "regional_employees" not in frame.columns:
        # Before the split, a statistical cluster's employees were its metro area's employment.
        regional = frame["unit_type"].eq("statistical-cluster") & frame["employees"].notna()
        organisation &= ~regional
    else:
        regional = frame["regional_employees"].notna()
    sited = frame[frame["unit_type"] != "statistical-cluster"]
    basis = _column(frame, "policy_basis").fillna("").astype(str)
    if "policy_basis" not in frame.columns:
        # Before the column, a case's own type was worded 'Case policy type: ...'.
        own = frame["policy_rationale"].fillna("").astype(str).str.startswith("Case policy type")
        basis = own.map({True: "own", False: "programme"})
    status = _column(frame, "status").fillna("").astype(str)
    live = sited[~status[sited.index].isin(["merged", "ended"])]
    status_backed = status.ne("") & (
        _column(frame, "status_year").notna() | _column(frame, "status_source").notna()
    )
    return {
        "cases": n,
        "countries": int(frame["country_iso2"].nunique()),
        "city_or_better_pct": _share(int(frame["coord_precision"].isin(["city", "exact"]).sum()), n),
        "country_centroid": int(centroid.sum()),
        "region_centre": int((frame["coord_precision"].eq("region") & ~centroid).sum()),
        "not_placed": int(frame["lat"].isna().sum()),
        "shared_point_cases": int(shared.sum()),
        "shared_points": points,
        "shared_point_other_seat": int(other.sum()),
        "policy_known_pct": _share(int(frame["policy_type"].ne("unknown").sum()), n),
        # A statistical unit is made by no policy: the share among the cases a policy could make.
        "policy_known_sited_pct": _share(int(sited["policy_type"].ne("unknown").sum()), len(sited)),
        "policy_own_basis": int(basis.eq("own").sum()),
        "founded_pct": _share(int(frame["founded_year"].notna().sum()), n),
        "founded_sited_pct": _share(int(sited["founded_year"].notna().sum()), len(sited)),
        "org_size_pct": _share(int(organisation.sum()), n),
        "org_size_sited_pct": _share(int(organisation[sited.index].sum()), len(sited)),
        "regional_size": int(regional.sum()),
        "website_pct": _share(int(sited["website"].notna().sum()), len(sited)),
        # A merged or ended body has no live site of its own to point to.
        "website_live_pct": _share(int(live["website"].notna().sum()), len(live)),
        "status_known_pct": _share(int(status_backed.sum()), n),
        "weak_only_pct": _share(int(weak_only(frame).sum()), n),
        "status_not_active": int(status.isin(["merged", "ended"]).sum()),
    }


def measure(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Metric → group → value, for the four areas and all cases."""
    per_group = {a: area_metrics(frame[frame["area"] == a]) for a in AREAS}
    per_group["all"] = area_metrics(frame)
    return {m: {g: per_group[g][m] for g in GROUPS} for m in METRICS}


def write_snapshot(values: Mapping[str, Mapping[str, float]], path: Path, note: str) -> None:
    """Store measured figures (metric rows, group columns) with a one-line note."""
    rows = [{"metric": m, **{g: values[m][g] for g in GROUPS}} for m in METRICS]
    table = pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")
    path.write_text(f"# {note}\n{table}", encoding="utf-8", newline="\n")


def read_snapshot(path: Path) -> tuple[dict[str, dict[str, float]], str]:
    """Stored figures and their note ({} when the file is missing)."""
    if not path.exists():
        return {}, ""
    lines = path.read_text(encoding="utf-8").splitlines()
    note = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    frame = pd.read_csv(path, comment="#")
    values = {str(r["metric"]): {g: float(r[g]) for g in GROUPS} for r in frame.to_dict("records")}
    return values, note


def number(value: float) -> str:
    """A figure as the report prints it (integers without decimals).

    >>> number(12.0), number(47.5)
    ('12', '47.5')
    """
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def before_after_lines(
    before: Mapping[str, Mapping[str, float]], after: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """A Markdown table: one row per metric, 'before → after' per group."""
    header = "| figure | " + " | ".join(GROUPS) + " |"
    lines = [header, "|" + "---|" * (len(GROUPS) + 1)]
    for metric, label in METRICS.items():
        cells = []
        for group in GROUPS:
            now = number(after[metric][group])
            then = before.get(metric, {}).get(group)
            cells.append(now if then is None else f"{number(then)} → {now}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines
