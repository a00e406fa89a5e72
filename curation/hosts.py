"""Weak hosts: document dumps, wiki mirrors and blogs (``data/inputs/rules/weak_hosts.csv``).

Issue #15 allows at most 5 % of the cases to rest only on such hosts. A case rests only on them
when every address it cites (its main source and the source of each fact) is on one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

import pandas as pd

from curation.io import read_rows

WEAK_HOSTS_CSV: Final[Path] = Path(__file__).resolve().parent.parent / "data/inputs/rules/weak_hosts.csv"
ADDRESS: Final[re.Pattern[str]] = re.compile(r"https?://[^\s;,\"()\[\]]+")
# Where a case cites addresses: its main source and each fact's source (not coord_source, which
# names the gazetteer, nor the notes, which quote).
SOURCE_COLUMN: Final[re.Pattern[str]] = re.compile(r"^(source_url|\w+_source)$")
# What a cited source that is no address (a repository path, a seed file) counts as.
NOT_AN_ADDRESS: Final[str] = "(not an address)"


@cache
def weak_hosts(path: Path = WEAK_HOSTS_CSV) -> tuple[str, ...]:
    """The host names of the rule file (a host matches itself and its subdomains)."""
    return tuple(r["host"].lower() for r in read_rows(path, ("host", "kind", "note")))


def host(address: str) -> str:
    """The host of an address, lower case, without ``www.``.

    >>> host("https://WWW.Yumpu.com/fr/document/view/1")
    'yumpu.com'
    """
    return urlsplit(address).netloc.lower().removeprefix("www.").rstrip(".")


def is_weak(name: str, hosts: Sequence[str]) -> bool:
    """Whether a host is one of ``hosts`` or a subdomain of one.

    >>> is_weak("maroc-site.blogspot.com", ("blogspot.com",)), is_weak("notblogspot.com", ("blogspot.com",))
    (True, False)
    """
    return any(name == h or name.endswith("." + h) for h in hosts)


def cell_hosts(cell: str) -> list[str]:
    """The hosts a source cell cites; a cited source that is not an address (a repository path,
    a seed file) counts as one source on no weak host.

    >>> cell_hosts("https://a.org/x; https://www.b.com/y"), cell_hosts("GitHub o/r: data.rds"), cell_hosts("")
    (['a.org', 'b.com'], ['(not an address)'], [])
    """
    found = [host(a) for a in ADDRESS.findall(cell)]
    return found or ([NOT_AN_ADDRESS] if cell.strip() else [])


def cited_hosts(frame: pd.DataFrame) -> pd.Series:
    """Per case, the hosts of every source it cites."""
    columns = [c for c in frame.columns if SOURCE_COLUMN.match(c) and c != "coord_source"]
    rows = frame[columns].fillna("").astype(str).itertuples(index=False, name=None)
    return pd.Series(
        [[h for cell in row for h in cell_hosts(cell)] for row in rows], index=frame.index, dtype=object
    )


def weak_only(frame: pd.DataFrame, hosts: Sequence[str] | None = None) -> pd.Series:
    """Per case: it cites sources, and every one is an address on a weak host."""
    return weak_of(cited_hosts(frame), hosts)


def weak_of(cited: pd.Series, hosts: Sequence[str] | None = None) -> pd.Series:
    """Per case of ``cited_hosts``: it cites sources, and every one is on a weak host."""
    listed = weak_hosts() if hosts is None else tuple(hosts)
    return cited.map(lambda names: bool(names) and all(is_weak(n, listed) for n in names))
