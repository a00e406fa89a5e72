"""Time exporting 300 cases to every format; the map picture (the screen's deck) as PNG and SVG,
a 30-case tour as PPTX and the one-page PDF brief (the targets: under 3 s each).

Run: .venv/bin/python -m benchmarks.bench_export   (prints a Markdown table of medians)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

import pandas as pd

from data import export
from data.load import load_atlas_dir
from data.localised import Localised
from data.query import Filters
from data.stories import tour_from_cases
from geo import boundaries, render
from ui import brief, decks, present
from ui.i18n import Translator
from ui.state import ViewState

REPEATS = 7
CASES = 300


def median_ms(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def three_hundred(clusters: pd.DataFrame) -> pd.DataFrame:
    """300 cases: the atlas's own, repeated with new ids if it has fewer."""
    copies = [clusters.assign(id=clusters["id"] + f"-{i}") for i in range(CASES // len(clusters) + 1)]
    return pd.concat(copies, ignore_index=True).head(CASES)


def main() -> None:
    cases = three_hundred(load_atlas_dir().clusters)
    info = export.ExportInfo(("Area: all",), "http://127.0.0.1:8501/", date.today(), "bench")
    formats: dict[str, Callable[[], object]] = {
        "CSV": lambda: export.to_csv_bytes(cases),
        "Excel": lambda: export.to_xlsx_bytes(cases, info),
        "GeoJSON": lambda: export.to_geojson_bytes(cases, info),
        "GeoParquet": lambda: export.to_geoparquet_bytes(cases),
        "ZIP (all four + metadata)": lambda: export.to_zip_bytes(cases, info, "clusters_all"),
    }
    countries = boundaries.countries()
    t = Translator("en")
    text = render.MapText("Cluster Atlas", "Filters: none", "Main sector", boundaries.CREDIT)
    atlas = load_atlas_dir()
    views = {
        "points, world": ViewState(),
        "regions, Japan": ViewState(
            filters=Filters(areas=frozenset({"japan"})), view="japan", mode="regions"
        ),
    }
    images: dict[str, Callable[[], object]] = {}
    for label, state in views.items():
        deck, legend, _ = decks.screen_map(atlas.clusters, state, t)
        for fmt in ("png", "svg"):
            images[f"map {fmt.upper()} 1920x1080 ({label})"] = lambda d=deck, g=legend, f=fmt: (
                render.figure_bytes(  # type: ignore[misc]
                    render.draw_deck(d, countries, text, g), f
                )
            )
    tour = tour_from_cases(
        list(atlas.clusters["id"].head(30)),
        Localised.of(en="Tour", fr="Visite"),
        Localised.of(en="30 cases", fr="30 cas"),
    )
    link = "http://127.0.0.1:8501/present?present=1"
    japan = views["regions, Japan"]
    images["PPTX of a 30-case tour"] = lambda: present.pptx_bytes(tour, atlas, ViewState(), t, link)
    images["PDF brief (Japan)"] = lambda: brief.brief_bytes(
        atlas.clusters.loc[atlas.clusters["area"].eq("japan")], atlas, japan, t
    )
    rows = [(name, median_ms(action)) for name, action in {**formats, **images}.items()]
    total = sum(ms for name, ms in rows if name in formats)
    print(f"| export of {CASES} cases (median of {REPEATS}) | ms |\n|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:.0f} |")
    print(f"| **CSV + Excel + GeoJSON + GeoParquet + ZIP, total** | **{total:.0f}** |")


if __name__ == "__main__":
    main()
