"""What the slides of a tour say, and the tour as a 16:9 PPTX deck (python-pptx; no Streamlit,
no network): title slide figures, the closing slide's QR code."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import segno
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.xmlchemy import OxmlElement
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
# A chart's words: 12 pt is 24 pixels on a 1920-pixel-wide screen showing the 13.333-inch slide.
CHART_PT: Final[int] = 12
CHART_TITLE_PT: Final[int] = 16
LEGEND_RIGHT_CHARS: Final[int] = 16
MIN_LABELLED_SHARE: Final[float] = 0.09  # of the longest bar: a narrower segment is not numbered
UNKNOWN_FORE: Final[tuple[int, int, int]] = (110, 110, 110)
TITLE_TYPES: Final[frozenset[int]] = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})


class TemplateError(ValueError):
    """A corporate template that is not a PPTX file, or has no layout with a title."""


@dataclass(frozen=True)
class Series:
    """One value of a measure across the bars of a chart: its name, its number of cases in each
    category, its colour; ``unknown`` series are drawn hatched grey."""

    name: str
    values: tuple[int, ...]
    colour: tuple[int, int, int]
    unknown: bool = False


@dataclass(frozen=True)
class StackedBars:
    """A native PowerPoint chart: a horizontal bar per category (a group of cases) stacked from
    one segment per series (the cases of a value), with a title and a description (alt text)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str

    def totals(self) -> tuple[int, ...]:
        """Cases of each category: the sum of its segments."""
        return tuple(sum(s.values[i] for s in self.series) for i in range(len(self.categories)))


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
    # The map's legend, a picture of its own beside the map (the same for every slide of a
    # tour: the PPTX stores it once), and its description.
    legend_png: bytes | None = None
    legend_alt: str = ""
    # Native charts: in the PPTX they take the picture's place (the picture stays for the screen).
    charts: tuple[StackedBars, ...] = ()


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


def _tick_step(largest: int) -> int:
    """A round step that puts at most four ticks on an axis up to ``largest``.

    Examples
    --------
    >>> _tick_step(3), _tick_step(71), _tick_step(315)
    (1, 20, 100)
    """
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if largest / step <= 4:
            return step
    return 10_000


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as picture:
        return picture.width, picture.height


def _rgb(colour: tuple[int, int, int]) -> Any:
    return RGBColor(*colour)  # type: ignore[no-untyped-call]


def _hide_label(point: Any) -> None:
    """No data label on one bar segment (a ``c:dLbl`` that says ``c:delete``)."""
    label = point.data_label._get_or_add_dLbl()
    for child in list(label)[1:]:  # keep its index
        label.remove(child)
    deleted = OxmlElement("c:delete")
    deleted.set("val", "1")
    label.append(deleted)


def _chart(slide: Any, spec: StackedBars, left: int, top: int, width: int, height: int) -> None:
    """A stacked bar chart of counts, first category on top, zero segments unlabelled."""
    data = CategoryChartData(number_format="0")  # type: ignore[no-untyped-call]
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)  # type: ignore[no-untyped-call]
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, left, top, width, height, data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)
    frame.name = spec.title[:60] or "chart"
    chart = frame.chart
    chart.font.size = Pt(CHART_PT)
    chart.has_title = True
    chart.chart_title.text_frame.text = spec.title
    for paragraph in chart.chart_title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(CHART_TITLE_PT)
            run.font.bold = True
    chart.has_legend = True
    # Long value names (French policy types) take the room of the bars on the right: below them.
    long_names = max((len(series.name) for series in spec.series), default=0) > LEGEND_RIGHT_CHARS
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM if long_names else XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_PT)
    chart.category_axis.reverse_order = True  # the first group on top, as in the list of groups
    chart.category_axis.tick_labels.font.size = Pt(CHART_PT)
    chart.value_axis.has_major_gridlines = False
    # The numbers are on the bars and the groups' totals in their names: no axis to read.
    chart.value_axis.visible = False
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = "0;-0;;"  # a segment of no case says nothing
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(CHART_PT)
    largest = max(spec.totals(), default=0)
    chart.value_axis.minimum_scale = 0
    chart.value_axis.maximum_scale = max(largest, 1)
    chart.value_axis.major_unit = _tick_step(largest)
    for drawn, series in zip(plot.series, spec.series, strict=True):
        fill = drawn.format.fill
        if series.unknown:
            fill.patterned()
            fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
            fill.fore_color.rgb = _rgb(UNKNOWN_FORE)
            fill.back_color.rgb = _rgb((255, 255, 255))
        else:
            fill.solid()
            fill.fore_color.rgb = _rgb(series.colour)
        # Words on a dark segment in white, on a light one in black.
        dark = sum(series.colour) < 360 and not series.unknown
        drawn.data_labels.font.color.rgb = _rgb((255, 255, 255)) if dark else _rgb((0, 0, 0))
        drawn.data_labels.font.size = Pt(CHART_PT)
        drawn.data_labels.number_format = "0;-0;;"
        drawn.data_labels.number_format_is_linked = False
        drawn.data_labels.show_value = True
        for point, value in zip(drawn.points, series.values, strict=True):
            if 0 < value < largest * MIN_LABELLED_SHARE:  # too narrow for its number: none
                _hide_label(point)


def _charts(
    slide: Any, charts: tuple[StackedBars, ...], left: int, top: int, width: int, height: int
) -> None:
    """Charts in a grid of two columns, in reading order (left to right, then down)."""
    columns = 1 if len(charts) == 1 else 2
    rows = -(-len(charts) // columns)
    gap: int = Inches(0.15)
    cell_width = (width - gap * (columns - 1)) // columns
    cell_height = (height - gap * (rows - 1)) // rows
    for index, spec in enumerate(charts):
        row, column = divmod(index, columns)
        _chart(
            slide,
            spec,
            left + column * (cell_width + gap),
            top + row * (cell_height + gap),
            cell_width,
            cell_height,
        )


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
    reading order: subtitle, native charts (with their descriptions; they replace the picture
    and the lines) or map (with its description), large figures, facts, text, sources;
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
        if content.charts:
            # The charts say what the lines say (each category names its group and its cases).
            charts_top = top - Inches(0.2)  # close under the subtitle: the charts want the height
            _charts(slide, content.charts, margin, charts_top, width - 2 * margin, bottom - charts_top)
            content = dataclasses.replace(content, lines=(), figures=(), facts=())
        elif content.image_png:
            sizes = [_size(content.image_png)]
            if content.legend_png:
                sizes.append(_size(content.legend_png))
            # Kept: the map is never stretched; the legend beside it at the same scale.
            whole = (sum(w for w, _ in sizes), sizes[0][1])
            picture_width = min(int((bottom - top) * whole[0] / whole[1]), int(width * 0.6))
            scale = picture_width / whole[0]
            _picture(
                slide,
                content.image_png,
                margin,
                top,
                # A picture made elsewhere (a comparison's panels) is described by its text.
                content.image_alt or " ".join(content.lines) or content.title,
                width=int(sizes[0][0] * scale),
                height=int(sizes[0][1] * scale),
            )
            if content.legend_png:
                _picture(
                    slide,
                    content.legend_png,
                    margin + int(sizes[0][0] * scale),
                    top,
                    content.legend_alt,
                    width=int(sizes[1][0] * scale),
                    height=int(sizes[1][1] * scale),
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
