"""The models page: the filtered cases grouped side by side, every number a link to the map."""

from __future__ import annotations

import dataclasses
import functools
import html
from datetime import date
from functools import partial
from typing import Final

import pandas as pd
import streamlit as st

from data import export
from data.knowledge import Group
from data.load import Atlas
from data.models import (
    ACTIVE,
    GROUP_COLUMNS,
    GROUP_FILTERS,
    GROUPINGS,
    UNKNOWN,
    Comparison,
    Grouping,
    Mix,
    Panel,
    compare,
    comparison_table,
    group_filters,
    value_filters,
)
from data.query import Filters
from data.vocab import AREAS
from geo import minimap
from ui import cached, knowledge_cache, links
from ui.i18n import Translator
from ui.keys import BY_KEY
from ui.mapview import case_points
from ui.mix import BAR_CSS, bar_html, swatch, value_label
from ui.model_figure import MEASURES, group_label, labels, picture
from ui.state import ViewState

# Programmes listed by name in a panel; the others are counted.
SHOWN_PROGRAMMES: Final[int] = 4
PANEL_CSS: Final[str] = (
    BAR_CSS
    + """
<style>
.models-grid{display:grid;grid-template-columns:repeat(var(--cols),minmax(0,1fr));column-gap:1rem}
.models-panel{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem;font-size:.9rem;
 display:grid;grid-row:span var(--rows);grid-template-rows:subgrid;row-gap:.25rem;align-content:start}
.models-panel h3{font-size:1.25rem;margin:0 0 .25rem;padding:0}
.models-panel img{width:100%;height:auto;aspect-ratio:4/3;border-radius:.25rem;display:block}
.models-panel .count{font-size:1.6rem;font-weight:700}
.models-panel h4{font-size:.95rem;margin:.75rem 0 .2rem;padding:0}
.models-rows{margin:.2rem 0 0;padding:0;list-style:none}
.models-rows li{display:flex;gap:.4rem;align-items:center;line-height:1.35}
.models-rows .sw{display:inline-block;width:.8em;height:.8em;border-radius:.15em;flex:none}
.models-rows .v{flex:1;min-width:0}
.models-rows .n{font-variant-numeric:tabular-nums;white-space:nowrap}
.models-decades{display:flex;align-items:flex-end;gap:2px;height:3rem}
.models-decades a,.models-decades span.col{flex:1;display:flex;flex-direction:column;justify-content:flex-end;
 text-decoration:none;color:inherit;height:100%}
.models-decades .b{background:rgb(120,120,160);min-height:1px}
.models-decades .y{font-size:.65rem;text-align:center;white-space:nowrap;overflow:hidden}
.models-panel blockquote{margin:.5rem 0 0;padding:.25rem .5rem;border-left:3px solid #ccc;font-size:.85rem}
.models-panel .muted{color:#53555c;font-size:.8rem}
</style>
"""
)


def map_href(state: ViewState, filters: Filters, page: str = "map") -> str:
    """Address of a page (the map by default) under other filters, the rest of the view kept."""
    return links.link(page, dataclasses.replace(state, filters=filters, case=None, by=ViewState().by))


def _link(href: str | None, text: str, what: str, t: Translator) -> str:
    if href is None:
        return html.escape(text)
    title = html.escape(t("models.link_title", what=what))
    return f'<a href="{html.escape(href)}" target="_self" title="{title}">{html.escape(text)}</a>'


def _share(count: int, total: int, t: Translator) -> str:
    return f"{t.number(round(100 * count / total))} %" if total else "–"


def _mix_html(mix: Mix, base: Filters, state: ViewState, t: Translator) -> str:
    total = mix.total
    rows = []
    for value, count in [*mix.counts, (UNKNOWN, mix.unknown)]:
        label = value_label(t, mix.measure, value)
        background = swatch(mix.measure, value)
        narrowed = value_filters(base, mix.measure, value) if count else None
        href = map_href(state, narrowed) if narrowed is not None else None
        number = _link(href, t.number(count), label, t)
        rows.append(
            f'<li><span class="sw" style="background:{background}"></span>'
            f'<span class="v">{html.escape(label)}</span>'
            f'<span class="n">{number} · {_share(count, total, t)}</span></li>'
        )
    return f'{bar_html(mix, t)}<ul class="models-rows">{"".join(rows)}</ul>'


