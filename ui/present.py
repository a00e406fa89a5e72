"""Presenter mode: chrome hidden, large type, a tour of cases as slides, and the tour as PPTX."""

from __future__ import annotations

import base64
import dataclasses
import html
import threading
from datetime import date
from functools import partial
from typing import Final

import pandas as pd
import streamlit as st

from data import slides
from data.cases import case_row, cited_sources, placed, summary
from data.export import file_name, slug
from data.load import Atlas
from data.schema import FIGURES
from data.stories import MAX_TOUR, Story, slide_count, tour_from_cases
from data.vocab import SECTORS
from geo import layers, render, viewmap
from geo.boundaries import BASEMAP_URL, CREDIT
from geo.view import Bounds, ViewPreset, fit_view
from ui import cached, links
from ui.card import KEY_FACTS, fact_rows, full_url
from ui.describe import map_summary
from ui.i18n import Translator, country_name, localised
from ui.keys import FILTERED, SLIDE_KEY, STORY_KEY
from ui.markdown import escape_md
from ui.model_figure import comparison_slides
from ui.state import ViewState, to_params

CASE_ZOOM: Final[float] = 5.5
# The slides' basemap: screen pixels around the view's centre (more than the slide's map, so a
# small pan stays sharp), one picture pixel each; the world picture (1,024 pixels) is as sharp
# as the screen up to zoom 1.
SLIDE_BASEMAP_PX: Final[tuple[int, int]] = (1600, 900)
WORLD_PICTURE_ZOOM: Final[float] = 1.0
# A slide's picture in the PPTX: the map of an 840 x 600 screen map (one picture pixel per
# screen pixel) beside the tour's legend (drawn once per tour): 1200 x 600 pixels, shown at most
# 1152 pixels wide on a 1920 x 1080 screen.
PICTURE_MAP_PX: Final[tuple[int, int]] = (840, 600)
PICTURE_LEGEND_PX: Final[tuple[int, int]] = (360, 600)
# The slide map on a 1920 x 1080 projector: its column's width and its height, in CSS pixels.
SLIDE_MAP_PX: Final[tuple[int, int]] = (1060, 600)
TITLE_MAP_PX: Final[tuple[int, int]] = (1060, 520)
CASE_FACTS: Final[tuple[str, ...]] = ("country", "city", "unit_type", "sectors", "programme", "policy")
CASE_FIGURES: Final[tuple[str, ...]] = ("founded", *FIGURES)
MAX_SOURCES: Final[int] = 12

