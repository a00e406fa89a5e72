"""The cases on a map in words: the text alternative of every map, of exported maps and slides.

``summarise`` counts (pure pandas); ``summary_text`` words the counts in the page's language with
templates the caller passes (the locale files live in ui/), numbers and lists formatted by Babel.

Examples
--------
>>> import pandas as pd
>>> cases = pd.DataFrame({"country_iso2": ["FR", "FR", "JP"], "sectors": ["ict", "ict;energy", "energy"],
...                       "size_class": ["small", "unknown", "unknown"], "unit_type": ["technopole"] * 3})
>>> summary = summarise(cases)
>>> summary.countries, summary.sectors, summary.unknown_size
((('FR', 2), ('JP', 1)), (('ict', 2), ('energy', 1)), 2)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

TOP_COUNTRIES: Final[int] = 3
TOP_SECTORS: Final[int] = 5
STATISTICAL_UNIT: Final[str] = "statistical-cluster"
# Keys of the templates summary_text needs (ui/locales/<lang>.access.toml, table [describe]).
TEMPLATE_KEYS: Final[tuple[str, ...]] = (
    "none",
    "shown",
    "shown_one",
    "countries",
    "sectors",
    "more",
    "unknown_sizes",
    "no_unknown_sizes",
    "statistical",
    "join",
)


@dataclass(frozen=True)
class CaseSummary:
    """What a map of cases shows, counted: the countries and main sectors with most cases (most
    first, ties by code), the cases of unknown size and the statistical clusters."""

    total: int
    countries: tuple[tuple[str, int], ...]
    sectors: tuple[tuple[str, int], ...]
    unknown_size: int
    statistical: int


def _ranked(values: pd.Series) -> tuple[tuple[str, int], ...]:
    counts = values.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-int(item[1]), str(item[0])))
    return tuple((str(key), int(count)) for key, count in ordered)


def summarise(cases: pd.DataFrame) -> CaseSummary:
    """Count what the cases on a map show (every country and main sector, most first)."""
    main_sectors = cases["sectors"].astype(str).str.split(";").str[0].str.strip()
    return CaseSummary(
        total=len(cases),
        countries=_ranked(cases["country_iso2"]),
        sectors=_ranked(main_sectors),
        unknown_size=int(cases["size_class"].eq("unknown").sum()),
        statistical=int(cases["unit_type"].eq(STATISTICAL_UNIT).sum()),
    )


def summary_text(
    summary: CaseSummary,
    templates: Mapping[str, str],
    *,
    lang: str,
    country_name: Callable[[str], str],
    sector_label: Callable[[str], str],
) -> str:
    """The summary as one or two sentences in the page's language, e.g. "312 cases shown; most in
    Japan (80), France (57) and Germany (40); main sectors: ICT (90), ...; size unknown for 40 %."
    """
    if summary.total == 0:
        return templates["none"]

    def number(n: int) -> str:
        return str(format_decimal(n, locale=lang))

    def listed(pairs: tuple[tuple[str, int], ...], name: Callable[[str], str], top: int) -> str:
        items = [f"{name(key)} ({number(count)})" for key, count in pairs[:top]]
        if len(pairs) > top:
            items.append(templates["more"].format(n=number(len(pairs) - top)))
        return str(format_list(items, locale=lang))

    shown = (
        templates["shown_one"] if summary.total == 1 else templates["shown"].format(n=number(summary.total))
    )
    parts = [
        shown,
        templates["countries"].format(countries=listed(summary.countries, country_name, TOP_COUNTRIES)),
        templates["sectors"].format(sectors=listed(summary.sectors, sector_label, TOP_SECTORS)),
    ]
    if summary.statistical:
        parts.append(templates["statistical"].format(n=number(summary.statistical)))
    if summary.unknown_size:
        share = format_percent(summary.unknown_size / summary.total, locale=lang)
        parts.append(templates["unknown_sizes"].format(share=share))
    else:
        parts.append(templates["no_unknown_sizes"])
    return templates["join"].join(parts) + "."
