"""The view as a URL query string and back: pure functions, so every view is a shareable link.

Streamlit's own widget binding (``bind="query-params"``) writes a widget's *display label*
into the URL, so links would change with the language; we keep language-independent slugs
and sync them here instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from data.filters import (
    MAX_SIZE,
    MAX_VALUE_LENGTH,
    URL_KEYS,
    Filters,
    SizeMeasure,
    dropped_part,
    filters_to_params,
    parse_filters,
    url_integer,
    url_value,
    url_values,
)
from data.models import DEFAULT_GROUPING, GROUPINGS
from geo.view import DEFAULT_VIEW, VIEW_PRESETS
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES

MAP_MODES: Final[tuple[str, ...]] = ("points", "regions")
MAX_COMPARE: Final[int] = 4
# The keys of the view besides the filters' (which data/filters.py declares).
VIEW_KEYS: Final[tuple[str, ...]] = (
    "lang",
    "view",
    "mode",
    "case",
    "cmp",
    "present",
    "slide",
    "story",
    "notes",
    "by",
)
KNOWN_KEYS: Final[frozenset[str]] = frozenset(URL_KEYS) | frozenset(VIEW_KEYS)


@dataclass(frozen=True)
class Vocabulary:
    """The values the URL may name that come from the data: the options of the filters that
    declare ``options_from`` (by filter name), the case ids and the story ids."""

    options: Mapping[str, frozenset[str]] = field(default_factory=dict)
    cases: frozenset[str] = frozenset()
    stories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ViewState:
    """Everything a link reopens: filters, language, map view, open case, presenter slide."""

    filters: Filters = field(default_factory=Filters)
    lang: str = DEFAULT_LANGUAGE
    view: str = DEFAULT_VIEW
    mode: str = MAP_MODES[0]
    case: str | None = None
    compare: tuple[str, ...] = ()
    present: bool = False
    slide: int | None = None
    story: str | None = None
    notes: bool = False
    by: str = DEFAULT_GROUPING  # how the models page groups the cases


@dataclass(frozen=True)
class ParseResult:
    """A valid state and the parts of the query string that were dropped."""

    state: ViewState
    dropped: tuple[str, ...] = field(default_factory=tuple)


def parse_params(params: Mapping[str, Sequence[str] | str], vocabulary: Vocabulary) -> ParseResult:
    """Read a view from query parameters; anything unknown or malformed is dropped, never raised.

    Examples
    --------
    >>> parse_params({"area": ["japan", "mars"]}, Vocabulary()).dropped
    ('area=mars',)
    """
    dropped: list[str] = [f"{key}" for key in params if key not in KNOWN_KEYS]
    filters, rejected = parse_filters(params, vocabulary.options)
    dropped += rejected

    def scalar(key: str, valid: bool, value: str | None) -> None:
        if value is not None and not valid:
            dropped.append(dropped_part(key, value))

    lang = url_value(params, "lang")
    scalar("lang", lang in LANGUAGES, lang)
    view = url_value(params, "view")
    scalar("view", view in VIEW_PRESETS, view)
    mode = url_value(params, "mode")
    scalar("mode", mode in MAP_MODES, mode)
    compare: list[str] = []
    for value in url_values(params, "cmp"):
        if value in vocabulary.cases and value not in compare and len(compare) < MAX_COMPARE:
            compare.append(value)
        else:
            dropped.append(dropped_part("cmp", value))
    case = url_value(params, "case")
    scalar("case", case in vocabulary.cases, case)
    present = url_value(params, "present")
    scalar("present", present in {"0", "1"}, present)
    story = url_value(params, "story")
    scalar("story", story in vocabulary.stories, story)
    notes = url_value(params, "notes")
    scalar("notes", notes in {"0", "1"}, notes)
    by = url_value(params, "by")
    scalar("by", by in GROUPINGS, by)
    slide_text = url_value(params, "slide")
    slide = url_integer(slide_text, 1, 10_000)
    scalar("slide", slide is not None, slide_text)

    state = ViewState(
        filters=filters,
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        view=view if view in VIEW_PRESETS else DEFAULT_VIEW,
        mode=mode if mode in MAP_MODES else MAP_MODES[0],
        case=case if case in vocabulary.cases else None,
        compare=tuple(compare),
        present=present == "1",
        slide=slide,
        story=story if story in vocabulary.stories else None,
        notes=notes == "1",
        by=by if by is not None and by in GROUPINGS else DEFAULT_GROUPING,
    )
    return ParseResult(state=state, dropped=tuple(dropped))


def to_params(state: ViewState) -> dict[str, list[str]]:
    """The query parameters of a view; defaults are left out so links stay short."""
    params: dict[str, list[str]] = {}
    default = ViewState()
    if state.lang != default.lang:
        params["lang"] = [state.lang]
    if state.view != default.view:
        params["view"] = [state.view]
    if state.mode != default.mode:
        params["mode"] = [state.mode]
    params |= filters_to_params(state.filters)
    if state.case:
        params["case"] = [state.case]
    if state.compare:
        params["cmp"] = list(state.compare)
    if state.present:
        params["present"] = ["1"]
    if state.slide is not None:
        params["slide"] = [str(state.slide)]
    if state.story:
        params["story"] = [state.story]
    if state.notes:
        params["notes"] = ["1"]
    if state.by != default.by:
        params["by"] = [state.by]
    return params


def with_filters(state: ViewState, **changes: object) -> ViewState:
    """A copy of the state with some filter fields changed."""
    return dataclasses.replace(state, filters=dataclasses.replace(state.filters, **changes))  # type: ignore[arg-type]


__all__ = [
    "KNOWN_KEYS",
    "MAX_SIZE",
    "MAX_VALUE_LENGTH",
    "ParseResult",
    "SizeMeasure",
    "ViewState",
    "Vocabulary",
    "parse_params",
    "to_params",
    "with_filters",
]
