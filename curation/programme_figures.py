"""Figures stated about programmes: from the seed documents and the reference key figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from curation.text import Row, collapse_ws

COLUMNS = (
    "programme_id",
    "figure",
    "label_en",
    "label_fr",
    "value",
    "unit",
    "year",
    "year_basis",
    "source",
    "source_quote",
)


@dataclass(frozen=True)
class ProgrammeFigure:
    """One row of programme_figures.csv."""

    programme_id: str
    figure: str
    label_en: str
    label_fr: str
    value: float
    unit: str
    year: int | None
    year_basis: str
    source: str
    source_quote: str

    def as_row(self) -> dict[str, object]:
        """Output mapping (columns in schema order)."""
        return {c: getattr(self, c) for c in COLUMNS}


def quote_found(quote: str, text: str) -> bool:
    """Whether a quote occurs in a text once whitespace is collapsed (OCR text kept as is).

    >>> quote_found("au nombre de 13", "sont aujourd'hui au\\nnombre de 13 ct")
    True
    """
    return collapse_ws(quote) in collapse_ws(text)


def make_figure(entry: Mapping[str, object], source: str, texts: Sequence[str]) -> ProgrammeFigure:
    """Build a figure after checking its quote against the source text(s) and its value text."""
    quote = str(entry["source_quote"])
    value_text = str(entry["value_text"])
    label = f"{entry['programme_id']}/{entry['figure']}"
    if not any(quote_found(quote, t) for t in texts):
        raise ValueError(f"programme figure {label}: quote not found in its source: {quote!r}")
    if collapse_ws(value_text) not in collapse_ws(quote):
        raise ValueError(f"programme figure {label}: value text {value_text!r} not in quote")
    year = entry.get("year")
    basis = str(entry["year_basis"])
    if (year is None) != (basis == "not-stated"):
        raise ValueError(f"programme figure {label}: year {year!r} inconsistent with basis {basis}")
    value = entry["value"]
    if not isinstance(value, (int, float)):
        raise ValueError(f"programme figure {label}: value must be a number")
    return ProgrammeFigure(
        programme_id=str(entry["programme_id"]),
        figure=str(entry["figure"]),
        label_en=str(entry["label_en"]),
        label_fr=str(entry["label_fr"]),
        value=float(value),
        unit=str(entry["unit"]),
        year=int(year) if isinstance(year, int) else None,
        year_basis=basis,
        source=source,
        source_quote=collapse_ws(quote),
    )


def seed_figures(spec: Mapping[str, object], seed_dir: Path) -> list[ProgrammeFigure]:
    """Figures of the seeds' table, each checked against its seed file."""
    sources = spec["sources"]
    files = spec["files"]
    entries = spec["figures"]
    assert isinstance(sources, dict) and isinstance(files, dict) and isinstance(entries, list)
    texts = {key: (seed_dir / str(name)).read_text(encoding="utf-8") for key, name in files.items()}
    return [make_figure(e, str(sources[e["source"]]), [texts[e["source"]]]) for e in entries]


def reference_figures(
    spec: Mapping[str, object], reference: Mapping[str, Row], programme_refs: Mapping[str, str]
) -> list[ProgrammeFigure]:
    """Figures parsed from programmes_reference, checked against the programme's texts."""
    entries = spec["figures"]
    assert isinstance(entries, list)
    figures = []
    for entry in entries:
        ref_name = programme_refs.get(str(entry["programme_id"]))
        if ref_name is None:
            raise ValueError(f"reference figure for {entry['programme_id']}: programme has no reference row")
        ref = reference[ref_name]
        texts = [ref["key_figures"], ref["number_of_clusters_labelled"]]
        source = f"programmes_reference.csv ({ref['programme_name']}): {ref['source_url_or_repo_path']}"
        figures.append(make_figure(entry, source, texts))
    return figures
