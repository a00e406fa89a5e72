"""English and French case summaries, composed only from the row's sourced fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Unit labels: (English with article, French with article, French gender for agreement).
UNIT_LABELS: Final[dict[str, tuple[str, str, str]]] = {
    "programme-cluster": ("a cluster", "un cluster", "m"),
    "cluster-organisation": ("a cluster organisation", "une organisation de cluster", "f"),
    "technopole": (
        "a science, technology or industrial park",
        "un parc scientifique, technologique ou industriel",
        "m",
    ),
    "statistical-cluster": (
        "a statistical cluster (a concentration of firms identified from data)",
        "un cluster statistique (concentration d'entreprises repérée à partir de données)",
        "m",
    ),
}
SECTOR_LABELS: Final[dict[str, tuple[str, str]]] = {
    "production-processes": ("production and processes", "production et procédés"),
    "ict": (
        "information and communication technologies",
        "technologies de l'information et de la communication",
    ),
    "energy-environment": ("energy and environment", "énergie et environnement"),
    "micro-nano-opto": ("micro-, nano- and optotechnologies", "micro-, nano- et optotechnologies"),
    "new-materials": ("new materials", "nouveaux matériaux"),
    "health-medicine": ("health care and medicine", "santé et médecine"),
    "life-sciences": ("life sciences", "sciences de la vie"),
    "mobility-transportation": ("mobility and transport", "mobilité et transports"),
    "aerospace-defence": ("aerospace and defence", "aéronautique, spatial et défense"),
    "agrifood": ("agriculture and food", "agriculture et agroalimentaire"),
    "chemicals": ("chemicals", "chimie"),
    "consumer-goods": ("consumer goods", "biens de consommation"),
    "maritime": ("maritime economy", "économie maritime"),
    "creative-industries": ("creative industries", "industries créatives"),
    "business-services": ("business services", "services aux entreprises"),
    "multi-sector": ("several sectors", "plusieurs secteurs"),
}
# Country names (English, French) and the French preposition used before them.
COUNTRIES: Final[dict[str, tuple[str, str, str]]] = {
    "DE": ("Germany", "Allemagne", "en"),
    "DK": ("Denmark", "Danemark", "au"),
    "ES": ("Spain", "Espagne", "en"),
    "FR": ("France", "France", "en"),
    "IT": ("Italy", "Italie", "en"),
    "NO": ("Norway", "Norvège", "en"),
    "SE": ("Sweden", "Suède", "en"),
    "US": ("the United States", "États-Unis", "aux"),
    "JP": ("Japan", "Japon", "au"),
    "MA": ("Morocco", "Maroc", "au"),
    "DZ": ("Algeria", "Algérie", "en"),
    "TN": ("Tunisia", "Tunisie", "en"),
}
NBSP: Final[str] = "\u00a0"
NNBSP: Final[str] = "\u202f"
FIGURE_LABELS: Final[dict[str, tuple[str, str]]] = {
    "members_firms": ("firms", "entreprises"),
    "members_research": ("research or training bodies", "organismes de recherche ou de formation"),
    "members_total": ("members", "membres"),
    "employees": ("employees", "salariés"),
    "staff": ("staff of the cluster organisation", "salariés de la structure d'animation"),
}


@dataclass(frozen=True)
class SummaryInput:
    """The sourced fields a summary may use."""

    name: str
    unit_type: str
    country: str
    city: str
    region: str
    precise_place: bool
    programme_en: str
    programme_fr: str
    sectors: tuple[str, ...]
    sector_basis: str
    founded_year: int | None
    figures: tuple[tuple[str, int, int], ...]  # (field, value, year)


def country_names(code: str) -> tuple[str, str, str]:
    """(English name, French name, French preposition) of a country code."""
    if code in COUNTRIES:
        return COUNTRIES[code]
    from babel import Locale

    return (
        str(Locale("en").territories.get(code, code)),
        str(Locale("fr").territories.get(code, code)),
        "",
    )


def french_at(city: str) -> str:
    """'à' + city with the French contractions (au Creusot, aux Lilas).

    >>> french_at("Le Creusot"), french_at("Les Lilas"), french_at("La Seyne-sur-Mer")
    ('au Creusot', 'aux Lilas', 'à La Seyne-sur-Mer')
    """
    if city.startswith("Le "):
        return f"au {city[3:]}"
    if city.startswith("Les "):
        return f"aux {city[4:]}"
    return f"à {city}"


def french_in_country(code: str) -> str:
    """'en France', 'au Japon', 'aux États-Unis'.

    >>> french_in_country("US"), french_in_country("JP"), french_in_country("FR")
    ('aux États-Unis', 'au Japon', 'en France')
    """
    _, name, prep = country_names(code)
    return f"{prep} {name}" if prep else f"dans le pays suivant{NBSP}: {name}"


def region_text(region: str, city: str) -> str:
    """The stated region as display text (lists joined; dropped when it repeats the city)."""
    parts = [p.strip() for p in region.split(";") if p.strip()]
    text = ", ".join(parts)
    return "" if text.casefold() == city.casefold() else text


def place_en(s: SummaryInput) -> str:
    """English place phrase.

    >>> s = SummaryInput(
    ...     "X", "technopole", "FR", "Lyon", "Auvergne-Rhône-Alpes", True, "", "", (), "source", None, ()
    ... )
    >>> place_en(s)
    'in Lyon (Auvergne-Rhône-Alpes, France)'
    """
    country = country_names(s.country)[0]
    region = region_text(s.region, s.city)
    if s.city and s.precise_place:
        inner = f"{region}, {country}" if region else country
        return f"in {s.city} ({inner})"
    if region:
        return f"in {country} ({region})"
    return f"in {country}"


def place_fr(s: SummaryInput) -> str:
    """French place phrase.

    >>> place_fr(SummaryInput("X", "technopole", "JP", "", "Kyushu", False, "", "", (), "source", None, ()))
    'au Japon (Kyushu)'
    """
    _, country, _ = country_names(s.country)
    region = region_text(s.region, s.city)
    if s.city and s.precise_place:
        inner = f"{region}, {country}" if region else country
        return f"{french_at(s.city)} ({inner})"
    where = french_in_country(s.country)
    return f"{where} ({region})" if region else where


def agree(word: str, gender: str) -> str:
    """French past participle agreed with the unit label's gender."""
    return f"{word}e" if gender == "f" else word


