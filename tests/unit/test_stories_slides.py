"""Saved stories are valid and name real cases; the PPTX deck holds what the tour says."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from data.load import Atlas
from data.localised import Localised, missing_languages
from data.slides import SlideContent, build_pptx
from data.stories import StoryError, load_stories, slide_count, tour_from_cases
from ui.i18n import LANGUAGES


def test_shipped_stories_name_real_cases(atlas: Atlas) -> None:
    stories = load_stories(known_cases=frozenset(atlas.clusters["id"]))
    assert {"four-models", "maghreb"} <= set(stories)
    four = stories["four-models"]
    assert len(four.stops) == 6 and all(not missing_languages(stop.note, LANGUAGES) for stop in four.stops)
    assert slide_count(four) == 9  # title, six cases, comparison, sources


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list", "mapping"),
        ("id: x\ntitle_en: A\ntitle_fr: B\nsubtitle_en: C\nsubtitle_fr: D\ncases: []", "non-empty list"),
        (
            "id: x\ntitle_en: A\ntitle_fr: B\nsubtitle_en: C\nsubtitle_fr: D\ncases: [{note_en: n}]",
            "needs an 'id'",
        ),
        ("id: x\ntitle_en: ''\ntitle_fr: B\nsubtitle_en: C\nsubtitle_fr: D\ncases: [{id: a}]", "title_en"),
        (
            "id: x\ntitle_en: A\ntitle_fr: B\nsubtitle_en: C\nsubtitle_fr: D\ncases: [{id: nope}]",
            "unknown case ids",
        ),
    ],
)
def test_malformed_story_is_named(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(StoryError, match=message):
        load_stories(tmp_path, known_cases=frozenset({"a"}))


def test_tour_from_filters_is_capped() -> None:
    tour = tour_from_cases([f"c{i}" for i in range(50)], Localised.of(en="T"), Localised.of(en="S"))
    assert len(tour.stops) == 30 and tour.stops[0].case_id == "c0"


def test_pptx_is_16_9_with_one_slide_per_content_and_notes() -> None:
    png = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "pixel.png"
    contents = [
        SlideContent("Four models", subtitle="Tour"),
        SlideContent(
            "Genopole",
            facts=(("Country", "France"),),
            sources=("Source: https://example.org",),
            image_png=png.read_bytes(),
            notes="Seed 001",
        ),
        SlideContent("Sources", lines=("https://example.org",)),
    ]
    deck = Presentation(io.BytesIO(build_pptx(contents)))
    assert round(deck.slide_width / deck.slide_height, 2) == round(16 / 9, 2)
    assert deck.slide_width == Inches(13.333)
    assert len(deck.slides) == 3
    texts = [
        " ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame) for s in deck.slides
    ]
    assert "Four models" in texts[0] and "Country: France" in texts[1] and "https://example.org" in texts[1]
    assert any(shape.shape_type == 13 for shape in deck.slides[1].shapes)  # a picture
    assert deck.slides[1].notes_slide.notes_text_frame.text == "Seed 001"


def test_a_comparison_needs_a_known_grouping_and_filters_as_lists(tmp_path: Path) -> None:
    head = "id: x\ntitle_en: A\ntitle_fr: B\nsubtitle_en: C\nsubtitle_fr: D\ncases: [{id: a}]\n"
    good = tmp_path / "good.yaml"
    good.write_text(
        head + "comparisons: [{by: policy, filters: {area: [japan]}, title_en: T}]", encoding="utf-8"
    )
    story = load_stories(tmp_path)["x"]
    assert story.comparisons[0].query() == {"area": ["japan"]} and slide_count(story) == 4
    good.write_text(head + "comparisons: [{by: colour}]", encoding="utf-8")
    with pytest.raises(StoryError, match="'by'"):
        load_stories(tmp_path)
    good.write_text(head + "comparisons: [{by: area, filters: {area: japan}}]", encoding="utf-8")
    with pytest.raises(StoryError, match="filters"):
        load_stories(tmp_path)
