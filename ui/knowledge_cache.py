"""Cached loads of the seed-knowledge files (read-only, shared by all sessions)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from data import knowledge


@st.cache_resource(show_spinner=False)
def topic(name: str) -> dict[str, knowledge.Group]:
    """The groups of one seed-knowledge file."""
    return knowledge.load_topic(name)


@st.cache_resource(show_spinner=False)
def sources() -> pd.DataFrame:
    """The sources of the atlas, one row per address."""
    return knowledge.load_sources()


@st.cache_resource(show_spinner=False)
def us_cmp() -> pd.DataFrame:
    """US Cluster Mapping Project 2016 figures of the atlas's US statistical clusters."""
    return knowledge.load_us_cmp()


@st.cache_resource(show_spinner=False)
def us_cmp_meta() -> dict[str, Any]:
    """Citation and strong-cluster rule of those figures."""
    return knowledge.load_us_cmp_meta()


@st.cache_resource(show_spinner=False)
def sector_rules() -> pd.DataFrame:
    """The keyword rules that assign sectors."""
    return knowledge.load_sector_rules()
