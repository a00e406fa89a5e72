"""Accessibility audit: axe-core (WCAG 2.1 A/AA) finds no serious or critical violation on any page,
in both languages, in the map, regions, card, presenter and upload states.

One server and one browser tab for the whole module: each state is a navigation, not a new browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import axe
from tests.e2e.helpers import wait_for_app
from ui.i18n import LANGUAGES
from ui.links import PAGES

UPLOAD_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "uploads" / "en_comma_utf8.csv"
# Extra query of a page, where the page needs one to show its content.
PAGE_QUERY = {"compare": "cmp=fr-genopole&cmp=us-joint-venture-silicon-valley"}
STATES = {
    "regions": "/?mode=regions&view=europe",
    "card": "/?case=fr-genopole",
    "presenter": "/present?story=four-models&present=1&slide=2",
    "upload": "/data",
}


def _page_path(file: str) -> str:
    if file == "dashboard.py":
        return "/"
    name = Path(file).stem
    return f"/{name}" + (f"?{PAGE_QUERY[name]}" if name in PAGE_QUERY else "")


TARGETS = {Path(page.script).stem: _page_path(page.script) for page in PAGES.values()} | STATES


def _with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


@pytest.fixture(scope="module")
def axe_source() -> str:
    return axe.axe_source()


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("target", list(TARGETS))
def test_no_serious_or_critical_violation(
    server: Any, tab: Any, axe_source: str, target: str, lang: str
) -> None:
    tab.goto(server.url + _with_lang(TARGETS[target], lang))
    wait_for_app(tab)
    if target == "upload":
        tab.locator("input[type='file']").set_input_files(str(UPLOAD_FILE))
        expect(tab.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
        wait_for_app(tab)
    tab.wait_for_timeout(500)  # let late widgets (legend, map) mount
    wait_for_app(tab)  # a rerun started by a late widget draws the page faded until it ends
    found = axe.violations(tab, axe_source)
    assert not found, f"{target} ({lang}):\n{axe.describe(found)}"
