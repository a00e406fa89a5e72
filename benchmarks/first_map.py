"""Where the map's time goes in the browser, variant by variant, in one browser: the floor, the
atlas's deck alone (with one layer left out at a time), the whole atlas page and, for a filter
change, the folium twin. The variants are taken in turn (interleaved), so a slow minute of this
shared machine hits them all alike.

Run: .venv/bin/python -m benchmarks.first_map [--repeats 5]           (the first map, shipped data)
     .venv/bin/python -m benchmarks.first_map --change 10000 [--repeats 5]  (a filter change)
Prints a table of medians and writes it into benchmarks/RESULTS.md between its markers.
Each variant has its own server (started once, warmed by one page load that is not counted). The
first map is page load to the final map pixels; the change is the click on the area option
*Japan* to the final map pixels; both are detected as in bench_scale.py. Not part of CI.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from benchmarks.bench_scale import CHROMIUM, Browser, change_to_japan, watch
from benchmarks.results import write_section
from geo import layers
from tests.e2e.conftest import CHROMIUM_ARGS, start_server

FIRST_MAP_MARKERS: Final[tuple[str, str]] = ("<!-- first-map:start -->", "<!-- first-map:end -->")
CHANGE_MARKERS: Final[tuple[str, str]] = ("<!-- map-change:start -->", "<!-- map-change:end -->")
TIMEOUT_S: Final[float] = 60.0


@dataclass(frozen=True)
class Variant:
    label: str
    script: str
    drop: tuple[str, ...] = ()
    path: str = "/"

    @property
    def app(self) -> str:
        """How ``watch`` tells that this variant's map is drawn (see bench_scale.map_drawn)."""
        if self.script == FOLIUM:
            return "folium"
        with_land = self.script == "dashboard.py" or (
            self.script == DECK and layers.BASEMAP_LAYER_ID not in self.drop
        )
        return "atlas" if with_land else "naive"


DECK: Final[str] = "benchmarks/twins/deck_app.py"
FLOOR: Final[str] = "benchmarks/twins/floor_app.py"
FOLIUM: Final[str] = "benchmarks/twins/folium_app.py"
STATISTICAL: Final[tuple[str, ...]] = (layers.STATISTICAL_LAYER_ID, layers.STATISTICAL_CENTRE_LAYER_ID)
FIRST_MAP_VARIANTS: Final[tuple[Variant, ...]] = (
    Variant("floor: bare page, one-point map", FLOOR),
    Variant("atlas deck on the floor page", DECK),
    Variant("  without the basemap picture", DECK, (layers.BASEMAP_LAYER_ID,)),
    Variant("  without the statistical clusters' rings", DECK, STATISTICAL),
    Variant("  without basemap and rings", DECK, (layers.BASEMAP_LAYER_ID, *STATISTICAL)),
    Variant("atlas page (dashboard.py)", "dashboard.py"),
    Variant("  in presenter mode (no sidebar, ?present=1)", "dashboard.py", path="/?present=1"),
    # An area view: its picture with the region borders and the place names (geo/placenames.py).
    Variant("atlas page, Europe view (/?view=europe)", "dashboard.py", path="/?view=europe"),
)
ATLAS_PAGE: Final[str] = "atlas page (dashboard.py)"
FOLIUM_TWIN: Final[str] = "folium twin (streamlit-folium, marker clusters)"
CHANGE_VARIANTS: Final[tuple[Variant, ...]] = (
    Variant("floor: bare page, one-point map", FLOOR),
    Variant("atlas deck on the floor page", DECK),
    Variant(ATLAS_PAGE, "dashboard.py"),
    Variant(FOLIUM_TWIN, FOLIUM),
)


def run(
    variants: tuple[Variant, ...], repeats: int, data_dir: Path | None = None, change: bool = False
) -> dict[str, list[float | None]]:
    """Per variant, one time a round (None: not drawn in time): the first map, or the change."""
    from playwright.sync_api import sync_playwright

    from benchmarks.twins.assets import prepare

    prepare()  # the deck probe's basemap picture, the folium twin's Leaflet
    data = {"CLUSTER_ATLAS_DATA_DIR": str(data_dir)} if data_dir else {}
    servers = [
        start_server(env={"ATLAS_PROBE_DROP": ",".join(v.drop), **data}, script=v.script) for v in variants
    ]
    times: dict[str, list[float | None]] = {v.label: [] for v in variants}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for repeat in range(repeats + 1):  # round 0 warms every server: not counted
                for variant, server in zip(variants, servers, strict=True):
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    page.mouse.move(0, 0)
                    t0 = time.perf_counter()
                    page.goto(server.url + variant.path, timeout=120_000)
                    measured, image = watch(page, variant.app, t0, TIMEOUT_S, None, Browser())
                    if change:  # from the drawn first map, the change's baseline
                        baseline = image if measured is not None else None
                        measured = (
                            None
                            if baseline is None
                            else change_to_japan(page, variant.app, baseline, TIMEOUT_S, Browser())
                        )
                    context.close()
                    if repeat:
                        times[variant.label].append(measured)
            browser.close()
    finally:
        for server in servers:
            server.process.terminate()
    return times


def paired_ratios(values: list[float | None], reference: list[float | None]) -> list[float]:
    """Each round's time over the reference's (e.g. the floor's) in the same round, in the rounds
    where both drew."""
    return [v / r for v, r in zip(values, reference, strict=True) if v is not None and r is not None]


def report(times: dict[str, list[float | None]], markers: tuple[str, str], title: str, intro: str) -> str:
    floor_runs = next(iter(times.values()))
    floor = statistics.median([v for v in floor_runs if v is not None])
    lines = [
        markers[0],
        title,
        "",
        f"{intro} The variants are taken in turn ({len(floor_runs)} rounds after a warm-up round). "
        "The deck variants show the atlas's own map deck on the floor's page "
        "(benchmarks/twins/deck_app.py). *Paired*: the median of each round's time over the "
        "floor's time in the same round, which a slow minute of this shared machine moves less "
        "than a ratio of medians.",
        "",
        "| variant | median | / floor | paired / floor | runs |",
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
    if FOLIUM_TWIN in times and ATLAS_PAGE in times:
        ratios = paired_ratios(times[FOLIUM_TWIN], times[ATLAS_PAGE])
        if ratios:
            lines += ["", f"Folium twin / atlas page, paired: **{statistics.median(ratios):.1f}×**."]
    lines.append(markers[1])
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--change", type=int, metavar="ROWS", help="time a filter change on ROWS synthetic cases instead"
    )
    args = parser.parse_args()
    if args.change:
        from benchmarks.synthetic import write_data_dir

        markers = CHANGE_MARKERS
        section = report(
            run(CHANGE_VARIANTS, args.repeats, write_data_dir(args.change), change=True),
            markers,
            f"## Where a filter change's time goes, at {args.change:,} cases (first_map.py --change)",
            "Click on the area option *Japan* to the final map pixels, on synthetic cases "
            "(benchmarks/synthetic.py).",
        )
    else:
        markers = FIRST_MAP_MARKERS
        section = report(
            run(FIRST_MAP_VARIANTS, args.repeats),
            markers,
            "## Where the first map's time goes (benchmarks/first_map.py)",
            "Page load to the final map pixels, on the shipped data.",
        )
    print(section)
    write_section(section, *markers)
