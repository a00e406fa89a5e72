"""Where the first map's time goes: the floor, the atlas's deck alone with one layer left out at a
time, and the whole atlas page, measured in turn in one browser (interleaved, so a slow minute
of this shared machine hits every variant alike).

Run: .venv/bin/python -m benchmarks.first_map [--repeats 5]
Prints a table of medians and writes it into benchmarks/RESULTS.md between the first-map markers.
Each variant has its own server (started once, warmed by one page load that is not counted). The
time is page load to the final map pixels, detected as in bench_scale.py. Not part of CI.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from typing import Final

from benchmarks.bench_scale import CHROMIUM, Browser, watch
from benchmarks.results import write_section
from geo import layers
from tests.e2e.conftest import CHROMIUM_ARGS, start_server

START, END = "<!-- first-map:start -->", "<!-- first-map:end -->"
TIMEOUT_S: Final[float] = 60.0


@dataclass(frozen=True)
class Variant:
    label: str
    script: str
    drop: tuple[str, ...] = ()
    path: str = "/"

    @property
    def needs_land(self) -> bool:
        return self.script == "dashboard.py" or (
            self.script.endswith("deck_app.py") and layers.BASEMAP_LAYER_ID not in self.drop
        )


DECK = "benchmarks/twins/deck_app.py"
STATISTICAL: Final[tuple[str, ...]] = (layers.STATISTICAL_LAYER_ID, layers.STATISTICAL_CENTRE_LAYER_ID)
VARIANTS: Final[tuple[Variant, ...]] = (
    Variant("floor: bare page, one-point map", "benchmarks/twins/floor_app.py"),
    Variant("atlas deck on the floor page", DECK),
    Variant("  without the basemap picture", DECK, (layers.BASEMAP_LAYER_ID,)),
    Variant("  without the statistical clusters' rings", DECK, STATISTICAL),
    Variant("  without basemap and rings", DECK, (layers.BASEMAP_LAYER_ID, *STATISTICAL)),
    Variant("atlas page (dashboard.py)", "dashboard.py"),
    Variant("  in presenter mode (no sidebar, ?present=1)", "dashboard.py", path="/?present=1"),
)


def run(repeats: int) -> dict[str, list[float | None]]:
    from playwright.sync_api import sync_playwright

    from benchmarks.twins.assets import prepare

    prepare()  # the deck probe's basemap picture
    servers = [start_server(env={"ATLAS_PROBE_DROP": ",".join(v.drop)}, script=v.script) for v in VARIANTS]
    times: dict[str, list[float | None]] = {v.label: [] for v in VARIANTS}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for repeat in range(repeats + 1):  # round 0 warms every server: not counted
                for variant, server in zip(VARIANTS, servers, strict=True):
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    page.mouse.move(0, 0)
                    t0 = time.perf_counter()
                    page.goto(server.url + variant.path, timeout=120_000)
                    app = "atlas" if variant.needs_land else "naive"
                    first, _ = watch(page, app, t0, TIMEOUT_S, None, Browser())
                    context.close()
                    if repeat:
                        times[variant.label].append(first)  # None: not drawn in time
            browser.close()
    finally:
        for server in servers:
            server.process.terminate()
    return times


def paired_ratios(values: list[float | None], floor: list[float | None]) -> list[float]:
    """Each round's time over the floor's time in the same round (rounds where both drew)."""
    return [v / f for v, f in zip(values, floor, strict=True) if v is not None and f is not None]


def report(times: dict[str, list[float | None]]) -> str:
    floor_runs = times[VARIANTS[0].label]
    floor = statistics.median([v for v in floor_runs if v is not None])
    lines = [
        START,
        "## Where the first map's time goes (benchmarks/first_map.py)",
        "",
        "Page load to the final map pixels, in one browser, the variants taken in turn "
        f"({len(floor_runs)} rounds after a warm-up round). The deck variants show the "
        "atlas's own map deck on the floor's page (benchmarks/twins/deck_app.py). *Paired*: the median "
        "of each round's time over the floor's time in the same round, which a slow minute of this "
        "shared machine moves less than a ratio of medians.",
        "",
        "| variant | first map (median) | / floor | paired / floor | runs |",
        "|---|---|---|---|---|",
    ]
    for label, values in times.items():
        drawn = [v for v in values if v is not None]
        if not drawn:
            lines.append(f"| {label} | not drawn | – | – | – |")
            continue
        median = statistics.median(drawn)
        paired = statistics.median(paired_ratios(values, floor_runs))
        runs = ", ".join("–" if v is None else f"{v:.2f}" for v in values)
        lines.append(f"| {label} | {median:.2f} s | {median / floor:.2f}× | {paired:.2f}× | {runs} |")
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    section = report(run(parser.parse_args().repeats))
    print(section)
    write_section(section, START, END)