# Static CSS (no data in it): hide the sidebar and Streamlit's chrome, large high-contrast type.
# NOTE: no text under 24 px on a 1920 x 1080 projector (tests/e2e/test_journeys.py measures
# it): every element of the page takes at least 24 px or its parent's size, headings more.
PRESENTER_CSS: Final[str] = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 24px; color: #000; background: #fff; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 2rem 0 2rem; max-width: 100%; }
[data-testid="stMain"] * { font-size: max(24px, 1em) !important; }
[data-testid="stMain"] h1 { font-size: 54px !important; padding: 0.2rem 0 0.4rem 0 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 {
  font-size: 34px !important; padding: 0 0 0.4rem 0 !important; }
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 56px !important; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 26px !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { line-height: 1.4; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #333; opacity: 1; }
</style>
"""
# Keys of a presentation remote, beyond the arrows, Home and End of the buttons' shortcuts:
# PageDown / Space next, PageUp previous, "b" or "." blacks the screen until any key.
# NOTE: st.html runs in the page itself (no iframe); the listener is added once per browser tab
# and acts only while the slide buttons are on the page.
REMOTE_JS: Final[str] = """
<script>
(() => {
  if (window.__atlasRemote) return;
  window.__atlasRemote = true;
  const press = (key) => {
    const button = document.querySelector(`.st-key-${key} button`);
    if (button && !button.disabled) button.click();
  };
  window.addEventListener("keydown", (event) => {
    if (!document.querySelector(".st-key-present_next")) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const shade = document.getElementById("atlas-black-screen");
    const stop = () => { event.preventDefault(); event.stopImmediatePropagation(); };
    if (shade) { shade.remove(); stop(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "b" || event.key === "B" || event.key === ".") {
      const black = document.createElement("div");
      black.id = "atlas-black-screen";
      black.setAttribute("data-testid", "black-screen");
      black.style.cssText = "position:fixed;inset:0;background:#000;z-index:2147483647;cursor:none";
      black.addEventListener("click", () => black.remove());
      document.body.appendChild(black);
      stop();
    } else if (event.key === "PageDown" || event.key === " ") {
      stop(); press("present_next");
    } else if (event.key === "PageUp") {
      stop(); press("present_prev");
    }
  }, true);
})();
</script>
"""


def hide_chrome() -> None:
    """Presenter styling for any page opened with ?present=1 (st.html: a page of only style tags
    takes no room, and the browser loads no HTML-in-Markdown parser for it)."""
    st.html(PRESENTER_CSS)


def current_story(cases: pd.DataFrame, state: ViewState, t: Translator) -> Story:
    """The chosen saved story, or a tour of the filtered cases."""
    if state.story and state.story in cached.stories():
        return cached.stories()[state.story]
    return tour_from_cases(
        list(cases["id"]),
        localised("present.filtered_title"),
        localised("present.filtered_subtitle", n=min(len(cases), MAX_TOUR)),
    )


def go_to(slide: int) -> None:
    """Callback of the navigation buttons."""
    st.session_state[SLIDE_KEY] = slide


def _source_line(case: pd.Series, t: Translator) -> str:
    addresses = [address for address, _ in cited_sources(case)]
    return t("present.source", sources=" · ".join(addresses[:2]))


def live_link(state: ViewState) -> str:
    """The link that reopens the tour's live view (presenter mode, first slide), absolute when
    the browser told us its address."""
    start = dataclasses.replace(state, present=True, slide=None, notes=False, case=None)
    return full_url(links.link("present", start))


def title_content(story: Story, tour: pd.DataFrame, t: Translator) -> slides.SlideContent:
    """The title slide: the tour's title, its key figures and, in words, its areas and policies."""
    figures = slides.tour_figures(tour)
    return slides.SlideContent(
        title=story.title.get(t.lang),
        subtitle=story.subtitle.get(t.lang),
        figures=(
            (t("slides.cases"), t.number(figures.cases)),
            (t("slides.areas"), t.number(len(figures.areas))),
            (t("slides.policies"), t.number(len(figures.policies))),
        ),
        lines=(
            t("slides.areas_line", areas=", ".join(t.label("area", a) for a in figures.areas)),
            t(
                "slides.policies_line",
                policies=", ".join(t.label("policy", p) for p in figures.policies) or t("app.unknown"),
            ),
            t("present.made_with", date=t.date(date.today())),
        ),
        # The map's description is the map summary every map of the atlas has (data/describe.py).
        image_alt=t(
            "slides.title_alt",
            n=figures.cases,
            areas=", ".join(t.label("area", a) for a in figures.areas),
        )
        + " "
        + map_summary(tour, t),
    )


def case_content(case: pd.Series, atlas: Atlas, t: Translator, note: str) -> slides.SlideContent:
    """A case slide: facts in words (place, kind, sector, policy), its founding year and sizes as
    large figures (known ones only), its summary and its source."""
    rows = {key: (label, value) for key, label, value in fact_rows(case, atlas, t) if key in KEY_FACTS}
    unknown = t("app.unknown")
    text, _ = summary(case, t.lang)
    return slides.SlideContent(
        title=str(case["name"]),
        facts=tuple(rows[key] for key in CASE_FACTS if key in rows),
        figures=tuple(rows[key] for key in CASE_FIGURES if key in rows and rows[key][1] != unknown),
        lines=(text,) if text else (),
        sources=(_source_line(case, t),),
        notes=note,
        image_alt=t(
            "slides.case_alt",
            name=str(case["name"]),
            place=", ".join(
                v for k in ("city", "country") if (v := rows.get(k, ("", unknown))[1]) != unknown
            ),
        ),
    )


def slide_contents(
    story: Story, atlas: Atlas, t: Translator, *, images: bool, link: str = "", state: ViewState | None = None
) -> list[slides.SlideContent]:
    """Every slide of a tour: title, one per case (facts, summary, source, map image), and the
    closing slide (sources, the live view's link and its QR code)."""
    state = state or ViewState(lang=t.lang)
    cases = atlas.clusters.set_index("id", drop=False)
    tour = cases.loc[[stop.case_id for stop in story.stops if stop.case_id in cases.index]]
    title = title_content(story, tour, t)
    pictures = SlidePictures(tour, state, t) if images and not tour.empty else None
    if pictures is not None:
        title = dataclasses.replace(
            title, image_png=pictures.png(None), legend_png=pictures.legend, legend_alt=pictures.legend_alt
        )
    contents = [title]
    all_sources: list[str] = []
    for stop in story.stops:
        case = case_row(atlas.clusters, stop.case_id)
        if case is None:
            continue
        content = case_content(case, atlas, t, stop.note.get(t.lang))
        if pictures is not None:
            # The deck's slide keeps to the map, figures and facts: its summary goes to the notes.
            notes = "\n\n".join(part for part in (*content.lines, content.notes) if part)
            content = dataclasses.replace(
                content,
                image_png=pictures.png(case),
                legend_png=pictures.legend,
                legend_alt=pictures.legend_alt,
                lines=(),
                notes=notes,
            )
        all_sources += [address for address, _ in cited_sources(case) if address not in all_sources]
        contents.append(content)
    if pictures is not None:
        pictures.close()
    # The models side by side (ui/model_figure.py), after the cases: case slides keep their numbers.
    contents += comparison_slides(story, t)
    contents.append(
        slides.SlideContent(
            title=t("present.sources_title"),
            lines=tuple(all_sources[:MAX_SOURCES]),
            sources=(CREDIT,),
            link=link,
            qr_png=slides.qr_png(link) if link else None,
            image_alt=t("slides.qr_alt", link=link),
        )
    )
    return contents


def pptx_bytes(
    story: Story, atlas: Atlas, state: ViewState, t: Translator, link: str, template: bytes | None = None
) -> bytes:
    """The tour as a PPTX deck in the chosen language: 16:9, or on a corporate template's master."""
    return slides.build_pptx(slide_contents(story, atlas, t, images=True, link=link, state=state), template)


def navigation(index: int, total: int, state: ViewState, t: Translator) -> None:
    """First / previous / next / last buttons (Home, ←, →, End; a remote's PageUp, PageDown,
    Space and "b" through REMOTE_JS), the slide number and the way out."""
    st.html(REMOTE_JS, unsafe_allow_javascript=True)
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for key, label, target, shortcut, disabled in (
            ("present_first", t("slides.first"), 1, "Home", index <= 1),
            ("present_prev", t("present.previous"), max(1, index - 1), "Left", index <= 1),
        ):
            st.button(label, on_click=go_to, args=(target,), shortcut=shortcut, disabled=disabled, key=key)
        st.markdown(f"**{index} / {total}**", width="content")
        for key, label, target, shortcut, disabled in (
            ("present_next", t("present.next"), min(total, index + 1), "Right", index >= total),
            ("present_last", t("slides.last"), total, "End", index >= total),
        ):
            st.button(
                label,
                on_click=go_to,
                args=(target,),
                shortcut=shortcut,
                disabled=disabled,
                key=key,
                type="primary" if key == "present_next" else "secondary",
            )
        exit_state = dataclasses.replace(state, present=False, slide=None, notes=False)
        st.page_link(links.script("present"), label=t("present.exit"), query_params=to_params(exit_state))


def _points(cases: pd.DataFrame, state: ViewState, t: Translator) -> pd.DataFrame:
    return layers.cluster_points(
        cases,
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=state.filters.size_measure,
        largest=cached.largest(state.filters.size_measure),
    )


def slide_deck(
    tour: pd.DataFrame,
    case: pd.Series | None,
    state: ViewState,
    t: Translator,
    size_px: tuple[int, int] = TITLE_MAP_PX,
    *,
    sharp: bool = True,
    points: pd.DataFrame | None = None,
) -> layers.CompactDeck:
    """The map of a slide: the whole tour fitted in the title slide's map, or flown to a case
    (ringed) with the tour's other cases around it. The PPTX draws the same deck. ``points``:
    the tour's marks when already made (``_points``)."""
    points = _points(tour, state, t) if points is None else points
    view = _slide_view(tour, case, size_px)
    detail = (
        slide_basemap(view.latitude, view.longitude, view.zoom, t.lang, _places(points)) if sharp else None
    )
    selected = None if case is None else str(case["id"])
    return layers.cluster_deck(points, BASEMAP_URL, view, selected=selected, detail=detail)


def _slide_view(tour: pd.DataFrame, case: pd.Series | None, size_px: tuple[int, int]) -> ViewPreset:
    if case is None or pd.isna(case["lat"]) or pd.isna(case["lon"]):
        # A case not placed has no point to fly to: the slide shows the whole tour.
        return fit_view(render.case_bounds(placed(tour), 1.0), size_px)
    return ViewPreset(latitude=float(case["lat"]), longitude=float(case["lon"]), zoom=CASE_ZOOM)


def _places(points: pd.DataFrame) -> tuple[tuple[float, float], ...]:
    return tuple(zip(points["lon"].round(3), points["lat"].round(3), strict=True))


def warm_next_map(story: Story, index: int, atlas: Atlas, state: ViewState, t: Translator) -> None:
    """Make the next case slide's basemap in the background (about a second of the server's
    time), so a presenter moving on does not wait for it."""
    ids = stop_ids(story)
    if index >= len(ids) or ids[index] is None:
        return
    tour = atlas.clusters.loc[atlas.clusters["id"].isin([stop.case_id for stop in story.stops])]
    case = case_row(atlas.clusters, str(ids[index]))
    if case is None:
        return
    view = _slide_view(tour, case, TITLE_MAP_PX)
    args = (view.latitude, view.longitude, view.zoom, t.lang, _places(_points(tour, state, t)))
    threading.Thread(target=slide_basemap, args=args, daemon=True).start()


@st.cache_resource(show_spinner=False)
def _view_boundaries() -> viewmap.Boundaries:
    """Countries, first-level regions and cities for the slides' basemaps (read once)."""
    return viewmap.Boundaries(cached.countries(), viewmap.read_regions(), viewmap.read_cities())


@st.cache_resource(show_spinner=False, max_entries=128)
def slide_basemap(
    latitude: float, longitude: float, zoom: float, lang: str, places: tuple[tuple[float, float], ...]
) -> tuple[str, Bounds] | None:
    """The basemap picture of a slide's view at the screen's resolution (geo/viewmap.py), made
    once per view and language for all sessions; None at zooms the world picture covers."""
    if zoom <= WORLD_PICTURE_ZOOM:
        return None
    picture, bounds = viewmap.view_picture(
        _view_boundaries(),
        ViewPreset(latitude=latitude, longitude=longitude, zoom=zoom),
        SLIDE_BASEMAP_PX,
        country_label=lambda code: country_name(code, lang),
        lang=lang,
        avoid=places,
    )
    return viewmap.data_url(picture), bounds


class SlidePictures:
    """The slide pictures of one tour for the PPTX: each slide's map (the view of a screen map
    of PICTURE_MAP_PX, one picture pixel per screen pixel; one figure draws them all) and the
    tour's legend (its sectors, the statistical ring if any), drawn once: a picture of its own
    beside every map, stored once in the PPTX."""

    def __init__(self, tour: pd.DataFrame, state: ViewState, t: Translator) -> None:
        self.tour, self.state, self.t = tour, state, t
        self.points = _points(tour, state, t)  # once: every slide's map draws the tour's cases
        statistical = (
            t("map.statistical_legend") if tour["unit_type"].eq(layers.STATISTICAL_UNIT).any() else None
        )
        entries = render.sector_entries(self.points, t.labels("sector", SECTORS), statistical)
        legend = render.legend_pixels(tuple(entries), t("map.legend_title"), PICTURE_LEGEND_PX)
        self.legend = render.png_bytes(legend, compress_level=6)  # once a tour
        self.legend_alt = t("slides.legend_alt", entries=", ".join(entry.label for entry in entries))
        self.painter = render.MapPainter(cached.countries(), PICTURE_MAP_PX, PICTURE_MAP_PX)
        # The tour's marks, made once: every slide's map is them, a view and a case's ring.
        self.marks = layers.case_layers(self.points)

    def png(self, case: pd.Series | None) -> bytes:
        """The picture of the title slide (``None``: the whole tour) or of a case's slide: the
        marks of ``slide_deck``'s map (the basemap is drawn from the boundaries)."""
        view = _slide_view(self.tour, case, PICTURE_MAP_PX)
        drawn = list(self.marks)
        if case is not None:
            drawn.append(layers.selected_layer(self.points.loc[self.points["id"].eq(str(case["id"]))]))
        deck = layers.CompactDeck(layers=drawn, initial_view_state=layers.view_state(view), map_provider=None)
        return render.png_bytes(self.painter.pixels(deck))

    def close(self) -> None:
        self.painter.close()


# The comparison charts on a 1920 x 1080 projector: two a row, words of 24 px or more.
CHART_HEIGHT_PX: Final[int] = 390  # the whole chart: title, bars, axis and legend
CHART_TEXT_PX: Final[int] = 24


def chart_table(chart: slides.StackedBars) -> pd.DataFrame:
    """A chart's counts in long form (group, value, cases, order) for Vega-Lite."""
    return pd.DataFrame(
        [
            {"group": category, "value": series.name, "cases": series.values[i], "order": rank}
            for rank, series in enumerate(chart.series)
            for i, category in enumerate(chart.categories)
        ]
    )


def chart_spec(chart: slides.StackedBars) -> dict[str, object]:
    """A stacked bar chart like the PPTX's: a bar per group, a segment per value in its colour,
    every word at least CHART_TEXT_PX pixels, the chart's description as its ARIA label."""
    colours = ["#{:02x}{:02x}{:02x}".format(*s.colour) for s in chart.series]
    return {
        "height": CHART_HEIGHT_PX,
        "title": {"text": chart.title, "fontSize": CHART_TEXT_PX + 4, "anchor": "start"},
        "description": chart.alt,
        "mark": {"type": "bar", "stroke": "white", "strokeWidth": 1},
        "encoding": {
            "y": {
                "field": "group",
                "type": "nominal",
                "sort": list(chart.categories),
                "title": None,
                "axis": {"labelOverlap": False},  # every group named, however thin its bar
            },
            "x": {"field": "cases", "type": "quantitative", "stack": "zero", "title": None},
            "color": {
                "field": "value",
                "type": "nominal",
                "scale": {"domain": [s.name for s in chart.series], "range": colours},
                # Beside the bars; a long list (the decades) in two columns, so it fits the height.
                "legend": {"title": None, "orient": "right", "columns": 1 if len(chart.series) <= 6 else 2},
            },
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [{"field": "group"}, {"field": "value"}, {"field": "cases"}],
        },
        "config": {
            "axis": {"labelFontSize": CHART_TEXT_PX, "labelLimit": 420, "tickCount": 4, "labelColor": "#000"},
            "legend": {
                "labelFontSize": CHART_TEXT_PX,
                "symbolSize": 300,
                "labelLimit": 260,
                "labelColor": "#000",
                "symbolLimit": 0,
            },
            "title": {"color": "#000"},
        },
    }


def _figures(figures: tuple[tuple[str, str], ...]) -> None:
    for label, value in figures:
        st.metric(label, value)


def draw_slide(
    content: slides.SlideContent,
    case_id: str | None,
    story: Story,
    atlas: Atlas,
    state: ViewState,
    t: Translator,
    *,
    closing: bool = False,
) -> None:
    """One slide on screen. Title: the map of the whole tour beside its key figures. Case: the
    map flown to it beside its facts and large figures. Closing: sources beside the QR code."""
    st.title(escape_md(content.title))
    tour_ids = [stop.case_id for stop in story.stops]
    tour = atlas.clusters.loc[atlas.clusters["id"].isin(tour_ids)]
    if closing:
        sources_column, code_column = st.columns([3, 2])
        with sources_column:
            st.markdown("\n".join(f"- {escape_md(line)}" for line in content.lines))
            for source in content.sources:
                st.caption(escape_md(source))
        with code_column:
            if content.qr_png:
                # st.html, not st.image: the picture gets its description (alt text).
                source = base64.b64encode(content.qr_png).decode("ascii")
                alt = html.escape(content.image_alt, quote=True)
                st.html(f'<img src="data:image/png;base64,{source}" alt="{alt}" width="360" height="360">')
            st.markdown(t("slides.reopen"))
            st.code(content.link, language=None, wrap_lines=True)
        return
    if case_id is None and content.charts:  # a comparison slide: the PPTX's charts, large type
        columns = st.columns(2)
        for index, chart in enumerate(content.charts):
            with columns[index % 2]:
                st.vega_lite_chart(
                    chart_table(chart), chart_spec(chart), width="stretch", key=f"comparison_{index}"
                )
        for source in content.sources:
            st.caption(escape_md(source))
        return
    if case_id is None and content.image_png:  # a comparison slide: the panels picture
        # Beside the picture, not under it: the counts in words then fit on a 1080-pixel screen.
        picture_column, words_column = st.columns([3, 1])
        picture_column.image(content.image_png, width="stretch")
        with words_column:
            for line in content.lines:
                st.markdown(escape_md(line))
        return
    if case_id is None:
        if content.subtitle:
            st.subheader(escape_md(content.subtitle))
        map_column, figures_column = st.columns([3, 1])
        if not tour.empty:
            with map_column:
                st.pydeck_chart(
                    slide_deck(tour, None, state, t),
                    height=TITLE_MAP_PX[1],
                    key="title_map",
                    alt=content.image_alt,
                )
        with figures_column:
            _figures(content.figures)
        for line in content.lines:
            st.markdown(escape_md(line))
        return
    case = atlas.clusters.loc[atlas.clusters["id"] == case_id].iloc[0]
    map_column, facts_column = st.columns([3, 2])
    with map_column:
        st.pydeck_chart(
            slide_deck(tour, case, state, t),
            height=SLIDE_MAP_PX[1],
            key="slide_map",
            alt=content.image_alt,
        )
    with facts_column:
        st.markdown(
            "  \n".join(f"**{escape_md(label)}:** {escape_md(value)}" for label, value in content.facts)
        )
        with st.container(horizontal=True):
            _figures(content.figures)
        for line in content.lines:
            st.markdown(escape_md(line))
    for source in content.sources:
        st.caption(escape_md(source))


def stop_ids(story: Story) -> list[str | None]:
    """Case id shown on each slide (None for the title, comparison and closing slides)."""
    return [None, *(stop.case_id for stop in story.stops), *(None for _ in story.comparisons), None]


def slide_total(story: Story) -> int:
    return slide_count(story)


def builder(
    story: Story, contents: list[slides.SlideContent], atlas: Atlas, state: ViewState, t: Translator
) -> None:
    """Choose a tour, see its slides, start presenting, download it as PPTX."""
    st.title(t("present.title"))
    st.write(t("present.intro"))
    options = [FILTERED, *cached.stories()]
    st.selectbox(
        t("present.choose"),
        options,
        format_func=lambda key: (
            t("present.filtered_option") if key == FILTERED else cached.stories()[key].title.get(t.lang)
        ),
        key=STORY_KEY,
    )
    st.markdown(
        "\n".join(f"{number}. {escape_md(content.title)}" for number, content in enumerate(contents, start=1))
    )
    start = dataclasses.replace(state, present=True, slide=1, case=None)
    with st.container(horizontal=True):
        st.page_link(links.script("present"), label=t("present.start"), query_params=to_params(start))
        st.page_link(
            links.script("present"),
            label=t("present.start_notes"),
            query_params=to_params(dataclasses.replace(start, notes=True)),
        )
    st.markdown(t("present.keys"))
    upload = st.file_uploader(
        t("slides.template"), type=["pptx"], key="pptx_template", help=t("slides.template_help")
    )
    template = upload.getvalue() if upload is not None else None
    if template is not None:
        try:
            slides.check_template(template)
        except slides.TemplateError:
            st.error(t("slides.template_bad"))
            template = None
    st.download_button(
        t("present.pptx"),
        data=partial(pptx_bytes, story, atlas, state, t, live_link(state), template),
        file_name=file_name([slug(story.id), t.lang], date.today(), "pptx", stem="tour"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="download_pptx",
        on_click="ignore",
    )
