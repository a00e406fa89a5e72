"""Status over time: today's view hides merged and ended cases (a link that names statuses keeps
its meaning, ``history=1`` shows them); programme periods and the status a programme's end gives
its programme clusters; the shipped rule tables hold together."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from curation.programmes import Programme
from curation.status import Period, Status, load_periods, programme_status, with_period
from data.filters import Filters, filters_to_params, parse_filters, past_hidden
from data.load import load_atlas_dir
from data.query import all_option_counts, filter_clusters
from ui.card import programme_period
from ui.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "data" / "inputs" / "rules"


@pytest.fixture()
def with_past(tiny_clusters: pd.DataFrame) -> pd.DataFrame:
    """The tiny atlas with one merged case (into the first) and one ended case."""
    frame = tiny_clusters.copy()
    frame.loc[frame.index[1], ["status", "successor_id"]] = ["merged", frame["id"].iloc[0]]
    frame.loc[frame.index[2], "status"] = "ended"
    frame.loc[frame.index[3], "status"] = "active"
    return frame


def test_the_default_view_is_today(with_past: pd.DataFrame) -> None:
    shown = filter_clusters(with_past, Filters())
    assert set(shown["status"]) <= {"active", "unknown"}
    assert len(shown) == len(with_past) - 2
    assert past_hidden(Filters())


def test_the_history_shows_every_case(with_past: pd.DataFrame) -> None:
    assert len(filter_clusters(with_past, Filters(history=True))) == len(with_past)
    assert not past_hidden(Filters(history=True))


def test_a_link_that_names_statuses_keeps_its_meaning(with_past: pd.DataFrame) -> None:
    filters, dropped = parse_filters({"status": ["merged"]}, {})
    assert dropped == []
    assert list(filter_clusters(with_past, filters)["status"]) == ["merged"]
    assert not past_hidden(filters)
    both = filter_clusters(with_past, Filters(statuses=frozenset({"active", "ended"})))
    assert sorted(both["status"]) == ["active", "ended"]


def test_the_history_switch_in_links() -> None:
    assert parse_filters({"history": "1"}, {}) == (Filters(history=True), [])
    assert filters_to_params(Filters(history=True)) == {"history": ["1"]}
    assert filters_to_params(Filters()) == {}
    assert parse_filters({"history": "yes"}, {}) == (Filters(), ["history=yes"])
    assert parse_filters({"history": "0"}, {}) == (Filters(), [])


def test_the_status_options_count_the_hidden_cases(with_past: pd.DataFrame) -> None:
    counts = all_option_counts(with_past, Filters())["statuses"]
    assert counts["merged"] == 1 and counts["ended"] == 1


def test_an_open_merged_case_is_still_in_the_atlas(with_past: pd.DataFrame) -> None:
    merged = with_past.loc[with_past["status"].eq("merged"), "id"].iloc[0]
    assert merged in set(with_past["id"]) and merged not in set(filter_clusters(with_past, Filters())["id"])


def _period(**changes: object) -> Period:
    values: dict[str, object] = dict(
        programme="jp-x",
        start=2002,
        end=2009,
        state="ended",
        cases_status="ended",
        source="https://example.org/start",
        quote="start",
        end_source="https://example.org/end",
        end_quote="end",
    )
    values.update(changes)
    return Period(**values)  # type: ignore[arg-type]


def test_a_programme_cluster_ends_with_its_programme_when_the_period_says_so() -> None:
    status, quote = programme_status(Status(), "programme-cluster", _period())
    assert (status.status, status.year, status.source) == ("ended", None, "https://example.org/end")
    assert "end" in quote


def test_a_figure_after_the_programme_end_keeps_the_status_unknown() -> None:
    assert programme_status(Status(), "programme-cluster", _period(), latest=2015) == (Status(), "")
    assert programme_status(Status(), "programme-cluster", _period(), latest=2008)[0].status == "ended"


@pytest.mark.parametrize(
    ("status", "unit_type", "period"),
    [
        (Status(), "cluster-organisation", _period()),  # an organisation outlives a programme
        (Status(), "programme-cluster", _period(cases_status="")),  # its projects went on
        (Status(), "programme-cluster", None),
        (Status("active", 2023, "https://example.org/list"), "programme-cluster", _period()),
    ],
)
def test_no_status_from_a_programme_otherwise(status: Status, unit_type: str, period: Period | None) -> None:
    assert programme_status(status, unit_type, period) == (status, "")


def _write_periods(path: Path, **row: str) -> Path:
    columns = ["programme_id", "start_year", "end_year", "state", "cases_status", "source_url", "quote"]
    columns += ["end_source_url"]
    base = dict(programme_id="x", start_year="2001", end_year="2009", state="ended", cases_status="")
    base.update(source_url="https://example.org", quote="q")
    base.update(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow(base)
    return path


@pytest.mark.parametrize(
    "row",
    [
        {"state": "finished"},
        {"source_url": ""},
        {"end_year": "1999"},
        {"state": "ongoing", "cases_status": "ended"},
    ],
)
def test_a_bad_period_is_refused(tmp_path: Path, row: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="programme_periods"):
        load_periods(_write_periods(tmp_path / "p.csv", **row))


def test_a_period_reaches_its_programme(tmp_path: Path) -> None:
    periods = load_periods(_write_periods(tmp_path / "p.csv", end_source_url="https://example.org/e"))
    programme = Programme(
        "x", "X", "", "JP", "japan", "", 2001, "", "", "unknown", "r", "", "https://example.org", "", ""
    )
    dated = with_period(programme, periods["x"])
    assert (dated.period_start, dated.period_end, dated.period_state) == (2001, 2009, "ended")
    assert dated.period_source == "https://example.org ; https://example.org/e"
    assert with_period(programme, None) is programme


@pytest.mark.parametrize(
    ("values", "en", "fr"),
    [
        (
            {"period_start": 2002, "period_end": 2009, "period_state": "ended"},
            "2002–2009 (ended)",
            "2002–2009 (terminé)",
        ),
        (
            {"period_start": 2019, "period_end": None, "period_state": "ongoing"},
            "since 2019 (ongoing)",
            "depuis 2019 (en cours)",
        ),
        ({"period_start": 2001, "period_end": 2020, "period_state": None}, "2001–2020", "2001–2020"),
    ],
)
def test_the_card_says_the_programme_period(values: dict[str, object], en: str, fr: str) -> None:
    programme = pd.Series(values)
    assert programme_period(programme, Translator("en")) == en
    assert programme_period(programme, Translator("fr")) == fr
    assert programme_period(pd.Series({"period_start": None}), Translator("en")) is None


def test_the_shipped_statuses_hold_together() -> None:
    atlas = load_atlas_dir()
    clusters = atlas.clusters
    ids = set(clusters["id"])
    rules = list(csv.DictReader((RULES / "case_status.csv").open(encoding="utf-8")))
    assert {r["id"] for r in rules} <= ids, "a status rule names an unknown case"
    merged = clusters.loc[clusters["status"].eq("merged")]
    assert set(merged["successor_id"].dropna()) <= ids, "a successor is not a case of the atlas"
    assert clusters.loc[~clusters["status"].eq("unknown"), "status_source"].notna().all()
    periods = load_periods(RULES / "programme_periods.csv")
    assert set(periods) <= set(atlas.programmes["id"])
    # A programme cluster called ended by its programme's end cites that end.
    for pid, period in periods.items():
        if period.cases_status == "ended":
            cases = clusters.loc[
                clusters["programme"].eq(pid) & clusters["unit_type"].eq("programme-cluster")
            ]
            assert not cases.empty
            # Unknown only where a figure of a later year shows the case lived on.
            alive = cases.loc[cases["status"].eq("unknown")]
            years = alive[
                [f"{f}_year" for f in ("members_firms", "members_research", "members_total", "employees")]
            ]
            assert (years.max(axis=1) > (period.end or 0)).all()
