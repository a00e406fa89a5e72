"""Charts of the knowledge pages export as PNG and SVG with their title and source (offline)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from ui.chart_export import browser_ready, chart_bytes, with_source

SOURCE = "Source: seed document 002 (INNET survey)"


def figure() -> go.Figure:
    return go.Figure(
        go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "Ten per cent"}, "template": "plotly_white"}
    )


def test_source_is_written_into_the_exported_figure_only() -> None:
    original = figure()
    exported = with_source(original, SOURCE)
    assert [a.text for a in exported.layout.annotations] == [SOURCE]
    assert not original.layout.annotations


@pytest.mark.skipif(not browser_ready(), reason="no Chromium at /usr/bin/chromium: install Debian's chromium")
def test_png_and_svg_hold_title_and_source() -> None:
    svg = chart_bytes(figure(), SOURCE, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Ten per cent" in svg and "seed document 002" in svg
    png = chart_bytes(figure(), SOURCE, "png")
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1600, 900)
