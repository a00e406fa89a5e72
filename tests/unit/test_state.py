"""Every view survives the URL round trip; any junk query string yields a valid view."""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.filters import REGISTRY, Choice, Filters, FilterSpec, Flag, OneOf, Range, Search
from data.models import GROUPINGS
from data.vocab import AREAS, SECTORS
from geo.view import VIEW_PRESETS
from ui.i18n import LANGUAGES
from ui.state import MAP_MODES, MAX_COMPARE, ViewState, Vocabulary, parse_params, to_params

VOCABULARY = Vocabulary(
    options={
        "countries": frozenset({"FR", "DE", "JP", "US", "MA"}),
        "programmes": frozenset({"fr-poles", "jp-kc"}),
    },
    cases=frozenset({"genopole", "silicon-valley"}),
    stories=frozenset({"four-models", "maghreb"}),
)


def subsets(values: object) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(sorted(values)), max_size=4)  # type: ignore[arg-type]


def ranges(low: int, high: int) -> st.SearchStrategy[tuple[int, int] | None]:
    return st.none() | st.tuples(st.integers(low, high), st.integers(low, high)).map(
        lambda p: (min(p), max(p))
    )


def values_of(spec: FilterSpec) -> st.SearchStrategy[Any]:
    """Any value a filter may hold after a link is read, from its declaration alone (so a new
    filter is in the round trip without a line here)."""
    if isinstance(spec, Choice):
        return subsets(spec.options or VOCABULARY.options[spec.name])
    if isinstance(spec, Search):
        return st.text(alphabet=string.ascii_letters + "éè- ", max_size=30).map(str.strip)
    if isinstance(spec, Flag):
        return st.booleans()
    if isinstance(spec, OneOf):
        return st.sampled_from(spec.options)
    assert isinstance(spec, Range), f"no strategy for {type(spec).__name__}"
    return ranges(*spec.bounds)


filters_strategy = st.builds(Filters, **{spec.name: values_of(spec) for spec in REGISTRY})
states = st.builds(
    ViewState,
    filters=filters_strategy,
    lang=st.sampled_from(LANGUAGES),
    view=st.sampled_from(sorted(VIEW_PRESETS)),
    mode=st.sampled_from(MAP_MODES),
    case=st.none() | st.sampled_from(sorted(VOCABULARY.cases)),
    compare=st.lists(st.sampled_from(sorted(VOCABULARY.cases)), unique=True, max_size=MAX_COMPARE).map(tuple),
    present=st.booleans(),
    slide=st.none() | st.integers(1, 500),
    story=st.none() | st.sampled_from(sorted(VOCABULARY.stories)),
    notes=st.booleans(),
    by=st.sampled_from(GROUPINGS),
)


@given(states)
@settings(max_examples=300, deadline=None)
def test_any_view_survives_the_url_round_trip(state: ViewState) -> None:
    result = parse_params(to_params(state), VOCABULARY)
    assert result.dropped == ()
    assert result.state == state


junk_values = st.text(max_size=300) | st.sampled_from(
    ["", " ", "-1", "1e309", "99999999999999999999", "%00", "<script>"]
)
junk_params = st.dictionaries(
    st.sampled_from(
        ["area", "country", "sector", "size", "from", "to", "size_min", "lang", "view", "case", "slide"]
    )
    | st.text(max_size=20),
    st.lists(junk_values, max_size=5) | junk_values,
    max_size=12,
)


@given(junk_params)
@settings(max_examples=400, deadline=None)
def test_junk_yields_a_valid_view(params: dict[str, list[str] | str]) -> None:
    state = parse_params(params, VOCABULARY).state
    assert state.lang in LANGUAGES and state.view in VIEW_PRESETS
    assert state.filters.areas <= set(AREAS) and state.filters.sectors <= set(SECTORS)
    assert state.case is None or state.case in VOCABULARY.cases
    assert parse_params(to_params(state), VOCABULARY).state == state


@pytest.mark.parametrize(
    ("params", "dropped"),
    [
        ({"area": ["japan", "mars"]}, ("area=mars",)),
        ({"lang": "de"}, ("lang=de",)),
        ({"from": "year"}, ("from=year",)),
        ({"case": "nope"}, ("case=nope",)),
        ({"utm_source": "mail"}, ("utm_source",)),
        ({"area": "japan"}, ()),
        ({"mode": "heat"}, ("mode=heat",)),
        ({"story": "nope", "notes": "yes"}, ("story=nope", "notes=yes")),
        ({"cmp": ["genopole", "genopole", "nope"]}, ("cmp=genopole", "cmp=nope")),
    ],
)
def test_dropped_parts_are_reported(params: dict[str, str | list[str]], dropped: tuple[str, ...]) -> None:
    assert parse_params(params, VOCABULARY).dropped == dropped


def test_documented_example_link() -> None:
    params = {
        "area": "japan",
        "sector": "life-sciences",
        "policy": "top-down",
        "size": "large",
        "case": "genopole",
        "lang": "fr",
    }
    state = parse_params(params, VOCABULARY).state
    assert state.filters == Filters(
        areas=frozenset({"japan"}),
        sectors=frozenset({"life-sciences"}),
        policies=frozenset({"top-down"}),
        sizes=frozenset({"large"}),
    )
    assert (state.lang, state.case) == ("fr", "genopole")


def test_reversed_year_range_is_put_in_order() -> None:
    assert parse_params({"from": "2010", "to": "1990"}, VOCABULARY).state.filters.founded == (1990, 2010)


def test_defaults_make_an_empty_query() -> None:
    assert to_params(ViewState()) == {}
