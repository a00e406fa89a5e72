"""Every filter of the atlas, declared once, as a field of :class:`Filters`.

A declaration says the filter's URL key, its values and default, where the panel shows it, the
locale key of its title, how it narrows the cases and how it reads in words. Everything else
derives from :data:`REGISTRY`: the link parser and writer (``ui/state.py``), the query and the
option counts (``data/query.py``), the panel, its chips and the words and file names of exports
(``ui/filters.py``, ``ui/export.py``).

Adding a filter: one field below declared with its kind (:class:`Choice`, :class:`Search`,
:class:`Flag`, :class:`OneOf`, :class:`Range`), its title in ``ui/locales/<lang>.toml``
(``filters.<field>``), its row in the README's table of link keys (a test compares them) and its
tests. Pure module: no Streamlit.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd

from data.vocab import (
    AREAS,
    LIST_SEPARATOR,
    PAST_STATUSES,
    POLICY_TYPES,
    SECTORS,
    SIZE_CLASSES,
    STATUSES,
    UNIT_TYPES,
)

Params = Mapping[str, Sequence[str] | str]
Place = Literal["main", "more"]
SizeMeasure = Literal["employees", "members_firms"]
SIZE_MEASURES: Final[tuple[SizeMeasure, ...]] = ("employees", "members_firms")

MAX_VALUE_LENGTH: Final[int] = 200
MAX_VALUES: Final[int] = 50
MIN_YEAR: Final[int] = 1800
MAX_YEAR: Final[int] = 2100
MAX_SIZE: Final[int] = 10_000_000
# How much of a rejected value the "dropped" notice repeats.
SHOWN_OF_DROPPED: Final[int] = 40
UNKNOWN: Final[str] = "unknown"
_SPEC: Final[str] = "filter"


def url_values(params: Params, key: str) -> list[str]:
    """The non-blank values of a key, trimmed, at most :data:`MAX_VALUES` of them."""
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for v in values if v.strip()][:MAX_VALUES]


def url_value(params: Params, key: str) -> str | None:
    """The first non-blank value of a key."""
    values = url_values(params, key)
    return values[0] if values else None


def url_integer(text: str | None, low: int, high: int) -> int | None:
    """An integer between ``low`` and ``high`` written in a link, or None."""
    if text is None or len(text) > MAX_VALUE_LENGTH:
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if low <= number <= high else None


def dropped_part(key: str, value: str) -> str:
    """How the notice names a part of a link that was dropped."""
    return f"{key}={value[:SHOWN_OF_DROPPED]}"


@dataclass(frozen=True)
class Chip:
    """One active filter in words: its title and either an option (shown by its label), a message
    (a locale key and its arguments) or the user's own text (shown as typed, in quotes)."""

    name: str
    title_key: str
    option: str | None = None
    message_key: str | None = None
    args: tuple[tuple[str, str | int], ...] = ()
    quote: str | None = None


# How the options of a list filter are labelled (the panel draws each kind).
@dataclass(frozen=True)
class LocaleLabels:
    """Options labelled by the locale files: ``<group>.<value>``."""

    group: str


@dataclass(frozen=True)
class CountryLabels:
    """ISO country codes labelled by their name in the language (CLDR)."""


@dataclass(frozen=True)
class TableLabels:
    """Options labelled by a localised column of one of the atlas's tables (e.g. programme names:
    ``name_en``, ``name_fr``... named by their stem ``name``)."""

    table: str
    id_column: str
    name_stem: str


OptionLabels = LocaleLabels | CountryLabels | TableLabels
Predicate = Callable[[pd.DataFrame, "Filters"], "pd.Series | None"]


