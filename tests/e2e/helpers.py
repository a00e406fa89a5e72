"""What a person sees: app ready, map drawn, no error on the page."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image
from playwright.sync_api import expect

APP_TIMEOUT_MS = 60_000


def wait_for_app(page: Any) -> None:
    """Wait until Streamlit has finished running the script and drawn the page."""
    page.wait_for_selector("[data-testid='stApp']", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector("h1", timeout=APP_TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=APP_TIMEOUT_MS
    )
    # Elements of a run still under way are drawn faded (stale) until it ends.
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=APP_TIMEOUT_MS)
    # Text drawn before the embedded fonts arrive is laid out again when they do, moving what
    # is below it (a popover opened in between stays where its trigger was).
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=APP_TIMEOUT_MS)


def open_sidebar_menu(page: Any, name: str, first_button: str, tries: int = 3) -> Any:
    """Open the sidebar popover ``name`` and return its body once ``first_button`` is on screen.

    The sidebar scrolls to its trigger when it is clicked; on a slow machine the popover can be
    placed before that scroll ends and stay out of the viewport. Closing and opening it again
    places it from where the trigger now is, as a person would do."""
    trigger = page.get_by_test_id("stSidebar").get_by_role("button", name=name)
    body = page.get_by_test_id("stPopoverBody")
    button = body.get_by_role("button", name=first_button, exact=True)
    for attempt in range(1, tries + 1):
        trigger.scroll_into_view_if_needed()
        trigger.click()
        button.wait_for(state="visible", timeout=APP_TIMEOUT_MS)
        try:
            expect(button).to_be_in_viewport(timeout=5_000)
            break
        except AssertionError:
            if attempt == tries:
                raise
            page.keyboard.press("Escape")
            body.wait_for(state="hidden", timeout=APP_TIMEOUT_MS)
    return body


def coloured_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    """How many pixels of a screenshot are close to one colour."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    close = np.abs(pixels - np.array(rgb, dtype=np.int16)) <= tolerance
    return int(close.all(axis=-1).sum())


def wait_for_map(page: Any) -> Any:
    """The deck.gl canvas of the map, once it is on the page."""
    chart = page.locator("[data-testid='stDeckGlJsonChart']").first
    chart.wait_for(state="visible", timeout=APP_TIMEOUT_MS)
    canvas = chart.locator("canvas").first
    canvas.wait_for(state="visible", timeout=APP_TIMEOUT_MS)
    return chart


def assert_no_error(page: Any) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Traceback").count() == 0
