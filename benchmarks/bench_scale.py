"""The map at scale: server time, payload, browser time and memory of the atlas and of three twins.

For each size (the shipped data and synthetic tables of benchmarks/synthetic.py) it measures:
- server side, in-process: a filter change (filter + map layers + deck JSON) and the JSON's size;
- in Debian's Chromium (software WebGL), on a server started for the size: page load to the first
  drawn map, and a filter change (area: Japan) to the updated map, detected on screenshots of the
  map element as tests/e2e do; and the RSS of the Streamlit process (/proc/<pid>/status).
The twins (benchmarks/twins/) are a naive pydeck page sending every case as full JSON, a
streamlit-folium page with a MarkerCluster (drawn offline: Leaflet and its plugin are fetched
once from the npm registry, benchmarks/twins/assets.py), and the floor: a bare page with a
one-point map.

Run: .venv/bin/python -m benchmarks.bench_scale [--sizes real,1000,10000] [--repeats 3]
Writes benchmarks/RESULTS.md (the "Notes" section at its end is kept across runs). Not part of CI.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

import numpy as np
from PIL import Image

from benchmarks.synthetic import write_data_dir
from data.load import DATA_DIR
from data.query import Filters, filter_clusters
from geo.layers import BASEMAP_FILL, SECTOR_RGB

ROOT: Final[Path] = Path(__file__).resolve().parents[1]
RESULTS: Final[Path] = ROOT / "benchmarks" / "RESULTS.md"
NOTES_HEADING: Final[str] = "## Notes"
DEFAULT_SIZES: Final[str] = "real,1000,5000,10000,100000,1000000"
APPS: Final[dict[str, str]] = {
    "atlas": "dashboard.py",
    "naive": "benchmarks/twins/naive_app.py",
    "folium": "benchmarks/twins/folium_app.py",
    "floor": "benchmarks/twins/floor_app.py",
}
# Beyond these sizes a twin is not run (see the notes printed in RESULTS.md for why).
LARGEST: Final[dict[str, int]] = {"atlas": 10**9, "naive": 100_000, "folium": 10_000}
SERVER_REPEATS: Final[int] = 7
CHROMIUM: Final[str] = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SETTLE_S: Final[float] = 1.5  # the map must stay unchanged this long to count as final
CHANGED_PIXELS: Final[float] = 0.005  # two screenshots differ if more than this share of pixels does
MIN_MARK_PX: Final[int] = 40
MIN_LAND_PX: Final[int] = 10_000
SATURATED: Final[int] = 60  # channel spread of a strongly coloured pixel
MIN_BUBBLE_PX: Final[int] = 400  # one cluster bubble is about 1,200 pixels; Leaflet's flag about 100


def median_ms(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def size_rows(size: str, directory: Path) -> int:
    with (directory / "clusters.csv").open("rb") as handle:
        return sum(1 for _ in handle) - 1 if size == "real" else int(size)


# ---------------------------------------------------------------- server side (in-process)


@dataclass
class ServerSide:
    load_ms: float = 0.0
    read_ms: float = 0.0
    change_ms: dict[str, float] = field(default_factory=dict)
    payload: dict[str, int] = field(default_factory=dict)


def server_side(directory: Path, rows: int) -> ServerSide:
    """Time the map path of the atlas and the twins on one data folder, without a browser."""
    import pandas as pd
    import streamlit as st

    from benchmarks.twins import builders
    from data.load import _READ_OPTIONS
    from ui import cached, mapview
    from ui.i18n import Translator
    from ui.state import ViewState

    os.environ[cached.DATA_DIR_VARIABLE] = str(directory)
    st.cache_resource.clear()
    result = ServerSide()
    start = time.perf_counter()
    pd.read_csv(directory / "clusters.csv", encoding="utf-8", **_READ_OPTIONS)  # type: ignore[call-overload]
    result.read_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    clusters = cached.atlas().clusters
    result.load_ms = (time.perf_counter() - start) * 1000
    t = Translator("en")
    changes = [Filters(areas=frozenset({"japan"})), Filters()]
    repeats = SERVER_REPEATS if rows <= 100_000 else 3

    def atlas_json(filters: Filters) -> str:
        cases = filter_clusters(clusters, filters)
        state = ViewState(filters=filters)
        if len(cases) > mapview.MAX_POINTS:
            deck = mapview.binned_deck(cases, state, t)[0]
        else:
            deck = mapview.points_deck(cases, state, t)[0]
        return str(deck.to_json())

    def naive_json(filters: Filters) -> str:
        return str(builders.naive_deck(filter_clusters(clusters, filters)).to_json())

    def folium_size(filters: Filters) -> int:
        return builders.folium_payload(builders.folium_map(filter_clusters(clusters, filters)))

    atlas_json(Filters())  # warms the per-dataset caches, as the first page view does
    measured: dict[str, Callable[[Filters], object]] = {"atlas": atlas_json, "naive": naive_json}
    measured["folium"] = folium_size
    for app, build in measured.items():
        if rows > LARGEST[app]:
            continue
        app_repeats = repeats if app == "atlas" or rows <= 10_000 else 2
        cycle = iter(changes * app_repeats)
        result.change_ms[app] = median_ms(
            lambda build=build, cycle=cycle: build(next(cycle)),  # type: ignore[misc]
            app_repeats * 2,
        )
        shown = build(Filters())
        result.payload[app] = shown if isinstance(shown, int) else len(str(shown).encode())
    st.cache_resource.clear()
    return result


# ---------------------------------------------------------------- browser


@dataclass
class Browser:
    first_map_s: list[float] = field(default_factory=list)
    change_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    cold_first_map_s: float | None = None
    drawn: bool = True
    rss_mb: float = 0.0
    peak_mb: float = 0.0
    shot_s: list[float] = field(default_factory=list)


def start_server(script: str, directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    from tests.e2e.conftest import free_port

    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-scale-{port}.log"
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"),
            *("--server.port", str(port), "--server.address", "127.0.0.1"),
            *("--browser.gatherUsageStats", "false", "--server.enableStaticServing", "true"),
        ],
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "CLUSTER_ATLAS_DATA_DIR": str(directory)},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start; see {log}")


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def count_close(image: np.ndarray, rgb: tuple[int, ...], tolerance: int) -> int:
    return int((np.abs(image - np.array(rgb, dtype=np.int16)) <= tolerance).all(axis=-1).sum())


def same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    return float((np.abs(a - b).max(axis=-1) > 24).mean()) < CHANGED_PIXELS


def saturated(image: np.ndarray) -> int:
    """Pixels of strong colour: folium's cluster bubbles (yellow, orange, green) on its grey."""
    return int((image.max(axis=-1) - image.min(axis=-1) >= SATURATED).sum())


