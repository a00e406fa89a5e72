"""The filter registry: each filter declared once, and everything derived from it stays consistent."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings

from data.filters import (
    BY_NAME,
    REGISTRY,
    URL_KEYS,
    Choice,
    Filters,
    LocaleLabels,
    Range,
    chips,
    chosen_values,
    data_options,
    filters_to_params,
    parse_filters,
    removed,
)
from tests.unit.test_state import VOCABULARY, filters_strategy
from ui.i18n import LANGUAGES, message_names
from ui.state import VIEW_KEYS


def test_every_field_of_filters_is_a_declared_filter() -> None:
    assert [spec.name for spec in REGISTRY] == [field.name for field in dataclasses.fields(Filters)]
    for spec in REGISTRY:
        assert getattr(Filters(), spec.name) == spec.default


def test_url_keys_are_unique_and_apart_from_the_view_keys() -> None:
    keys = [*URL_KEYS, *VIEW_KEYS]
    assert len(set(keys)) == len(keys), sorted(k for k in keys if keys.count(k) > 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_locale_key_a_filter_names_exists(lang: str) -> None:
    strings = message_names(lang)
    missing = [key for spec in REGISTRY for key in spec.locale_keys() if key not in strings]
    missing += [
        f"{spec.label_source.group}.{option}"
        for spec in REGISTRY
        if isinstance(spec, Choice) and isinstance(spec.label_source, LocaleLabels)
        for option in spec.options
        if f"{spec.label_source.group}.{option}" not in strings
    ]
    assert missing == []


def test_an_empty_link_gives_no_filter_and_no_filter_gives_an_empty_link() -> None:
    assert parse_filters({}, VOCABULARY.options) == (Filters(), [])
    assert filters_to_params(Filters()) == {} and chips(Filters()) == []


@given(filters_strategy)
@settings(max_examples=200, deadline=None)
def test_each_chip_removes_exactly_what_it_shows(filters: Filters) -> None:
    shown = chips(filters)
    for chip in shown:
        rest = chips(removed(filters, chip))
        assert chip not in rest
        # A size-range chip's title follows the measure, which stays: compare without titles.
        assert [(c.name, c.option) for c in rest] == [(c.name, c.option) for c in shown if c != chip]


def test_chips_follow_the_panel_order() -> None:
    filters = Filters(
        text="lyon", sizes=frozenset({"large"}), areas=frozenset({"japan"}), founded=(1990, 2000)
    )
    assert [chip.name for chip in chips(filters)] == ["text", "areas", "sizes", "founded"]
    assert chosen_values(filters) == ["japan", "large"]


def test_range_chip_words() -> None:
    size = chips(Filters(size_measure="members_firms", size_range=(10, 20)))
    assert [(c.title_key, c.message_key, c.args) for c in size] == [
        ("filters.measure_members_firms", "filters.chip_size", (("low", 10), ("high", 20)))
    ]
    founded = chips(Filters(founded=(1990, 2005)))[0]
    assert founded.args == (("first", "1990"), ("last", "2005"))


# A filter declared the way a new one would be, tried on its own: it parses, writes and filters.
COLOUR = dataclasses.replace(
    Choice(key="colour", column="colour", options=("red", "blue"), labels=LocaleLabels("colour")),
    name="colours",
)
YEARS = dataclasses.replace(
    Range(
        low_key="since", high_key="until", bounds=(1900, 2000), kind="year", column="year", chip_message="x"
    ),
    name="years",
)


def test_a_new_list_filter_needs_only_its_declaration() -> None:
    value, dropped = COLOUR.parse({"colour": ["red", "green"]}, frozenset())
    assert value == frozenset({"red"}) and dropped == ["colour=green"]
    assert COLOUR.to_params(value) == {"colour": ["red"]}
    cases = pd.DataFrame({"colour": ["red", "blue", None]})
    mask = COLOUR._mask(cases, value)
    assert mask.tolist() == [True, False, False]


def test_a_new_range_filter_needs_only_its_declaration() -> None:
    value, dropped = YEARS.parse({"since": "1995", "until": "1950"}, frozenset())
    assert value == (1950, 1995) and dropped == []
    assert YEARS.parse({"since": "1850"}, frozenset()) == (None, ["since=1850"])
    cases = pd.DataFrame({"year": [1940, 1960, None]})
    assert YEARS._mask(cases, value).tolist() == [False, True, False]


def test_data_vocabularies_come_from_the_declared_tables() -> None:
    tables = {
        "clusters": pd.DataFrame({"country_iso2": ["FR", "JP", "FR"]}),
        "programmes": pd.DataFrame({"id": ["a", "b"]}),
    }
    assert data_options(tables.__getitem__) == {
        "countries": frozenset({"FR", "JP"}),
        "programmes": frozenset({"a", "b"}),
    }


def test_by_name_lists_every_filter_once() -> None:
    assert set(BY_NAME) == {spec.name for spec in REGISTRY} and len(BY_NAME) == len(REGISTRY)
    assert isinstance(BY_NAME["founded"], Range)