@dataclass(frozen=True, kw_only=True)
class FilterSpec(ABC):
    """What every filter declares; :data:`REGISTRY` fills in ``name`` from its field."""

    name: str = ""
    place: Place = "more"
    label: str = ""
    # How the filter narrows the cases, when its kind's way is not the right one.
    predicate: Predicate | None = None

    @property
    def title_key(self) -> str:
        """Locale key of the filter's title."""
        return self.label or f"filters.{self.name}"

    @property
    def widget_key(self) -> str:
        """Session-state key of the filter's widget in the panel (``ui/filters.py``)."""
        return f"f_{self.name}"

    @property
    @abstractmethod
    def keys(self) -> tuple[str, ...]:
        """The URL keys the filter reads and writes."""

    @property
    @abstractmethod
    def default(self) -> Any:
        """The value that filters nothing."""

    @abstractmethod
    def parse(self, params: Params, options: frozenset[str]) -> tuple[Any, list[str]]:
        """The value a link asks for and the parts of it that were dropped (never raises)."""

    @abstractmethod
    def to_params(self, value: Any) -> dict[str, list[str]]:
        """The URL parameters of a value (none for the default)."""

    def locale_keys(self) -> tuple[str, ...]:
        """The locale keys the panel and the chips use for this filter."""
        return (self.title_key,)

    def chips(self, filters: Filters) -> list[Chip]:
        """The filter in words when it is active (one chip per chosen option)."""
        value = getattr(filters, self.name)
        return [] if value == self.default else [self._chip(value, filters)]

    def _chip(self, value: Any, filters: Filters) -> Chip:
        return Chip(self.name, self.title_key, quote=str(value))

    def mask(self, clusters: pd.DataFrame, filters: Filters) -> pd.Series | None:
        """The cases the filter keeps, or None when it keeps them all."""
        if self.predicate is not None:
            return self.predicate(clusters, filters)
        value = getattr(filters, self.name)
        return None if value == self.default else self._mask(clusters, value)

    def _mask(self, clusters: pd.DataFrame, value: Any) -> pd.Series | None:
        return None

    def removed(self, filters: Filters, chip: Chip) -> Filters:
        """The filters without what a chip shows."""
        return dataclasses.replace(filters, **{self.name: self.default})


def _has_any(values: pd.Series, wanted: frozenset[str]) -> pd.Series:
    padded = LIST_SEPARATOR + values.fillna("") + LIST_SEPARATOR
    mask = pd.Series(False, index=values.index)
    for value in wanted:
        mask |= padded.str.contains(f"{LIST_SEPARATOR}{value}{LIST_SEPARATOR}", regex=False)
    return mask


@dataclass(frozen=True, kw_only=True)
class Choice(FilterSpec):
    """Cases whose ``column`` has any of the chosen values (a multiselect; none chosen: all).

    The allowed values are ``options``, or, when it is empty, the values of ``options_from``
    (a table and column of the atlas), given to :meth:`parse` by the caller.
    """

    key: str
    column: str
    options: tuple[str, ...] = ()
    # How the options are labelled; by default the locale files' ``<key>.<value>``.
    labels: OptionLabels | None = None
    options_from: tuple[str, str] | None = None
    multi: bool = False  # the column lists several values joined by LIST_SEPARATOR
    upper: bool = False  # codes upper-case in the data, lower-case in links

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def label_source(self) -> OptionLabels:
        """How the options are labelled."""
        return self.labels or LocaleLabels(self.key)

    @property
    def default(self) -> frozenset[str]:
        return frozenset()

    def parse(self, params: Params, options: frozenset[str]) -> tuple[frozenset[str], list[str]]:
        allowed = frozenset(self.options) or options
        values = [v.upper() if self.upper else v for v in url_values(params, self.key)]
        dropped = [dropped_part(self.key, v) for v in values if v not in allowed]
        return frozenset(v for v in values if v in allowed), dropped

    def to_params(self, value: frozenset[str]) -> dict[str, list[str]]:
        return {self.key: sorted(v.lower() if self.upper else v for v in value)} if value else {}

    def chips(self, filters: Filters) -> list[Chip]:
        return [Chip(self.name, self.title_key, option=v) for v in sorted(getattr(filters, self.name))]

    def _mask(self, clusters: pd.DataFrame, value: frozenset[str]) -> pd.Series:
        column = clusters[self.column]
        return _has_any(column, value) if self.multi else column.isin(value)

    def removed(self, filters: Filters, chip: Chip) -> Filters:
        return dataclasses.replace(filters, **{self.name: getattr(filters, self.name) - {chip.option}})


