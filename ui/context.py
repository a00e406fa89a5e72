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
        """Name of each programme in the language (English where the data has no other), by id."""
        programmes = self.atlas.programmes
        return dict(zip(programmes["id"], programmes[self.t.column(programmes.columns, "name")], strict=True))
