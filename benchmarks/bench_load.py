"""Time loading + validating the dataset, a warm rerun of each page and a filter change (server side).

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


def filter_change(page: str) -> Callable[[], object]:
    """One filter change through the panel: the area alternates between Japan and all areas."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    choices = iter([["japan"], []] * (REPEATS + 1))
    return lambda: at.multiselect(key="f_areas").set_value(next(choices)).run()


def main() -> None:
    rows = [("load + validate clusters, programmes, figures", median_seconds(load_atlas_dir))]
    for page in ("dashboard.py", "pages/cases.py", "pages/compare.py", "pages/about.py"):
        rows.append((f"warm rerun of {page} (AppTest)", median_seconds(page_rerun(page))))
    for page in ("dashboard.py", "pages/cases.py"):
        rows.append(
            (f"filter change on {page} (AppTest, area Japan <-> all)", median_seconds(filter_change(page)))
        )
    print(f"| measurement (median of {REPEATS}) | ms |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.0f} |")


if __name__ == "__main__":
    main()
