"""What a person sees: app ready, map drawn, no error on the page."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image

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
