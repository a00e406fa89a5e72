"""The models page's panels as one picture (download) and as comparison slides of a tour."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from datetime import date
from typing import Final

from data.filters import data_options
from data.load import Atlas
from data.models import OTHER, UNKNOWN, Comparison, Grouping, compare, parse_grouping
from data.query import filter_clusters
from data.slides import Series, SlideContent, StackedBars
from data.stories import ComparisonStop, Story
from data.vocab import AREAS, POLICY_TYPES, SECTORS, SIZE_CLASSES, UNIT_TYPES
from geo.panels import UNKNOWN_RGB, PanelText, comparison_figure, value_rgb
from geo.render import figure_bytes
from ui import cached
from ui.filters import in_words
from ui.i18n import Translator
from ui.mix import value_label
from ui.state import ViewState, Vocabulary, parse_params

MEASURES: Final[tuple[str, ...]] = ("policy", "sector", "size", "decade")
GROUP_LABELS: Final[dict[Grouping, str]] = {"area": "area", "policy": "policy", "unit": "unit_type"}


def group_label(t: Translator, by: Grouping, value: str) -> str:
    """Display name of a group."""
    return t.label(GROUP_LABELS[by], value)


def labels(t: Translator, by: Grouping) -> dict[str, dict[str, str]]:
    """Display names of the groups and of every measure's values."""
    group_values: Mapping[Grouping, tuple[str, ...]] = {
        "area": AREAS,
        "policy": POLICY_TYPES,
        "unit": UNIT_TYPES,
    }
    return {
        "group": {v: group_label(t, by, v) for v in group_values[by]},
        "policy": {v: value_label(t, "policy", v) for v in POLICY_TYPES},
        "sector": {
            **{v: value_label(t, "sector", v) for v in SECTORS},
            OTHER: t("models.other"),
            UNKNOWN: t("models.unknown"),
        },
        "size": {v: value_label(t, "size", v) for v in SIZE_CLASSES},
        "decade": {str(y): value_label(t, "decade", str(y)) for y in range(1800, 2100, 10)}
        | {UNKNOWN: t("models.unknown")},
    }


def figure_text(result: Comparison, atlas: Atlas, state: ViewState, t: Translator) -> PanelText:
    """The words of the panels picture."""
    words = "; ".join(in_words(state.filters, atlas, t)) or t("models.no_filter")
    return PanelText(
        title=t("models.figure_title", by=t(f"models.by_{result.by}_lower"), n=result.total),
        subtitle=t("models.figure_filters", filters=words),
        credit=t("models.figure_sources", date=date.today().isoformat()),
        measure_titles={m: t(f"models.measure_{m}") for m in MEASURES},
        labels=labels(t, result.by),
        unknown=t("models.unknown"),
        cases={p.group: t("models.cases", n=p.cases) for p in result.panels},
    )


def picture(result: Comparison, atlas: Atlas, state: ViewState, t: Translator, fmt: str) -> bytes:
    """The panels as one PNG or SVG with title, filters in words and sources."""
    return figure_bytes(comparison_figure(result, figure_text(result, atlas, state, t)), fmt)


def slide_state(spec: ComparisonStop, atlas: Atlas, lang: str) -> ViewState:
    """The view a comparison slide shows: its filters read as a link, its grouping."""
    vocabulary = Vocabulary(options=data_options(lambda table: getattr(atlas, table)))
    state = parse_params(spec.query(), vocabulary).state
    return ViewState(filters=state.filters, lang=lang, by=parse_grouping(spec.by) or "area")


def _ramp(index: int, count: int) -> tuple[int, int, int]:
    """The colour of the ``index``-th of ``count`` ordered values: light to dark blue-grey."""
    light, dark = (215, 215, 235), (45, 45, 105)
    share = index / max(count - 1, 1)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(light, dark, strict=True))
    return red, green, blue


def mix_charts(result: Comparison, text: PanelText, t: Translator) -> tuple[StackedBars, ...]:
    """The panels' mixes as native charts for the PPTX: one per measure, a bar per group
    ("Europe (315 cases)") stacked from the cases of each value, unknowns last (hatched)."""
    categories = tuple(
        f"{text.labels['group'].get(p.group, p.group)} ({text.cases[p.group]})" for p in result.panels
    )
    charts = []
    for measure in MEASURES:
        mixes = [p.mix(measure) for p in result.panels]
        if not mixes:
            continue
        names = text.labels.get(measure, {})
        values = [value for value, _ in mixes[0].counts]
        series = [
            Series(
                names.get(value, value),
                tuple(dict(m.counts).get(value, 0) for m in mixes),
                value_rgb(measure, value),
            )
            for value in values
        ]
        if measure == "decade":  # ordered: from light (oldest) to dark (newest)
            series = [
                dataclasses.replace(item, colour=_ramp(i, len(series))) for i, item in enumerate(series)
            ]
        series.append(Series(text.unknown, tuple(m.unknown for m in mixes), UNKNOWN_RGB, unknown=True))
        # A value no group has takes no room in the legend.
        shown = tuple(s for s in series if any(s.values))
        groups = "; ".join(
            f"{category}: " + ", ".join(f"{s.name} {s.values[i]}" for s in shown if s.values[i])
            for i, category in enumerate(categories)
        )
        title = text.measure_titles[measure]
        charts.append(
            StackedBars(title, categories, shown, t("slides.chart_alt", measure=title, groups=groups))
        )
    return tuple(charts)


@functools.lru_cache(maxsize=16)
def _slide(data: str, fingerprint: str, spec: ComparisonStop, lang: str) -> SlideContent:
    atlas, t = cached.atlas(), Translator(lang)
    state = slide_state(spec, atlas, lang)
    by = parse_grouping(state.by) or "area"
    result = compare(filter_clusters(atlas.clusters, state.filters), atlas.programmes, by)
    text = figure_text(result, atlas, state, t)
    counts = tuple(
        f"{text.labels['group'].get(p.group, p.group)}: {text.cases[p.group]}" for p in result.panels
    )
    return SlideContent(
        title=spec.title.get(lang) or text.title,
        subtitle=text.subtitle,
        lines=counts,
        sources=(text.credit,),
        image_png=figure_bytes(comparison_figure(result, text), "png"),
        charts=mix_charts(result, text, t),
    )


def comparison_slides(story: Story, t: Translator) -> list[SlideContent]:
    """The comparison slides of a story (the panels picture, the counts in words), made once per
    story and language for all sessions."""
    return [_slide(str(cached.data_dir()), cached.version(), spec, t.lang) for spec in story.comparisons]
