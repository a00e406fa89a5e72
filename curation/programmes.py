"""Programme catalogue: reference programmes, seed programmes and generic groupings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from curation.text import Row
from data.vocab import AREAS, POLICY_TYPES, UNIT_TYPES

AREA_BY_COUNTRY: Final[dict[str, str]] = {
    "US": "united-states",
    "JP": "japan",
    "MA": "maghreb",
    "DZ": "maghreb",
    "TN": "maghreb",
    "EU": "international",
}
AREA_BY_LABEL: Final[dict[str, str]] = {
    "europe": "europe",
    "united states": "united-states",
    "united-states": "united-states",
    "japan": "japan",
    "maghreb": "maghreb",
}
YEAR_RE: Final[re.Pattern[str]] = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def area_slug(label: str) -> str:
    """Area slug of a reference area label ('United States' → 'united-states')."""
    slug = AREA_BY_LABEL.get(label.strip().casefold())
    if slug is None or slug not in AREAS:
        raise ValueError(f"unknown area {label!r}")
    return slug


def programme_area(country: str) -> str:
    """Area of a programme from its country code (EU programmes are 'international')."""
    return AREA_BY_COUNTRY.get(country, "europe")


def parse_launch_year(text: str) -> int | None:
    """First year of a launch text, unless it is a remark or approximate.

    >>> parse_launch_year("2004 (launch) / 2005 (first labels)")
    2004
    >>> parse_launch_year("(until July 2012)") is None
    True
    >>> parse_launch_year("c. 2016-2017") is None
    True
    """
    stripped = text.strip()
    if not stripped or stripped.startswith(("(", "c.")):
        return None
    found = YEAR_RE.search(stripped)
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class ProgrammeMapEntry:
    """How a reference programme label maps to a programme key and a unit type."""

    programme_id: str
    unit_type: str
    note: str


def check_map(entries: Mapping[str, ProgrammeMapEntry]) -> None:
    """Every mapped unit type must be in the vocabulary."""
    for label, entry in entries.items():
        if entry.unit_type not in UNIT_TYPES:
            raise ValueError(f"programme_map {label!r}: unknown unit type {entry.unit_type!r}")


@dataclass(frozen=True)
class Programme:
    """One output row of programmes.csv plus the phrases summaries use."""

    id: str
    name_en: str
    name_local: str
    country_iso2: str
    area: str
    agency: str
    launch_year: int | None
    launch_detail: str
    clusters_detail: str
    policy_type: str
    policy_rationale: str
    key_figures: str
    source_url: str
    phrase_en: str
    phrase_fr: str
    # The name in French, from data/inputs/rules/programme_names.csv (a translation of name_en).
    name_fr: str = ""
    # The programme's period as a source states it (rules/programme_periods.csv).
    period_start: int | None = None
    period_end: int | None = None
    period_state: str = ""
    period_source: str = ""
    period_quote: str = ""


def _text(entry: Mapping[str, object], key: str) -> str:
    value = entry.get(key)
    return "" if value is None else str(value).strip()


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _launch_year(entry: Mapping[str, object], launch_text: str) -> int | None:
    value = entry.get("launch_year", "auto")
    if value == "auto":
        return parse_launch_year(launch_text)
    if value is None:
        return None
    if isinstance(value, int):
        return value
    raise ValueError(f"programme {entry.get('id')}: launch_year must be auto, null or an int")


def build_programme(
    entry: Mapping[str, object],
    reference: Mapping[str, Row],
    case_sources: Sequence[str] = (),
) -> Programme:
    """Build a programme from its catalogue entry and, when linked, its reference row."""
    pid = _text(entry, "id")
    policy_type = _text(entry, "policy_type")
    if policy_type not in POLICY_TYPES:
        raise ValueError(f"programme {pid}: unknown policy type {policy_type!r}")
    ref_name = _text(entry, "reference")
    seed_note = _text(entry, "seed_note")
    launch_note = _text(entry, "launch_note")
    if ref_name:
        ref = reference.get(ref_name)
        if ref is None:
            raise ValueError(f"programme {pid}: no reference programme named {ref_name!r}")
        launch_text = ref["launch_year"]
        country = ref["country"]
        fields = {
            "name_en": ref["programme_name"],
            "name_local": ref["programme_name_local"],
            "agency": ref["ministry_agency"],
            "clusters_detail": ref["number_of_clusters_labelled"],
            "key_figures": ref["key_figures"],
            "source_url": ref["source_url_or_repo_path"],
        }
        style = ref["policy_style"]
        rationale = _text(entry, "policy_rationale")
        if style:
            rationale = f"{rationale} [programmes_reference policy_style: {style}]"
    else:
        launch_text = _text(entry, "launch_detail")
        country = _text(entry, "country_iso2")
        fields = {
            k: _text(entry, k)
            for k in ("name_en", "name_local", "agency", "clusters_detail", "key_figures", "source_url")
        }
        rationale = _text(entry, "policy_rationale")
    area = _text(entry, "area") or programme_area(country)
    sources = fields["source_url"]
    if entry.get("source_from_cases"):
        extra = [s for s in dict.fromkeys(case_sources) if s and s not in sources]
        sources = " ; ".join(p for p in [sources, *extra] if p)
    if not sources:
        raise ValueError(f"programme {pid}: no source")
    return Programme(
        id=pid,
        name_en=fields["name_en"],
        name_local=fields["name_local"],
        country_iso2=country,
        area=area,
        agency=fields["agency"],
        launch_year=_launch_year(entry, launch_text),
        launch_detail=_join(launch_text, f"[{launch_note}]" if launch_note else ""),
        clusters_detail=fields["clusters_detail"],
        policy_type=policy_type,
        policy_rationale=rationale,
        key_figures=_join(fields["key_figures"], f"[{seed_note}]" if seed_note else ""),
        source_url=sources,
        phrase_en=_text(entry, "phrase_en"),
        phrase_fr=_text(entry, "phrase_fr"),
    )


def case_policy(
    programme: Programme, override_type: str | None, override_rationale: str | None
) -> tuple[str, str]:
    """Policy type and rationale of a case: the programme's unless a case source says otherwise.

    >>> p = Programme(
    ...     "x", "X", "", "FR", "europe", "", None, "", "", "hybrid", "hybrid — why", "", "s", "", ""
    ... )
    >>> case_policy(p, None, None)
    ('hybrid', 'Programme policy type: hybrid — why')
    >>> case_policy(p, "bottom-up", "Case policy type: bottom-up — seed 001")
    ('bottom-up', 'Case policy type: bottom-up — seed 001')
    """
    if override_type:
        if override_type not in POLICY_TYPES or not override_rationale:
            raise ValueError(f"bad policy override {override_type!r}")
        return override_type, override_rationale
    rationale = programme.policy_rationale
    if rationale.startswith(programme.policy_type):
        rationale = f"Programme policy type: {rationale}"
    return programme.policy_type, rationale