def format_en(value: int) -> str:
    """English thousands separator."""
    return f"{value:,}"


def format_fr(value: int) -> str:
    """French thousands separator (narrow no-break space)."""
    return f"{value:,}".replace(",", NNBSP)


def sectors_sentence_en(sectors: tuple[str, ...], basis: str) -> str:
    """English sentence on sectors ('' when the sources state none)."""
    if basis == "default":
        return "The sources read state no sector."
    if sectors == ("multi-sector",):
        return "Its activity spans several sectors."
    labels = [SECTOR_LABELS[s][0] for s in sectors]
    if len(labels) == 1:
        return f"Its sector is {labels[0]}."
    return f"Its sectors are: {'; '.join(labels)}."


def sectors_sentence_fr(sectors: tuple[str, ...], basis: str) -> str:
    """French sentence on sectors."""
    if basis == "default":
        return "Les sources consultées n'indiquent pas de secteur."
    if sectors == ("multi-sector",):
        return "Son activité couvre plusieurs secteurs."
    labels = [SECTOR_LABELS[s][1] for s in sectors]
    if len(labels) == 1:
        return f"Son secteur d'activité{NBSP}: {labels[0]}."
    return f"Ses secteurs d'activité{NBSP}: {' ; '.join(labels)}."


def figures_sentence_en(figures: tuple[tuple[str, int, int], ...]) -> str:
    """English sentence on size figures ('' when none)."""
    if not figures:
        return ""
    parts = [f"{format_en(v)} {FIGURE_LABELS[f][0]} ({y})" for f, v, y in figures]
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"The sources count {joined}."


def figures_sentence_fr(figures: tuple[tuple[str, int, int], ...]) -> str:
    """French sentence on size figures ('' when none)."""
    if not figures:
        return ""
    parts = [f"{format_fr(v)} {FIGURE_LABELS[f][1]} ({y})" for f, v, y in figures]
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"
    return f"Les sources recensent {joined}."


def summary_en(s: SummaryInput) -> str:
    """1-3 English sentences: identity, place, programme and founding year; sectors; size.

    >>> text = summary_en(SummaryInput("Minalogic", "programme-cluster", "FR", "Grenoble",
    ...     "Auvergne-Rhône-Alpes", True, "the pôles", "aux pôles", ("ict",), "source", 2005, ()))
    >>> text.split(", listed")[0]
    'Minalogic is a cluster in Grenoble (Auvergne-Rhône-Alpes, France)'
    >>> text.endswith("Its sector is information and communication technologies.")
    True
    """
    label = UNIT_LABELS[s.unit_type][0]
    first = f"{s.name} is {label} {place_en(s)}, listed under {s.programme_en}"
    first += f" and founded or launched in {s.founded_year}." if s.founded_year else "."
    sentences = [first, sectors_sentence_en(s.sectors, s.sector_basis), figures_sentence_en(s.figures)]
    return " ".join(x for x in sentences if x)


def summary_fr(s: SummaryInput) -> str:
    """1-3 French sentences; participles agree with the unit label, never with the name.

    >>> text = summary_fr(SummaryInput("Silicon Saxony", "cluster-organisation", "DE", "Dresden",
    ...     "Sachsen", True, "go", "au programme go-cluster", ("ict",), "source", 2000, ()))
    >>> text.split(",")[0]
    'Silicon Saxony est une organisation de cluster implantée à Dresden (Sachsen'
    >>> "créée ou lancée en 2000" in text
    True
    """
    label, gender = UNIT_LABELS[s.unit_type][1], UNIT_LABELS[s.unit_type][2]
    first = (
        f"{s.name} est {label} {agree('implanté', gender)} {place_fr(s)}, "
        f"{agree('rattaché', gender)} {s.programme_fr}"
    )
    if s.founded_year:
        first += f" et {agree('créé', gender)} ou {agree('lancé', gender)} en {s.founded_year}."
    else:
        first += "."
    sentences = [first, sectors_sentence_fr(s.sectors, s.sector_basis), figures_sentence_fr(s.figures)]
    return " ".join(x for x in sentences if x)