@dataclass(frozen=True, kw_only=True)
class Search(FilterSpec):
    """Cases whose ``columns`` contain the text, ignoring case (a text box)."""

    key: str
    columns: tuple[str, ...]
    placeholder: str = ""
    max_length: int = MAX_VALUE_LENGTH

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def default(self) -> str:
        return ""

    def locale_keys(self) -> tuple[str, ...]:
        return (self.title_key, *([self.placeholder] if self.placeholder else []))

    def parse(self, params: Params, options: frozenset[str]) -> tuple[str, list[str]]:
        return (url_value(params, self.key) or "")[: self.max_length], []

    def to_params(self, value: str) -> dict[str, list[str]]:
        return {self.key: [value.strip()]} if value.strip() else {}

    def chips(self, filters: Filters) -> list[Chip]:
        text = str(getattr(filters, self.name)).strip()
        return [Chip(self.name, self.title_key, quote=text)] if text else []

    def _mask(self, clusters: pd.DataFrame, value: str) -> pd.Series | None:
        text = value.strip().casefold()
        if not text:
            return None
        joined = clusters[self.columns[0]].fillna("")
        for column in self.columns[1:]:
            joined = joined + " " + clusters[column].fillna("")
        return joined.str.casefold().str.contains(text, regex=False)


@dataclass(frozen=True, kw_only=True)
class Flag(FilterSpec):
    """A switch (a checkbox), on by default unless ``on`` says otherwise; a link says ``key=0``
    when a switch that is on by default is off, ``key=1`` when one that is off by default is on."""

    key: str
    chip_title: str
    chip_message: str
    on: bool = True

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def default(self) -> bool:
        return self.on

    def locale_keys(self) -> tuple[str, ...]:
        return (self.title_key, self.chip_title, self.chip_message)

    def parse(self, params: Params, options: frozenset[str]) -> tuple[bool, list[str]]:
        text = url_value(params, self.key)
        if text not in {"0", "1"}:
            return self.default, [] if text is None else [dropped_part(self.key, text)]
        return text == "1", []

    def to_params(self, value: bool) -> dict[str, list[str]]:
        return {} if value == self.default else {self.key: ["1" if value else "0"]}

    def _chip(self, value: Any, filters: Filters) -> Chip:
        return Chip(self.name, self.chip_title, message_key=self.chip_message)


@dataclass(frozen=True, kw_only=True)
class OneOf(FilterSpec):
    """One of a few ``options``, the first by default (radio buttons labelled ``<title key>_<option>``).
    It qualifies another filter, so it shows no chip of its own."""

    key: str
    options: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def default(self) -> str:
        return self.options[0]

    def option_key(self, option: str) -> str:
        """Locale key of an option's label."""
        return f"{self.title_key}_{option}"

    def locale_keys(self) -> tuple[str, ...]:
        return (self.title_key, *(self.option_key(o) for o in self.options))

    def parse(self, params: Params, options: frozenset[str]) -> tuple[str, list[str]]:
        text = url_value(params, self.key)
        if text in self.options:
            return text, []
        return self.default, [] if text is None else [dropped_part(self.key, text)]

    def to_params(self, value: str) -> dict[str, list[str]]:
        return {} if value == self.default else {self.key: [value]}

    def chips(self, filters: Filters) -> list[Chip]:
        return []


@dataclass(frozen=True, kw_only=True)
class Range(FilterSpec):
    """Cases whose ``column`` lies between two bounds, both written in the link (``low_key``,
    ``high_key``); either alone means "from" or "up to". A ``year`` range is a slider over the
    data's years; a ``count`` range is two number fields, each titled ``filters.<its key>``."""

    low_key: str
    high_key: str
    bounds: tuple[int, int]
    kind: Literal["year", "count"]
    chip_message: str
    chip_args: tuple[str, str] = ("low", "high")
    column: str = ""
    # Locale key of the chip's title, from the filters (e.g. the size measure in use).
    chip_title: Callable[[Filters], str] | None = None
    # Locale key of a caption under the slider, given the number of cases of unknown value.
    note: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.low_key, self.high_key)

    @property
    def default(self) -> None:
        return None

    def locale_keys(self) -> tuple[str, ...]:
        ends = tuple(f"filters.{key}" for key in self.keys) if self.kind == "count" else (self.title_key,)
        return (*ends, self.chip_message, *([self.note] if self.note else []))

    def parse(self, params: Params, options: frozenset[str]) -> tuple[tuple[int, int] | None, list[str]]:
        low_text, high_text = url_value(params, self.low_key), url_value(params, self.high_key)
        first, last = self.bounds
        low, high = url_integer(low_text, first, last), url_integer(high_text, first, last)
        dropped = [
            dropped_part(key, text)
            for key, text, number in ((self.low_key, low_text, low), (self.high_key, high_text, high))
            if text is not None and number is None
        ]
        if low is None and high is None:
            return None, dropped
        low, high = first if low is None else low, last if high is None else high
        return (min(low, high), max(low, high)), dropped

    def to_params(self, value: tuple[int, int] | None) -> dict[str, list[str]]:
        return {} if value is None else {self.low_key: [str(value[0])], self.high_key: [str(value[1])]}

    def _chip(self, value: tuple[int, int], filters: Filters) -> Chip:
        title = self.chip_title(filters) if self.chip_title else self.title_key
        ends = tuple(str(end) if self.kind == "year" else end for end in value)
        return Chip(
            self.name,
            title,
            message_key=self.chip_message,
            args=tuple(zip(self.chip_args, ends, strict=True)),
        )

    def _mask(self, clusters: pd.DataFrame, value: tuple[int, int]) -> pd.Series:
        return clusters[self.column].between(*value).fillna(False).astype(bool)


