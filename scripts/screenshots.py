"""Take screenshots of atlas pages in headless Chromium, for looking at what we build.

Usage: python scripts/screenshots.py OUT_DIR PATH [PATH ...]   e.g. "/?lang=fr" "/about"
(window size: SHOT_WIDTH, default 1400, and SHOT_HEIGHT, default 2200; presenter mode at
1920 x 1080: SHOT_WIDTH=1920 SHOT_HEIGHT=1080 with "/?present=1")
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402
from tests.e2e.helpers import wait_for_app  # noqa: E402

SETTLE_S = 4
# Streamlit scrolls inside its own container, so a tall window shows the whole page.
HEIGHT = int(os.environ.get("SHOT_HEIGHT", "2200"))
WIDTH = int(os.environ.get("SHOT_WIDTH", "1400"))


def main(out: Path, paths: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            for path in paths:
                page.goto(server.url + path)
                wait_for_app(page)
                time.sleep(SETTLE_S)
                name = re.sub(r"[^\w.-]+", "_", path).strip("_") or "home"
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(out / f"{name}.png")
            browser.close()
    finally:
        server.process.terminate()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
