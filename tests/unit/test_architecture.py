"""The layering: pages -> ui -> geo -> data; the app never imports the build steps.

The packages' contracts are import-linter's (``[tool.importlinter]`` in pyproject.toml, run by
scripts/test.sh as ``lint-imports``). dashboard.py is a script, not a package, so import-linter
does not see it: this file checks it, and checks that the contracts name every package.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

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


def test_the_map_page_is_a_page_it_never_imports_the_other_pages_or_the_build_steps() -> None:
    roots = {m.split(".")[0] for m in imported_modules(ROOT / "dashboard.py")}
    assert "ui" in roots
    assert not roots & {"pages", "curation", "benchmarks"}


def test_the_import_contracts_cover_every_package_of_the_repository() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and list(p.glob("*.py"))} - {"tests", "scripts"}
    assert packages == set(config["root_packages"])
