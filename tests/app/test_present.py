"""Presenter mode in AppTest: the builder, slides from the URL, next and previous, PPTX."""

from __future__ import annotations

import pytest

from data.load import load_atlas_dir
from data.query import Filters, filter_clusters
from data.stories import load_stories
from tests.app.conftest import run_page
from ui.i18n import messages


@pytest.fixture(scope="module")
def four_models() -> list[str]:
    atlas = load_atlas_dir()
    names = atlas.clusters.set_index("id")["name"]
    story = load_stories()["four-models"]
    return [str(names[stop.case_id]) for stop in story.stops]


def test_builder_lists_the_slides(four_models: list[str]) -> None:
    at = run_page("pages/present.py", story="four-models")
    assert not at.exception
    listing = " ".join(m.value for m in at.markdown)
    assert all(name.split(" ")[0] in listing for name in four_models)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_slide_from_the_url_shows_that_case(four_models: list[str], lang: str) -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="3", lang=lang)
    assert not at.exception
    assert at.title[0].value.replace("\\", "") == four_models[1]
    assert any(m.value == "**3 / 9**" for m in at.markdown)


def test_next_and_previous_move_and_update_the_url(four_models: list[str]) -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="1")
    assert at.title[0].value == "Four models of clusters"
    at.button(key="present_next").click().run()
    assert at.title[0].value.replace("\\", "") == four_models[0]
    assert at.query_params.get("slide") == "2"
    at.button(key="present_prev").click().run()
    assert at.query_params.get("slide") == "1"


def test_closing_slide_lists_sources() -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="9")
    assert at.title[0].value == messages("en")["present.sources_title"]
    assert any("http" in m.value for m in at.markdown)


def test_notes_only_in_presenter_view() -> None:
    plain = run_page("pages/present.py", story="four-models", present="1", slide="6")
    noted = run_page("pages/present.py", story="four-models", present="1", slide="6", notes="1")
    assert not plain.info and "AFM" in noted.info[0].value


def test_slide_out_of_range_is_clamped() -> None:
    at = run_page("pages/present.py", story="maghreb", present="1", slide="999")
    assert not at.exception and at.title[0].value == messages("en")["present.sources_title"]


def test_filtered_tour_with_fixture(tiny_data: None) -> None:
    at = run_page("pages/present.py", area="japan", present="1", slide="2")
    assert not at.exception
    assert at.title[0].value in {"Fixture Medical Kobe", "Fixture IT Sapporo"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_title_slide_gives_the_tour_figures(lang: str) -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="1", lang=lang)
    story = load_stories()["four-models"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[messages(lang)["slides.cases"]] == str(len(story.stops))
    assert metrics[messages(lang)["slides.areas"]] == "4"


def test_closing_slide_gives_the_link_that_reopens_the_tour() -> None:
    at = run_page("pages/present.py", story="maghreb", present="1", slide="999", lang="fr")
    link = at.code[0].value
    assert link.startswith("/present?") and "story=maghreb" in link and "present=1" in link
    assert "lang=fr" in link and "slide=" not in link


def test_case_slide_gives_known_figures_only() -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="2")
    labels = [m.label for m in at.metric]
    assert labels[0] == messages("en")["card.founded"]
    assert all(m.value != messages("en")["app.unknown"] for m in at.metric)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_comparison_slide_shows_the_models_side_by_side(lang: str) -> None:
    at = run_page("pages/present.py", story="four-models", present="1", slide="8", lang=lang)
    assert not at.exception
    assert at.title[0].value == load_stories()["four-models"].comparisons[0].title.get(lang)
    assert at.get("image"), "the panels picture is on the slide"
    counts = " ".join(m.value for m in at.markdown)
    atlas = load_atlas_dir()
    # The panels count the cases of today (merged and ended ones are history, hidden by default).
    today = filter_clusters(atlas.clusters, Filters())
    europe = int((today["area"] == "europe").sum())
    assert f"{europe}" in counts.replace("\u202f", "").replace(" ", "").replace(",", "")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_title_map_description_is_the_map_summary_of_the_tour(lang: str) -> None:
    """The title slide's picture is described with the same words as every map of the atlas."""
    from ui.describe import map_summary
    from ui.i18n import Translator
    from ui.present import title_content

    atlas = load_atlas_dir()
    story = load_stories()["four-models"]
    ids = [stop.case_id for stop in story.stops]
    tour = atlas.clusters.set_index("id").loc[ids].reset_index()
    t = Translator(lang)
    alt = title_content(story, tour, t).image_alt
    summary = map_summary(tour, t)
    assert summary and alt.endswith(summary)
    assert str(len(ids)) in summary
