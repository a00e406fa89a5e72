"""What a page knows once it is set up (ui/page.py): translator, data, view and filtered cases."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.load import Atlas
from ui.i18n import Translator
from ui.state import ViewState


@dataclass(frozen=True)
class Page:
    """What every page gets from the setup: translator, data, the view and the filtered cases."""

    t: Translator
    atlas: Atlas
    state: ViewState
    cases: pd.DataFrame

    @property
    def programme_names(self) -> dict[str, str]:
        """English name of each programme, by id."""
        return dict(zip(self.atlas.programmes["id"], self.atlas.programmes["name_en"], strict=True))
