"""The map in words follows the filters, in the page's language, and links to the same cases."""

from __future__ import annotations

import pytest

from tests.app.conftest import run_page
from ui.i18n import messages


@pytest.mark.parametrize(("lang", "japan"), [("en", "Japan"), ("fr", "Japon")])
def test_the_summary_follows_the_filters_and_labels_the_map(tiny_data: None, lang: str, japan: str) -> None:
    label = messages(lang)["describe.label"]
    at = run_page(lang=lang, area=["japan"])
    summary = next(m.value for m in at.markdown if label.replace(":", "\\:") in m.value)
    assert japan in summary
    chart = at.get("deck_gl_json_chart")[0].proto
    words = summary.split("** ", 1)[1].replace("\\", "")
    assert chart.alt.endswith(words)  # the same text is the map's label
    links = [p.proto for p in at.get("page_link")]
    table = next(p for p in links if p.label == messages(lang)["describe.table_view"])
    assert "area=japan" in table.query_string and table.page.endswith("cases")
    everything = run_page(lang=lang)
    other = next(m.value for m in everything.markdown if label.replace(":", "\\:") in m.value)
    assert other != summary