def map_drawn(app: str, image: np.ndarray) -> bool:
    if app == "folium":
        return saturated(image) > MIN_BUBBLE_PX
    marks = sum(count_close(image, rgb, 6) for rgb in SECTOR_RGB.values())
    if app == "atlas":
        return marks > MIN_MARK_PX and count_close(image, tuple(BASEMAP_FILL), 12) > MIN_LAND_PX
    return marks > MIN_MARK_PX


def map_element(page: Any, app: str) -> Any:
    if app == "folium":
        return page.locator("iframe[title*='streamlit_folium']").first
    return page.locator("[data-testid='stDeckGlJsonChart']").first


def watch(
    page: Any, app: str, t0: float, timeout: float, baseline: np.ndarray | None, stats: Browser
) -> tuple[float | None, np.ndarray | None]:
    """Screenshot the map until it is drawn and unchanged for SETTLE_S; return when it first looked final.

    The time is the end of the first screenshot from which on every screenshot equals the final one
    (so it over-states by at most one screenshot). With a baseline (the map before a filter change),
    the final map must differ from it.
    """
    element = map_element(page, app)
    candidate: np.ndarray | None = None
    run_start = 0.0
    while time.perf_counter() - t0 < timeout:
        before = time.perf_counter()
        try:
            image = pixels(element.screenshot(timeout=5_000))
        except Exception:  # the element is not on the page yet
            time.sleep(0.1)
            continue
        now = time.perf_counter()
        stats.shot_s.append(now - before)
        if candidate is None or not same(image, candidate):
            candidate, run_start = image, now - t0
        idle = page.locator("[data-testid='stStatusWidget']").count() == 0
        if not idle or (baseline is not None and same(image, baseline)):
            continue
        if (now - t0) - run_start >= SETTLE_S and map_drawn(app, image):
            return run_start, image
    if candidate is None or not map_drawn(app, candidate):
        return None, candidate
    return run_start, candidate


def open_area_list(page: Any, app: str) -> Any:
    """Open the sidebar's area filter; return its option *Japan*, once it shows."""
    from ui.i18n import messages

    label = messages("en")["filters.areas"] if app == "atlas" else "Area"
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").filter(has_text=label).click()
    option = page.get_by_role("option").filter(has_text="Japan").first
    option.wait_for(state="visible", timeout=30_000)
    return option


def change_to_japan(
    page: Any, app: str, baseline: np.ndarray, timeout: float, stats: Browser
) -> float | None:
    """Filter on Japan and time it from the click on the option (the filter change itself) to the
    final map pixels; the opening of the list before it is timed apart, in ``stats.open_s``."""
    t0 = time.perf_counter()
    option = open_area_list(page, app)
    stats.open_s.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    option.click()
    page.keyboard.press("Escape")
    changed, _ = watch(page, app, t0, timeout, baseline, stats)
    return changed


