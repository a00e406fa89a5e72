"""Not by colour alone: the sector palette under simulated colour-vision deficiencies, and the
contrast of marks against the basemap.

Measured (December 2026, colorspacious 1.1.2: Machado et al. 2009 at full severity, distances
in CAM02-UCS): in normal vision the closest pair is energy / maritime (9.9); simulated, 4 pairs
(protanopia) to 6 (deuteranopia, tritanopia) fall under 10, the closest at 3.6 (life sciences /
maritime, deuteranopia). Hence the legend says so and every sector is named in the tooltip, the
legend and the map in words. Fills alone read 1.0:1 (yellow) to 9.5:1 on the land grey; the
dark outline of filled marks reads 10:1.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from geo.layers import BASEMAP_FILL, OCEAN_FILL, POINT_LINE_RGB, SECTOR_RGB
from ui.i18n import messages

colorspacious = pytest.importorskip("colorspacious")
DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")
# Below this CAM02-UCS distance two colours are the same colour to the eye.
SAME_COLOUR = 3.0
MARK_CONTRAST = 3.0  # WCAG 2.1 1.4.11, graphical objects


def relative_luminance(rgb: tuple[int, ...] | list[int]) -> float:
    channel = np.asarray(rgb[:3], dtype=float) / 255
    linear = np.where(channel <= 0.03928, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def simulated(kind: str) -> np.ndarray:
    rgb = np.array(list(SECTOR_RGB.values()), dtype=float) / 255
    space = {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}
    return np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)


@pytest.mark.parametrize("kind", DEFICIENCIES)
def test_no_two_sectors_become_the_same_colour(kind: str) -> None:
    colours = simulated(kind)
    closest = min(
        colorspacious.deltaE(colours[i], colours[j], input_space="sRGB1")
        for i, j in itertools.combinations(range(len(colours)), 2)
    )
    assert closest > SAME_COLOUR


def test_the_simulation_tells_red_from_green_apart_only_in_normal_vision() -> None:
    red_green = np.array([[0.8, 0.1, 0.1], [0.1, 0.6, 0.1]])
    seen = colorspacious.cspace_convert(
        red_green, {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}, "sRGB1"
    )
    normal = colorspacious.deltaE(red_green[0], red_green[1], input_space="sRGB1")
    assert colorspacious.deltaE(seen[0], seen[1], input_space="sRGB1") < normal / 2


@pytest.mark.parametrize("background", [BASEMAP_FILL, OCEAN_FILL])
def test_filled_marks_have_an_outline_of_3_to_1_on_land_and_sea(background: list[int]) -> None:
    assert contrast(POINT_LINE_RGB, background) >= MARK_CONTRAST


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_legend_says_the_palette_was_checked(lang: str) -> None:
    note = messages(lang)["access.cvd_note"]
    assert "protan" in note and "deut" in note and "tritan" in note
