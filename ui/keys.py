"""Session-state keys of the widgets that carry the view (the filter panel's are in ui/filters.py).

The URL sync (ui/url_sync.py) seeds these widgets from the link and writes them back to it.
"""

from __future__ import annotations

from typing import Final

LANG_KEY: Final[str] = "w_lang"
VIEW_KEY: Final[str] = "w_view"
MODE_KEY: Final[str] = "w_mode"
# How the models page groups the cases (area, policy type, kind of unit).
BY_KEY: Final[str] = "w_by"
# The open case (its card) and the cases of the compare page.
CASE_KEY: Final[str] = "case"
COMPARE_KEY: Final[str] = "compare"
# Presenter mode: the slide shown and the story told (FILTERED: the tour of the filtered cases).
SLIDE_KEY: Final[str] = "slide"
STORY_KEY: Final[str] = "w_story"
FILTERED: Final[str] = "filtered"