def browser_runs(browser: Any, app: str, directory: Path, rows: int, repeats: int) -> Browser:
    stats = Browser()
    process, url = start_server(APPS[app], directory)
    timeout = 60 + rows / 1_000  # generous for the naive page at 100k rows
    try:
        for run in range(repeats + 1):  # run 0 is the cold one: the server loads the data
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.mouse.move(0, 0)
            t0 = time.perf_counter()
            page.goto(url + "/", timeout=300_000)
            first, image = watch(page, app, t0, timeout + (240 if run == 0 else 0), None, stats)
            stats.drawn = stats.drawn and first is not None
            if run == 0:
                stats.cold_first_map_s = first
                context.close()
                continue
            if first is not None:
                stats.first_map_s.append(first)
            changed = change_to_japan(page, app, image, timeout, stats) if image is not None else None
            if changed is not None:
                stats.change_s.append(changed)
            context.close()
        stats.rss_mb, stats.peak_mb = memory_mb(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return stats


# ---------------------------------------------------------------- report


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    packages = (
        "streamlit",
        "pydeck",
        "pandas",
        "numpy",
        "pandera",
        "folium",
        "streamlit-folium",
        "playwright",
    )
    return [
        f"- Machine: {os.cpu_count()} cores (nproc), {mem_kb / 1024**2:.1f} GiB memory, {cpu}",
        f"- Python {platform.python_version()}, " + ", ".join(f"{name} {version(name)}" for name in packages),
        f"- Browser: {chromium} headless, software WebGL (SwiftShader), flags of tests/e2e/conftest.py",
    ]


def fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}{unit}"


