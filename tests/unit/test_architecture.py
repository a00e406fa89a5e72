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


def ui_imports(path: Path) -> set[str]:
    """The ui modules a ui module imports (``from ui import cached`` names the module ``cached``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "ui":
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui."):
            names.add(node.module.removeprefix("ui."))
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix("ui.") for a in node.names if a.name.startswith("ui."))
    return names - {path.stem}


UI_GRAPH = {p.stem: ui_imports(p) for p in sorted((ROOT / "ui").glob("*.py")) if p.stem != "__init__"}
PAGE_FILES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_the_ui_graph_is_read() -> None:
    assert {"page", "url_sync", "legend", "errors", "context", "i18n"} <= set(UI_GRAPH)
    assert "url_sync" in UI_GRAPH["page"]
    assert set().union(*UI_GRAPH.values()) <= set(UI_GRAPH)


def test_no_ui_module_is_a_hub() -> None:
    """No ui module that builds on others is imported by more than half of the other modules of
    the app's two upper layers (ui modules and pages; ui/widgets.py was imported by 17 of 30).

    Leaves (the translator, the caches, the widget keys, Markdown escaping: modules that import
    no other ui module) are the layer's vocabulary and may be used everywhere.
    """
    importers = [*UI_GRAPH.values(), *(ui_imports(path) for path in PAGE_FILES)]
    others = len(importers) - 1
    fan_in = {name: sum(name in imports for imports in importers) for name in UI_GRAPH}
    hubs = {name: n for name, n in fan_in.items() if UI_GRAPH[name] and n > others / 2}
    assert not hubs, f"imported by more than half of the {others} other modules: {hubs}"
    assert max(fan_in.values()) > 0


def ui_depth(name: str, seen: tuple[str, ...] = ()) -> int:
    """Length of the longest chain of ui imports from a module down to a leaf (a leaf is 1)."""
    assert name not in seen, f"import cycle in ui: {' -> '.join((*seen, name))}"
    return 1 + max((ui_depth(child, (*seen, name)) for child in UI_GRAPH[name]), default=0)


def test_ui_has_at_most_six_layers() -> None:
    """The translator, the view state, links, parts (card, filters, legend), sections (export,
    knowledge pages) and page setup: six layers (seven when ui/widgets.py was the hub)."""
    deepest = max(UI_GRAPH, key=ui_depth)
    assert ui_depth(deepest) <= 6, deepest


def test_the_map_page_is_a_page_it_never_imports_the_other_pages_or_the_build_steps() -> None:
    roots = {m.split(".")[0] for m in imported_modules(ROOT / "dashboard.py")}
    assert "ui" in roots
    assert not roots & {"pages", "curation", "benchmarks"}


def test_the_import_contracts_cover_every_package_of_the_repository() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and list(p.glob("*.py"))} - {"tests", "scripts"}
    assert packages == set(config["root_packages"])
