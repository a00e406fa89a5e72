"""Saved stories are valid and name real cases; the PPTX deck holds what the tour says."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
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


def _accessible_deck(png: bytes) -> list[SlideContent]:
    return [
        SlideContent(
            "Four models", subtitle="Tour", image_png=png, image_alt="Map of the 6 cases of the tour"
        ),
        SlideContent(
            "Genopole", facts=(("Country", "France"),), image_png=png, image_alt="Map around Genopole"
        ),
        SlideContent(
            "Sources",
            lines=("https://example.org",),
            link="http://atlas.example/present?story=x&present=1",
            qr_png=__import__("data.slides", fromlist=["qr_png"]).qr_png("http://atlas.example/present"),
            image_alt="QR code of the link",
        ),
    ]


def test_pptx_passes_the_accessibility_checks(tmp_path: Path) -> None:
    """A title placeholder on every slide, first in reading order; a description on every
    picture; the closing slide's link is clickable beside its QR code."""
    png = (Path(__file__).parents[1] / "fixtures" / "pixel.png").read_bytes()
    contents = _accessible_deck(png)
    deck = Presentation(io.BytesIO(build_pptx(contents)))
    for slide, content in zip(deck.slides, contents, strict=True):
        assert slide.shapes.title is not None and slide.shapes.title.text == content.title
        assert next(iter(slide.shapes)).shape_id == slide.shapes.title.shape_id  # read first
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert pictures
        for picture in pictures:
            description = picture._element.nvPicPr.cNvPr.get("descr")
            assert description == content.image_alt and not description.endswith(".png")
        assert not [
            shape for shape in slide.placeholders if not shape.has_text_frame or not shape.text_frame.text
        ]
    closing = deck.slides[2]
    links = [
        run.hyperlink.address
        for shape in closing.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    ]
    assert links == ["http://atlas.example/present?story=x&present=1"]


def test_a_corporate_template_gives_its_master_and_size() -> None:
    template = Presentation()  # 4:3, with a slide of its own that must not be kept
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Template's own slide"
    buffer = io.BytesIO()
    template.save(buffer)
    png = (Path(__file__).parents[1] / "fixtures" / "pixel.png").read_bytes()
    deck = Presentation(io.BytesIO(build_pptx(_accessible_deck(png), template=buffer.getvalue())))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    assert [s.shapes.title.text for s in deck.slides] == ["Four models", "Genopole", "Sources"]


def test_a_template_that_is_not_a_deck_is_named() -> None:
    from data.slides import TemplateError

    with pytest.raises(TemplateError, match="not a PowerPoint"):
        build_pptx([SlideContent("x")], template=b"not a zip")


def test_brief_is_one_a4_page_with_its_text() -> None:
    from pypdf import PdfReader

    from data.brief import Brief, brief_pdf

    png = (Path(__file__).parents[1] / "fixtures" / "pixel.png").read_bytes()
    made = Brief(
        title="Cluster Atlas: 80 cases (Japan)",
        subtitle="Brief, 2026-12-05",
        link="http://atlas.example/?area=japan",
        filters_title="Filtres",
        filters=("Zone : Japon",),
        figures_title="Chiffres clés",
        figures=(("Cas", "80"), ("Descendante", "41")),
        cases_title="Cas comparables",
        cases=("Kobe Biomedical Innovation Cluster (Kobe, Japon) : 10 000 salariés",),
        sources_title="Sources",
        sources=("https://www.mext.go.jp/", "Frontières : Natural Earth"),
        map_png=png,
        map_alt="Carte des 80 cas",
    )
    reader = PdfReader(io.BytesIO(brief_pdf(made)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = reader.pages[0].extract_text()
    for expected in (
        "Cluster Atlas: 80 cases (Japan)",
        "Zone : Japon",
        "Descendante: 41",
        "Kobe Biomedical",
        "mext.go.jp",
    ):
        assert expected in text


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
