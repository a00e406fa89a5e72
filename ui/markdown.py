"""Put data and user text into Streamlit Markdown safely: as text, never as markup or HTML."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, urlparse

_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: object) -> str:
    """Backslash-escape every Markdown special character, so the text shows as typed.

    Examples
    --------
    >>> print(escape_md("**bold** <b>"))
    \\*\\*bold\\*\\* \\<b\\>
    """
    return _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def safe_url(url: str) -> str | None:
    """The address if it is an http(s) URL, with characters that could break a Markdown link encoded."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        return None
    return quote(url.strip(), safe=":/?&=#%+,;~@!$'*")


def md_link(label: str, url: str) -> str:
    """A Markdown link whose label is escaped text; plain escaped text if the URL is not http(s)."""
    target = safe_url(url)
    return f"[{escape_md(label)}]({target})" if target else escape_md(label or url)
