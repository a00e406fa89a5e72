"""Files the twin pages serve from ``benchmarks/twins/static/`` (made here, not kept in git).

- the atlas's basemap pictures, for the deck probe (``deck_app.py``);
- Leaflet and Leaflet.markercluster from the npm registry (checked against the registry's
  sha512), so the folium twin draws its map offline as the atlas does, instead of asking CDNs
  that this machine cannot reach. Leaflet: BSD-2-Clause; Leaflet.markercluster: MIT.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from pathlib import Path
from typing import Final

from geo.boundaries import STATIC_DIR

TWIN_STATIC: Final[Path] = Path(__file__).resolve().parent / "static"
VENDOR_URL: Final[str] = "/app/static/vendor"  # absolute: the folium iframe is served from /component/
REGISTRY: Final[str] = "https://registry.npmjs.org"
# (package, version, sha512 of the tarball as the registry states it, files kept from it)
PACKAGES: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    (
        "leaflet",
        "1.9.3",
        "iB2cR9vAkDOu5l3HAay2obcUHZ7xwUBBjph8+PGtmW/2lYhbLizWtG7nTeYht36WfOslixQF9D/uSIzhZgGMfQ==",
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
        ),
    ),
    (
        "leaflet.markercluster",
        "1.1.0",
        "eI+XkCiLiHwCC3uZ4/n4+Vq3rXcqEHN2lhHRVG1WVziy/3Q0TTipWkzEa1zO0dKZI2AnI5ppFDWrOjnQ7MJLKQ==",
        ("dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"),
    ),
)


def vendor_url(package: str, path: str) -> str:
    """Address of a vendored file as the browser asks for it."""
    return f"{VENDOR_URL}/{package}/{path}"


def _fetch(package: str, version: str, sha512: str) -> bytes:
    name = package.rsplit("/", 1)[-1]
    with urllib.request.urlopen(f"{REGISTRY}/{package}/-/{name}-{version}.tgz", timeout=60) as response:
        data: bytes = response.read()
    if base64.b64encode(hashlib.sha512(data).digest()).decode() != sha512:
        raise RuntimeError(f"{package}@{version}: the tarball does not match its sha512")
    return data


def prepare(directory: Path = TWIN_STATIC) -> Path:
    """Put the basemap and the vendored Leaflet files in place (downloads only what is missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    for picture in STATIC_DIR.glob("basemap-*.png"):
        shutil.copyfile(picture, directory / picture.name)
    for package, version, sha512, files in PACKAGES:
        target = directory / "vendor" / package
        if all((target / path).is_file() for path in files):
            continue
        with tarfile.open(fileobj=io.BytesIO(_fetch(package, version, sha512)), mode="r:gz") as archive:
            for path in files:
                member = archive.extractfile(f"package/{path}")
                if member is None:
                    raise RuntimeError(f"{package}@{version} has no {path}")
                (target / path).parent.mkdir(parents=True, exist_ok=True)
                (target / path).write_bytes(member.read())
    return directory


if __name__ == "__main__":
    print(prepare())
