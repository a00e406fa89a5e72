"""The models page: panels per group under the URL's filters, links to the filtered map."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from data.filters import Filters
from data.load import load_atlas_dir
from data.models import compare
from data.query import filter_clusters
from data.slides import build_pptx
from data.stories import load_stories
from tests.app.conftest import ROOT, run_page
from ui.i18n import Translator
from ui.keys import BY_KEY
from ui.model_figure import comparison_slides, figure_text, picture
from ui.state import ViewState, Vocabulary, parse_params

TINY = ROOT / "tests" / "fixtures" / "tiny"


def panels(at) -> str:  # type: ignore[no-untyped-def]
    blocks = [h.proto.body for h in at.get("html") if "models-grid" in h.proto.body]
    assert len(blocks) == 1
    return str(blocks[0])


def count_links(body: str) -> dict[str, str]:
    """Panel name -> href of its count link."""
    found = re.findall(r'aria-label="([^"]+)".*?<div class="count"><a href="([^"]+)"', body)
    return {html.unescape(name): html.unescape(href) for name, href in found}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_by_policy_under_a_sector_filter_counts_like_the_cases_table(tiny_data: None, lang: str) -> None:
    at = run_page("pages/models.py", by="policy", sector="ict", lang=lang)
    assert not at.exception and not at.error
    t = Translator(lang)
    body = panels(at)
    clusters = load_atlas_dir(TINY).clusters
    links = count_links(body)
    assert set(links) == {t.label("policy", p) for p in ("top-down", "bottom-up")}
    for href in links.values():
        # Each count link opens the map under the same filters plus its group, and says so.
        query = {k: v for k, v in parse_qs(urlsplit(href).query).items()}
        state = parse_params(query, Vocabulary()).state
        assert urlsplit(href).path == "/" and "ict" in query["sector"]
        n = len(filter_clusters(clusters, state.filters))
        assert html.escape(t("models.cases", n=n)) in body
    assert at.query_params.get("by") == "policy"


def test_by_area_quotes_the_seeds_and_links_the_policy_page(tiny_data: None) -> None:
    body = panels(run_page("pages/models.py"))
    assert body.count("<blockquote>") == 4 and "Seed 003" in body
    assert 'href="/policies?area=japan"' in body
    assert body.count("<img") == 4 and "data:image/svg+xml;base64," in body


def test_switching_the_grouping_changes_panels_and_url(tiny_data: None) -> None:
    at = run_page("pages/models.py")
    at.segmented_control(key=BY_KEY).set_value("unit").run()
    assert not at.exception
    assert at.query_params.get("by") == "unit"
    assert "Technopole" in html.unescape(panels(at)) or "technopole" in html.unescape(panels(at)).lower()


def test_a_bad_grouping_is_dropped_with_a_notice(tiny_data: None) -> None:
    at = run_page(by="colour")
    assert not at.exception
    assert "by=colour" in " ".join(info.value for info in at.info)
    at.switch_page("pages/models.py").run()
    assert len(count_links(panels(at))) == 4  # by area, the default


def test_no_case_says_so(tiny_data: None) -> None:
    at = run_page("pages/models.py", q="no such cluster anywhere")
    assert not at.exception
    assert not [h for h in at.get("html") if "models-grid" in h.proto.body]
    assert at.info


def test_presenter_mode_draws_the_panels(tiny_data: None) -> None:
    at = run_page("pages/models.py", present="1", by="policy")
    assert not at.exception and count_links(panels(at))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_card_lists_comparable_cases_of_other_areas_with_reasons(tiny_data: None, lang: str) -> None:
    at = run_page(case="fx-sapporo-ict", lang=lang)
    assert not at.exception
    t = Translator(lang)
    assert any(t("comparable.title") in m.value for m in at.markdown)
    labels = [b.label for b in at.button if b.key and "_cmp_" in b.key]
    # Other areas only: the ICT cases of Europe, the United States and the Maghreb.
    assert labels and "Sapporo" not in " ".join(labels)
    assert any(t("comparable.main_sector") in c.value for c in at.caption)
    opened = next(b for b in at.button if b.key and b.key.endswith("_cmp_fx-munich-ict"))
    opened.click().run()
    assert at.query_params.get("case") == "fx-munich-ict"


def test_the_method_page_explains_comparable_cases() -> None:
    at = run_page("pages/about.py")
    assert any(Translator("en")("comparable.method_title") == h.value for h in at.subheader)


SUMMARIES = [("dashboard.py", "map_summary"), ("pages/cases.py", "table_summary")]


@pytest.mark.parametrize(("page", "prefix"), SUMMARIES)
def test_the_summary_sets_a_filter_and_a_second_click_clears_it(
    tiny_data: None, page: str, prefix: str
) -> None:
    at = run_page(page)
    pills = at.button_group(key=f"{prefix}_policy")
    assert "Top-down · 3" in pills.options  # the label carries the count of the filtered cases
    pills.set_value("top-down").run()
    assert not at.exception
    assert at.query_params.get("policy") in ("top-down", ["top-down"])
    assert at.button_group(key=f"{prefix}_policy").value == "top-down"
    # The other values stay on offer, each with the number of cases its click shows.
    assert "Bottom-up · 2" in at.button_group(key=f"{prefix}_policy").options
    assert at.multiselect(key="f_policies").value == ["top-down"]
    at.button_group(key=f"{prefix}_policy").set_value(None).run()
    assert "policy" not in at.query_params
    assert at.button_group(key=f"{prefix}_policy").value is None


def test_the_summary_follows_filters_set_elsewhere_and_the_language(tiny_data: None) -> None:
    at = run_page(size="large", lang="fr")
    pills = at.button_group(key="map_summary_size")
    assert pills.value == "large"
    assert any("Ce que montrent les filtres" in m.value for m in at.markdown)


def test_the_comparison_slide_goes_into_the_pptx_as_native_charts() -> None:
    """The PPTX's comparison slide holds PowerPoint charts (a chart part each), with a title and
    a description; every bar's segments sum to its group's cases in the cases table."""
    story = load_stories()["four-models"]
    contents = comparison_slides(story, Translator("fr"))
    assert [c.title for c in contents] == ["Les quatre modèles côte à côte"]
    assert contents[0].image_png  # the picture stays for the screen
    deck = Presentation(io.BytesIO(build_pptx(contents)))
    slide = deck.slides[0]
    assert slide.shapes.title.text == "Les quatre modèles côte à côte"
    assert not any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes)
    frames = [shape for shape in slide.shapes if shape.has_chart]
    assert len(frames) == 4
    parts = [rel.target_part.partname for rel in slide.part.rels.values() if rel.reltype.endswith("/chart")]
    assert len(parts) == 4 and all(str(name).startswith("/ppt/charts/chart") for name in parts)
    # The cases of today (merged and ended ones are history, hidden by default), as the panels.
    cases = filter_clusters(load_atlas_dir().clusters, Filters())["area"].value_counts()
    for frame in frames:
        chart = frame.chart
        assert chart.has_title and chart.chart_title.text_frame.text
        description = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        assert description.startswith(chart.chart_title.text_frame.text) and "Europe" in description
        plot = chart.plots[0]
        categories = list(plot.categories)
        assert [c.split(" (")[0] for c in categories] == ["Europe", "États-Unis", "Japon", "Maghreb"]
        totals = [int(sum(series.values[i] for series in plot.series)) for i in range(len(categories))]
        assert totals == [cases[area] for area in ("europe", "united-states", "japan", "maghreb")]
        assert all(f"({n} cas)" in c for n, c in zip(totals, categories, strict=True))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_panels_picture_has_title_filters_and_sources(tiny_data: None, lang: str) -> None:
    atlas = load_atlas_dir(TINY)
    state = ViewState(filters=Filters(sectors=frozenset({"ict"})), lang=lang, by="policy")
    result = compare(filter_clusters(atlas.clusters, state.filters), atlas.programmes, "policy")
    t = Translator(lang)
    svg = picture(result, atlas, state, t, "svg").decode("utf-8")
    # matplotlib writes SVG text as paths unless told otherwise: read the words from the text.
    words = figure_text(result, atlas, state, t)
    assert words.title == t("models.figure_title", by=t("models.by_policy_lower"), n=4)
    assert t.label("sector", "ict") in words.subtitle and "SOURCES.md" in words.credit
    assert svg.startswith("<?xml") and "<svg" in svg
    assert picture(result, atlas, state, t, "png").startswith(b"\x89PNG")
