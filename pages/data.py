"""Your data: upload cases (CSV, Excel, GeoJSON), check them, see them on the map (this session only)."""

from __future__ import annotations

from ui.errors import error_boundary
from ui.page import setup_page
from ui.upload import upload_page

page = setup_page("nav.data", panel=False)
with error_boundary(page.t):
    upload_page(page.atlas.clusters, page.t)
