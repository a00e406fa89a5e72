"""The knowledge pages in both languages: what people read, and links that open the filtered map."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.conftest import deck_spec, run_page
from ui.i18n import messages

PAGES = ["pages/policies.py", "pages/internationalisation.py", "pages/timeline.py", "pages/us_strength.py"]


def page_links(at: Any) -> list[Any]:
    return list(at.get("page_link"))


def link_with(at: Any, text: str) -> Any:
    matches = [link for link in page_links(at) if text in link.proto.label]
    assert matches, f"no link containing {text!r}"
    return matches[0]


def all_text(at: Any) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "warning") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_page_shows_its_sections_without_error(page: str, lang: str) -> None:
    at = run_page(page, lang=lang)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.header) + len(at.subheader) >= 2


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_programme_link_opens_the_map_filtered_to_it(lang: str) -> None:
    at = run_page("pages/policies.py", lang=lang)
    link = link_with(at, {"en": "Local productive systems", "fr": "Systèmes productifs locaux"}[lang])
    map_hash = page_links(at)[0].proto.page_script_hash  # the sidebar's first link is the map
    assert link.proto.page_script_hash == map_hash
    query = link.proto.query_string
    assert "programme=fr-spl" in query
    assert ("lang=fr" in query) == (lang == "fr")


def test_policy_type_links_filter_by_policy() -> None:
    at = run_page("pages/policies.py")
    queries = {link.proto.query_string for link in page_links(at)}
    assert any("policy=bottom-up" in q for q in queries)
    assert any("policy=top-down" in q for q in queries)
    assert any("policy=hybrid" in q for q in queries)


def test_figures_say_when_no_year_is_stated() -> None:
    at = run_page("pages/policies.py")
    tables = [df.value for df in at.dataframe]
    years = [v for table in tables if "Year described" in table.columns for v in table["Year described"]]
    assert "year not stated" in years
    assert any(v.isdigit() for v in years)


def test_lessons_link_only_where_a_text_says_so() -> None:
    at = run_page("pages/policies.py")
    link = link_with(at, "Regional cluster initiatives and organisations")
    assert "programme=us-regional-initiatives" in link.proto.query_string
    text = all_text(at)
    assert "No governance per se, but industry as driving force" in text
    # Lessons no text ties to a case carry no link: e.g. "It is all about talent".
    labels = [link.proto.label for link in page_links(at)]
    assert not any("talent" in label.lower() for label in labels)


def test_innet_shows_only_the_stated_percentage() -> None:
    at = run_page("pages/internationalisation.py")
    charts = at.get("plotly_chart")
    assert charts
    text = all_text(at)
    assert "Only 10 % of the clusters asked" in text
    assert messages("en")["knowledge.values_lost"] in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["regional clusters"] == "91" and metrics["jobs"] == "2,500,000"


def test_innet_sector_links_filter_by_sector() -> None:
    at = run_page("pages/internationalisation.py", lang="fr")
    link = link_with(at, "Mobilité / transport")
    assert "sector=mobility-transportation" in link.proto.query_string
    assert "lang=fr" in link.proto.query_string


def test_timeline_counts_unknown_founding_years(tiny_data: None) -> None:
    at = run_page("pages/timeline.py")
    text = all_text(at)
    # The fixture has 8 cases; fx-toulouse-aero and fx-boston-bio have no founding year.
    assert "2 of the 8 filtered cases have no known founding year" in text
    assert "6 cases founded up to" in text


def test_timeline_slider_redraws_the_map() -> None:
    at = run_page("pages/timeline.py")
    before = sum(len(layer.get("data") or []) for layer in deck_spec(at)["layers"])
    slider = at.slider(key="timeline_year")
    slider.set_value(1990).run()
    after = sum(len(layer.get("data") or []) for layer in deck_spec(at)["layers"])
    assert 0 < after < before
    assert "cases founded up to 1990" in all_text(at)


def test_timeline_follows_the_filters() -> None:
    at = run_page("pages/timeline.py", area="japan")
    subheaders = [s.value for s in at.subheader]
    assert "Japan" in subheaders and "Europe" not in subheaders


def test_us_strength_states_the_rule_and_the_unit() -> None:
    at = run_page("pages/us_strength.py")
    assert "d.lq >= 1" in at.code[0].value
    assert at.warning and "different kind of unit" in at.warning[0].value
    table = at.dataframe[0].value
    assert len(table) > 30 and (table["Location quotient"] >= 1).all()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_about_lists_sources_and_sector_rules(lang: str) -> None:
    at = run_page("pages/about.py", lang=lang)
    assert not at.exception and not at.error
    headers = [h.value for h in at.subheader]
    assert messages(lang)["sources.heading"] in headers
    assert messages(lang)["sources.sectors_heading"] in headers
    address = messages(lang)["sources.col_address"]
    sources = next(df.value for df in at.dataframe if address in df.value.columns)
    assert len(sources) > 150


def test_sources_topic_filter_narrows_the_table() -> None:
    at = run_page("pages/about.py")
    at.selectbox(key="sources_topic").set_value("japan").run()
    sources = next(df.value for df in at.dataframe if "Address" in df.value.columns)
    assert 0 < len(sources) < 50
    assert set(sources["Topic"]) == {"Japan"}
