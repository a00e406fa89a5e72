"""axe-core, the accessibility engine, fetched once from the npm registry at a pinned version.

The file is checked against its SHA-256 before any test injects it; it is kept (gitignored) in
``tests/e2e/vendor/`` so later runs need no network. axe-core is MPL-2.0: its licence header
stays at the top of ``axe.min.js``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Final

AXE_VERSION: Final[str] = "4.14.1"
AXE_SHA256: Final[str] = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
VENDOR: Final[Path] = Path(__file__).resolve().parent / "vendor" / f"axe-core-{AXE_VERSION}"
AXE_FILE: Final[Path] = VENDOR / "axe.min.js"
# WCAG 2.1 A and AA rules, as the Web Accessibility Directive and EN 301 549 ask.
WCAG_TAGS: Final[tuple[str, ...]] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
FAILING_IMPACTS: Final[frozenset[str]] = frozenset({"serious", "critical"})
NPM_TIMEOUT_S: Final[int] = 180


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def axe_source() -> str:
    """The text of axe.min.js (fetched with ``npm pack`` the first time); raises if npm is
    missing or the file is not the pinned one."""
    if not AXE_FILE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed once to fetch axe-core (apt-get install npm)")
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", folder, "--silent"],
                check=True,
                timeout=NPM_TIMEOUT_S,
                capture_output=True,
            )
            with tarfile.open(Path(folder) / f"axe-core-{AXE_VERSION}.tgz") as archive:
                member = archive.extractfile("package/axe.min.js")
                assert member is not None
                VENDOR.mkdir(parents=True, exist_ok=True)
                AXE_FILE.write_bytes(member.read())
    if (found := _digest(AXE_FILE)) != AXE_SHA256:
        AXE_FILE.unlink()
        raise RuntimeError(f"axe.min.js has SHA-256 {found}, expected {AXE_SHA256}: removed, try again")
    return AXE_FILE.read_text(encoding="utf-8")


AXE_RUN: Final[str] = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
  }));
}"""


def violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    found: list[dict[str, Any]] = page.evaluate(AXE_RUN, list(WCAG_TAGS))
    return [v for v in found if v["impact"] in FAILING_IMPACTS]


def describe(found: list[dict[str, Any]]) -> str:
    """The violations in a few readable lines, for an assertion message."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        lines += [f"    {node[:300]}" for node in v["nodes"][:5]]
    return "\n".join(lines)
