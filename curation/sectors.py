"""Sector mapping: the source's wording (any language) to the atlas sector vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from curation.text import FROM_NAME, split_cell
from data.text import fold
from data.vocab import SECTORS

MAX_SECTORS: Final[int] = 3
MULTI: Final[str] = "multi-sector"


@dataclass(frozen=True)
class SectorRule:
    """One row of the keyword table: a regex on the folded term and the sectors it gives."""

    pattern: re.Pattern[str]
    sectors: tuple[str, ...]
    final: bool = False


def make_rule(pattern: str, sectors: str, final: bool = False) -> SectorRule:
    """Build a rule, checking that every sector belongs to the vocabulary."""
    slugs = tuple(split_cell(sectors))
    unknown = [s for s in slugs if s not in SECTORS]
    if not slugs or unknown:
        raise ValueError(f"sector rule {pattern!r}: unknown or missing sectors {unknown or sectors!r}")
    return SectorRule(re.compile(fold(pattern)), slugs, final)


def clean_term(term: str) -> str:
    """Fold a source term and drop the reference's '(from name)' marker."""
    return fold(term.replace(FROM_NAME, ""))


def map_term(term: str, rules: list[SectorRule]) -> list[str]:
    """Sectors of one source term: every matching rule in table order, until a final one.

    >>> rules = [make_rule("^medical devices$", "health-medicine", True),
    ...          make_rule("medic", "health-medicine"), make_rule("devic", "micro-nano-opto")]
    >>> map_term("Medical Devices", rules)
    ['health-medicine']
    >>> map_term("medical microdevices", rules)
    ['health-medicine', 'micro-nano-opto']
    """
    folded = clean_term(term)
    found: list[str] = []
    for rule in rules:
        if rule.pattern.search(folded):
            found.extend(s for s in rule.sectors if s not in found)
            if rule.final:
                break
    return found


def order_sectors(candidates: list[str], limit: int = MAX_SECTORS) -> list[str]:
    """Deduplicate in order, drop multi-sector when a specific sector exists, cap the list.

    >>> order_sectors(["ict", "multi-sector", "ict", "life-sciences"])
    ['ict', 'life-sciences']
    >>> order_sectors(["multi-sector"])
    ['multi-sector']
    """
    unique = list(dict.fromkeys(candidates))
    specific = [s for s in unique if s != MULTI]
    return (specific or unique)[:limit]


def sectors_from_detail(detail: str, rules: list[SectorRule]) -> tuple[list[str], list[str]]:
    """Map a semicolon list of source terms; returns (sectors, terms that matched no rule)."""
    candidates: list[str] = []
    unmatched: list[str] = []
    for term in split_cell(detail):
        mapped = map_term(term, rules)
        if not mapped:
            unmatched.append(term)
        candidates.extend(mapped)
    return order_sectors(candidates), unmatched


def sectors_from_name(name: str, rules: list[SectorRule]) -> list[str]:
    """Sectors a name states clearly (conservative table), or [] when it states none."""
    return order_sectors(map_term(name, rules))


def resolve_sectors(
    detail: str,
    name: str,
    rules: list[SectorRule],
    name_rules: list[SectorRule],
    override: str | None = None,
    keyword_rules: list[SectorRule] | None = None,
) -> tuple[list[str], str]:
    """Final sectors of a case and how they were obtained.

    The basis is one of: "override" (per-id rule table), "source" (mapped from the source's
    wording), "name" (no sector in the source, the name states one), "default" (nothing
    stated: multi-sector); "keywords" (the multilingual keyword table of the audit found a sector
    in the name or the stated wording that the two tables above leave generic).

    >>> rules = [make_rule("solar", "energy-environment")]
    >>> resolve_sectors("", "Solarvalley", [], rules)
    (['energy-environment'], 'name')
    >>> resolve_sectors("", "MCube", [], rules)
    (['multi-sector'], 'default')
    """
    if override:
        return order_sectors(list(make_rule(".", override).sectors)), "override"
    if detail.strip():
        mapped, _ = sectors_from_detail(detail, rules)
        if mapped:
            return mapped, "source"
    from_name = sectors_from_name(name, name_rules)
    if from_name:
        return from_name, "name"
    keywords = order_sectors(map_term(f"{detail} {name}", keyword_rules or []))
    if keywords:
        return keywords, "keywords"
    return [MULTI], "default"
