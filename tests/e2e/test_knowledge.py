"""From a programme on the policy-models page to the map filtered to it, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from data.load import Atlas, load_atlas_dir
from tests.e2e.helpers import assert_no_error, wait_for_app, wait_for_map
from ui.i18n import Translator

PROGRAMME = "fr-spl"


@pytest.fixture(scope="module")
def shipped() -> Atlas:
    return load_atlas_dir()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_programme_link_opens_the_filtered_map(server: Any, page: Any, shipped: Atlas, lang: str) -> None:
    t = Translator(lang)
    name = str(shipped.programmes.set_index("id").at[PROGRAMME, t.column(shipped.programmes.columns, "name")])
    n = int((shipped.clusters["programme"] == PROGRAMME).sum())
    total = len(shipped.clusters)
    page.goto(server.url + f"/policies?lang={lang}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(t("policies.title"))
    link = page.get_by_role("link", name=t("knowledge.link_programme", name=name, n=n))
    link.first.scroll_into_view_if_needed()
    link.first.click()
    expect(page).to_have_url(re.compile(rf"programme={PROGRAMME}"), timeout=30_000)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(t("map.title"))
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(t("filters.count", n=n, total=total))).to_be_visible(timeout=30_000)
    wait_for_map(page)
    assert_no_error(page)


def test_knowledge_pages_open_by_deep_link(server: Any, page: Any) -> None:
    for path, key, lang in [
        ("/internationalisation?lang=fr", "innet.title", "fr"),
        ("/timeline?area=japan", "timeline.title", "en"),
        ("/us_strength", "us.title", "en"),
    ]:
        page.goto(server.url + path)
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(Translator(lang)(key))
        assert_no_error(page)
