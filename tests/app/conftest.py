"""AppTest helpers: run a page of the atlas on the shipped data or on a fixture folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60


def run_page(page: str = "dashboard.py", **params: str | list[str]) -> AppTest:
    """Run the entry script, switch to ``page`` if needed, with query parameters set."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    return at


def deck_spec(at: AppTest) -> dict[str, Any]:
    charts = at.get("deck_gl_json_chart")
    assert charts, "no map on the page"
    spec: dict[str, Any] = json.loads(charts[0].proto.json)
    return spec


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test starts from cold caches, so fixture and shipped data never mix."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture()
def tiny_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTER_ATLAS_DATA_DIR", str(ROOT / "tests" / "fixtures" / "tiny"))
