"""REPORT.md: counts, completeness and every curation decision worth reviewing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from curation.cases import CaseInfo
from curation.programmes import Programme
from curation.status import STATISTICAL_UNIT
from data.schema import FIGURES
from data.vocab import AREAS, UNIT_TYPES


@dataclass(frozen=True)
class ReportInput:
    """Everything the report shows."""

    clusters: pd.DataFrame
    programmes: Sequence[Programme]
    figures: pd.DataFrame
    infos: Sequence[CaseInfo]
    inputs: Mapping[str, int]
    merged: Mapping[str, tuple[str, str]]
    kept_apart: Sequence[tuple[str, str, str]]
    candidates: Sequence[tuple[str, str, str]]
    programme_map_notes: Mapping[str, str]
    warnings: Sequence[str]


def pct(part: int, whole: int) -> str:
    """Share as a percentage with no decimals.

    >>> pct(1, 3)
    '33 %'
    """
    return f"{round(100 * part / whole)} %" if whole else "–"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def completeness_rows(frame: pd.DataFrame, infos: Sequence[CaseInfo]) -> list[list[object]]:
    """Share of cases with each field, per area and overall."""
    centroid = {i.id for i in infos if i.location_method.startswith("country")}
    rows: list[list[object]] = []
    groups = [(a, frame[frame["area"] == a]) for a in AREAS] + [("all", frame)]
    for label, sub in groups:
        n = len(sub)
        any_size = sub[list(FIGURES)].notna().any(axis=1).sum()
        prec = Counter(sub["coord_precision"])
        sited = sub[sub["unit_type"] != STATISTICAL_UNIT]
        rows.append(
            [
                label,
                n,
                pct(int(sub["founded_year"].notna().sum()), n),
                pct(int(any_size), n),
                pct(int(sub["summary_en"].notna().sum()), n),
                pct(int(sub["summary_fr"].notna().sum()), n),
                pct(int(sub["website"].notna().sum()), n),
                pct(int(sub["policy_type"].ne("unknown").sum()), n),
                pct(int(sited["policy_type"].ne("unknown").sum()), len(sited)),
                f"{prec['exact']} / {prec['city']} / {prec['region']}",
                int(sub["id"].isin(centroid).sum()),
                pct(int(sub["admin1_id"].notna().sum()), n),
            ]
        )
    return rows


def render(data: ReportInput) -> str:
    """The whole report as Markdown."""
    frame, infos = data.clusters, data.infos
    lines = [
        "# Cluster Atlas – curation report",
        "",
        "Written by `python -m curation` (module `curation/pipeline.py`, rule tables in "
        "`data/inputs/rules/`). Do not edit by hand: rerun the module.",
        "",
        "## Inputs and outputs",
        "",
    ]
    lines += [f"- {k}: {v}" for k, v in data.inputs.items()]
    lines += [
        f"- `data/clusters.csv`: {len(frame)} cases; "
        f"`data/programmes.csv`: {len(data.programmes)} programmes; "
        f"`data/programme_figures.csv`: {len(data.figures)} figures.",
        "",
        "## Cases per area and unit type",
        "",
    ]
    rows = []
    for area in AREAS:
        sub = frame[frame["area"] == area]
        counts = Counter(sub["unit_type"])
        rows.append([area, len(sub), *(counts[u] for u in UNIT_TYPES)])
    lines += table(["area", "cases", *UNIT_TYPES], rows)
    lines += [
        "",
        "## Completeness per area (share of cases)",
        "",
        'Coordinates: counts of `exact / city / region` precision; "not placed" counts the cases '
        "whose sources state no seat: they are listed, not drawn (no point at a country's centre).",
        "",
    ]
    lines += table(
        [
            "area",
            "cases",
            "founded_year",
            "any size figure",
            "summary_en",
            "summary_fr",
            "website",
            "policy type",
            "policy type (statistical units left out)",
            "coords exact / city / region",
            "not placed",
            "admin1_id",
        ],
        completeness_rows(frame, infos),
    )

    lines += ["", "## Programmes and policy types", ""]
    used = Counter(frame["programme"])
    prows = []
    for p in sorted(data.programmes, key=lambda x: (x.area, x.id)):
        kind = (
            "curator's reading"
            if "curator's reading" in p.policy_rationale
            else ("–" if p.policy_type == "unknown" else "stated by source")
        )
        prows.append([p.id, p.area, used.get(p.id, 0), p.policy_type, kind])
    lines += table(["programme", "area", "cases", "policy type", "basis"], prows)
    lines += [
        "",
        '"curator\'s reading" = the type follows from the mechanism a source describes (who decides, '
        "who proposes) but no source uses the words top-down / bottom-up for it; review these first. "
        "Case-level overrides (a case source says otherwise):",
        "",
    ]
    over = frame[frame["policy_rationale"].str.startswith("Case policy type")]
    lines += [f"- `{r.id}`: {r.policy_type} — {r.policy_rationale}" for r in over.itertuples()] or ["- none"]

    lines += ["", "## Unit types", ""]
    lines += [f"- `{label}` → {note}" for label, note in sorted(data.programme_map_notes.items()) if note]

    lines += ["", "## Duplicates", "", "Merged (kept id ← merged id):", ""]
    lines += [
        f"- `{kept}` ← `{dropped}`: {reason}" for dropped, (kept, reason) in sorted(data.merged.items())
    ] or ["- none"]
    lines += ["", "Checked and kept apart:", ""]
    lines += [f"- `{a}` / `{b}`: {reason}" for a, b, reason in data.kept_apart] or ["- none"]
    lines += [
        "",
        "Candidates flagged by the automatic check and not yet decided "
        "(add them to `merged_ids.csv` or `kept_apart.csv`):",
        "",
    ]
    lines += [f"- `{a}` / `{b}`: {reason}" for a, b, reason in data.candidates] or ["- none"]

    lines += ["", "## Coordinates", ""]
    methods = Counter(i.location_method for i in infos)
    lines += [
        f"- from the reference table: {methods['reference']}; "
        f"geocoded from a city (GeoNames): {methods['city']}; "
        f"from a sourced proxy city (`city_proxies.csv`): {methods['city-proxy']}; "
        f"from an admin-1 unit: {methods['region']}; "
        f"country centroid (stated region not matched): {methods['country-unmatched']}; "
        f"not placed (no place stated, not drawn): {methods['country']}.",
        "",
        "Stated cities missing from the gazetteer (drawn at a proxy city, region or country instead):",
        "",
        *([f"- `{i.id}`: {i.coord_source}" for i in infos if "not in the" in i.coord_source] or ["- none"]),
        "",
        "Cases not placed (no place stated in the sources read: listed in the table and the card, "
        "not drawn on the map, no `admin1_id`):",
        "",
    ]
    lines += [f"- `{i.id}` ({i.country}) {i.name}" for i in infos if i.location_method == "country"] or [
        "- none"
    ]
    lines += [
        "",
        "Cases whose stated region matched no admin-1 unit (add an alias to `region_aliases.csv`):",
        "",
    ]
    lines += [f"- `{i.id}`: {i.coord_source}" for i in infos if i.location_method == "country-unmatched"] or [
        "- none"
    ]
    lines += ["", "Cases drawn at an admin-1 representative point:", ""]
    lines += [f"- `{i.id}`: {i.coord_source}" for i in infos if i.location_method == "region"] or ["- none"]
    no_admin = [i for i in infos if i.admin1_id is None]
    lines += ["", "Cases without `admin1_id` (no unit of their country within 0.1° of the point):", ""]
    lines += [f"- `{i.id}`: {i.coord_source}" for i in no_admin] or ["- none"]

    lines += ["", "## Sectors", ""]
    basis = Counter(i.sector_basis for i in infos)
    lines += [
        f"- mapped from the source's wording: {basis['source']}; per-id override: {basis['override']}; "
        f"from the name (no sector stated): {basis['name']}; "
        f"multi-sector by default (nothing stated): {basis['default']}.",
        "",
    ]
    for label, key in (
        ("Sectors taken from the name", "name"),
        ("Multi-sector by default", "default"),
        ("Per-id overrides", "override"),
    ):
        picked = [i for i in infos if i.sector_basis == key]
        if picked:
            sectors = dict(zip(frame["id"], frame["sectors"], strict=True))
            lines += [f"{label}:", ""] + [f"- `{i.id}` {i.name} → {sectors[i.id]}" for i in picked] + [""]
    unmatched = sorted({t for i in infos for t in i.unmatched_terms})
    lines += ["Source terms no keyword rule matched (the other terms of their case carried the sectors):", ""]
    lines += [f"- {t}" for t in unmatched] or ["- none"]

    lines += ["", "## Size figures", ""]
    lines += ["Figures kept in `source_note` only (no year the figure describes could be established):", ""]
    lines += [f"- `{i.id}`: {', '.join(i.figure_notes)}" for i in infos if i.figure_notes] or ["- none"]
    lines += [
        "",
        "Figures whose year is the source's publication date "
        "(`[...: year = source publication date]` in the note):",
        "",
    ]
    lines += [f"- `{i.id}`: {', '.join(i.publication_years)}" for i in infos if i.publication_years] or [
        "- none"
    ]
    size = Counter(frame["size_class"])
    lines += [
        "",
        "Size classes: " + ", ".join(f"{k} {size[k]}" for k in ("small", "medium", "large", "unknown")) + ".",
    ]

    lines += ["", "## Programme figures", ""]
    by = Counter(zip(data.figures["source"].str.split(":").str[0], data.figures["year_basis"], strict=True))
    lines += table(["source", "year basis", "figures"], [[s, b, n] for (s, b), n in sorted(by.items())])

    lines += ["", "## Warnings", ""]
    lines += [f"- {w}" for w in data.warnings] or ["- none"]
    return "\n".join(lines) + "\n"
