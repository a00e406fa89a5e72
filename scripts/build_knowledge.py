"""Rebuild the generated files of data/knowledge/ from data/inputs/ (run by hand, offline).

- sources.csv: the sources of data/inputs/SOURCES.md sections 1-3, one row per address.
- us_cmp_strong_clusters_2016.csv: the US Cluster Mapping Project 2016 rows of the atlas's
  US statistical clusters (case ids us-cmp-<msa code>-<cluster code> of data/clusters.csv).

Usage: .venv/bin/python scripts/build_knowledge.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.knowledge import SOURCE_COLUMNS, SOURCES_CSV, SOURCES_MD, US_CMP_COLUMNS, US_CMP_CSV  # noqa: E402
from data.load import load_clusters  # noqa: E402

CMP_INPUT = ROOT / "data" / "inputs" / "us_cmp_msa_strong_traded_clusters_2016.csv"
URL = re.compile(r"https?://[^\s)]+")
TOPICS = {
    "France – pôles de compétitivité": "france-poles",
    "France – other": "france-other",
    "Germany": "germany",
    "Spain": "spain",
    "Italy": "italy",
    "Denmark / Sweden / Norway": "nordic",
    "United States": "united-states",
    "Japan": "japan",
    "Maghreb": "maghreb",
    "INNET and EU-level": "eu",
}
LICENCE = re.compile(r"licence stated: ([^;)]+)|(Istat publications state [^;)]+)")


def _clean(text: str) -> str:
    text = URL.sub("", text).replace("`", "")
    text = re.sub(r"\s+", " ", text).strip(" ,;-–")
    text = re.sub(r"^(and|,)(\s+|$)", "", text)
    text = re.sub(r"\s+and$", "", text).strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    return text


def _urls(text: str) -> list[str]:
    return [url.rstrip(".,;") for url in URL.findall(text)]


def _pairs(text: str) -> list[tuple[str, str]]:
    """Each address of a bullet with the description that follows it; an address followed by
    none shares the next description ("URL , URL (what both support)")."""
    matches = list(URL.finditer(text))
    if not matches:
        return [("", _clean(text))]
    notes = [
        _clean(text[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(text)])
        for i, match in enumerate(matches)
    ]
    for i in range(len(notes) - 2, -1, -1):
        notes[i] = notes[i] or notes[i + 1]
    prefix = _clean(text[: matches[0].start()])
    if prefix:
        notes[0] = f"{prefix} {notes[0]}".strip()
    return [(match.group(0).rstrip(".,;"), note) for match, note in zip(matches, notes, strict=True)]


def sources_rows(markdown: str) -> list[dict[str, str]]:
    """One row per address of SOURCES.md sections 1 to 3."""
    rows: list[dict[str, str]] = []
    section = topic = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            number = line[3:4]
            section = {"1": "structured", "2": "web", "3": "short-form"}.get(number, "")
            topic = {"1": "structured-data", "3": "short-form"}.get(number, "")
            continue
        if line.startswith("### "):
            topic = TOPICS[line[4:].strip()]
            continue
        if not section:
            continue
        if section == "structured" and line.startswith("| ") and not line.startswith(("| Source", "|---")):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows.append(
                {
                    "section": section,
                    "topic": topic,
                    "address": cells[0].replace("`", ""),
                    "supports": cells[1].replace("`", ""),
                    "licence": cells[2],
                    "date": cells[3],
                }
            )
        elif line.startswith("- "):
            text = line[2:]
            if section == "short-form":
                short, _, target = text.partition(" → ")
                note = f"cited in row notes as: {short.strip()}"
                for url in _urls(target) or [target.strip()]:
                    rows.append(
                        {
                            "section": section,
                            "topic": topic,
                            "address": url,
                            "supports": note,
                            "licence": "",
                            "date": "",
                        }
                    )
                continue
            for url, note in _pairs(text):
                match = LICENCE.search(note)
                licence = (match.group(1) or match.group(2)).strip() if match else ""
                rows.append(
                    {
                        "section": section,
                        "topic": topic,
                        "address": url,
                        "supports": note,
                        "licence": licence,
                        "date": "",
                    }
                )
    return rows


def us_cmp_rows() -> pd.DataFrame:
    """The CMP 2016 rows of the atlas's US statistical clusters."""
    cases = load_clusters()
    ids = cases.loc[cases["id"].str.match(r"^us-cmp-\d+-\d+$"), "id"]
    keys = ids.str.extract(r"^us-cmp-(?P<msa_code>\d+)-(?P<cluster_code>\d+)$").astype(int)
    keys["case_id"] = ids.to_numpy()
    cmp_rows = pd.read_csv(CMP_INPUT)
    joined = keys.merge(cmp_rows, on=["msa_code", "cluster_code"], how="inner", validate="one_to_one")
    return joined[list(US_CMP_COLUMNS)].sort_values("case_id", ignore_index=True)


def main() -> None:
    rows = sources_rows(SOURCES_MD.read_text(encoding="utf-8"))
    pd.DataFrame(rows, columns=list(SOURCE_COLUMNS)).to_csv(SOURCES_CSV, index=False)
    print(f"{SOURCES_CSV.relative_to(ROOT)}: {len(rows)} rows")
    figures = us_cmp_rows()
    figures.to_csv(US_CMP_CSV, index=False)
    print(f"{US_CMP_CSV.relative_to(ROOT)}: {len(figures)} rows")


if __name__ == "__main__":
    main()
