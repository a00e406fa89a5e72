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

from data.models import DEFAULT_GROUPING, GROUPINGS
from data.query import SIZE_MEASURES, Filters, SizeMeasure
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES
from geo.view import DEFAULT_VIEW, VIEW_PRESETS
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES

MAX_VALUE_LENGTH: Final[int] = 200
MAX_VALUES: Final[int] = 50
MIN_YEAR: Final[int] = 1800
MAX_YEAR: Final[int] = 2100
MAX_SIZE: Final[int] = 10_000_000

# URL key of each multi-valued filter field.
LIST_KEYS: Final[dict[str, str]] = {
    "areas": "area",
    "countries": "country",
    "sectors": "sector",
    "policies": "policy",
    "programmes": "programme",
    "unit_types": "unit",
    "sizes": "size",
}
MAP_MODES: Final[tuple[str, ...]] = ("points", "regions")
MAX_COMPARE: Final[int] = 4
SCALAR_KEYS: Final[tuple[str, ...]] = (
    "lang",
    "view",
    "mode",
    "cmp",
    "unknown_size",
    "measure",
    "size_min",
    "size_max",
    "from",
    "to",
    "q",
    "case",
    "present",
    "slide",
    "story",
    "notes",
    "by",
)
KNOWN_KEYS: Final[frozenset[str]] = frozenset(LIST_KEYS.values()) | frozenset(SCALAR_KEYS)


@dataclass(frozen=True)
class Vocabulary:
    """The values each URL key may take; countries, programmes and cases come from the data."""

    countries: frozenset[str] = frozenset()
    programmes: frozenset[str] = frozenset()
    cases: frozenset[str] = frozenset()
    stories: frozenset[str] = frozenset()

    def allowed(self, field_name: str) -> frozenset[str]:
        """Allowed values of one list field of :class:`Filters`."""
        fixed: dict[str, Sequence[str]] = {
            "areas": AREAS,
            "sectors": SECTORS,
            "policies": POLICY_TYPES,
            "unit_types": UNIT_TYPES,
            "sizes": SIZE_CLASSES,
        }
        if field_name == "countries":
            return self.countries
        if field_name == "programmes":
            return self.programmes
        return frozenset(fixed[field_name])


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


def _values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for v in values if v.strip()][:MAX_VALUES]


def _first(params: Mapping[str, Sequence[str] | str], key: str) -> str | None:
    values = _values(params, key)
    return values[0] if values else None


def _integer(text: str | None, low: int, high: int) -> int | None:
    if text is None or len(text) > MAX_VALUE_LENGTH:
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if low <= number <= high else None


def _measure(text: str | None) -> SizeMeasure:
    for measure in SIZE_MEASURES:
        if text == measure:
            return measure
    return "employees"


def parse_params(params: Mapping[str, Sequence[str] | str], vocabulary: Vocabulary) -> ParseResult:
    """Read a view from query parameters; anything unknown or malformed is dropped, never raised.

    Examples
    --------
    >>> parse_params({"area": ["japan", "mars"]}, Vocabulary()).dropped
    ('area=mars',)
    """
    dropped: list[str] = [f"{key}" for key in params if key not in KNOWN_KEYS]
    lists: dict[str, frozenset[str]] = {}
    for field_name, key in LIST_KEYS.items():
        allowed = vocabulary.allowed(field_name)
        values = _values(params, key)
        if field_name == "countries":
            values = [v.upper() for v in values]
        lists[field_name] = frozenset(v for v in values if v in allowed)
        dropped += [f"{key}={v[:40]}" for v in values if v not in allowed]

    def scalar(key: str, valid: bool, value: str | None) -> None:
        if value is not None and not valid:
            dropped.append(f"{key}={value[:40]}")

    lang = _first(params, "lang")
    scalar("lang", lang in LANGUAGES, lang)
    view = _first(params, "view")
    scalar("view", view in VIEW_PRESETS, view)
    unknown = _first(params, "unknown_size")
    scalar("unknown_size", unknown in {"0", "1"}, unknown)
    measure = _first(params, "measure")
    scalar("measure", measure in SIZE_MEASURES, measure)

    size_min_text, size_max_text = _first(params, "size_min"), _first(params, "size_max")
    size_min, size_max = _integer(size_min_text, 0, MAX_SIZE), _integer(size_max_text, 0, MAX_SIZE)
    scalar("size_min", size_min is not None, size_min_text)
    scalar("size_max", size_max is not None, size_max_text)
    size_range: tuple[int, int] | None = None
    if size_min is not None or size_max is not None:
        low, high = size_min or 0, MAX_SIZE if size_max is None else size_max
        size_range = (min(low, high), max(low, high))

    first_text, last_text = _first(params, "from"), _first(params, "to")
    first, last = _integer(first_text, MIN_YEAR, MAX_YEAR), _integer(last_text, MIN_YEAR, MAX_YEAR)
    scalar("from", first is not None, first_text)
    scalar("to", last is not None, last_text)
    founded: tuple[int, int] | None = None
    if first is not None or last is not None:
        low, high = first or MIN_YEAR, MAX_YEAR if last is None else last
        founded = (min(low, high), max(low, high))

    mode = _first(params, "mode")
    scalar("mode", mode in MAP_MODES, mode)
    compare: list[str] = []
    for value in _values(params, "cmp"):
        if value in vocabulary.cases and value not in compare and len(compare) < MAX_COMPARE:
            compare.append(value)
        else:
            dropped.append(f"cmp={value[:40]}")
    text = (_first(params, "q") or "")[:MAX_VALUE_LENGTH]
    case = _first(params, "case")
    scalar("case", case in vocabulary.cases, case)
    present = _first(params, "present")
    scalar("present", present in {"0", "1"}, present)
    story = _first(params, "story")
    scalar("story", story in vocabulary.stories, story)
    notes = _first(params, "notes")
    scalar("notes", notes in {"0", "1"}, notes)
    by = _first(params, "by")
    scalar("by", by in GROUPINGS, by)
    slide_text = _first(params, "slide")
    slide = _integer(slide_text, 1, 10_000)
    scalar("slide", slide is not None, slide_text)

    filters = Filters(
        **lists,
        include_unknown_size=unknown != "0",
        size_measure=_measure(measure),
        size_range=size_range,
        founded=founded,
        text=text,
    )
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
    filters = state.filters
    for field_name, key in LIST_KEYS.items():
        values: frozenset[str] = getattr(filters, field_name)
        if values:
            params[key] = sorted(v.lower() if field_name == "countries" else v for v in values)
    if not filters.include_unknown_size:
        params["unknown_size"] = ["0"]
    if filters.size_measure != "employees":
        params["measure"] = [filters.size_measure]
    if filters.size_range is not None:
        params["size_min"], params["size_max"] = [str(filters.size_range[0])], [str(filters.size_range[1])]
    if filters.founded is not None:
        params["from"], params["to"] = [str(filters.founded[0])], [str(filters.founded[1])]
    if filters.text.strip():
        params["q"] = [filters.text.strip()]
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
    "ParseResult",
    "SizeMeasure",
    "ViewState",
    "Vocabulary",
    "parse_params",
    "to_params",
    "with_filters",
]
