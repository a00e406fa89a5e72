"""Redraw a page by itself after its connection comes back (a replica died, the server restarted).

Behind the load balancer of ``scripts/serve.sh``, a browser whose replica dies reconnects to a live
one within a second, but that replica has never seen the session. Streamlit's browser code asks
for a script run after a reconnect only when the page holds an auto-rerunning fragment (or a run
was going on); otherwise the page keeps its old content, its buttons and downloads point at a
session that is gone, and nothing is drawn until the user clicks. This module adds such a
fragment, which draws nothing: after a reconnect the page reruns at once, from its URL (the URL
holds the whole view: filters, case, slide), on the live replica.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

import streamlit as st

# NOTE: the fragment's own timer is only the price of the behaviour above; it fires rarely and
# its run draws nothing (a few milliseconds of server time).
TIMER: Final[timedelta] = timedelta(hours=6)


@st.fragment(run_every=TIMER)
def rerun_after_reconnect() -> None:
    """An empty fragment with a timer: its presence makes the browser rerun the page after a
    reconnect (Streamlit 1.67's ``handleConnectionStateChanged``)."""
