"""The seed knowledge: files load, quotes really occur in the cited seeds, links are supported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data import knowledge
from data.load import load_atlas_dir
from data.localised import Localised, missing_languages
from data.vocab import INNET_SECTORS
from ui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def atlas():  # type: ignore[no-untyped-def]
    return load_atlas_dir()


@pytest.mark.parametrize("topic", knowledge.TOPICS)
def test_topic_loads_in_every_language(topic: str) -> None:
    groups = knowledge.load_topic(topic)
    assert groups
    for group in groups.values():
        assert not missing_languages(group.title, LANGUAGES), group.id
        for text in (group.intro, group.rule):
            assert not text or not missing_languages(text, LANGUAGES), group.id
        for item in group.items:
            assert item.quote
            assert not missing_languages(item.label, LANGUAGES), item.id
            assert not missing_languages(item.text, LANGUAGES), item.id


@pytest.mark.parametrize("topic", knowledge.TOPICS)
def test_every_quote_occurs_in_its_seed(topic: str) -> None:
    assert knowledge.quote_problems(knowledge.load_topic(topic)) == []


@pytest.mark.parametrize("topic", knowledge.TOPICS)
def test_every_link_is_in_the_atlas_and_said_by_its_source(topic: str, atlas) -> None:  # type: ignore[no-untyped-def]
    groups = knowledge.load_topic(topic)
    assert knowledge.link_problems(groups, atlas.clusters, atlas.programmes) == []


def test_quote_check_ignores_line_breaks_but_not_words() -> None:
    assert knowledge.quote_in_seed("la Silicon Valley en est\n   certainement le plus célèbre exemple", "003")
    assert not knowledge.quote_in_seed("la Silicon Valley en est le meilleur exemple", "003")
    assert not knowledge.quote_in_seed("   ", "003")


def test_a_made_up_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "groups:\n  g:\n    seed: '001'\n    title_en: T\n    title_fr: T\n    items:\n"
        "      - {id: a, label_en: A, label_fr: A, text_en: x, text_fr: x,"
        " quote: 'les clusters sont parfaits'}\n",
        encoding="utf-8",
    )
    problems = knowledge.quote_problems(knowledge.load_groups(path))
    assert len(problems) == 1 and "g/a" in problems[0]


def test_malformed_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "groups:\n  g:\n    seed: '9'\n    title_fr: T\n    items:\n"
        "      - {id: A B, label_en: A, label_fr: A, text_en: x, text_fr: x, quote: q, policy: sideways,"
        " links: [{programme: p, quote: q}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(knowledge.KnowledgeError) as error:
        knowledge.load_groups(path)
    text = "; ".join(error.value.problems)
    for expected in (
        "seed '9'",
        "'title_en' is missing",
        "lower-case slug",
        "sideways",
        "either a seed or a field",
    ):
        assert expected in text


def test_a_link_quoting_a_field_must_find_it(atlas) -> None:  # type: ignore[no-untyped-def]
    item = knowledge.Item(
        id="x",
        label=Localised.of(en="x", fr="x"),
        text=Localised.of(en="x", fr="x"),
        seed="000",
        quote="q",
        links=(
            knowledge.Link(
                "programme", "us-regional-initiatives", "top-down everywhere", field="policy_rationale"
            ),
        ),
    )
    group = knowledge.Group(id="g", title=Localised.of(en="g"), seed="000", items=(item,))
    problems = knowledge.link_problems({"g": group}, atlas.clusters, atlas.programmes)
    assert problems and "does not contain the quote" in problems[0]


def test_innet_percentages_only_where_the_seed_gives_them() -> None:
    groups = knowledge.load_topic("innet")
    valued = [(g.id, i.id, i.value) for g in groups.values() for i in g.items if i.unit == "percent"]
    assert valued == [("strategy", "concrete-strategy", 10.0)]
    for group_id in ("motives", "barriers", "funding", "sectors"):
        assert not groups[group_id].values
        assert all(item.value is None for item in groups[group_id].items)


def test_innet_sectors_are_the_eight_of_the_vocabulary() -> None:
    sectors = knowledge.load_topic("innet")["sectors"]
    assert [item.sector for item in sectors.items] == list(INNET_SECTORS)
    assert {item.sector for item in sectors.items if item.highlight} == {
        "life-sciences",
        "mobility-transportation",
    }


def test_frame_of_the_survey() -> None:
    frame = {item.id: item.value for item in knowledge.load_topic("innet")["frame"].items}
    assert frame == {"clusters": 91, "countries": 10, "members": 32_000, "jobs": 2_500_000}


def test_sources_file_rests_on_sources_md() -> None:
    sources = knowledge.load_sources()
    markdown = knowledge.SOURCES_MD.read_text(encoding="utf-8")
    urls = sources.loc[sources["address"].str.startswith("http"), "address"]
    assert len(urls) > 150
    missing = [url for url in urls if url not in markdown]
    assert missing == []
    assert set(sources["section"]) == set(knowledge.SOURCE_SECTIONS)
    licences = set(sources["licence"]) - {""}
    assert all(licence in markdown for licence in licences)


def test_us_cmp_figures_are_copies_of_the_input() -> None:
    figures = knowledge.load_us_cmp()
    source = pd.read_csv(ROOT / "data" / "inputs" / "us_cmp_msa_strong_traded_clusters_2016.csv")
    merged = figures.merge(source, on=["msa_code", "cluster_code"], suffixes=("", "_input"))
    assert len(merged) == len(figures) > 30
    for column in ("employment", "establishments", "location_quotient", "msa_name", "cluster_name"):
        assert (merged[column] == merged[f"{column}_input"]).all(), column
    assert (
        figures["case_id"]
        == "us-cmp-" + figures["msa_code"].astype(str) + "-" + figures["cluster_code"].astype(str)
    ).all()


def test_us_cmp_rows_meet_the_stated_strong_cluster_rule() -> None:
    figures = knowledge.load_us_cmp()
    meta = knowledge.load_us_cmp_meta()
    assert "d.lq >= 1" in meta["rule"]["code"]
    assert (figures["location_quotient"] >= 1).all()
    assert (figures["year"] == meta["data_year"]).all()


def test_sector_rules_cover_the_vocabulary() -> None:
    rules = knowledge.load_sector_rules()
    counts = knowledge.sector_rule_counts(rules)
    assert len(counts) == 16 and counts.sum() >= len(rules)
    assert (rules["note"].str.contains("furniture, jewellery")).any()  # unquoted commas kept in the note
