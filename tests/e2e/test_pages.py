"""Every page opens by deep link on a fresh server, and the map really draws."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from geo.layers import BASEMAP_FILL, SECTOR_RGB
from tests.e2e.helpers import assert_no_error, coloured_pixels, wait_for_app, wait_for_map
from ui.widgets import PAGES

DEEP_LINKS = [
    ("/?lang=fr&view=japan", "Carte des clusters"),
    ("/about?lang=fr", "Sources et méthode"),
    ("/about", "Sources and method"),
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
