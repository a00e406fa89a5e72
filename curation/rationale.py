"""The policy rationale in French: the atlas's own words translated, quotations kept as they are.

A rationale is written by the build steps as ``<kind> policy type: <type> (<basis>) — <reading>``
(or the statistical-unit sentence). The frame words are translated here; each reading is
translated once in ``data/inputs/rules/rationales_fr.csv`` (``en,fr``), where the quotations it
holds stay in their original language. A reading without a translation gives no French text
(the audit warns and the app shows the English marked as such).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

TYPES_FR: Final[Mapping[str, str]] = {
    "top-down": "descendant (top-down)",
    "bottom-up": "ascendant (bottom-up)",
    "hybrid": "hybride",
    "statistical": "pas une politique (unité statistique)",
    "unknown": "inconnu",
}
BASES_FR: Final[Mapping[str, str]] = {
    "curator's reading": "lecture de l'équipe de l'atlas",
    "curator's reading of programmes_reference": "lecture de programmes_reference par l'équipe de l'atlas",
    "curator's reading of two sourced facts": "lecture de deux faits sourcés par l'équipe de l'atlas",
    "stated by source": "dit par la source",
}
KINDS_FR: Final[Mapping[str, str]] = {
    "Programme": "Type de politique du programme",
    "Case": "Type de politique propre au cas",
}
FRAMED: Final = re.compile(
    r"^(?:(?P<kind>Programme|Case) policy type: )?(?P<type>top-down|bottom-up|hybrid|unknown)"
    r"(?: \((?P<basis>[^)]*)\))? — (?P<reading>.*)$",
    re.DOTALL,
)
STATISTICAL: Final = re.compile(
    r"^Statistical unit: an employment concentration delineated by statistics "
    r"\(programme (?P<programme>[\w-]+)\); no policy created it, so it has no policy type\.$"
)


def french_rationale(text: str, readings: Mapping[str, str]) -> str | None:
    """The rationale in French, or None when its reading (or frame) has no translation.

    >>> french_rationale("Case policy type: top-down — a law", {"a law": "une loi nationale"})
    'Type de politique propre au cas : descendant (top-down) — une loi nationale'
    >>> french_rationale("hybrid (curator's reading) — why", {"why": "pourquoi"})
    "hybride (lecture de l'équipe de l'atlas) — pourquoi"
    >>> french_rationale("Case policy type: top-down — untranslated", {}) is None
    True
    """
    statistical = STATISTICAL.match(text)
    if statistical:
        return (
            "Unité statistique : une concentration d'emplois délimitée par la statistique "
            f"(programme {statistical['programme']}) ; aucune politique ne l'a créée, "
            "elle n'a donc pas de type de politique."
        )
    framed = FRAMED.match(text)
    if framed is None:
        return None
    reading = readings.get(framed["reading"])
    basis = framed["basis"]
    if reading is None or (basis is not None and basis not in BASES_FR):
        return None
    words = TYPES_FR[framed["type"]] + (f" ({BASES_FR[basis]})" if basis else "")
    kind = framed["kind"]
    return f"{KINDS_FR[kind]} : {words} — {reading}" if kind else f"{words} — {reading}"
