"""A presenter walks a tour with the arrow keys; an analyst downloads CSV, GeoJSON and PPTX."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
from PIL import Image
from playwright.sync_api import expect
from pptx import Presentation

from data.load import load_atlas_dir
from data.query import Filters, filter_clusters
from data.stories import load_stories, slide_count
from tests.e2e.helpers import assert_no_error, open_sidebar_menu, wait_for_app

DOWNLOAD_TIMEOUT_MS = 60_000


# Font size of every visible text of the slide, and whether the page scrolls.
SLIDE_TEXT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const sizes = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    sizes.push([parseFloat(style.fontSize), node.textContent.trim().slice(0, 40)]);
  }
  const scrolls = [...document.querySelectorAll("*")].some((e) =>
    e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(e).overflowY));
  return {sizes, scrolls};
}"""


def assert_projector_slide(page: Any) -> None:
    """No text under 24 px and no scroll bar on a 1920 x 1080 screen."""
    measured = page.evaluate(SLIDE_TEXT_JS)
    small = [(size, text) for size, text in measured["sizes"] if size < 24]
    assert measured["sizes"] and not small, small
    assert not measured["scrolls"]


def test_presenter_walks_the_tour_with_a_remote(server: Any, page: Any) -> None:
    names = load_atlas_dir().clusters.set_index("id")["name"]
    story = load_stories()["four-models"]
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server.url + "/present?story=four-models&present=1&slide=1")
    wait_for_app(page)
    heading = page.locator("h1").first
    expect(heading).to_have_text("Four models of clusters")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()  # chrome hidden for the projector
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(str(len(story.stops)))
    assert_projector_slide(page)
    # The keys work once the buttons are on the page.
    expect(page.get_by_role("button", name=re.compile("Next"))).to_be_enabled()
    page.keyboard.press("ArrowRight")
    expect(heading).to_have_text(str(names[story.stops[0].case_id]), timeout=30_000)
    expect(page).to_have_url(re.compile(r"slide=2"))
    wait_for_app(page)
    assert_projector_slide(page)
    # A remote: PageDown three times, "b" blacks the screen, any key brings it back, PageUp.
    for stop in story.stops[1:4]:
        page.keyboard.press("PageDown")
        expect(heading).to_have_text(str(names[stop.case_id]), timeout=30_000)
    expect(page).to_have_url(re.compile(r"slide=5"))
    page.keyboard.press("b")
    black = page.get_by_test_id("black-screen")
    expect(black).to_be_visible()
    page.keyboard.press("PageUp")  # wakes the screen only
    expect(black).to_have_count(0)
    expect(heading).to_have_text(str(names[story.stops[3].case_id]))
    page.keyboard.press("PageUp")
    expect(heading).to_have_text(str(names[story.stops[2].case_id]), timeout=30_000)
    page.keyboard.press("End")
    expect(page).to_have_url(re.compile(rf"slide={slide_count(story)}"), timeout=30_000)
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    # Reopening the link of slide 5 shows slide 5.
    page.goto(server.url + "/present?story=four-models&present=1&slide=5")
    wait_for_app(page)
    expect(heading).to_have_text(str(names[story.stops[3].case_id]))
    assert_no_error(page)


def test_analyst_downloads_the_filtered_cases(server: Any, page: Any) -> None:
    clusters = load_atlas_dir().clusters
    japan = filter_clusters(clusters, Filters(areas=frozenset({"japan"})))  # today's cases
    page.goto(server.url + "/cases?area=japan")
    wait_for_app(page)
    menu = open_sidebar_menu(page, "Download data and map", "CSV")
    expect(menu.get_by_text(f"The {len(japan)} filtered cases", exact=False)).to_be_visible()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as csv_download:
        menu.get_by_role("button", name="CSV", exact=True).click()
    assert re.fullmatch(r"clusters_japan_\d{4}-\d\d-\d\d\.csv", csv_download.value.suggested_filename)
    csv = pd.read_csv(csv_download.value.path())
    assert sorted(csv["id"]) == sorted(japan["id"])
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as geojson_download:
        menu.get_by_role("button", name="GeoJSON", exact=True).click()
    collection = json.loads(Path(geojson_download.value.path()).read_text(encoding="utf-8"))
    assert len(collection["features"]) == len(japan)
    assert "area=japan" in collection["metadata"]["url"]


def test_presenter_downloads_the_tour_as_pptx(server: Any, page: Any) -> None:
    story = load_stories()["maghreb"]
    page.goto(server.url + "/present?story=maghreb&lang=fr")
    wait_for_app(page)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        page.get_by_role("button", name=re.compile("PPTX")).click()
    deck = Presentation(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(deck.slides) == slide_count(story)
    first = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "Les clusters du Maghreb" in first


def _blend_over_land(colour: list[int]) -> tuple[int, int, int]:
    """A region's colour as both maps show it: its alpha over the land of the basemap."""
    from geo.layers import BASEMAP_FILL

    alpha = colour[3] / 255
    red, green, blue = (
        round(c * alpha + land * (1 - alpha)) for c, land in zip(colour[:3], BASEMAP_FILL, strict=True)
    )
    return red, green, blue


def test_analyst_exports_the_regions_view_as_on_the_screen(server: Any, page: Any) -> None:
    from geo import regions
    from tests.e2e.helpers import coloured_pixels, wait_for_map

    clusters = load_atlas_dir().clusters
    japan = filter_clusters(clusters, Filters(areas=frozenset({"japan"})))  # today's cases
    breaks = regions.class_breaks(regions.count_by(japan, "admin1_id"))
    shades = [_blend_over_land(regions.colour_for(b, breaks)) for b in breaks]
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server.url + "/?area=japan&view=japan&mode=regions")
    wait_for_app(page)
    screen = wait_for_map(page).screenshot(timeout=60_000)
    menu = open_sidebar_menu(page, "Download data and map", "Map PNG")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as png_download:
        menu.get_by_role("button", name="Map PNG", exact=True).click()
    png = Path(png_download.value.path()).read_bytes()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as svg_download:
        menu.get_by_role("button", name="Map SVG", exact=True).click()
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    # The same classes of regions, in the same colours, on the screen and in the picture.
    for shade in shades:
        assert coloured_pixels(screen, shade, tolerance=6) > 20, shade
        assert coloured_pixels(png, shade, tolerance=6) > 20, shade
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
    # The SVG draws the regions and keeps its words as text.
    start = svg.index('<g id="regions"')
    fills = set(re.findall(r"fill: (#[0-9a-f]{6})", svg[start : svg.index("</g>", start)]))
    assert len(fills) == len(breaks)
    assert re.search(r"<text[^>]*>[^<]*Japan", svg)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as pdf_download:
        menu.get_by_role("button", name="One-page brief (PDF)", exact=True).click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
