"""What the slides of a tour say, and the tour as a 16:9 PPTX deck (python-pptx; no Streamlit,
no network): title slide figures, the closing slide's QR code."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import segno
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

WIDTH: Final[int] = Inches(13.333)
HEIGHT: Final[int] = Inches(7.5)
TITLE_PT: Final[int] = 36
LONG_TITLE_PT: Final[int] = 28  # a title this long would wrap onto the picture at 36 pt
LONG_TITLE_CHARS: Final[int] = 40
FIGURE_PT: Final[int] = 36
BODY_PT: Final[int] = 16
TEXT_PT: Final[int] = 14
SMALL_PT: Final[int] = 14
TITLE_TYPES: Final[frozenset[int]] = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})


class TemplateError(ValueError):
    """A corporate template that is not a PPTX file, or has no layout with a title."""


@dataclass(frozen=True)
class SlideContent:
    """What one slide says: a title, facts, sources, an optional map image and notes."""

    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    image_png: bytes | None = None
    notes: str = ""
    lines: tuple[str, ...] = field(default_factory=tuple)
    # Large figures (label, value): founding year and sizes of a case, counts of a tour.
    figures: tuple[tuple[str, str], ...] = ()
    image_alt: str = ""
    link: str = ""
    qr_png: bytes | None = None


@dataclass(frozen=True)
class TourFigures:
    """Key figures of a tour for its title slide: how many cases, which areas and policy types
    (known policy types only; values are the data's codes, in order of first appearance)."""

    cases: int
    areas: tuple[str, ...]
    policies: tuple[str, ...]


def tour_figures(cases: pd.DataFrame) -> TourFigures:
    """The figures of a title slide from the tour's cases.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["japan", "europe", "japan"],
    ...                       "policy_type": ["top-down", "unknown", None]})
    >>> tour_figures(frame)
    TourFigures(cases=3, areas=('japan', 'europe'), policies=('top-down',))
    """
    policies = cases["policy_type"].dropna()
    return TourFigures(
        cases=len(cases),
        areas=tuple(dict.fromkeys(cases["area"].dropna())),
        policies=tuple(dict.fromkeys(policies.loc[policies.ne("unknown")])),
    )


def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code of a link as a black-on-white PNG (segno; medium error correction)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _textbox(
    slide: Any, left: int, top: int, width: int, height: int, paragraphs: list[tuple[str, int, bool]]
) -> Any:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, (text, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
    return frame


def _title_layout(deck: Any) -> Any:
    """The layout with a title placeholder and the fewest other placeholders ("Title Only" in
    PowerPoint's default master): every slide's title is a real title, which accessibility
    checkers and screen readers look for."""
    titled = [
        layout
        for layout in deck.slide_layouts
        if any(ph.placeholder_format.type in TITLE_TYPES for ph in layout.placeholders)
    ]
    if not titled:
        raise TemplateError("the template has no slide layout with a title placeholder")
    return min(titled, key=lambda layout: len(layout.placeholders))


def _open_deck(template: bytes | None) -> Any:
    """The default 16:9 deck, or a corporate template (its master and size; its slides removed)."""
    if template is None:
        deck = Presentation()
        deck.slide_width, deck.slide_height = Emu(WIDTH), Emu(HEIGHT)
        return deck
    try:
        deck = Presentation(io.BytesIO(template))
    except Exception as error:  # python-pptx raises several kinds for a file that is not a deck
        raise TemplateError("the template is not a PowerPoint (.pptx) file") from error
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return deck


def check_template(template: bytes) -> None:
    """Raise a TemplateError when a corporate template cannot be used (not a deck, no title)."""
    _title_layout(_open_deck(template))


def _picture(
    slide: Any,
    png: bytes,
    left: int,
    top: int,
    alt: str,
    *,
    width: int | None = None,
    height: int | None = None,
) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(png), left, top, width=width, height=height)
    # NOTE: python-pptx writes the file name ("image.png") as the description; say what it shows.
    picture._element.nvPicPr.cNvPr.set("descr", alt)
    picture._element.nvPicPr.cNvPr.set("name", alt[:60] or "picture")


def _title(slide: Any, text: str, width: int, margin: int) -> None:
    """The slide's title in its title placeholder, placed for this deck's width; the
    placeholders the layout brings besides it (footer, date, number) are removed, so the title
    comes first in the reading order and nothing stays empty."""
    title = next(ph for ph in slide.placeholders if ph.placeholder_format.type in TITLE_TYPES)
    for placeholder in list(slide.placeholders):
        if placeholder._element is not title._element:
            placeholder._element.getparent().remove(placeholder._element)
    title.left, title.top, title.width, title.height = margin, Inches(0.25), width - 2 * margin, Inches(1.0)
    title.text_frame.text = text
    title.text_frame.word_wrap = True
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(TITLE_PT if len(text) <= LONG_TITLE_CHARS else LONG_TITLE_PT)
            run.font.bold = True


def build_pptx(slides: list[SlideContent], template: bytes | None = None) -> bytes:
    """A deck with one slide per content, each with its title in the title placeholder, then in
    reading order: subtitle, map (with its description), large figures, facts, text, sources;
    the closing slide's link (clickable) and QR code. Notes go to the speaker notes.

    ``template``: a corporate .pptx whose master and size are used (a TemplateError if unusable).
    """
    deck = _open_deck(template)
    width, height = int(deck.slide_width), int(deck.slide_height)
    margin: int = Inches(0.5)
    layout = _title_layout(deck)
    for content in slides:
        slide = deck.slides.add_slide(layout)
        _title(slide, content.title, width, margin)
        top = Inches(1.3)
        if content.subtitle:
            _textbox(
                slide, margin, top, width - 2 * margin, Inches(0.9), [(content.subtitle, BODY_PT + 2, False)]
            )
            top = Inches(2.2)
        bottom = height - Inches(0.9)
        text_left: int = margin
        if content.image_png:
            with Image.open(io.BytesIO(content.image_png)) as picture:
                aspect = picture.width / picture.height  # kept: the map is never stretched
            picture_width = min(int((bottom - top) * aspect), int(width * 0.6))
            _picture(
                slide,
                content.image_png,
                margin,
                top,
                # A picture made elsewhere (a comparison's panels) is described by its text.
                content.image_alt or " ".join(content.lines) or content.title,
                width=picture_width,
                height=int(picture_width / aspect),
            )
            text_left = margin + picture_width + Inches(0.3)
        body: list[tuple[str, int, bool]] = []
        for label, value in content.figures:
            body += [(value, FIGURE_PT, True), (label, SMALL_PT + 2, False)]
        body += [(f"{label}: {value}", BODY_PT, False) for label, value in content.facts]
        body += [(line, TEXT_PT if not content.link else SMALL_PT, False) for line in content.lines]
        text_width = width - text_left - margin
        if content.qr_png:
            text_width -= Inches(3.4)
        if body:
            _textbox(slide, text_left, top, text_width, bottom - top, body)
        if content.qr_png:
            code_left = width - margin - Inches(3.0)
            _picture(
                slide,
                content.qr_png,
                code_left,
                top,
                content.image_alt,
                width=Inches(3.0),
                height=Inches(3.0),
            )
            frame = _textbox(slide, code_left, top + Inches(3.1), Inches(3.0), Inches(1.5), [])
            run = frame.paragraphs[0].add_run()
            run.text = content.link
            run.font.size = Pt(SMALL_PT)
            if content.link.startswith("http"):
                run.hyperlink.address = content.link
        if content.sources:
            sources = [(source, SMALL_PT, False) for source in content.sources]
            _textbox(slide, margin, height - Inches(0.85), width - 2 * margin, Inches(0.7), sources)
        if content.notes:
            slide.notes_slide.notes_text_frame.text = content.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
