"""Charts as PNG and SVG files drawn on the server by kaleido with Debian's Chromium (offline)."""

from __future__ import annotations

import copy
import logging
import os
import shutil
import stat
import tempfile
from functools import partial
from pathlib import Path
from typing import Final

import plotly.graph_objects as go
import streamlit as st

LOGGER: Final = logging.getLogger("cluster_atlas")
CHROMIUM: Final[str] = "/usr/bin/chromium"
WIDTH_PX: Final[int] = 1600
HEIGHT_PX: Final[int] = 900
SOURCE_MARGIN_PX: Final[int] = 70
# kaleido cannot pass flags to the browser, so it starts this wrapper: no sandbox (root),
# software rendering and no network attempt at all.
WRAPPER: Final[str] = (
    "#!/bin/sh\n"
    f"exec {CHROMIUM} --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run "
    '--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost" "$@"\n'
)


@st.cache_resource(show_spinner=False)
def browser_ready() -> bool:
    """Point kaleido at Debian's Chromium (once per server); False when there is none."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return False
    wrapper = Path(tempfile.mkdtemp(prefix="cluster-atlas-")) / "chromium-kaleido"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    os.environ["BROWSER_PATH"] = str(wrapper)
    return True


def with_source(fig: go.Figure, source: str) -> go.Figure:
    """A copy of the figure with its source line written under it, for files that travel alone."""
    exported = copy.deepcopy(fig)
    bottom = (exported.layout.margin.b or 40) + SOURCE_MARGIN_PX
    exported.update_layout(margin={"b": bottom})
    exported.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-bottom + 12,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 12, "color": "rgb(90, 90, 90)"},
    )
    return exported


def chart_bytes(fig: go.Figure, source: str, fmt: str) -> bytes:
    """The chart with title and source as PNG or SVG."""
    return bytes(with_source(fig, source).to_image(format=fmt, width=WIDTH_PX, height=HEIGHT_PX))


def download_buttons(fig: go.Figure, source: str, name: str, labels: tuple[str, str], key: str) -> None:
    """PNG and SVG buttons under a chart; each file is drawn only when its button is clicked."""
    if not browser_ready():
        return
    with st.container(horizontal=True, gap="small"):
        for fmt, label, mime in (("png", labels[0], "image/png"), ("svg", labels[1], "image/svg+xml")):
            st.download_button(
                label,
                data=partial(chart_bytes, fig, source, fmt),
                file_name=f"{name}.{fmt}",
                mime=mime,
                key=f"{key}_{fmt}",
                on_click="ignore",
                type="tertiary",
            )
