"""The layering: pages -> ui -> data, geo; data/ and geo/ never import Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


DOMAIN_FILES = sorted(
    p
    for folder in ("data", "geo", "curation")
    for p in (ROOT / folder).rglob("*.py")
    if "boundaries" not in p.parts
)


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_code_never_imports_streamlit_or_ui(path: Path) -> None:
    modules = imported_modules(path)
    assert not {m for m in modules if m.split(".")[0] in {"streamlit", "ui", "pages"}}


def test_domain_files_are_found() -> None:
    assert len(DOMAIN_FILES) >= 6


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_do_not_import_each_other(path: Path) -> None:
    assert not {m for m in imported_modules(path) if m.startswith("pages")}


APP_FILES = sorted(
    [ROOT / "dashboard.py"]
    + [p for folder in ("pages", "ui", "data", "geo") for p in (ROOT / folder).rglob("*.py")]
)


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_app_never_imports_the_build_steps(path: Path) -> None:
    """The curation pipeline is build time: the app only reads the files it wrote."""
    assert not {m for m in imported_modules(path) if m.split(".")[0] in {"curation", "benchmarks"}}
