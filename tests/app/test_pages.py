"""Every page runs without exception in both languages; the URL drives the view."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from geo.view import VIEW_PRESETS
from tests.app.conftest import ROOT, deck_spec, run_page
from ui.i18n import Translator, messages
from ui.keys import LANG_KEY

TITLES = {
    "dashboard.py": "map.title",
    "pages/cases.py": "cases.title",
    "pages/compare.py": "compare.title",
    "pages/models.py": "models.title",
    "pages/about.py": "about.title",
    "pages/policies.py": "policies.title",
    "pages/internationalisation.py": "innet.title",
    "pages/timeline.py": "timeline.title",
    "pages/us_strength.py": "us.title",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", sorted(TITLES))
def test_page_runs_in_both_languages(page: str, lang: str) -> None:
    at = run_page(page, lang=lang)
    assert not at.exception
    assert at.title[0].value == messages(lang)[TITLES[page]]
    assert not at.error


@pytest.mark.parametrize("view", sorted(VIEW_PRESETS))
def test_view_from_the_url_sets_the_map(view: str) -> None:
    spec = deck_spec(run_page(view=view))
    assert spec["initialViewState"]["zoom"] == VIEW_PRESETS[view].zoom
    assert spec["initialViewState"]["latitude"] == VIEW_PRESETS[view].latitude


def test_map_shows_every_case(tiny_data: None) -> None:
    at = run_page()
    layers = {layer["id"]: layer for layer in deck_spec(at)["layers"]}
    shown = len(layers["clusters"]["data"]) + len(layers["statistical-clusters"]["data"])
    assert shown == 8
    assert any("8" in caption.value for caption in at.caption)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_legend_names_the_sectors_and_the_statistical_clusters_shown(tiny_data: None, lang: str) -> None:
    at = run_page(lang=lang)
    legend = next(h.proto.body for h in at.get("html") if "atlas-legend" in h.proto.body)
    t = Translator(lang)
    assert html.escape(t("map.legend_title")) in legend
    clusters = pd.read_csv(ROOT / "tests" / "fixtures" / "tiny" / "clusters.csv")
    statistical = int((clusters["unit_type"] == "statistical-cluster").sum())
    assert (
        statistical
        and html.escape(t("map.statistical_note", n=statistical, sources="").split("(")[0]) in legend
    )
    ring = html.escape(t("map.statistical_legend"))
    assert ring in legend and "<script" not in legend
    japan = next(  # no statistical cluster there
        h.proto.body
        for h in run_page(lang=lang, area=["japan"]).get("html")
        if "atlas-legend" in h.proto.body
    )
    assert ring not in japan and html.escape(t("map.legend_title")) in japan


def test_junk_url_gives_a_polite_notice(tiny_data: None) -> None:
    at = run_page(view="mars", lang="xx", area=["japan", "<script>"], utm="1")
    assert not at.exception
    notice = " ".join(info.value for info in at.info)
    assert "view=mars" in notice and "lang=xx" in notice and "utm" in notice
    assert at.query_params.get("area") == "japan"
    assert "view" not in at.query_params


def test_language_switch_changes_labels_and_url(tiny_data: None) -> None:
    at = run_page()
    at.button_group(key=LANG_KEY).set_value("fr").run()
    assert at.title[0].value == messages("fr")["map.title"]
    assert at.query_params.get("lang") == "fr"


def test_tooltip_data_is_escaped(tiny_data: None) -> None:
    layers = deck_spec(run_page())["layers"]
    points = {row["id"]: row for layer in layers for row in layer.get("data") or [] if "id" in row}
    assert points["fx-toulouse-aero"]["tip_name"] == "Fixture Aero &lt;b&gt;Toulouse&lt;/b&gt;"


def test_broken_data_is_reported_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = ROOT / "tests" / "fixtures" / "tiny"
    for name in ("programmes.csv", "programme_figures.csv"):
        (tmp_path / name).write_text((fixture / name).read_text(encoding="utf-8"), encoding="utf-8")
    broken = (fixture / "clusters.csv").read_text(encoding="utf-8").replace("45.75", "999")
    (tmp_path / "clusters.csv").write_text(broken, encoding="utf-8")
    monkeypatch.setenv("CLUSTER_ATLAS_DATA_DIR", str(tmp_path))
    at = run_page()
    assert not at.exception
    assert at.error and "line 2, column 'lat'" in at.code[0].value


def test_compare_aligns_cases_whose_facts_differ() -> None:
    """Genopole's card quotes its own source, Joint Venture's does not: the table still draws,
    with a dash where a case has no such fact."""
    at = run_page("pages/compare.py", cmp=["fr-genopole", "us-joint-venture-silicon-valley"])
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    en = messages("en")
    assert table.loc[en["card.policy_basis_quote"], "Joint Venture Silicon Valley"] == "–"
    assert table.loc[en["card.policy_basis_quote"], "Genopole"].startswith("“Genopole est né")
    assert list(table.index).index(en["card.policy_basis_quote"]) < list(table.index).index(
        en["card.founded"]
    )