def _sizes(clusters: pd.DataFrame, filters: Filters) -> pd.Series | None:
    """The chosen size classes, and the cases of unknown size unless they are left out."""
    if not filters.sizes:
        return None
    size = clusters["size_class"]
    return size.isin(filters.sizes) | (size.eq(UNKNOWN) & filters.include_unknown_size)


def _known_size_only(clusters: pd.DataFrame, filters: Filters) -> pd.Series | None:
    """Without a size class chosen (which takes this into account), the cases of known size."""
    if filters.include_unknown_size or filters.sizes:
        return None
    return ~clusters["size_class"].eq(UNKNOWN)


def _size_range(clusters: pd.DataFrame, filters: Filters) -> pd.Series | None:
    """Sizes in range on the chosen measure, and the unmeasured cases unless they are left out."""
    if filters.size_range is None:
        return None
    measure = clusters[filters.size_measure]
    in_range = measure.between(*filters.size_range).fillna(False).astype(bool)
    return in_range | (measure.isna() & filters.include_unknown_size)


def _statuses(clusters: pd.DataFrame, filters: Filters) -> pd.Series | None:
    """The chosen statuses; with none chosen, the cases that exist today (active or of unknown
    status) unless the history is shown. A link that names statuses keeps its meaning."""
    status = clusters["status"]
    if filters.statuses:
        return status.isin(filters.statuses)
    return None if filters.history else ~status.isin(PAST_STATUSES)


def past_hidden(filters: Filters) -> bool:
    """True when the filters hide the merged and ended cases (the default view: today)."""
    return not filters.statuses and not filters.history


