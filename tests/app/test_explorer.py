"""The explorer in AppTest: the panel filters every page, chips and reset, cards and compare."""

from __future__ import annotations

import pytest

from tests.app.conftest import deck_spec, run_page
from ui.i18n import Translator, messages


def shown_points(at) -> set[str]:  # type: ignore[no-untyped-def]
    layers = deck_spec(at)["layers"]
    return {
        row["id"]
        for layer in layers
        if layer["id"] in {"clusters", "statistical-clusters"}
        for row in layer["data"]
    }


def count_caption(at, n: int, total: int) -> bool:  # type: ignore[no-untyped-def]
    return any(Translator("en")("filters.count", n=n, total=total) in m.value for m in at.sidebar.markdown)


def test_area_filter_narrows_map_count_and_url(tiny_data: None) -> None:
    at = run_page()
    at.multiselect(key="f_areas").set_value(["japan"]).run()
    assert shown_points(at) == {"fx-kobe-med", "fx-sapporo-ict"}
    assert count_caption(at, 2, 8)
    assert at.query_params.get("area") == "japan"


def test_filters_from_the_url_fill_the_panel(tiny_data: None) -> None:
    at = run_page(sector="ict", policy="bottom-up")
    assert at.multiselect(key="f_sectors").value == ["ict"]
    assert shown_points(at) == {"fx-munich-ict", "fx-austin-ict"}


def test_chip_removes_its_filter_and_reset_clears_all(tiny_data: None) -> None:
    at = run_page(area=["japan", "europe"], q="fixture")
    chips = [b for b in at.sidebar.button if b.label.startswith("✕ ")]
    assert {b.label for b in chips} == {"✕ Europe", "✕ Japan", "✕ « fixture »"}
    next(b for b in chips if b.label == "✕ Japan").click().run()
    assert at.multiselect(key="f_areas").value == ["europe"]
    at.button(key="f_reset").click().run()
    assert at.multiselect(key="f_areas").value == [] and at.text_input(key="f_text").value == ""
    assert len(shown_points(at)) == 8 and "area" not in at.query_params


@pytest.mark.parametrize(
    ("params", "chip", "gone"),
    [
        ({"size_min": "100", "size_max": "5000", "area": "japan"}, "✕ Size 100-5,000", "size_min"),
        ({"from": "1995", "to": "2005", "area": "japan"}, "✕ Founded 1995-2005", "from"),
        ({"unknown_size": "0", "area": "japan"}, "✕ Known size only", "unknown_size"),
    ],
)
def test_each_kind_of_chip_removes_only_its_filter(
    tiny_data: None, params: dict[str, str], chip: str, gone: str
) -> None:
    at = run_page(**params)
    labels = [b.label for b in at.sidebar.button if b.label.startswith("✕ ")]
    assert labels == ["✕ Japan", chip]
    next(b for b in at.sidebar.button if b.label == chip).click().run()
    assert not at.exception
    assert gone not in at.query_params and at.query_params.get("area") == "japan"
    assert [b.label for b in at.sidebar.button if b.label.startswith("✕ ")] == ["✕ Japan"]


def test_unknown_size_can_be_left_out(tiny_data: None) -> None:
    at = run_page()
    at.checkbox(key="f_include_unknown_size").uncheck().run()
    assert shown_points(at) == {
        "fx-lyon-bio",
        "fx-munich-ict",
        "fx-toulouse-aero",
        "fx-boston-bio",
        "fx-sapporo-ict",
    }
    assert at.query_params.get("unknown_size") == "0"


def test_empty_result_says_so(tiny_data: None) -> None:
    at = run_page(area="japan", country="fr")
    assert not at.exception
    assert any(messages("en")["map.empty"] in i.value for i in at.info)


@pytest.mark.parametrize("page", ["dashboard.py", "pages/cases.py"])
def test_case_in_the_url_opens_its_card(tiny_data: None, page: str) -> None:
    at = run_page(page, case="fx-toulouse-aero", lang="fr")
    assert not at.exception
    headers = [h.value for h in at.subheader]
    assert any("Toulouse" in h for h in headers)
    text = " ".join(m.value for m in at.markdown)
    assert "inconnu" in text  # unknown values say so
    assert "<b>Toulouse" not in text and "\\<b\\>Toulouse" in " ".join(headers)  # shown as text


def test_card_link_encodes_the_search_text(tiny_data: None) -> None:
    at = run_page(case="fx-kobe-med", q="R&D #1")
    assert not at.exception
    links = [c.value for c in at.code if "case=" in c.value]
    assert links == ["/?q=R%26D%20%231&case=fx-kobe-med"]


def test_closing_the_card_removes_it_from_the_url(tiny_data: None) -> None:
    at = run_page(case="fx-kobe-med")
    at.button(key="map_card_close").click().run()
    assert "case" not in at.query_params and not at.subheader


def test_compare_puts_cases_side_by_side(tiny_data: None) -> None:
    at = run_page("pages/compare.py", cmp=["fx-kobe-med", "fx-lyon-bio"])
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns) == ["Fixture Medical Kobe", "Fixture Bio Lyon"]
    assert table.loc[messages("en")["card.founded"]].tolist() == ["1998", "2005"]
    assert len(shown_points(at)) == 2


def test_compare_needs_two_cases(tiny_data: None) -> None:
    at = run_page("pages/compare.py", cmp="fx-kobe-med")
    assert any(messages("en")["compare.too_few"] in i.value for i in at.info)


def test_cases_table_lists_the_filtered_cases(tiny_data: None) -> None:
    at = run_page("pages/cases.py", area="united-states")
    table = at.dataframe[0].value
    assert set(table[messages("en")["table.name"]]) == {"Fixture Bio Boston", "Fixture ICT Austin"}


def test_regions_mode_counts_cases_per_country(tiny_data: None) -> None:
    at = run_page(mode="regions")
    layer = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "regions")
    counts = {f["properties"]["key"]: f["properties"]["count"] for f in layer["data"]["features"]}
    assert counts == {"FR": 2, "DE": 1, "US": 2, "JP": 2, "MA": 1}


def test_regions_mode_in_an_area_counts_admin1_regions(tiny_data: None) -> None:
    at = run_page(mode="regions", view="japan")
    layer = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "regions")
    counts = {f["properties"]["key"]: f["properties"]["count"] for f in layer["data"]["features"]}
    assert counts == {"JP-28": 1, "JP-01": 1}


@pytest.mark.parametrize("target", ["pages/cases.py", "pages/compare.py", "pages/timeline.py"])
def test_filters_survive_a_page_switch(tiny_data: None, target: str) -> None:
    at = run_page()
    at.multiselect(key="f_areas").set_value(["japan"]).run()
    at.switch_page(target).run()
    assert at.multiselect(key="f_areas").value == ["japan"]
    assert at.checkbox(key="f_include_unknown_size").value is True
    at.run()
    assert at.query_params.get("area") == "japan" and "unknown_size" not in at.query_params
