"""Time loading + validating the dataset, and a warm rerun of each page (server side, AppTest).

Run: .venv/bin/python -m benchmarks.bench_load   (prints a Markdown table of medians)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from data.load import load_atlas_dir

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 15


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def page_rerun(page: str) -> Callable[[], object]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    return lambda: at.run()


def main() -> None:
    rows = [("load + validate clusters, programmes, figures", median_seconds(load_atlas_dir))]
    for page in ("dashboard.py", "pages/about.py"):
        rows.append((f"warm rerun of {page} (AppTest)", median_seconds(page_rerun(page))))
    print(f"| measurement (median of {REPEATS}) | ms |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.0f} |")


if __name__ == "__main__":
    main()