def _decades_html(mix: Mix, base: Filters, state: ViewState, t: Translator) -> str:
    total = mix.total
    columns = []
    for value, count in mix.counts:
        height = 100 * count / total if total else 0
        label = value_label(t, "decade", value)
        bar = f'<span class="b" style="height:{height:.1f}%"></span><span class="y">{value[2:]}</span>'
        narrowed = value_filters(base, "decade", value)
        if count and narrowed is not None:
            title = html.escape(f"{label}: {count}")
            columns.append(
                f'<a href="{html.escape(map_href(state, narrowed))}" target="_self" title="{title}">{bar}</a>'
            )
        else:
            columns.append(f'<span class="col" title="{html.escape(label)}: 0">{bar}</span>')
    unknown = t("models.unknown_share", n=mix.unknown, share=_share(mix.unknown, total, t))
    return (
        f'<div class="models-decades">{"".join(columns)}</div><div class="muted">{html.escape(unknown)}</div>'
    )


def _programmes_html(item: Panel, base: Filters, state: ViewState, t: Translator) -> str:
    rows = []
    programmes = cached.atlas().programmes
    # The comparison is shared by every language; the names are the reader's.
    names = dict(zip(programmes["id"], programmes[t.column(programmes.columns, "name")], strict=True))
    for programme in item.programmes[:SHOWN_PROGRAMMES]:
        name = str(names.get(programme.id, programme.name))
        year = (
            str(programme.launch_year) if programme.launch_year is not None else t("models.launch_not_stated")
        )
        narrowed = value_filters(base, "programme", "", programme=programme.id)
        href = map_href(state, narrowed) if narrowed is not None else None
        rows.append(
            f'<li><span class="v">{html.escape(name)} ({html.escape(year)})</span>'
            f'<span class="n">{_link(href, t.number(programme.cases), name, t)}</span></li>'
        )
    rest = len(item.programmes) - SHOWN_PROGRAMMES
    more = f'<div class="muted">{html.escape(t("models.more_programmes", n=rest))}</div>' if rest > 0 else ""
    return f'<ul class="models-rows">{"".join(rows)}</ul>{more}'


def _seed_html(group: Group | None, area: str, state: ViewState, t: Translator) -> str:
    if group is None:
        return ""
    item = next((i for i in group.items if i.id == area), None)
    if item is None:
        return ""
    text = t.text(item.text)
    source = t("models.seed_source", seed=item.seed, quote=item.quote)
    href = map_href(state, dataclasses.replace(Filters(), areas=frozenset({area})), page="policies")
    link = f'<a href="{html.escape(href)}" target="_self">{html.escape(t("models.policies_link"))}</a>'
    return (
        f"<h4>{html.escape(t('models.seed_title'))}</h4><blockquote>{html.escape(text)}"
        f'<div class="muted">{html.escape(source)}</div></blockquote><div>{link}</div>'
    )


def _view_of(by: Grouping, group: str) -> str:
    return group if by == "area" and group in AREAS else "world"


