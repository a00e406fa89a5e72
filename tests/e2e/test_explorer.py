"""A decision-maker's journeys in a real browser: filter, click a point, share a link, switch language."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from data.load import Atlas, load_atlas_dir
from data.query import Filters, filter_clusters
from geo.view import VIEW_PRESETS
from tests.e2e.helpers import assert_no_error, wait_for_app, wait_for_map
from ui.i18n import Translator, messages
from ui.links import link
from ui.state import ViewState, with_filters

TILE_PX = 512  # deck.gl's Web Mercator world width at zoom 0


@pytest.fixture(scope="module")
def shipped() -> Atlas:
    return load_atlas_dir()


def count_text(lang: str, n: int, total: int) -> str:
    return Translator(lang)("filters.count", n=n, total=total)


def project(lat: float, lon: float, view: str, width: float, height: float) -> tuple[float, float]:
    """Screen position of a point in a deck.gl MapView centred on a view preset."""
    preset = VIEW_PRESETS[view]
    scale = TILE_PX * 2**preset.zoom / (2 * math.pi)

    def mercator_y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = width / 2 + scale * math.radians(lon - preset.longitude)
    y = height / 2 - scale * (mercator_y(lat) - mercator_y(preset.latitude))
    return x, y


def test_filter_in_the_panel_narrows_the_count(server: Any, page: Any, shipped: Atlas) -> None:
    clusters = shipped.clusters
    page.goto(server.url + "/")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    # The default view is today's: merged and ended cases are hidden (and said so).
    today = len(filter_clusters(clusters, Filters()))
    expect(sidebar.get_by_text(count_text("en", today, len(clusters)))).to_be_visible()
    sidebar.get_by_test_id("stMultiSelect").filter(has_text=messages("en")["filters.areas"]).click()
    japan = len(filter_clusters(clusters, Filters(areas=frozenset({"japan"}))))
    page.get_by_role("option", name=re.compile(r"^Japan \(")).click()
    page.keyboard.press("Escape")
    expect(sidebar.get_by_text(count_text("en", japan, len(clusters)))).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"area=japan"))
    assert_no_error(page)


def test_filters_in_the_more_filters_popover_keep_the_link_s_values(
    server: Any, page: Any, shipped: Atlas
) -> None:
    """The popover's widgets are drawn only when it opens: they must show, and send back, the
    values the shared link set, not their bare defaults."""
    clusters = shipped.clusters
    en = messages("en")
    founded = filter_clusters(clusters, Filters(founded=(1990, 2005)))
    founded_japan = filter_clusters(clusters, Filters(founded=(1990, 2005), areas=frozenset({"japan"})))
    page.goto(server.url + "/?from=1990&to=2005")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(count_text("en", len(founded), len(clusters)))).to_be_visible()
    more = sidebar.get_by_role("button", name=en["filters.more"])
    expect(sidebar.get_by_role("button", name=re.compile("Founded 1990-2005"))).to_be_visible()  # its chip
    japan_option = page.get_by_role("option", name=re.compile(r"^Japan \("))
    for _ in range(3):  # a rerun that ends just after the click closes the list: open it again
        sidebar.get_by_test_id("stMultiSelect").filter(has_text=en["filters.areas"]).click()
        try:
            japan_option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    japan_option.click()
    page.keyboard.press("Escape")
    expect(sidebar.get_by_text(count_text("en", len(founded_japan), len(clusters)))).to_be_visible(
        timeout=30_000
    )
    more.click()
    body = page.get_by_test_id("stPopoverBody")
    expect(body.get_by_test_id("stSliderThumbValue")).to_have_text(["1990", "2005"])
    expect(body.get_by_role("checkbox", name=en["filters.include_unknown"])).to_be_checked()
    body.get_by_text(en["filters.measure_members_firms"]).click()  # a change inside the popover
    expect(page).to_have_url(re.compile(r"measure=members_firms"), timeout=30_000)
    expect(page).to_have_url(re.compile(r"from=1990&to=2005"))
    narrowed = Filters(
        areas=frozenset({"japan"}),
        founded=(1990, 2005),
        include_unknown_size=False,
        size_measure="members_firms",
    )
    known = len(filter_clusters(clusters, narrowed))
    body.get_by_text(en["filters.include_unknown"]).click()  # a filter: the popover stays open
    expect(sidebar.get_by_text(count_text("en", known, len(clusters)))).to_be_visible(timeout=30_000)
    expect(body).to_be_visible()
    expect(body.get_by_role("checkbox", name=en["filters.include_unknown"])).not_to_be_checked()
    assert_no_error(page)


def test_shared_link_reopens_the_same_view(server: Any, page: Any, shipped: Atlas) -> None:
    clusters = shipped.clusters
    expected = filter_clusters(clusters, Filters(areas=frozenset({"japan"}), sectors=frozenset({"ict"})))
    page.goto(server.url + "/cases?area=japan&sector=ict&lang=fr")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(messages("fr")["cases.title"])
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(count_text("fr", len(expected), len(clusters)))).to_be_visible()
    expect(sidebar.get_by_role("button", name="✕ Japon")).to_be_visible()  # the removable chip
    assert_no_error(page)


def test_a_built_link_with_url_syntax_in_the_search_reopens_it(server: Any, page: Any) -> None:
    """links.link encodes the search text: "&", "#" and "%" reach the search box intact."""
    text = "R&D #1 100%"
    page.goto(server.url + link("cases", with_filters(ViewState(), text=text, areas=frozenset({"japan"}))))
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("textbox", name=messages("en")["filters.text"])).to_have_value(text)
    expect(sidebar.get_by_role("button", name="✕ Japan")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=R%26D"))
    assert_no_error(page)


def test_clicking_a_point_opens_its_card(server: Any, page: Any, shipped: Atlas) -> None:
    clusters = shipped.clusters
    today = filter_clusters(clusters, Filters())  # a case drawn on today's map
    case = today[(today["area"] == "japan") & today["unit_type"].ne("statistical-cluster")].iloc[0]
    page.goto(f"{server.url}/?view=japan&q={case['name']}")
    wait_for_app(page)
    chart = wait_for_map(page)
    page.wait_for_timeout(2_000)  # let deck.gl draw
    box = chart.bounding_box()
    x, y = project(float(case["lat"]), float(case["lon"]), "japan", box["width"], box["height"])
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page.get_by_role("heading", name=case["name"])).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(rf"case={re.escape(case['id'])}"))


def test_switching_to_french_changes_every_label(server: Any, page: Any) -> None:
    page.goto(server.url + "/?view=europe")
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_role("radio", name="Français").click()
    expect(page.locator("h1").first).to_have_text(messages("fr")["map.title"], timeout=30_000)
    # The legend's title (the summary beside the map has a "main sector" title of its own).
    legend = page.locator(".atlas-legend")
    expect(legend.get_by_text(messages("fr")["map.legend_title"], exact=True)).to_be_visible()
    expect(
        page.get_by_test_id("stSidebar").get_by_text(messages("fr")["filters.title"], exact=True)
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"lang=fr"))
    expect(page).to_have_url(re.compile(r"view=europe"))


def test_unknown_case_in_link_is_a_polite_notice(server: Any, page: Any) -> None:
    page.goto(server.url + "/?case=no-such-case&view=mars")
    wait_for_app(page)
    expect(page.get_by_text(re.compile("case=no-such-case"))).to_be_visible()
    assert_no_error(page)


def test_the_default_map_shows_today_and_one_control_shows_the_history(
    server: Any, page: Any, shipped: Atlas
) -> None:
    clusters = shipped.clusters
    t = Translator("en")
    hidden = len(clusters) - len(filter_clusters(clusters, Filters()))
    assert hidden > 0
    page.goto(server.url + "/")
    wait_for_app(page)
    expect(page.get_by_text(t("history.note_hidden", n=hidden))).to_be_visible()
    page.get_by_role("button", name=t("history.show")).click()
    expect(page).to_have_url(re.compile(r"history=1"), timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(count_text("en", len(clusters), len(clusters)))).to_be_visible(timeout=30_000)
    expect(page.get_by_text(t("history.note_shown"))).to_be_visible()
    assert_no_error(page)
