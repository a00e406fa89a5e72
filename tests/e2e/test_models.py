"""A decision-maker compares the models: reads a panel's counts, clicks one, lands on the map."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from data.load import load_atlas_dir
from data.models import compare
from data.query import Filters, filter_clusters
from tests.e2e.conftest import EXPECT_TIMEOUT_MS
from tests.e2e.helpers import assert_no_error, wait_for_app
from ui.i18n import format_number


def test_panel_counts_then_a_click_opens_the_filtered_map(server: Any, page: Any) -> None:
    atlas = load_atlas_dir()
    filters = Filters(sectors=frozenset({"life-sciences"}))
    result = compare(filter_clusters(atlas.clusters, filters), atlas.programmes, "policy")
    top_down = next(p for p in result.panels if p.group == "top-down")
    large = dict(top_down.mix("size").counts)["large"]
    assert large > 0

    page.goto(server.url + "/models?by=policy&sector=life-sciences")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("The cluster models side by side")
    panel = page.locator("section.models-panel[aria-label='Top-down']")
    count = f"{format_number(top_down.cases, 'en')} cases"
    expect(panel.locator(".count")).to_have_text(count, timeout=EXPECT_TIMEOUT_MS)
    # Every panel the data have, and no other.
    expect(page.locator("section.models-panel")).to_have_count(len(result.panels))
    assert_no_error(page)

    panel.locator("li", has_text="Large").get_by_role("link").click()
    page.wait_for_url(re.compile(r"/\?.*size=large"), timeout=EXPECT_TIMEOUT_MS)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Map of cluster cases")
    shown = f"{format_number(large, 'en')} of {format_number(len(atlas.clusters), 'en')} cases shown"
    caption = page.get_by_text(re.compile("^" + re.escape(shown)))
    expect(caption).to_be_visible(timeout=EXPECT_TIMEOUT_MS)
    assert "policy=top-down" in page.url and "sector=life-sciences" in page.url
    assert_no_error(page)

    # The summary beside the map shows the filter as set; a click on it again clears it.
    summary_policy = page.get_by_role("radio", name=re.compile(r"^Top-down · "))
    expect(summary_policy).to_be_visible(timeout=EXPECT_TIMEOUT_MS)
    summary_policy.click()
    page.wait_for_url(lambda url: "policy=" not in url, timeout=EXPECT_TIMEOUT_MS)
    assert "size=large" in page.url
    assert_no_error(page)
