"""Named map views (presets) for the four areas of the atlas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class ViewPreset:
    """Where the map looks: centre and zoom of a deck.gl view state."""

    latitude: float
    longitude: float
    zoom: float


VIEW_PRESETS: Final[dict[str, ViewPreset]] = {
    "world": ViewPreset(latitude=35.0, longitude=10.0, zoom=0.75),
    "europe": ViewPreset(latitude=51.5, longitude=10.0, zoom=3.0),
    "united-states": ViewPreset(latitude=38.5, longitude=-97.0, zoom=2.7),
    "japan": ViewPreset(latitude=36.5, longitude=137.0, zoom=4.0),
    "maghreb": ViewPreset(latitude=32.0, longitude=3.0, zoom=3.6),
}
DEFAULT_VIEW: Final[str] = "world"
