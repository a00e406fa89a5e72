"""Every cached load of the atlas; shared read-only objects are cached once for all sessions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import streamlit as st

from data.load import DATA_DIR, Atlas, load_atlas_dir

# Tests point the app at a fixture folder with this variable; users never need it.
DATA_DIR_VARIABLE: Final[str] = "CLUSTER_ATLAS_DATA_DIR"


@st.cache_resource(show_spinner=False)
def atlas() -> Atlas:
    """The validated case, programme and figure tables (read-only, shared)."""
    return load_atlas_dir(Path(os.environ.get(DATA_DIR_VARIABLE) or DATA_DIR))
