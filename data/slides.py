"""What the slides of a tour say, and the tour as a 16:9 PPTX deck (python-pptx; no Streamlit,
no network): title slide figures, the closing slide's QR code."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import segno
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

WIDTH: Final[int] = Inches(13.333)
HEIGHT: Final[int] = Inches(7.5)
TITLE_PT: Final[int] = 32
BODY_PT: Final[int] = 16
SMALL_PT: Final[int] = 11
BLANK_LAYOUT: Final[int] = 6


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
) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, (text, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold


def build_pptx(slides: list[SlideContent]) -> bytes:
    """A 16:9 deck: each content becomes one slide (title, facts beside the map, sources, notes)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDTH), Emu(HEIGHT)
    margin: int = Inches(0.5)
    for content in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        heading = [(content.title, TITLE_PT, True)]
        if content.subtitle:
            heading.append((content.subtitle, BODY_PT + 2, False))
        _textbox(slide, margin, Inches(0.3), WIDTH - 2 * margin, Inches(1.3), heading)
        body_top = Inches(1.7)
        text_left: int = margin
        if content.image_png:
            picture_width = Inches(7.4)
            slide.shapes.add_picture(io.BytesIO(content.image_png), margin, body_top, width=picture_width)
            text_left = margin + picture_width + Inches(0.3)
        body = [(f"{label}: {value}", BODY_PT, False) for label, value in content.facts]
        body += [(line, BODY_PT, False) for line in content.lines]
        if body:
            _textbox(slide, text_left, body_top, WIDTH - text_left - margin, Inches(4.6), body)
        if content.sources:
            sources = [(source, SMALL_PT, False) for source in content.sources]
            _textbox(slide, margin, HEIGHT - Inches(1.0), WIDTH - 2 * margin, Inches(0.8), sources)
        if content.notes:
            slide.notes_slide.notes_text_frame.text = content.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
