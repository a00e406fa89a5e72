"""Presenter mode: chrome hidden, large type, a tour of cases as slides, and the tour as PPTX."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import partial
from typing import Final

import pandas as pd
import streamlit as st

from data import slides
from data.cases import case_row, cited_sources, summary
from data.export import file_name, slug
from data.load import Atlas
from data.stories import MAX_TOUR, Story, slide_count, tour_from_cases
from data.vocab import SECTORS
from geo import layers, render
from geo.boundaries import BASEMAP_URL, CREDIT
from geo.view import ViewPreset
from ui import cached, links
from ui.card import key_facts
from ui.i18n import Translator, country_name, localised
from ui.keys import FILTERED, SLIDE_KEY, STORY_KEY
from ui.markdown import escape_md
from ui.model_figure import comparison_slides
from ui.state import ViewState, to_params

CASE_ZOOM: Final[float] = 5.5
SLIDE_IMAGE_SIZE: Final[tuple[float, float]] = (9.6, 6.4)
SLIDE_MAP_MARGIN_DEG: Final[float] = 5.0
# A 16:9 picture this wide fits under the title on a 1920 x 1080 screen.
SLIDE_PICTURE_PX: Final[int] = 1300

# Static CSS (no data in it): hide the sidebar and Streamlit's chrome, large high-contrast type.
PRESENTER_CSS: Final[str] = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; color: #000; background: #fff; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
h1 { font-size: 2.6rem !important; } h2 { font-size: 2rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.35rem; line-height: 1.5; }
</style>
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


def slide_contents(story: Story, atlas: Atlas, t: Translator, *, images: bool) -> list[slides.SlideContent]:
    """Every slide of a tour: title, one per case (facts, summary, source, map image), sources."""
    contents = [
        slides.SlideContent(
            title=story.title.get(t.lang),
            subtitle=story.subtitle.get(t.lang),
            lines=(
                t("present.title_count", n=len(story.stops)),
                t("present.made_with", date=t.date(date.today())),
            ),
        )
    ]
    all_sources: list[str] = []
    cases = atlas.clusters.set_index("id", drop=False)
    tour = cases.loc[[stop.case_id for stop in story.stops if stop.case_id in cases.index]]
    for stop in story.stops:
        case = case_row(atlas.clusters, stop.case_id)
        if case is None:
            continue
        text, _ = summary(case, t.lang)
        image = None
        if images:
            figure = render.draw_map(
                tour,
                cached.countries(),
                render.case_bounds(tour.loc[[stop.case_id]], SLIDE_MAP_MARGIN_DEG),
                render.MapText(
                    "",
                    "",
                    t("map.legend_title"),
                    CREDIT,
                    t.labels("sector", SECTORS),
                    t("map.statistical_legend"),
                ),
                size=SLIDE_IMAGE_SIZE,
                highlight=stop.case_id,
            )
            image = render.figure_bytes(figure, "png")
        all_sources += [address for address, _ in cited_sources(case) if address not in all_sources]
        contents.append(
            slides.SlideContent(
                title=str(case["name"]),
                facts=tuple(key_facts(case, atlas, t)),
                lines=(text,) if text else (),
                sources=(_source_line(case, t),),
                image_png=image,
                notes=stop.note.get(t.lang),
            )
        )
    # The models side by side (ui/model_figure.py), after the cases: case slides keep their numbers.
    contents += comparison_slides(story, t)
    contents.append(
        slides.SlideContent(
            title=t("present.sources_title"), lines=tuple(all_sources[:25]), sources=(CREDIT,)
        )
    )
    return contents


def pptx_bytes(story: Story, atlas: Atlas, t: Translator) -> bytes:
    """The tour as a 16:9 PPTX deck in the chosen language."""
    return slides.build_pptx(slide_contents(story, atlas, t, images=True))


def navigation(index: int, total: int, state: ViewState, t: Translator) -> None:
    """Previous / next buttons (arrow keys too), the slide number and the way out."""
    back, counter, forward, leave = st.columns([2, 1, 2, 3])
    back.button(
        t("present.previous"),
        on_click=go_to,
        args=(max(1, index - 1),),
        shortcut="Left",
        disabled=index <= 1,
        key="present_prev",
    )
    counter.markdown(f"**{index} / {total}**")
    forward.button(
        t("present.next"),
        on_click=go_to,
        args=(min(total, index + 1),),
        shortcut="Right",
        disabled=index >= total,
        key="present_next",
        type="primary",
    )
    exit_state = dataclasses.replace(state, present=False, slide=None, notes=False)
    leave.page_link(links.script("present"), label=t("present.exit"), query_params=to_params(exit_state))


def draw_slide(
    content: slides.SlideContent,
    case_id: str | None,
    story: Story,
    atlas: Atlas,
    state: ViewState,
    t: Translator,
) -> None:
    """One slide on screen: for a case, the map flown to it beside its key facts."""
    st.title(escape_md(content.title))
    if content.subtitle:
        st.subheader(escape_md(content.subtitle))
    if case_id is None:
        if content.image_png:  # a comparison slide: the panels picture
            st.image(content.image_png, width=SLIDE_PICTURE_PX)
        for line in content.lines:
            st.markdown(escape_md(line))
        for source in content.sources:
            st.caption(escape_md(source))
        return
    case = atlas.clusters.loc[atlas.clusters["id"] == case_id].iloc[0]
    map_column, facts_column = st.columns([3, 2])
    tour_ids = [stop.case_id for stop in story.stops]
    points = layers.cluster_points(
        atlas.clusters.loc[atlas.clusters["id"].isin(tour_ids)],
        sector_labels=t.labels("sector", SECTORS),
        country_name=lambda iso2: country_name(iso2, t.lang),
        size_column=state.filters.size_measure,
        largest=cached.largest(state.filters.size_measure),
    )
    view = ViewPreset(latitude=float(case["lat"]), longitude=float(case["lon"]), zoom=CASE_ZOOM)
    with map_column:
        st.pydeck_chart(
            layers.cluster_deck(points, BASEMAP_URL, view, selected=case_id),
            height=560,
            key="slide_map",
            alt=t("present.map_alt", name=str(case["name"])),
        )
    with facts_column:
        st.markdown(
            "  \n".join(f"**{escape_md(label)}:** {escape_md(value)}" for label, value in content.facts)
        )
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
    st.caption(t("present.keys"))
    st.download_button(
        t("present.pptx"),
        data=partial(pptx_bytes, story, atlas, t),
        file_name=file_name([slug(story.id), t.lang], date.today(), "pptx", stem="tour"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="download_pptx",
        on_click="ignore",
    )
