"""Every page by name and every link to a view, built in one place and always URL-encoded.

Pure functions (no Streamlit), so a test can build a link and read it back. A page is named by
a short id (``"map"``, ``"cases"``...); its script path (for ``st.page_link``) and its address
(for a copied link) come from :data:`PAGES` alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from ui.state import ViewState, to_params


@dataclass(frozen=True)
class PageRef:
    """One page of the app: its script (relative to the repository) and the key of its title."""

    script: str
    title_key: str

    @property
    def url_path(self) -> str:
        """The page's address in the browser: ``/`` for the home page, ``/<file stem>`` else."""
        return "/" if self.script == HOME_SCRIPT else f"/{Path(self.script).stem}"


HOME_SCRIPT: Final[str] = "dashboard.py"
# Every page, in the order of the page list. A new page is one line here (and its script).
PAGES: Final[dict[str, PageRef]] = {
    "map": PageRef(HOME_SCRIPT, "nav.map"),
    "cases": PageRef("pages/cases.py", "nav.cases"),
    "compare": PageRef("pages/compare.py", "nav.compare"),
    "models": PageRef("pages/models.py", "models.nav"),
    "present": PageRef("pages/present.py", "nav.present"),
    "data": PageRef("pages/data.py", "nav.data"),
    "policies": PageRef("pages/policies.py", "policies.nav"),
    "internationalisation": PageRef("pages/internationalisation.py", "innet.nav"),
    "timeline": PageRef("pages/timeline.py", "timeline.nav"),
    "us_strength": PageRef("pages/us_strength.py", "us.nav"),
    "about": PageRef("pages/about.py", "nav.about"),
}


def script(page: str) -> str:
    """The script of a page, as ``st.page_link`` and ``st.switch_page`` want it."""
    return PAGES[page].script


def query_string(params: Mapping[str, Sequence[str]]) -> str:
    """Query parameters as an encoded query string; a key with several values repeats.

    Examples
    --------
    >>> query_string({"q": ["R&D 100%"], "area": ["japan", "maghreb"]})
    'q=R%26D%20100%25&area=japan&area=maghreb'
    """
    return urlencode({key: list(values) for key, values in params.items()}, doseq=True, quote_via=quote)


def link(page: str, state: ViewState) -> str:
    """The address of a page showing a view, relative to the app's root.

    Examples
    --------
    >>> link("cases", ViewState(lang="fr"))
    '/cases?lang=fr'
    >>> link("map", ViewState())
    '/'
    """
    query = query_string(to_params(state))
    path = PAGES[page].url_path
    return f"{path}?{query}" if query else path


def case_link(state: ViewState, case_id: str, page: str = "map") -> str:
    """The address of the card of a case in this view."""
    return link(page, dataclasses.replace(state, case=case_id))


def read_link(address: str) -> dict[str, list[str]]:
    """The query parameters of an address, as the app receives them (the inverse of :func:`link`)."""
    return parse_qs(urlsplit(address).query, keep_blank_values=True)


def absolute(base: str, relative: str) -> str:
    """``relative`` on the origin (scheme and host) of ``base``; unchanged when ``base`` has none.

    Examples
    --------
    >>> absolute("http://localhost:8501/cases?x=1", "/?q=a")
    'http://localhost:8501/?q=a'
    >>> absolute("", "/?q=a")
    '/?q=a'
    """
    if not base.startswith("http"):
        return relative
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}{relative}"


__all__ = ["PAGES", "PageRef", "absolute", "case_link", "link", "query_string", "read_link", "script"]
