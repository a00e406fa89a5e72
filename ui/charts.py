"""Plotly figures of the knowledge pages: diagrams of the seeds' typologies, timelines, bars.

Non-geo charts only (plotly geo traces fetch topojson from the internet). Every figure uses the
``plotly_white`` template explicitly and takes its strings already translated.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

TEMPLATE: Final[str] = "plotly_white"
CONFIG: Final[dict[str, object]] = {"displaylogo": False}
BOX_FILL: Final[str] = "rgb(232, 240, 247)"
BOX_LINE: Final[str] = "rgb(0, 114, 178)"  # Okabe-Ito blue
ARROW: Final[str] = "rgb(90, 90, 90)"
HIGHLIGHT: Final[str] = "rgb(213, 94, 0)"  # Okabe-Ito vermillion
MUTED: Final[str] = "rgb(190, 190, 190)"
TEXT: Final[str] = "rgb(38, 39, 48)"
FONT: Final[dict[str, object]] = {"size": 13, "color": TEXT}
WRAP: Final[int] = 22


def wrap(text: str, width: int = WRAP) -> str:
    """Line breaks for plotly text, which does not wrap by itself."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def _blank_axes(fig: go.Figure) -> None:
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True)


def sequence_figure(
    steps: Sequence[tuple[str, str]], title: str, *, loop_label: str | None = None
) -> go.Figure:
    """Boxes in a row joined by arrows (a life cycle, the phases of a policy, a process).

    ``steps`` are (label, detail) pairs; ``loop_label``, when given, is written under an arrow
    that runs from the last box back to the first.
    """
    fig = go.Figure()
    width, gap = 1.0, 0.45
    for i, (label, detail) in enumerate(steps):
        x0 = i * (width + gap)
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x0 + width,
            y0=0,
            y1=1,
            fillcolor=BOX_FILL,
            line={"color": BOX_LINE, "width": 2},
            layer="below",
        )
        text = f"<b>{wrap(label, 18)}</b>" + (f"<br><br>{wrap(detail, 20)}" if detail else "")
        fig.add_annotation(x=x0 + width / 2, y=0.5, text=text, showarrow=False, font=FONT)
        if i:
            fig.add_annotation(
                x=x0 - 0.03,
                y=0.5,
                ax=x0 - gap + 0.03,
                ay=0.5,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowsize=1.4,
                arrowwidth=2,
                arrowcolor=ARROW,
                text="",
            )
    right = len(steps) * (width + gap) - gap
    bottom = -0.05
    if loop_label is not None and len(steps) > 1:
        bottom = -0.45
        fig.add_annotation(
            x=width / 2,
            y=-0.02,
            ax=right - width / 2,
            ay=-0.3,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=3,
            arrowwidth=1.5,
            arrowcolor=ARROW,
            text="",
        )
        fig.add_annotation(x=right / 2, y=-0.38, text=loop_label, showarrow=False, font={"size": 12})
    # An invisible trace fixes the ranges so every box is drawn.
    fig.add_trace(go.Scatter(x=[0, right], y=[bottom, 1.05], mode="markers", opacity=0, hoverinfo="skip"))
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title},
        showlegend=False,
        height=260 if loop_label is None else 310,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    fig.update_xaxes(range=[-0.1, right + 0.1])
    _blank_axes(fig)
    return fig


def diamond_figure(labels: Sequence[str], centre: str, title: str) -> go.Figure:
    """Porter's diamond: four determinants at the corners, every pair linked, the cluster in the middle."""
    if len(labels) != 4:
        raise ValueError(f"a diamond has four corners, got {len(labels)}")
    corners = [(0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0)]
    fig = go.Figure()
    for i, (x0, y0) in enumerate(corners):
        for x1, y1 in corners[i + 1 :]:
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1], y=[y0, y1], mode="lines", line={"color": MUTED, "width": 2}, hoverinfo="skip"
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _ in corners],
            y=[y for _, y in corners],
            mode="markers+text",
            marker={"size": 22, "color": BOX_LINE, "symbol": "diamond"},
            text=[f"<b>{wrap(label, 20)}</b>" for label in labels],
            textposition=["top center", "middle right", "bottom center", "middle left"],
            textfont=FONT,
            hovertext=list(labels),
            hoverinfo="text",
        )
    )
    fig.add_annotation(
        x=0,
        y=0,
        text=f"<b>{wrap(centre, 14)}</b>",
        showarrow=False,
        bgcolor="white",
        bordercolor=BOX_LINE,
        borderwidth=2,
        borderpad=6,
        font=FONT,
    )
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title},
        showlegend=False,
        height=440,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    fig.update_xaxes(range=[-2.3, 2.3])
    fig.update_yaxes(range=[-1.6, 1.6])
    _blank_axes(fig)
    return fig


