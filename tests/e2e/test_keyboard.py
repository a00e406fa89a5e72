"""The main journey without the mouse: views, filters, table row to card, compare, presenter.

Every step moves the focus with Tab only and acts with Enter, typing, arrows or Shift+Space (the
table's row selection); each control reached must show where the focus is.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_error, wait_for_app

MAX_TABS = 90
PAGE_LINK = "stPageLink-NavLink"
URL_TIMEOUT_MS = 40_000
# What the focused element is, for the helper below and for a readable failure.
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const outlined = (el) => { const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; };
  let ring = outlined(e) || style.boxShadow !== 'none';
  for (let up = e.parentElement, n = 0; up && n < 4 && !ring; up = up.parentElement, n++) ring = outlined(up);
  return {tag: e.tagName, text: (e.innerText || '').trim(), label: e.getAttribute('aria-label') || '',
          testid: e.getAttribute('data-testid') || '', ring: ring};
}"""


def tab_to(
    page: Any, *, text: str | None = None, label: str | None = None, testid: str | None = None
) -> None:
    """Press Tab until the focus is on the element described; it must show a focus indicator."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["text"][:30] or focused["label"] or focused["testid"] or focused["tag"])
        if (
            (text is None or focused["text"] == text)
            and (label is None or focused["label"] == label)
            and (testid is None or focused["testid"] == testid)
        ):
            assert focused["ring"] or testid == "data-grid-canvas", f"no visible focus on {focused}"
            return
    raise AssertionError(f"Tab never reached {text or label or testid}; focus went through {seen}")


def open_page(page: Any, name: str, address: str) -> None:
    """Follow a link of the page list by keyboard and wait for the page."""
    tab_to(page, text=name, testid=PAGE_LINK)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(address), timeout=URL_TIMEOUT_MS)
    wait_for_app(page)


def test_main_journey_by_keyboard_alone(server: Any, page: Any) -> None:
    page.goto(server.url + "/")
    wait_for_app(page)
    # A view of the map: the view buttons are one stop of Tab, the arrows move between them.
    tab_to(page, text="World")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED)["text"] == "Japan"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"view=japan"), timeout=URL_TIMEOUT_MS)
    wait_for_app(page)
    # A filter: type in the area list and pick with Enter.
    tab_to(page, label="Area")
    page.keyboard.type("Japan")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"area=japan"), timeout=URL_TIMEOUT_MS)
    page.keyboard.press("Escape")
    wait_for_app(page)
    # The page list: to the table of the same cases.
    open_page(page, "Cases", r"/cases\?.*area=japan")
    # A table row opens its card: arrows to the row, Shift+Space selects it.
    tab_to(page, testid="data-grid-canvas")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    expect(page).to_have_url(re.compile(r"case=[a-z0-9-]+"), timeout=URL_TIMEOUT_MS)
    expect(page.get_by_role("button", name="Close", exact=True)).to_be_visible(timeout=URL_TIMEOUT_MS)
    # Compare two cases, chosen by typing.
    open_page(page, "Compare", r"/compare")
    tab_to(page, label=re.sub(r"\{n\}", "4", "Choose 2 to {n} cases (from the filtered cases)"))
    for name in ("Akita", "Aomori"):
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
    expect(page).to_have_url(re.compile(r"cmp=[^&]*akita.*cmp="), timeout=URL_TIMEOUT_MS)
    page.keyboard.press("Escape")
    wait_for_app(page)
    # Present: start the tour and move on with the arrow key.
    open_page(page, "Present", r"/present")
    tab_to(page, text="▶ Start presenting")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^1 / \d+$"))).to_be_visible(timeout=URL_TIMEOUT_MS)
    expect(page.get_by_role("button", name=re.compile("Next"))).to_be_enabled(timeout=URL_TIMEOUT_MS)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"^2 / \d+$"))).to_be_visible(timeout=URL_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"present=1.*slide=2"), timeout=URL_TIMEOUT_MS)
    assert_no_error(page)
