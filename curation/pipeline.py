"""Rebuild the atlas dataset from the curated inputs: `python -m curation`.

Reads data/inputs/ (reference tables, seed documents, addition files, rule tables under
data/inputs/rules/) and geo/boundaries/, and writes data/clusters.csv, data/programmes.csv,
data/programme_figures.csv and data/REPORT.md. Every output is validated with the pandera
schemas of data/schema.py; the run fails, naming row and column, when one does not validate.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from curation.audit import ERROR, Finding, audit, load_context
from curation.audit import report_lines as audit_lines
from curation.cases import CaseInfo, Rules, build_case
from curation.dedup import CaseKey, apply_merges, candidate_pairs
from curation.figures import FigureAddition, FigureYearRule, apply_additions
from curation.geo import CityProxy, RegionAlias, load_admin1, load_countries, load_gazetteer
from curation.io import read_rows, read_yaml, write_csv
from curation.metrics import before_after_lines, measure, read_snapshot
from curation.programme_figures import reference_figures, seed_figures
from curation.programmes import Programme, ProgrammeMapEntry, build_programme, check_map
from curation.rationale import french_rationale
from curation.report import ReportInput, render
from curation.sectors import SectorRule, make_rule
from curation.status import load_own_policies, load_periods, load_regional_scope, load_statuses, with_period
from curation.text import Row, append_note, collapse_ws, parse_int
from data.schema import ClusterSchema, ProgrammeFigureSchema, ProgrammeSchema
from data.text import fold
from data.vocab import AREAS, UNPLACED

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
INPUTS = DATA / "inputs"
RULES = INPUTS / "rules"
GEO = ROOT / "geo" / "boundaries"

REFERENCE_COLUMNS = (
    "id", "name", "name_local", "country_iso2", "area", "region_admin1", "city", "lat", "lon",
    "coord_precision", "sectors", "programme", "founded_year", "members_firms",
    "members_research", "employees", "website", "source_url_or_repo_path", "source_note",
)  # fmt: skip
MIN_CASES = 280
MIN_PER_AREA = 40


@dataclass(frozen=True)
class Outputs:
    """The three tables, the report text and what the report was built from."""

    clusters: pd.DataFrame
    programmes: pd.DataFrame
    figures: pd.DataFrame
    report: str
    findings: list[Finding]


def load_sector_rules(path: Path, first_match: bool = False) -> list[SectorRule]:
    """Keyword rules in table order (first_match: every rule is final)."""
    return [
        make_rule(r["pattern"], r["sectors"], first_match or r.get("final", "") == "yes")
        for r in read_rows(path, ("pattern", "sectors"))
    ]


def load_programme_map(path: Path) -> dict[str, ProgrammeMapEntry]:
    """Reference programme label → programme key and unit type."""
    entries = {
        r["reference_programme"]: ProgrammeMapEntry(r["programme_id"], r["unit_type"], r.get("note", ""))
        for r in read_rows(path, ("reference_programme", "programme_id", "unit_type"))
    }
    check_map(entries)
    return entries


def load_overrides(path: Path) -> dict[tuple[str, str], str]:
    """(id, field) → value."""
    allowed = {"sectors", "unit_type", "programme", "policy_type", "policy_rationale", "region_admin1"}
    out: dict[tuple[str, str], str] = {}
    for r in read_rows(path, ("id", "field", "value")):
        if r["field"] not in allowed:
            raise ValueError(f"overrides.csv: field {r['field']!r} not overridable")
        out[(r["id"], r["field"])] = r["value"]
    return out


def load_figure_years(path: Path) -> list[FigureYearRule]:
    """Year and source rules for reference size figures."""
    rules = []
    for r in read_rows(path, ("id", "field", "year", "basis", "note_quote")):
        year = parse_int(r["year"])
        if year is None or r["basis"] not in ("stated", "publication"):
            raise ValueError(f"figure_years.csv: bad row {r}")
        rules.append(
            FigureYearRule(r["id"], r["field"], year, r["basis"], r["note_quote"], r.get("source_url", ""))
        )
    return rules


ADDITIONS_FOLDER: Final = "additions"


def addition_files(inputs: Path) -> list[Path]:
    """``figure_additions.csv`` then every ``additions/*.csv`` (same columns), in name order.

    One file per sourcing batch, so batches sourced in parallel never edit the same file.
    """
    return [inputs / "figure_additions.csv", *sorted((inputs / ADDITIONS_FOLDER).glob("*.csv"))]


def load_additions(path: Path) -> list[FigureAddition]:
    """Rows of one additions file (none when missing or empty)."""
    return [
        FigureAddition(
            r["id"],
            r["field"],
            r["value"],
            parse_int(r.get("year", "")),
            r.get("source_url", ""),
            r.get("source_quote", ""),
        )
        for r in read_rows(path, ("id", "field", "value"))
    ]


def load_aliases(path: Path) -> dict[tuple[str, str], RegionAlias]:
    """Region alias table."""
    return {
        (r["region"], r["country_iso2"]): RegionAlias(
            r["region"], r["country_iso2"], tuple(r["admin1_ids"].split(";")), r["mode"], r.get("note", "")
        )
        for r in read_rows(path, ("region", "country_iso2", "admin1_ids", "mode"))
    }


def load_city_proxies(path: Path) -> dict[tuple[str, str], CityProxy]:
    """Stated places missing from the gazetteer → a sourced nearby city."""
    return {
        (r["country_iso2"], fold(r["city"])): CityProxy(
            r["country_iso2"], r["city"], r["proxy_city"], r["note"], r.get("same_place", "") == "yes"
        )
        for r in read_rows(path, ("country_iso2", "city", "proxy_city", "note"))
    }


def apply_place_additions(rows: list[Row], path: Path) -> tuple[list[Row], int, list[str]]:
    """Give a place to cases that have none (no coordinates and no city)."""
    places = {r["id"]: r for r in read_rows(path, ("id", "city", "region_admin1"))}
    applied, warnings = 0, []
    known = {row["id"] for row in rows}
    warnings += [f"place_additions: unknown id {pid} ignored" for pid in sorted(places) if pid not in known]
    for row in rows:
        place = places.get(row["id"])
        if place is None or row.get("lat") or row.get("city"):
            continue
        filled = []
        for column in ("city", "region_admin1"):
            if place.get(column) and not row.get(column):
                row[column] = place[column]
                filled.append(f"{column} {place[column]}")
        if filled:
            applied += 1
            quote = collapse_ws(place.get("source_quote", ""))
            row["source_note"] = append_note(
                row["source_note"],
                f'place: {", ".join(filled)} per {place.get("source_url") or "place_additions"}: "{quote}"',
            )
    return rows, applied, warnings


UPDATES_GLOB: Final = "updates_*.csv"
PROXY_PRECISIONS: Final[frozenset[str]] = frozenset({"", "region", "country"})
FILLED_FROM_UPDATES: Final[tuple[tuple[str, ...], ...]] = (
    ("website", "website_source"),
    ("status", "status_year", "status_source", "successor_id"),
)


def apply_updates(rows: list[Row], path: Path) -> tuple[list[Row], int, list[str]]:
    """Apply facts found later for cases already in the atlas (``sourced/updates_*.csv``).

    A stated seat city replaces a region or country proxy point (the case is then placed from
    its city); a website or a status fills the field when it is empty. The update's quote is
    appended to the case's source note, so each new value keeps its source.
    """
    updates = read_rows(path, REFERENCE_COLUMNS)
    known = {row["id"]: row for row in rows}
    warnings = [f"updates_existing: unknown id {u['id']} ignored" for u in updates if u["id"] not in known]
    applied = 0
    for update in updates:
        row = known.get(update["id"])
        if row is None:
            continue
        filled: list[str] = []
        proxy = row.get("coord_precision", "") in PROXY_PRECISIONS and not row.get("city")
        if update.get("city") and proxy:
            row.update(city=update["city"], lat="", lon="", coord_precision="")
            filled.append(f"city {update['city']}")
            if update.get("region_admin1") and not row.get("region_admin1"):
                row["region_admin1"] = update["region_admin1"]
        for group in FILLED_FROM_UPDATES:
            if update.get(group[0]) and not row.get(group[0]):
                row.update({column: update.get(column, "") for column in group})
                filled.append(f"{group[0]} {update[group[0]]}")
        if filled:
            applied += 1
            note = (
                collapse_ws(update.get("source_note", "")).removeprefix("UPDATE of an existing case.").strip()
            )
            row["source_note"] = append_note(
                row.get("source_note", ""),
                f"update ({', '.join(filled)}) per {update.get('source_url_or_repo_path', '')}: {note}",
            )
    return rows, applied, warnings


REJECTED_SOURCED = RULES / "rejected_sourced.csv"


def read_sourced(folder: Path) -> list[Row]:
    """New cases of the sourcing files (same columns as case_additions.csv plus status, own
    policy type and website columns), minus the rows rejected by the curator's sample check."""
    rejected = {r["id"] for r in read_rows(REJECTED_SOURCED, ("id", "reason"))}
    rows: list[Row] = []
    for path in sorted(folder.glob("*.csv")):
        if path.match(UPDATES_GLOB):
            continue
        rows += [dict(r) for r in read_rows(path, REFERENCE_COLUMNS) if r["id"] not in rejected]
    return rows


def sort_key(row: dict[str, object]) -> tuple[int, str, str]:
    """Rows sorted by area (vocabulary order), country, id."""
    return AREAS.index(str(row["area"])), str(row["country_iso2"]), str(row["id"])


class CurationError(ValueError):
    """The inputs cannot give a valid dataset; the message names every problem."""


def validate(frame: pd.DataFrame, schema: type[pa.DataFrameModel], name: str, key: str) -> pd.DataFrame:
    """Validate lazily; on failure raise CurationError naming every failing row (by key) and column."""
    try:
        return schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        lines = [f"{name} does not validate:"]
        for case in err.failure_cases.itertuples():
            index = case.index
            row_key = frame.loc[index, key] if index is not None and index in frame.index else "-"
            lines.append(
                f"  row {index} ({key}={row_key}) column {case.column}: {case.check} -> {case.failure_case!r}"
            )
        raise CurationError("\n".join(lines)) from err


def typed_clusters(records: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Case records as a frame with the schema's column order and dtypes."""
    columns = list(ClusterSchema.to_schema().columns)
    frame = pd.DataFrame.from_records(list(records), columns=columns)
    for column, spec in ClusterSchema.to_schema().columns.items():
        if str(spec.dtype) == "Int64":
            frame[column] = frame[column].astype("Int64")
        elif str(spec.dtype).startswith("float"):
            frame[column] = frame[column].astype("float64")
        else:
            frame[column] = frame[column].astype("object").where(frame[column].notna(), None)
    return frame


def build(reference_rows: list[Row]) -> Outputs:
    """Run every curation step on the reference rows (+ the addition files)."""
    warnings: list[str] = []
    case_additions = read_rows(INPUTS / "case_additions.csv", REFERENCE_COLUMNS)
    sourced = read_sourced(INPUTS / "sourced")
    rows = [dict(r) for r in reference_rows] + [dict(r) for r in case_additions] + sourced
    ids = [r["id"] for r in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate ids in reference + case_additions + sourced: {duplicates}")

    additions = [a for path in addition_files(INPUTS) for a in load_additions(path)]
    rows, provenance, add_warnings = apply_additions(rows, additions)
    warnings += add_warnings
    rows, places_applied, place_warnings = apply_place_additions(rows, INPUTS / "place_additions.csv")
    warnings += place_warnings
    updates_applied = 0
    for path in sorted((INPUTS / "sourced").glob(UPDATES_GLOB)):
        rows, applied, update_warnings = apply_updates(rows, path)
        updates_applied += applied
        warnings += update_warnings

    merges = {
        r["id"]: (r["kept_id"], r.get("reason", ""))
        for r in read_rows(RULES / "merged_ids.csv", ("id", "kept_id"))
    }
    for dropped, (kept, _) in merges.items():
        for key in [k for k in provenance if k[0] == dropped]:
            provenance.setdefault((kept, key[1]), provenance[key])
    rows, merge_warnings = apply_merges(rows, merges)
    warnings += merge_warnings

    reference_programmes = {r["programme_name"]: r for r in read_rows(INPUTS / "programmes_reference.csv")}
    catalogue = read_yaml(RULES / "programmes.yaml")["programmes"]
    programme_map = load_programme_map(RULES / "programme_map.csv")
    sources_by_programme: dict[str, list[str]] = {}
    for row in rows:
        entry = programme_map.get(row["programme"])
        if entry is not None:
            sources_by_programme.setdefault(entry.programme_id, []).append(row["source_url_or_repo_path"])
    programmes: dict[str, Programme] = {}
    for entry in catalogue:
        programme = build_programme(
            entry, reference_programmes, sorted(set(sources_by_programme.get(entry["id"], [])))
        )
        if programme.id in programmes:
            raise ValueError(f"programme {programme.id} defined twice")
        programmes[programme.id] = programme
    names_fr = {r["id"]: r["name_fr"] for r in read_rows(RULES / "programme_names.csv", ("id", "name_fr"))}
    if missing := sorted(set(programmes) - set(names_fr)):
        raise CurationError(f"programme_names.csv: no French name for {missing}")
    programmes = {pid: dataclasses.replace(p, name_fr=names_fr[pid]) for pid, p in programmes.items()}
    unused_refs = set(reference_programmes) - {str(e.get("reference")) for e in catalogue}
    if unused_refs:
        raise ValueError(f"reference programmes without a catalogue entry: {sorted(unused_refs)}")
    missing = sorted({m.programme_id for m in programme_map.values()} - set(programmes))
    if missing:
        raise ValueError(f"programme_map keys missing from programmes.yaml: {missing}")

    admin1 = load_admin1(GEO)
    countries = load_countries(GEO / "countries.geojson")
    gazetteer = load_gazetteer({r["country_iso2"] for r in rows})
    founded = {
        r["id"]: (r["source_url"], r["note_quote"])
        for r in read_rows(RULES / "founded_sources.csv", ("id", "source_url", "note_quote"))
    }
    periods = load_periods(RULES / "programme_periods.csv")
    unknown_periods = sorted(set(periods) - set(programmes))
    if unknown_periods:
        raise ValueError(f"programme_periods.csv: unknown programmes {unknown_periods}")
    programmes = {pid: with_period(p, periods.get(pid)) for pid, p in programmes.items()}
    rules = Rules(
        sector_rules=load_sector_rules(RULES / "sector_map.csv"),
        name_rules=load_sector_rules(RULES / "name_sector_map.csv", first_match=True),
        programme_map=programme_map,
        programmes=programmes,
        overrides=load_overrides(RULES / "overrides.csv"),
        figure_years=load_figure_years(RULES / "figure_years.csv"),
        founded_sources=founded,
        provenance=provenance,
        gazetteer=gazetteer,
        admin1=admin1,
        aliases=load_aliases(RULES / "region_aliases.csv"),
        countries=countries,
        city_proxies=load_city_proxies(RULES / "city_proxies.csv"),
        keyword_rules=load_sector_rules(RULES / "sector_keywords.csv"),
        statuses=load_statuses(RULES / "case_status.csv"),
        own_policies=load_own_policies(RULES / "policy_basis.csv"),
        regional_scope=load_regional_scope(RULES / "regional_figures.csv"),
        periods=periods,
    )
    built = [build_case(row, rules) for row in rows]
    # A sourced case with no place stated (it would sit at its country's centre) is held back
    # until its seat is read: the map would say something false.
    sourced_ids = {r["id"] for r in sourced}
    held_back = sorted(
        (b[1].id, b[1].coord_source)
        for b in built
        if b[1].id in sourced_ids and b[1].location_method.startswith("country")
    )
    held = {i for i, _ in held_back}
    built = [b for b in built if b[1].id not in held]
    warnings += [f"sourced case held back, no place stated: {i} ({why})" for i, why in held_back]
    records = sorted((b[0] for b in built), key=sort_key)
    readings_fr = {r["en"]: r["fr"] for r in read_rows(RULES / "rationales_fr.csv", ("en", "fr"))}
    for record in records:
        record["policy_rationale_fr"] = french_rationale(str(record["policy_rationale"]), readings_fr)
    warnings += [
        f"no French for the policy rationale of {r['id']}: add its reading to rules/rationales_fr.csv"
        for r in records
        if r["policy_rationale_fr"] is None
    ]
    infos: list[CaseInfo] = sorted(
        (b[1] for b in built), key=lambda i: (AREAS.index(i.area), i.country, i.id)
    )
    clusters = validate(typed_clusters(records), ClusterSchema, "clusters.csv", "id")

    used = set(clusters["programme"])
    programme_rows = [
        {k: getattr(p, k) for k in ProgrammeSchema.to_schema().columns}
        for p in sorted(programmes.values(), key=lambda p: (p.area, p.country_iso2, p.id))
    ]
    programme_frame = pd.DataFrame(programme_rows, columns=list(ProgrammeSchema.to_schema().columns))
    for column in ("launch_year", "period_start", "period_end"):
        programme_frame[column] = programme_frame[column].astype("Int64")
    programme_frame = programme_frame.replace({"": None})
    programme_frame = validate(programme_frame, ProgrammeSchema, "programmes.csv", "id")
    if not used <= set(programme_frame["id"]):
        raise ValueError(f"cases use unknown programmes: {sorted(used - set(programme_frame['id']))}")

    programme_refs = {str(e["id"]): str(e["reference"]) for e in catalogue if e.get("reference")}
    figures = seed_figures(read_yaml(RULES / "seed_figures.yaml"), INPUTS / "seeds")
    figures += reference_figures(
        read_yaml(RULES / "reference_figures.yaml"), reference_programmes, programme_refs
    )
    unknown_fig = sorted({f.programme_id for f in figures} - set(programmes))
    if unknown_fig:
        raise ValueError(f"programme figures for unknown programmes: {unknown_fig}")
    figure_frame = pd.DataFrame([f.as_row() for f in figures])
    figure_frame["year"] = figure_frame["year"].astype("Int64")
    figure_frame = figure_frame.sort_values(["programme_id", "figure"], kind="stable").reset_index(drop=True)
    figure_frame = validate(figure_frame, ProgrammeFigureSchema, "programme_figures.csv", "figure")

    check_targets(clusters)

    kept_apart = [
        (r["id_a"], r["id_b"], r.get("reason", ""))
        for r in read_rows(RULES / "kept_apart.csv", ("id_a", "id_b"))
    ]
    decided = {frozenset((a, b)) for a, b, _ in kept_apart} | {
        frozenset((d, k)) for d, (k, _) in merges.items()
    }
    keys = [
        CaseKey(
            str(r["id"]),
            str(r["name"]),
            text_or_empty(r["city"]),
            text_or_empty(r["region"]),
            str(r["programme"]),
            str(r["unit_type"]),
            tuple(str(r["sectors"]).split(";")),
        )
        for r in clusters.to_dict("records")
    ]
    candidates = [c for c in candidate_pairs(keys) if frozenset(c[:2]) not in decided]
    inputs = {
        "reference cases (`clusters_reference.csv`)": len(reference_rows),
        "case_additions.csv rows appended": len(case_additions),
        "sourced/*.csv rows read (new cases of the sourcing files)": len(sourced),
        "sourced rows held back (no seat or region stated)": len(held_back),
        "figure_additions.csv + additions/*.csv rows": len(additions),
        "place_additions.csv places applied": places_applied,
        "sourced/updates_*.csv cases updated": updates_applied,
        "cases merged as duplicates": len(reference_rows)
        + len(case_additions)
        + len(sourced)
        - len(held_back)
        - len(clusters),
    }
    report = render(
        ReportInput(
            clusters=clusters,
            programmes=list(programmes.values()),
            figures=figure_frame,
            infos=infos,
            inputs=inputs,
            merged=merges,
            kept_apart=kept_apart,
            candidates=candidates,
            programme_map_notes={
                k: f"{v.programme_id}, {v.unit_type}" + (f" ({v.note})" if v.note else "")
                for k, v in programme_map.items()
            },
            warnings=warnings,
        )
    )
    context = load_context(gazetteer, admin1, rules.aliases, load_sector_rules(RULES / "sector_keywords.csv"))
    findings = audit(clusters, context)
    return Outputs(
        clusters, programme_frame, figure_frame, report + audit_section(clusters, findings), findings
    )


def audit_section(clusters: pd.DataFrame, findings: list[Finding]) -> str:
    """REPORT.md's audit and before / after sections."""
    before, note = read_snapshot(RULES / "report_before.csv")
    lines = [
        "",
        "## The issue's figures per area, before and after",
        "",
        f"Before: {note} (`data/inputs/rules/report_before.csv`); after: this run. "
        "Same measure (`curation/metrics.py`) on both.",
        "",
        *before_after_lines(before, measure(clusters)),
        "",
        "## Audit (`curation/audit.py`)",
        "",
        "Every row checked by every rule; errors must be fixed (the test "
        "`tests/unit/test_audit.py` allows none), warnings are listed for review.",
        "",
        *audit_lines(findings),
        "",
    ]
    checks = RULES / "sample_checks.md"
    if checks.exists():
        lines.append(checks.read_text(encoding="utf-8").rstrip("\n"))
    return "\n".join(lines) + "\n"


def text_or_empty(value: object) -> str:
    """A cell as text, missing values as ''."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def check_targets(clusters: pd.DataFrame) -> None:
    """The dataset targets: enough cases overall and per area, coordinates for every case that is
    placed (a case not placed has none, by the schema's rule)."""
    problems = []
    if len(clusters) < MIN_CASES:
        problems.append(f"only {len(clusters)} cases (target {MIN_CASES})")
    for area in AREAS:
        count = int((clusters["area"] == area).sum())
        if count < MIN_PER_AREA:
            problems.append(f"only {count} cases in {area} (target {MIN_PER_AREA})")
    placed = clusters["coord_precision"].ne(UNPLACED)
    if clusters.loc[placed, ["lat", "lon"]].isna().any().any():
        problems.append("placed cases without coordinates")
    if problems:
        raise CurationError("targets not met: " + "; ".join(problems))


def main() -> int:
    """Rebuild every output (the command line: the only place that turns an error into an exit code)."""
    reference = read_rows(INPUTS / "clusters_reference.csv", REFERENCE_COLUMNS)
    try:
        outputs = build(reference)
    except ValueError as err:
        print(f"curation failed: {err}", file=sys.stderr)
        return 1
    write_csv(outputs.clusters, DATA / "clusters.csv", float_columns=("lat", "lon"))
    write_csv(outputs.programmes, DATA / "programmes.csv")
    write_csv(outputs.figures, DATA / "programme_figures.csv", float_columns=("value",))
    (DATA / "REPORT.md").write_text(outputs.report, encoding="utf-8", newline="\n")
    counts = outputs.clusters["area"].value_counts()
    print(
        f"clusters.csv: {len(outputs.clusters)} cases ({', '.join(f'{a} {counts.get(a, 0)}' for a in AREAS)})"
    )
    print(f"programmes.csv: {len(outputs.programmes)}; programme_figures.csv: {len(outputs.figures)}")
    errors = [f for f in outputs.findings if f.level == ERROR]
    print(f"audit: {len(errors)} errors, {len(outputs.findings) - len(errors)} warnings (data/REPORT.md)")
    for finding in errors:
        print(f"  error {finding.case_id} {finding.rule}: {finding.message}", file=sys.stderr)
    return 1 if errors and "--strict" in sys.argv[1:] else 0


if __name__ == "__main__":
    raise SystemExit(main())
