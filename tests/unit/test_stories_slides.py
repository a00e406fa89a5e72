"""Saved stories are valid and name real cases; the PPTX deck holds what the tour says."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from pptx import Presentation
from pptx.util import Inches

from data.load import Atlas
from data.slides import SlideContent, build_pptx
from data.stories import StoryError, load_stories, slide_count, tour_from_cases


def test_shipped_stories_name_real_cases(atlas: Atlas) -> None:
    stories = load_stories(known_cases=frozenset(atlas.clusters["id"]))
    assert {"four-models", "maghreb"} <= set(stories)
    four = stories["four-models"]
    assert len(four.stops) == 6 and all(stop.note_en and stop.note_fr for stop in four.stops)
    assert slide_count(four) == 8


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
    tour = tour_from_cases([f"c{i}" for i in range(50)], "T", "T", "S", "S")
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


def test_tour_figures_count_cases_areas_and_known_policies(atlas: Atlas) -> None:
    from data.slides import tour_figures

    tour = atlas.clusters.loc[
        atlas.clusters["id"].isin([s.case_id for s in load_stories()["four-models"].stops])
    ]
    figures = tour_figures(tour)
    assert figures.cases == 6
    assert set(figures.areas) == set(tour["area"])
    assert set(figures.policies) == set(tour["policy_type"]) - {"unknown"}


def test_qr_code_is_a_square_black_and_white_picture() -> None:
    from PIL import Image

    from data.slides import qr_png

    short, long = (Image.open(io.BytesIO(qr_png(url))) for url in ("/present?x=1", "/present?" + "a=1&" * 60))
    assert short.size[0] == short.size[1] and long.size[0] > short.size[0]  # more data, more modules
    assert set(np.unique(np.asarray(short.convert("L")))) == {0, 255}
