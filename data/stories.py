"""Saved tours (stories) for presenters, read from data/stories/*.yaml and validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from data.localised import NO_TEXT, REFERENCE_LANGUAGE, Localised
from data.models import GROUPINGS

STORIES_DIR: Final[Path] = Path(__file__).resolve().parent / "stories"
MAX_TOUR: Final[int] = 30  # a tour built from filters shows at most this many cases


class StoryError(ValueError):
    """A story file is malformed or names a case the data does not have."""


@dataclass(frozen=True)
class Stop:
    """One case of a tour, with optional presenter notes."""

    case_id: str
    note: Localised = NO_TEXT


@dataclass(frozen=True)
class ComparisonStop:
    """A comparison slide: the models page's panels (``by`` area, policy or unit) under filters
    written as link parameters (``{"policy": ["top-down"]}``), read by the app's link parser."""

    by: str
    params: tuple[tuple[str, tuple[str, ...]], ...] = ()
    title: Localised = NO_TEXT

    def query(self) -> dict[str, list[str]]:
        """The filters as link parameters."""
        return {key: list(values) for key, values in self.params}


@dataclass(frozen=True)
class Story:
    """An ordered list of cases with a title, in every language the file gives."""

    id: str
    title: Localised
    subtitle: Localised
    stops: tuple[Stop, ...]
    # Comparison slides, shown after the case slides (so that case slides keep their numbers).
    comparisons: tuple[ComparisonStop, ...] = ()


def _text(raw: dict[str, Any], key: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise StoryError(f"{path.name}: '{key}' must be a non-empty text")
    return value.strip()


def _localised(raw: dict[str, Any], stem: str, path: Path) -> Localised:
    """``<stem>_<lang>`` fields; the English one must be there."""
    _text(raw, f"{stem}_{REFERENCE_LANGUAGE}", path)
    return Localised.from_fields(raw, stem)


def _comparison(item: object, index: int, path: Path) -> ComparisonStop:
    if not isinstance(item, dict) or item.get("by") not in GROUPINGS:
        raise StoryError(f"{path.name}: comparison {index} needs 'by', one of {GROUPINGS}")
    filters = item.get("filters") or {}
    if not isinstance(filters, dict) or not all(
        isinstance(key, str) and isinstance(values, list) and all(isinstance(v, str) for v in values)
        for key, values in filters.items()
    ):
        raise StoryError(f"{path.name}: comparison {index}: 'filters' maps link keys to lists of values")
    return ComparisonStop(
        by=str(item["by"]),
        params=tuple((key, tuple(values)) for key, values in filters.items()),
        title=Localised.from_fields(item, "title"),
    )


def parse_story(raw: object, path: Path) -> Story:
    """A story from its parsed YAML, or a StoryError naming what is wrong."""
    if not isinstance(raw, dict):
        raise StoryError(f"{path.name}: expected a mapping at the top")
    cases = raw.get("cases")
    if not isinstance(cases, list) or not cases:
        raise StoryError(f"{path.name}: 'cases' must be a non-empty list")
    stops = []
    for index, item in enumerate(cases, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise StoryError(f"{path.name}: case {index} needs an 'id'")
        stops.append(Stop(item["id"], Localised.from_fields(item, "note")))
    return Story(
        id=_text(raw, "id", path),
        title=_localised(raw, "title", path),
        subtitle=_localised(raw, "subtitle", path),
        stops=tuple(stops),
        comparisons=tuple(
            _comparison(item, index, path) for index, item in enumerate(raw.get("comparisons") or [], start=1)
        ),
    )


def load_stories(
    directory: Path = STORIES_DIR, known_cases: frozenset[str] | None = None
) -> dict[str, Story]:
    """Every story of the folder by id; with ``known_cases``, unknown case ids are an error."""
    stories: dict[str, Story] = {}
    for path in sorted(directory.glob("*.yaml")):
        story = parse_story(yaml.safe_load(path.read_text(encoding="utf-8")), path)
        if story.id in stories:
            raise StoryError(f"{path.name}: story id '{story.id}' is used twice")
        if known_cases is not None:
            missing = [stop.case_id for stop in story.stops if stop.case_id not in known_cases]
            if missing:
                raise StoryError(f"{path.name}: unknown case ids {missing}")
        stories[story.id] = story
    return stories


def tour_from_cases(case_ids: list[str], title: Localised, subtitle: Localised) -> Story:
    """A tour of the filtered cases (the first MAX_TOUR of them)."""
    return Story("filtered", title, subtitle, tuple(Stop(i) for i in case_ids[:MAX_TOUR]))


def slide_count(story: Story) -> int:
    """Title slide, one slide per case, comparison slides, closing sources slide."""
    return len(story.stops) + len(story.comparisons) + 2
