"""Your data: upload cases (CSV, Excel, GeoJSON), check them, see them on the map (this session only)."""

from __future__ import annotations

from ui.upload import upload_page
from ui.widgets import error_boundary, setup_page

page = setup_page("nav.data", panel=False)
with error_boundary(page.t):
    upload_page(page.atlas.clusters, page.t)
