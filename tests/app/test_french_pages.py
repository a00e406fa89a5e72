"""The French pages speak French: English words left in their text are found and named.

Every page runs in French (with a card open, the regions map, a slide, a comparison); the text of
every element (titles, captions, Markdown, labels, options, alerts, legends, chart titles) is
scanned for common English words. Names are names in any language (cases, sources' addresses),
and a quotation stays in its original language: both are left out before the scan.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict

from data.load import load_atlas_dir
from tests.app.conftest import run_page
from ui.links import PAGES

# Words that are English and not French (nor common in the names of French clusters).
ENGLISH: frozenset[str] = frozenset(
    (
        "the",
        "and",
        "of",
        "with",
        "from",
        "which",
        "is",
        "are",
        "not",
        "this",
        "that",
        "these",
        "those",
        "has",
        "have",
        "was",
        "were",
        "its",
        "their",
        "cases",
        "shown",
        "known",
        "unknown",
        "year",
        "years",
        "found",
        "name",
        "names",
        "see",
        "more",
        "less",
        "than",
        "only",
        "each",
        "every",
        "by",
        "for",
        "into",
        "per",
        "about",
        "when",
        "where",
        "what",
        "who",
        "how",
    )
)
TEXT_KEYS: frozenset[str] = frozenset(
    {"body", "label", "content", "options", "placeholder", "alt", "columns", "help"}
)
URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|com|gov|edu|us|fr|de|eu|jp|io)(?:/\S*)?")
# Text declared in English (``lang="en"``: the curators' free notes), said so on the page.
DECLARED_ENGLISH = re.compile(r'<div lang="en">.*?</div>', re.DOTALL)
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
# Paths and identifiers shown as such (data/inputs/rules/sector_map.csv, fr-genopole).
CODE = re.compile(r"\b[\w./-]*[/_][\w./-]*\b")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")

# Each page once, then views that show more text: a card, the regions map, a slide, a comparison.
VIEWS: list[tuple[str, dict[str, str | list[str]]]] = [
    *[(page.script, {}) for page in PAGES.values()],
    ("dashboard.py", {"case": "fr-genopole"}),
    ("dashboard.py", {"case": "de-bioeconomy-cluster"}),
    ("dashboard.py", {"mode": "regions", "view": "europe"}),
    ("pages/present.py", {"story": "four-models", "present": "1", "slide": "2", "notes": "1"}),
    ("pages/compare.py", {"cmp": ["fr-genopole", "us-joint-venture-silicon-valley"]}),
]


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, inner in value.items():
            if name in TEXT_KEYS or isinstance(inner, dict | list):
                yield from _strings(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, key)
    elif isinstance(value, str) and key in TEXT_KEYS:
        yield value


def _chart_texts(spec: str) -> Iterator[str]:
    """Titles, axis titles, annotations and trace names of a Plotly figure."""
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    for part in [layout, *(v for k, v in layout.items() if k.startswith(("xaxis", "yaxis")))]:
        title = part.get("title") if isinstance(part, dict) else None
        if isinstance(title, dict) and isinstance(title.get("text"), str):
            yield title["text"]
    yield from (a["text"] for a in layout.get("annotations", []) if isinstance(a.get("text"), str))
    yield from (t["name"] for t in figure.get("data", []) if isinstance(t.get("name"), str))


def page_texts(script: str, lang: str = "fr", **params: str | list[str]) -> list[str]:
    """Every text the page shows (in French unless told)."""
    at = run_page(script, lang=lang, **params)
    assert not at.exception
    assert not [e.value for e in at.error], f"{script} {params}: a section failed"
    texts: list[str] = []
    stack: list[Any] = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            fields = MessageToDict(proto)
            texts.extend(_strings(fields))
            if node.type == "plotly_chart" and "spec" in fields:
                texts.extend(_chart_texts(fields["spec"]))
        stack.extend(getattr(node, "children", {}).values())
    return texts


@cache
def _french_texts() -> dict[str, list[str]]:
    return {f"{script} {params}": page_texts(script, **params) for script, params in VIEWS}


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\\(.)", r"\1", text)  # Markdown escapes


def _without(text: str, phrases: Iterable[str]) -> str:
    for phrase in phrases:
        if phrase in text:
            text = text.replace(phrase, " ")
    return text


def english_left(texts: dict[str, list[str]], names: list[str]) -> dict[str, list[str]]:
    """Per view, the texts that still hold English words once names, addresses, paths and
    quotations are taken out (each text with its English words)."""
    found: dict[str, list[str]] = {}
    for view, view_texts in texts.items():
        for raw in dict.fromkeys(view_texts):
            text = _without(_plain(DECLARED_ENGLISH.sub(" ", raw)), names)
            text = CODE.sub(" ", QUOTED.sub(" ", URL.sub(" ", text)))
            words = sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH})
            if words:
                found.setdefault(view, []).append(f"{words}: {_plain(raw)[:160]}")
    return found


def _longest_first(values: Iterable[object]) -> list[str]:
    return sorted({str(v) for v in values if isinstance(v, str) and v.strip()}, key=len, reverse=True)


@pytest.fixture(scope="module")
def atlas_texts() -> tuple[list[str], list[str]]:
    """Names (proper names in any language), then the atlas's own written texts that are data:
    programme names and the notes of the data files (bilingual data is issue #17's data part)."""
    atlas = load_atlas_dir()
    clusters, programmes, figures = atlas.clusters, atlas.programmes, atlas.programme_figures
    names = _longest_first(
        [
            *clusters["name"],
            *clusters["name_local"],
            *clusters["region"],
            *clusters["city"],
            *programmes["name_local"],
        ]
    )
    data_columns = [c for c in ("policy_rationale", "source_note", "sector_detail") if c in clusters]
    programme_columns = [
        c
        for c in programmes.columns
        if c.startswith("name_") or c in ("agency", "launch_detail", "clusters_detail")
    ]
    data = _longest_first(
        [
            *pd.concat([clusters[c] for c in data_columns]),
            *pd.concat([programmes[c] for c in programme_columns]),
            *figures["source"],
        ]
    )
    return names, data


def test_the_scan_reads_the_pages_and_finds_english() -> None:
    texts = _french_texts()
    assert len(texts) == len(VIEWS)
    assert all(texts.values())
    planted = {"planted": ["Carte des clusters", "The map of the cases shown"]}
    assert list(english_left(planted, [])) == ["planted"]
    assert english_left({"quoted": ["Document 002 : « Framework Programme of the Commission »"]}, []) == {}
    declared = ["La note, en anglais :", '<div lang="en">Founded by the firms of the region</div>']
    assert english_left({"declared": declared}, []) == {}


def test_the_french_interface_has_no_english_words(atlas_texts: tuple[list[str], list[str]]) -> None:
    names, data = atlas_texts
    left = english_left(_french_texts(), _longest_first([*names, *data]))
    assert left == {}, json.dumps(left, ensure_ascii=False, indent=1)


def test_the_french_pages_have_no_english_in_the_atlas_texts(
    atlas_texts: tuple[list[str], list[str]],
) -> None:
    names, _ = atlas_texts
    left = english_left(_french_texts(), names)
    assert left == {}, json.dumps(left, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "(from the case's name, not stated"), ("fr", "(d'après le nom du cas, non indiqué")],
)
def test_sector_words_taken_from_a_name_are_said_so_in_the_language(lang: str, said: str) -> None:
    card = "\n".join(page_texts("dashboard.py", lang=lang, case="de-bioeconomy-cluster"))
    assert "Bioökonomie " + said in _plain(card)
    assert "(from name)" not in card


def test_the_us_data_citation_quotes_its_title_and_speaks_french() -> None:
    texts = _plain("\n".join(_french_texts()["pages/us_strength.py {}"]))
    assert "« Strong traded clusters per metropolitan statistical area, 2016 »" in texts
    assert "aucune indiquée dans le dépôt" in texts and "le code du site clustermapping.us" in texts