def panel_html(
    item: Panel,
    comparison: Comparison,
    cases: pd.DataFrame,
    state: ViewState,
    t: Translator,
    seeds: Group | None,
) -> str:
    """One panel: group name, small map, counts and the measures, every number a link."""
    by = comparison.by
    name = group_label(t, by, item.group)
    base = group_filters(state.filters, by, item.group)
    view = _view_of(by, item.group)
    points = case_points(cases, t.lang, state.filters.size_measure)
    svg = minimap.minimap_svg(points, view, label=t("models.map_alt", n=item.cases, group=name))
    count = _link(map_href(state, base), t("models.cases", n=item.cases), name, t)
    if item.active is None:
        status = html.escape(t("models.status_missing"))
    else:
        status = ""
        for value, text in (
            (ACTIVE, t("models.active", n=item.active)),
            (UNKNOWN, t("models.active_unknown", n=item.status_unknown or 0)),
        ):
            narrowed = value_filters(base, "status", value)
            status += (" · " if status else "") + _link(
                map_href(state, narrowed) if narrowed is not None else None, text, text, t
            )
    alt = html.escape(t("models.map_alt", n=item.cases, group=name))
    share = t("models.cases_share", share=_share(item.cases, comparison.total, t), total=comparison.total)
    parts = [
        f"<h3>{html.escape(name)}</h3>",
        f'<img src="{minimap.data_uri(svg)}" alt="{alt}"/>',
        f'<div><div class="count">{count}</div>'
        f'<div class="muted">{html.escape(share)}<br/>{status}</div></div>',
    ]
    for measure in MEASURES:
        mix = item.mix(measure)
        drawn = _decades_html(mix, base, state, t) if measure == "decade" else _mix_html(mix, base, state, t)
        parts.append(f"<div><h4>{html.escape(t(f'models.measure_{measure}'))}</h4>{drawn}</div>")
    programmes = _programmes_html(item, base, state, t)
    parts.append(f"<div><h4>{html.escape(t('models.programmes'))}</h4>{programmes}</div>")
    if by == "area":
        parts.append(f"<div>{_seed_html(seeds, item.group, state, t)}</div>")
    # Every panel has the same blocks: the grid's rows (subgrid) line them up across panels.
    return (
        f'<section class="models-panel" aria-label="{html.escape(name)}" style="--rows:{len(parts)}">'
        + "".join(parts)
        + "</section>"
    )


@functools.lru_cache(maxsize=128)
def _comparison(data: str, fingerprint: str, filters: Filters, by: Grouping) -> Comparison:
    atlas = cached.atlas()
    return compare(cached.filtered(filters), atlas.programmes, by)


def comparison(filters: Filters, by: Grouping) -> Comparison:
    """The comparison of the atlas's cases under some filters, made once for all sessions."""
    return _comparison(str(cached.data_dir()), cached.version(), filters, by)


def by_control(t: Translator) -> Grouping:
    """The "compare by" switch (its value travels in the URL as ``by``)."""
    chosen = st.segmented_control(
        t("models.by_label"),
        GROUPINGS,
        format_func=lambda g: t(f"models.by_{g}"),
        key=BY_KEY,
        required=True,
    )
    return next((g for g in GROUPINGS if g == chosen), GROUPINGS[0])


def group_cases(cases: pd.DataFrame, by: Grouping, group: str) -> pd.DataFrame:
    """The cases of one group."""
    return cases.loc[cases[GROUP_COLUMNS[by]].astype(str).eq(group)]


@functools.lru_cache(maxsize=64)
def _panels_html(data: str, fingerprint: str, state: ViewState) -> str:
    by = next((g for g in GROUPINGS if g == state.by), GROUPINGS[0])
    t = Translator(state.lang)
    result = comparison(state.filters, by)
    cases = cached.filtered(state.filters)
    seeds = knowledge_cache.topic("area_models").get("areas") if by == "area" else None
    blocks = [
        panel_html(item, result, group_cases(cases, by, item.group), state, t, seeds)
        for item in result.panels
    ]
    return f'{PANEL_CSS}<div class="models-grid" style="--cols:{max(1, len(blocks))}">{"".join(blocks)}</div>'


def draw_panels(state: ViewState) -> None:
    """The panels of the view, drawn as one block of HTML (made once per view for all sessions)."""
    st.html(_panels_html(str(cached.data_dir()), cached.version(), dataclasses.replace(state, case=None)))


def downloads(result: Comparison, atlas: Atlas, state: ViewState, t: Translator) -> None:
    """Buttons for the comparison table (CSV) and the panels picture (PNG, SVG); made on click."""
    stem = export.file_name(
        [f"by-{result.by}", *sorted(v for f in GROUP_FILTERS.values() for v in getattr(state.filters, f))],
        date.today(),
        "x",
        stem="models",
    ).removesuffix(".x")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            t("models.download_csv"),
            data=lambda: export.to_csv_bytes(comparison_table(result, labels(t, result.by))),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="models_csv",
            on_click="ignore",
            disabled=not result.panels,
        )
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(
                t(f"models.download_{fmt}"),
                data=partial(picture, result, atlas, state, t, fmt),
                file_name=f"{stem}.{fmt}",
                mime=mime,
                key=f"models_{fmt}",
                on_click="ignore",
                disabled=not result.panels,
            )


__all__ = ["by_control", "comparison", "downloads", "draw_panels", "map_href"]
