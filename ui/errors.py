"""The error boundary: a section that fails shows a short message, not a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import streamlit as st

from ui.i18n import Translator

LOGGER: Final = logging.getLogger("cluster_atlas")


@contextmanager
def error_boundary(t: Translator) -> Iterator[None]:
    """Show a short message instead of a traceback, log the details, let the rest run."""
    try:
        yield
    except Exception:  # Streamlit's stop and rerun signals are BaseException: they pass
        LOGGER.exception("page section failed")
        st.error(t("app.error_page"))
