"""Links are built in one place, always encoded, name only pages that exist, and read back to the view."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_state import VOCABULARY, states
from ui.links import PAGES, absolute, case_link, link, query_string, read_link
from ui.state import KNOWN_KEYS, MAX_VALUE_LENGTH, ViewState, parse_params, with_filters

ROOT = Path(__file__).resolve().parents[2]

# Text a search box may receive: URL syntax, percent signs, plus signs, spaces, any unicode.
hostile_text = (
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from("&=#%+?;/ \t\u00a0"),
        max_size=MAX_VALUE_LENGTH,
    )
    .map(str.strip)
    .filter(lambda text: len(text) <= MAX_VALUE_LENGTH)
)
hostile_states = st.builds(
    lambda state, text: with_filters(state, text=text), states, st.one_of(hostile_text, st.just("R&D"))
)


def test_every_page_script_exists_and_every_page_is_listed() -> None:
    on_disk = {"dashboard.py"} | {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    listed = {page.script for page in PAGES.values()}
    assert listed == on_disk, f"pages not listed: {on_disk - listed}; listed but missing: {listed - on_disk}"
    assert all((ROOT / script).is_file() for script in listed)


def test_page_addresses_are_distinct_and_follow_streamlit() -> None:
    paths = [page.url_path for page in PAGES.values()]
    assert len(set(paths)) == len(paths)
    assert PAGES["map"].url_path == "/" and PAGES["us_strength"].url_path == "/us_strength"


@given(hostile_states, st.sampled_from(sorted(PAGES)))
@settings(max_examples=300, deadline=None)
def test_any_view_survives_link_and_back(state: ViewState, page: str) -> None:
    address = link(page, state)
    assert address.split("?")[0] == PAGES[page].url_path
    result = parse_params(read_link(address), VOCABULARY)
    assert result.dropped == ()
    assert result.state == state


@pytest.mark.parametrize("text", ["R&D", "a=b", "100%", "C++ #1", "x?y", "Île-de-France", "a/b"])
def test_search_text_is_encoded_in_card_links(text: str) -> None:
    state = with_filters(ViewState(), text=text)
    address = case_link(state, "genopole")
    assert address.count("&") == 1  # only the separator between q and case
    assert parse_params(read_link(address), VOCABULARY).state == dataclasses.replace(state, case="genopole")


def test_repeated_keys_for_several_values() -> None:
    assert query_string({"area": ["japan", "maghreb"], "q": ["a b"]}) == "area=japan&area=maghreb&q=a%20b"


# Links shared before the link builder (hand-joined, unencoded, "+" for spaces) open the same view.
OLD_LINKS = [
    "/?area=japan&sector=life-sciences&policy=top-down&size=large&lang=fr",
    "/cases?area=maghreb&lang=fr",
    "/compare?cmp=genopole&cmp=silicon-valley",
    "/?mode=regions&view=europe",
    "/?country=fr&unknown_size=0&measure=members_firms&size_min=100&size_max=5000&from=1990&to=2005",
    "/present?story=four-models&present=1&slide=5&notes=1",
    "/?q=genopole&case=genopole",
]


@pytest.mark.parametrize("address", OLD_LINKS)
def test_old_links_open_the_same_view(address: str) -> None:
    result = parse_params(read_link(address), VOCABULARY)
    assert result.dropped == ()
    assert result.state != ViewState()
    again = link("map", result.state)
    assert parse_params(read_link(again), VOCABULARY).state == result.state


def test_space_as_plus_in_an_old_link_is_a_space() -> None:
    state = parse_params(read_link("/?q=silicon+valley"), VOCABULARY).state
    assert state.filters.text == "silicon valley"


def test_absolute_keeps_only_the_origin() -> None:
    assert absolute("https://atlas.example/about?lang=fr", "/cases?q=a") == "https://atlas.example/cases?q=a"
    assert absolute("", "/cases") == "/cases"


def readme_url_keys() -> set[str]:
    """The keys in the first column of the README's table of link keys."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Shareable links", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {key for row in rows for key in re.findall(r"`([a-z_]+)`", row.split("|")[1])}


def test_readme_url_table_lists_exactly_the_parser_keys() -> None:
    documented = readme_url_keys()
    assert documented == set(KNOWN_KEYS), (
        f"in the parser, not in README: {sorted(set(KNOWN_KEYS) - documented)}; "
        f"in README, not in the parser: {sorted(documented - set(KNOWN_KEYS))}"
    )
