"""Download what you see: the filtered cases in every format, and the map as an image."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Final

import pandas as pd
import streamlit as st

from data import export
from data.filters import chosen_values
from data.load import Atlas
from geo import render
from geo.boundaries import CREDIT
from ui import cached, decks, links
from ui.card import full_url
from ui.describe import map_summary
from ui.filters import in_words
from ui.i18n import Translator
from ui.state import ViewState

FORMATS: Final[tuple[tuple[str, str, str], ...]] = (
    ("csv", "text/csv", "export.csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "export.xlsx"),
    ("geojson", "application/geo+json", "export.geojson"),
    ("parquet", "application/vnd.apache.parquet", "export.parquet"),
    ("zip", "application/zip", "export.zip"),
)


def export_info(atlas: Atlas, state: ViewState, t: Translator) -> export.ExportInfo:
    """What the files say about themselves: filters in words, link, date, version, sources."""
    return export.ExportInfo(
        filters_text=tuple(in_words(state.filters, atlas, t)),
        url=full_url(links.link("map", dataclasses.replace(state, case=None))),
        exported=date.today(),
        dataset_version=cached.version(),
        sources=(t("about_sheet.cases_source"), CREDIT),
        licence=t("about_sheet.licence_note"),
        words=tuple((key, t(f"about_sheet.{key}")) for key in export.ABOUT_WORDS),
    )


def map_image(cases: pd.DataFrame, atlas: Atlas, state: ViewState, t: Translator, fmt: str) -> bytes:
    """The map on the screen (same view, projection, mode, marks and legend) drawn on the server,
    1920 x 1080, with the filters in words and credits."""
    words = in_words(state.filters, atlas, t)
    deck, legend, legend_title = decks.screen_map(cases, state, t)
    text = render.MapText(
        title=t("export.map_title", n=len(cases), view=t(f"view.{state.view}")),
        subtitle=t("export.map_filters", filters="; ".join(words) or t("export.no_filter")),
        legend_title=legend_title,
        credit=t("export.map_credit", date=t.date(date.today())),
    )
    names = decks.view_names(state.view, t.lang)
    figure = render.draw_deck(deck, cached.countries(), text, legend, names=names)
    # The file carries the map's description in words, the same text as under the map.
    return render.figure_bytes(figure, fmt, title=text.title, description=map_summary(cases, t))


def export_panel(
    cases: pd.DataFrame,
    atlas: Atlas,
    state: ViewState,
    t: Translator,
    *,
    brief: Callable[[], bytes] | None = None,
) -> None:
    """The sidebar's export section: every file is made only when its button is clicked;
    ``brief`` makes the one-page PDF brief (ui/brief.py) when given."""
    today = date.today()
    parts = chosen_values(state.filters)
    stem = export.file_name(parts, today, "x").removesuffix(".x")
    makers: dict[str, Callable[[], bytes]] = {
        "csv": lambda: export.to_csv_bytes(cases),
        "xlsx": lambda: export.to_xlsx_bytes(cases, export_info(atlas, state, t)),
        "geojson": lambda: export.to_geojson_bytes(cases, export_info(atlas, state, t)),
        "parquet": lambda: export.to_geoparquet_bytes(cases),
        "zip": lambda: export.to_zip_bytes(cases, export_info(atlas, state, t), stem),
    }
    # NOTE: in a popover, whose buttons the browser draws only once it is opened: seven buttons
    # drawn with the page cost the first map about 0.3 s (benchmarks/RESULTS.md).
    with st.sidebar, st.popover(t("export.open"), width="stretch"):
        st.caption(t("export.caption", n=len(cases)))
        with st.container(horizontal=True, gap="small"):
            for extension, mime, label_key in FORMATS:
                st.download_button(
                    t(label_key),
                    data=makers[extension],
                    file_name=f"{stem}.{extension}",
                    mime=mime,
                    key=f"download_{extension}",
                    on_click="ignore",
                    disabled=cases.empty,
                )
            if brief is not None:
                st.download_button(
                    t("brief.button"),
                    data=brief,
                    file_name=export.file_name(parts, today, "pdf", stem="brief"),
                    mime="application/pdf",
                    key="download_brief",
                    on_click="ignore",
                    disabled=cases.empty,
                )
            for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
                st.download_button(
                    t(f"export.map_{fmt}"),
                    data=partial(map_image, cases, atlas, state, t, fmt),
                    file_name=export.file_name(parts, today, fmt, stem="map"),
                    mime=mime,
                    key=f"download_map_{fmt}",
                    on_click="ignore",
                    disabled=cases.empty,
                )