def share_figure(value: float, label: str, rest_label: str, title: str) -> go.Figure:
    """One stated percentage as a single bar on a 0-100 scale (the rest drawn grey, unlabelled by value)."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[value],
            y=[""],
            orientation="h",
            marker={"color": HIGHLIGHT},
            name=label,
            text=[f"{value:g} %"],
            textposition="outside",
            hovertemplate=f"{label}: %{{x:g}} %<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=[100 - value],
            y=[""],
            orientation="h",
            marker={"color": MUTED},
            name=rest_label,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title},
        barmode="stack",
        height=200,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.35},
    )
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    return fig


def timeline_figure(
    founded: pd.DataFrame,
    launches: pd.DataFrame,
    *,
    colours: dict[str, tuple[int, int, int]],
    sector_labels: dict[str, str],
    title: str,
    cases_axis: str,
    launches_axis: str,
    year_axis: str,
) -> go.Figure:
    """Cases founded per year (bars stacked by main sector) above the programmes launched (markers).

    ``founded`` has columns year, sector, cases; ``launches`` has year and name. Launch markers
    carry numbers (1 = first row of ``launches``), so long names never overlap; the caller lists them.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.06)
    for sector in [s for s in colours if s in set(founded["sector"])]:
        rows = founded.loc[founded["sector"] == sector]
        r, g, b = colours[sector]
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["cases"],
                name=sector_labels.get(sector, sector),
                marker={"color": f"rgb({r}, {g}, {b})"},
                hovertemplate="%{x}: %{y}<extra>" + sector_labels.get(sector, sector) + "</extra>",
            ),
            row=1,
            col=1,
        )
    if not launches.empty:
        levels = [i % 3 for i in range(len(launches))]
        fig.add_trace(
            go.Scatter(
                x=launches["year"],
                y=levels,
                mode="markers+text",
                marker={"symbol": "triangle-up", "size": 12, "color": "rgb(60, 60, 60)"},
                text=[str(i + 1) for i in range(len(launches))],
                textposition="middle right",
                textfont={"size": 12, "color": TEXT},
                hovertext=[f"{y}: {n}" for y, n in zip(launches["year"], launches["name"], strict=True)],
                hoverinfo="text",
                name=launches_axis,
                showlegend=True,
            ),
            row=2,
            col=1,
        )
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title},
        barmode="stack",
        height=470,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "v", "x": 1.01, "y": 1},
    )
    fig.update_yaxes(title_text=cases_axis, row=1, col=1, rangemode="tozero")
    fig.update_yaxes(visible=False, range=[-0.6, 2.8], row=2, col=1)
    fig.update_xaxes(title_text=year_axis, row=2, col=1, tickformat="d")
    fig.update_xaxes(tickformat="d", row=1, col=1)
    return fig


def strength_figure(
    rows: pd.DataFrame,
    *,
    value: str,
    colours: dict[str, tuple[int, int, int]],
    sector_labels: dict[str, str],
    title: str,
    axis: str,
) -> go.Figure:
    """Horizontal bars of one figure per statistical cluster, coloured by the case's main sector.

    ``rows`` has columns label, sector and ``value``; bars keep the rows' order, top to bottom.
    """
    fig = go.Figure()
    order = list(rows["label"])
    for sector in [s for s in colours if s in set(rows["sector"])]:
        part = rows.loc[rows["sector"] == sector]
        r, g, b = colours[sector]
        fig.add_trace(
            go.Bar(
                x=part[value],
                y=part["label"],
                orientation="h",
                name=sector_labels.get(sector, sector),
                marker={"color": f"rgb({r}, {g}, {b})"},
                hovertemplate="%{y}: %{x:,}<extra></extra>",
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title},
        height=max(320, 22 * len(rows) + 120),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "v", "x": 1.01, "y": 1},
        barmode="overlay",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    fig.update_xaxes(title_text=axis, rangemode="tozero")
    return fig
