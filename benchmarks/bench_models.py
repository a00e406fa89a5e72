"""The models page against its targets: the server's rerun (median, real data, AppTest) and its
first full draw in Chromium beside the map page's first map, measured in the same run.

Run: .venv/bin/python -m benchmarks.bench_models [--repeats 7] [--reruns 15]
Prints a Markdown table of medians and writes it into benchmarks/RESULTS.md between its markers.

Server: a warm rerun of each page in AppTest (the caches filled by a first run, as for a user who
reloads or changes a widget), a rerun whose panels are computed anew (comparison, HTML, small
maps: what a filter state no session asked for yet costs) and the first run of the models page
on cold caches (data, basemap crops). Browser: one
server; the map page and the models page are loaded in turn in fresh browser contexts (round 0
warms the server and is not counted). The map page's time is its first map (page load to the
final map pixels, detected as in bench_scale.py); the models page's time is page load to the
moment every panel and every panel's map picture is on screen and Streamlit has stopped running.
Not part of CI.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Final

from benchmarks.bench_scale import CHROMIUM, Browser, watch
from benchmarks.results import write_section
from data.load import load_atlas_dir
from tests.e2e.conftest import CHROMIUM_ARGS, start_server

ROOT: Final[Path] = Path(__file__).resolve().parents[1]
MARKERS: Final[tuple[str, str]] = ("<!-- models:start -->", "<!-- models:end -->")
TIMEOUT_S: Final[float] = 60.0
POLL_S: Final[float] = 0.05
TARGET_RERUN_S: Final[float] = 0.1
TARGET_RATIO: Final[float] = 1.5
PANELS_DRAWN_JS: Final[str] = """() => {
  const panels = document.querySelectorAll('section.models-panel');
  const pictures = document.querySelectorAll('section.models-panel img');
  return panels.length > 0 && pictures.length === panels.length
    && [...pictures].every(p => p.complete && p.naturalWidth > 0 && p.getBoundingClientRect().width > 0)
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
NOTE: Final[str] = (
    "The models page's small maps are SVG pictures over a crop of the basemap picture "
    "(geo/minimap.py), not deck.gl maps: the page compiles no WebGL shader, which is why it draws "
    "sooner than the map page."
)
PAGES: Final[tuple[tuple[str, str], ...]] = (
    ("map page (/), first map", "/"),
    ("models page (/models), by area", "/models"),
    ("models page (/models?by=policy)", "/models?by=policy"),
)


def server_reruns(reruns: int) -> list[tuple[str, float]]:
    """Median warm rerun of the map page and of the models page by each grouping, and the models
    page's first run on cold caches (seconds)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import run_page as app  # the page tests' runner: same entry, same timeout
    from ui import models

    def median_rerun(at: AppTest) -> float:
        timings = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)

    rows = [("warm rerun, map page", median_rerun(app("dashboard.py")))]
    for by in ("area", "policy", "unit"):
        rows.append((f"warm rerun, models page by={by}", median_rerun(app("pages/models.py", by=by))))
    at = app("pages/models.py")
    computed = []
    for _ in range(reruns):
        models._comparison.cache_clear()
        models._panels_html.cache_clear()
        start = time.perf_counter()
        at.run()
        computed.append(time.perf_counter() - start)
    rows.append(
        (
            "rerun with the panels computed anew (a filter state no session asked for)",
            statistics.median(computed),
        )
    )
    colds = []
    for _ in range(3):
        at = app("pages/models.py")
        st.cache_resource.clear()
        models._comparison.cache_clear()
        models._panels_html.cache_clear()
        start = time.perf_counter()
        at.run()
        colds.append(time.perf_counter() - start)
    rows.append(("first run on cold caches, models page by=area (3 runs)", statistics.median(colds)))
    return rows


def panels_drawn(page: object, t0: float) -> float | None:
    """Seconds from ``t0`` to every panel and its map picture on screen, Streamlit idle."""
    deadline = t0 + TIMEOUT_S
    while time.perf_counter() < deadline:
        if page.evaluate(PANELS_DRAWN_JS):  # type: ignore[attr-defined]
            return time.perf_counter() - t0
        time.sleep(POLL_S)
    return None


def browser_rounds(repeats: int) -> dict[str, list[float | None]]:
    """Per page, one time a round, the pages taken in turn."""
    from playwright.sync_api import sync_playwright

    server = start_server()
    times: dict[str, list[float | None]] = {label: [] for label, _ in PAGES}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for repeat in range(repeats + 1):  # round 0 warms the server: not counted
                for label, path in PAGES:
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    page.mouse.move(0, 0)
                    t0 = time.perf_counter()
                    page.goto(server.url + path, timeout=120_000)
                    if path == "/":
                        measured, _ = watch(page, "atlas", t0, TIMEOUT_S, None, Browser())
                    else:
                        measured = panels_drawn(page, t0)
                    context.close()
                    if repeat:
                        times[label].append(measured)
            browser.close()
    finally:
        server.process.terminate()
    return times


def report(server: list[tuple[str, float]], browser: dict[str, list[float | None]], cases: int) -> str:
    map_times = browser[PAGES[0][0]]
    lines = [
        MARKERS[0],
        "## Models page (benchmarks/bench_models.py)",
        "",
        f"Measured on {time.strftime('%Y-%m-%d')} on the shared 2-core machine (other engineers' "
        "tests running at the same time: medians, noisy). Targets: server rerun under "
        f"{TARGET_RERUN_S * 1000:.0f} ms (median, real data); first full draw within "
        f"{TARGET_RATIO}x the map page's first map in the same run.",
        "",
        f"| server (AppTest, real data: {cases} cases) | median ms |",
        "|---|---|",
        *(f"| {name} | {seconds * 1000:.0f} |" for name, seconds in server),
        "",
        f"Browser: Debian Chromium, software WebGL, fresh context per load, {len(map_times)} rounds "
        "after a warm-up round, pages in turn. *Paired*: the median of each round's time over the "
        "map page's time in the same round.",
        "",
        NOTE,
        "",
        "| page | median s | / map page | paired / map page | drawn |",
        "|---|---|---|---|---|",
    ]
    map_median = statistics.median([v for v in map_times if v is not None] or [float("nan")])
    for label, values in browser.items():
        drawn = [v for v in values if v is not None]
        median = statistics.median(drawn) if drawn else float("nan")
        paired = [v / m for v, m in zip(values, map_times, strict=True) if v is not None and m is not None]
        paired_text = f"{statistics.median(paired):.2f}" if paired else "-"
        ratio = median / map_median
        lines.append(f"| {label} | {median:.2f} | {ratio:.2f} | {paired_text} | {len(drawn)}/{len(values)} |")
    lines.append(MARKERS[1])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7, help="browser rounds after the warm-up round")
    parser.add_argument("--reruns", type=int, default=15, help="AppTest reruns per page")
    args = parser.parse_args()
    server = server_reruns(args.reruns)
    browser = browser_rounds(args.repeats)
    section = report(server, browser, len(load_atlas_dir().clusters))
    print(section)
    write_section(section, *MARKERS)


if __name__ == "__main__":
    main()
