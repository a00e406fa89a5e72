"""Styles that make every page usable by keyboard: where the focus is, always visible.

Colour contrast is set by the theme (.streamlit/config.toml); this adds what a theme cannot:
a focus ring on every control reached with Tab (WCAG 2.4.7), including the text field inside a
select list, whose own focus style is a faint border change.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

# The theme's accent (primaryColor), 6:1 on white: a ring seen on any background of the app.
FOCUS_COLOUR: Final[str] = "#a8323e"
FOCUS_CSS: Final[str] = f"""<style>
:focus-visible {{ outline: 2px solid {FOCUS_COLOUR} !important; outline-offset: 2px; }}
[data-baseweb="select"] > div:focus-within {{ outline: 2px solid {FOCUS_COLOUR}; outline-offset: 1px; }}
</style>"""


def focus_styles() -> None:
    """Draw the focus ring styles (st.html: a block of only a style tag takes no room)."""
    st.html(FOCUS_CSS)
