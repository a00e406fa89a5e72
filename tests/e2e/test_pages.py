"""Every page opens by deep link on a fresh server, and the map really draws."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from geo.layers import BASEMAP_FILL, SECTOR_RGB
from tests.e2e.helpers import assert_no_error, coloured_pixels, wait_for_app, wait_for_map
from ui.links import PAGES

DEEP_LINKS = [
    ("/?lang=fr&view=japan", "Carte des clusters"),
    ("/cases?area=maghreb&lang=fr", "Cas"),
    ("/compare?cmp=fr-genopole&cmp=us-joint-venture-silicon-valley", "Compare cases"),
    ("/about?lang=fr", "Sources et méthode"),
    ("/about", "Sources and method"),
    ("/?mode=regions&view=europe", "Map of cluster cases"),
    ("/", "Map of cluster cases"),
]


@pytest.mark.parametrize(("path", "title"), DEEP_LINKS)
def test_deep_link_opens_the_page_with_the_shared_sidebar(
    server: Any, page: Any, path: str, title: str
) -> None:
    page.goto(server.url + path)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(title)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link")).to_have_count(len(PAGES))  # our own page list
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # never the automatic one
    assert_no_error(page)


def test_map_draws_points_and_countries_offline(server: Any, page: Any) -> None:
    page.goto(server.url + "/?view=europe")
    wait_for_app(page)
    chart = wait_for_map(page)
    deadline = time.monotonic() + 30
    land = points = 0
    while time.monotonic() < deadline:
        shot = chart.screenshot()
        land = coloured_pixels(shot, tuple(BASEMAP_FILL))  # type: ignore[arg-type]
        points = sum(coloured_pixels(shot, rgb, tolerance=6) for rgb in SECTOR_RGB.values())
        if land > 10_000 and points > 200:
            break
        time.sleep(1)
    assert land > 10_000, f"basemap pixels: {land}"
    assert points > 200, f"point pixels: {points}"
    outside = {urlparse(u).hostname for u in page.outside_requests} - {"127.0.0.1", "localhost", None}
    assert not outside, f"requests left the machine: {outside}"


def test_filter_change_keeps_the_users_zoom_and_position(server: Any, page: Any) -> None:
    page.goto(server.url + "/?view=europe")
    wait_for_app(page)
    chart = wait_for_map(page)
    page.wait_for_timeout(2_000)
    land_default = coloured_pixels(chart.screenshot(), tuple(BASEMAP_FILL))  # type: ignore[arg-type]
    box = chart.bounding_box()
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(centre_x, centre_y)
    page.mouse.down()
    page.mouse.move(centre_x + 250, centre_y + 150, steps=10)
    page.mouse.up()
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(2_000)
    land_moved = coloured_pixels(chart.screenshot(), tuple(BASEMAP_FILL))  # type: ignore[arg-type]
    assert abs(land_moved - land_default) > 0.1 * land_default, "the drag and zoom did not move the map"
    page.get_by_test_id("stSidebar").get_by_role("textbox").first.fill("a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=a"), timeout=30_000)
    page.wait_for_timeout(3_000)
    land_after = coloured_pixels(chart.screenshot(), tuple(BASEMAP_FILL))  # type: ignore[arg-type]
    assert abs(land_after - land_moved) < 0.02 * land_moved, (land_default, land_moved, land_after)