def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def write_results(
    sizes: list[tuple[str, int]],
    server: dict[str, ServerSide],
    browsers: dict[tuple[str, str], Browser],
    repeats: int,
    elapsed_s: float,
) -> str:
    lines = [
        "# Scale benchmark of the map",
        "",
        f"`.venv/bin/python -m benchmarks.bench_scale` ({elapsed_s / 60:.0f} min).",
        "",
    ]
    lines += machine()
    lines += [
        "",
        "## Server side: a filter change (filter + layers + deck JSON), in-process",
        "",
        f"Median of {SERVER_REPEATS * 2} changes (area Japan <-> all; 6 at 1M rows, 4 for twins at 100k). "
        "Payload: the map JSON with no filter (all rows).",
        "",
        "| rows | load + validate (read only) | atlas change | atlas payload | naive change | naive payload "
        "| folium change | folium payload |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, rows in sizes:
        s = server[size]
        cells = [
            f"{rows:,}{' (real)' if size == 'real' else ''}",
            f"{s.load_ms / 1000:.2f} s ({s.read_ms / 1000:.2f} s)",
        ]
        for app in ("atlas", "naive", "folium"):
            ms = s.change_ms.get(app)
            cells += [fmt(ms, " ms", 0), fmt(s.payload[app] / 1e6 if app in s.payload else None, " MB", 3)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"## In Chromium: medians of {repeats} fresh browser contexts per cell (after one cold load)",
        "",
        "First map: page load to the final map pixels. Change: click on the area option *Japan* (the "
        "filter change) to the final map pixels. List: the opening of the area list before it, timed "
        "apart. Memory: RSS (peak) of the Streamlit process at the end.",
        "",
        "| rows | app | first map | change | list | cold first map | RSS (peak) |",
        "|---|---|---|---|---|---|---|",
    ]
    for (size, app), b in browsers.items():
        rows = dict(sizes).get(size, 0)
        note = "" if b.drawn else " (element only: map not drawn)"
        lines.append(
            f"| {rows:,}{' (real)' if size == 'real' else ''} | {app}{note} | "
            f"{fmt(med(b.first_map_s), ' s')} "
            f"(n={len(b.first_map_s)}) | {fmt(med(b.change_s), ' s')} (n={len(b.change_s)}) | "
            f"{fmt(med(b.open_s), ' s')} | "
            f"{fmt(b.cold_first_map_s, ' s')} | {b.rss_mb:.0f} MB ({b.peak_mb:.0f} MB) |"
        )
    shots = [t for b in browsers.values() for t in b.shot_s]
    if shots:
        lines += [
            "",
            f"One screenshot of the map takes {statistics.median(shots):.2f} s (median): "
            "browser times are that precise.",
        ]
    lines += ["", "## Ratios and targets", "", *targets(sizes, server, browsers)]
    return "\n".join(lines) + "\n"


def targets(
    sizes: list[tuple[str, int]], server: dict[str, ServerSide], browsers: dict[tuple[str, str], Browser]
) -> list[str]:
    out = ["| target | measured | met |", "|---|---|---|"]

    def row(name: str, value: float | None, limit: float, unit: str) -> None:
        if value is None:
            out.append(f"| {name} | not measured | – |")
        else:
            out.append(f"| {name} | {value:.2f}{unit} | {'yes' if value <= limit else 'no'} |")

    def b(size: str, app: str) -> Browser | None:
        return browsers.get((size, app))

    floor = next((x for (s, a), x in browsers.items() if a == "floor"), None)
    real = b("real", "atlas")
    if real and floor and med(real.first_map_s) and med(floor.first_map_s):
        row(
            "first map on the real data / floor ≤ 1.2",
            med(real.first_map_s) / med(floor.first_map_s),
            1.2,
            "×",
        )  # type: ignore[operator]
    row("browser change, real data < 1 s", med(real.change_s) if real else None, 1.0, " s")
    big = b("100000", "atlas")
    row("browser change, 100k rows < 2 s", med(big.change_s) if big else None, 2.0, " s")
    if "real" in server:
        row("server change, real data < 30 ms", server["real"].change_ms.get("atlas"), 30, " ms")
    if "100000" in server:
        row("server change, 100k rows < 100 ms", server["100000"].change_ms.get("atlas"), 100, " ms")
    largest = max((s.payload.get("atlas", 0) for s in server.values()), default=0)
    row("payload at every size < 2 MB", largest / 1e6, 2.0, " MB")
    if "10000" in server and "folium" in server["10000"].change_ms:
        ratio = server["10000"].change_ms["folium"] / server["10000"].change_ms["atlas"]
        out.append(
            f"| server change, folium / atlas at 10k ≥ 10 | {ratio:.0f}× | {'yes' if ratio >= 10 else 'no'} |"
        )
    fol, atl = b("10000", "folium"), b("10000", "atlas")
    if fol and atl and med(fol.change_s) and med(atl.change_s):
        ratio = med(fol.change_s) / med(atl.change_s)  # type: ignore[operator]
        out.append(
            f"| browser change, folium / atlas at 10k ≥ 10 | {ratio:.1f}× "
            f"| {'yes' if ratio >= 10 else 'no'} |"
        )
    nai = b("100000", "naive")
    if nai and big and med(nai.change_s) and med(big.change_s):
        ratio = med(nai.change_s) / med(big.change_s)  # type: ignore[operator]
        out.append(
            f"| browser change, naive / atlas at 100k ≥ 5 | {ratio:.1f}× | {'yes' if ratio >= 5 else 'no'} |"
        )
    if "100000" in server and "naive" in server["100000"].change_ms:
        ratio = server["100000"].change_ms["naive"] / server["100000"].change_ms["atlas"]
        out.append(f"| server change, naive / atlas at 100k | {ratio:.0f}× | – |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"comma-separated; 'real' is the shipped data ({DEFAULT_SIZES})",
    )
    parser.add_argument("--repeats", type=int, default=3, help="browser runs per cell (after a cold one)")
    parser.add_argument("--apps", default=",".join(APPS), help="which pages to open in the browser")
    parser.add_argument("--no-browser", action="store_true", help="server-side measurements only")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    started = time.perf_counter()
    sizes: list[tuple[str, int]] = []
    folders: dict[str, Path] = {}
    for size in args.sizes.split(","):
        folders[size] = DATA_DIR if size == "real" else write_data_dir(int(size))
        sizes.append((size, size_rows(size, folders[size])))
    server: dict[str, ServerSide] = {}
    for size, rows in sizes:
        server[size] = server_side(folders[size], rows)
        print(f"server side {size}: {server[size]}", flush=True)
    browsers: dict[tuple[str, str], Browser] = {}
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        from benchmarks.twins.assets import prepare
        from tests.e2e.conftest import CHROMIUM_ARGS

        apps = args.apps.split(",")
        prepare()  # the folium twin's Leaflet files, served by its own server
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            if "floor" in apps:
                browsers[(sizes[0][0], "floor")] = browser_runs(
                    browser, "floor", folders[sizes[0][0]], 1, args.repeats
                )
                print("floor", browsers[(sizes[0][0], "floor")], flush=True)
            for size, rows in sizes:
                for app in ("atlas", "naive", "folium"):
                    if app not in apps or rows > LARGEST[app]:
                        continue
                    repeats = args.repeats if rows <= 100_000 or app != "atlas" else max(1, args.repeats)
                    browsers[(size, app)] = browser_runs(browser, app, folders[size], rows, repeats)
                    print(size, app, browsers[(size, app)], flush=True)
            browser.close()
    report = write_results(sizes, server, browsers, args.repeats, time.perf_counter() - started)
    kept = ""
    if args.output.is_file():
        text = args.output.read_text(encoding="utf-8")
        if NOTES_HEADING in text:
            kept = "\n" + text[text.index(NOTES_HEADING) :]
    args.output.write_text(report + kept, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