def declare(spec: FilterSpec) -> Any:
    """A field of :class:`Filters` that is a filter: its default and its declaration."""
    return dataclasses.field(default=spec.default, metadata={_SPEC: spec})


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the cases down to; the default of each field filters nothing.

    The fields are in the panel's order (``place``: in sight or under "More filters").
    """

    text: str = declare(
        Search(
            key="q",
            columns=("name", "name_local", "city"),
            place="main",
            placeholder="filters.text_placeholder",
        )
    )
    areas: frozenset[str] = declare(Choice(key="area", column="area", options=AREAS, place="main"))
    countries: frozenset[str] = declare(
        Choice(
            key="country",
            column="country_iso2",
            options_from=("clusters", "country_iso2"),
            labels=CountryLabels(),
            upper=True,
            place="main",
        )
    )
    sectors: frozenset[str] = declare(
        Choice(key="sector", column="sectors", options=SECTORS, multi=True, place="main")
    )
    policies: frozenset[str] = declare(
        Choice(key="policy", column="policy_type", options=POLICY_TYPES, place="main")
    )
    sizes: frozenset[str] = declare(
        Choice(key="size", column="size_class", options=SIZE_CLASSES, place="main", predicate=_sizes)
    )
    programmes: frozenset[str] = declare(
        Choice(
            key="programme",
            column="programme",
            options_from=("programmes", "id"),
            labels=TableLabels("programmes", "id", "name"),
        )
    )
    unit_types: frozenset[str] = declare(
        Choice(key="unit", column="unit_type", options=UNIT_TYPES, labels=LocaleLabels("unit_type"))
    )
    # Status over time: active, merged into a successor, ended, or not recorded (issue #15).
    statuses: frozenset[str] = declare(
        Choice(
            key="status",
            column="status",
            options=STATUSES,
            labels=LocaleLabels("status"),
            predicate=_statuses,
        )
    )
    # Off by default: the map shows what exists today; on, the merged and ended cases too (the
    # status filter narrows by itself, so this switch only matters while no status is chosen).
    history: bool = declare(
        Flag(
            key="history",
            on=False,
            chip_title="filters.history_chip",
            chip_message="filters.chip_history",
            predicate=lambda clusters, filters: None,
        )
    )
    include_unknown_size: bool = declare(
        Flag(
            key="unknown_size",
            label="filters.include_unknown",
            chip_title="filters.sizes",
            chip_message="filters.chip_no_unknown",
            predicate=_known_size_only,
        )
    )
    # (ruff cannot tell that the Literal alias is immutable)
    size_measure: SizeMeasure = declare(  # noqa: RUF009
        OneOf(key="measure", options=SIZE_MEASURES, label="filters.measure")
    )
    size_range: tuple[int, int] | None = declare(
        Range(
            low_key="size_min",
            high_key="size_max",
            bounds=(0, MAX_SIZE),
            kind="count",
            chip_message="filters.chip_size",
            chip_title=lambda filters: f"filters.measure_{filters.size_measure}",
            predicate=_size_range,
        )
    )
    founded: tuple[int, int] | None = declare(
        Range(
            low_key="from",
            high_key="to",
            bounds=(MIN_YEAR, MAX_YEAR),
            kind="year",
            column="founded_year",
            chip_message="filters.chip_founded",
            chip_args=("first", "last"),
            note="filters.founded_note",
        )
    )

    def is_empty(self) -> bool:
        """True when no filter narrows the cases."""
        return self == Filters()

    def without(self, field: str) -> Filters:
        """The same filters with one field back at its default ("all")."""
        default: Any = getattr(Filters(), field)
        return dataclasses.replace(self, **{field: default})


REGISTRY: Final[tuple[FilterSpec, ...]] = tuple(
    dataclasses.replace(field.metadata[_SPEC], name=field.name) for field in dataclasses.fields(Filters)
)
BY_NAME: Final[dict[str, FilterSpec]] = {spec.name: spec for spec in REGISTRY}
CHOICES: Final[tuple[Choice, ...]] = tuple(spec for spec in REGISTRY if isinstance(spec, Choice))
URL_KEYS: Final[tuple[str, ...]] = tuple(key for spec in REGISTRY for key in spec.keys)


def parse_filters(params: Params, options: Mapping[str, frozenset[str]]) -> tuple[Filters, list[str]]:
    """The filters a link asks for, and the parts of it that were dropped; ``options`` holds the
    allowed values of the filters whose values come from the data (by filter name).

    Examples
    --------
    >>> filters, dropped = parse_filters({"area": ["japan", "mars"], "from": "1990"}, {})
    >>> sorted(filters.areas), filters.founded, dropped
    (['japan'], (1990, 2100), ['area=mars'])
    """
    values: dict[str, Any] = {}
    dropped: list[str] = []
    for spec in REGISTRY:
        values[spec.name], rejected = spec.parse(params, options.get(spec.name, frozenset()))
        dropped += rejected
    return Filters(**values), dropped


def filters_to_params(filters: Filters) -> dict[str, list[str]]:
    """The URL parameters of the filters; filters at their default are left out."""
    params: dict[str, list[str]] = {}
    for spec in REGISTRY:
        params |= spec.to_params(getattr(filters, spec.name))
    return params


def chips(filters: Filters) -> list[Chip]:
    """Every active filter in words, in the panel's order."""
    return [chip for spec in REGISTRY for chip in spec.chips(filters)]


def removed(filters: Filters, chip: Chip) -> Filters:
    """The filters without what one chip shows."""
    return BY_NAME[chip.name].removed(filters, chip)


def chosen_values(filters: Filters) -> list[str]:
    """The chosen values of the list filters, in the panel's order (for file names)."""
    return [value for spec in CHOICES for value in sorted(getattr(filters, spec.name))]


def data_options(table: Callable[[str], pd.DataFrame]) -> dict[str, frozenset[str]]:
    """The allowed values of the list filters whose values come from the data (by filter name),
    given the atlas's tables by name."""
    return {
        spec.name: frozenset(table(spec.options_from[0])[spec.options_from[1]])
        for spec in CHOICES
        if spec.options_from is not None
    }


def masks(clusters: pd.DataFrame, filters: Filters) -> dict[str, pd.Series]:
    """The cases each active filter keeps, by filter name."""
    found = {spec.name: spec.mask(clusters, filters) for spec in REGISTRY}
    return {name: mask for name, mask in found.items() if mask is not None}
