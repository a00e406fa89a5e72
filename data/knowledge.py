"""Load and check what the seed documents teach (data/knowledge/): typologies, lessons, survey, sources."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd
import yaml

from data.localised import NO_TEXT, REFERENCE_LANGUAGE, Localised
from data.vocab import POLICY_TYPES, SECTORS

DATA_DIR: Final[Path] = Path(__file__).resolve().parent
KNOWLEDGE_DIR: Final[Path] = DATA_DIR / "knowledge"
SEEDS_DIR: Final[Path] = DATA_DIR / "inputs" / "seeds"
RULES_DIR: Final[Path] = DATA_DIR / "inputs" / "rules"
SOURCES_MD: Final[Path] = DATA_DIR / "inputs" / "SOURCES.md"
SOURCES_CSV: Final[Path] = KNOWLEDGE_DIR / "sources.csv"
US_CMP_CSV: Final[Path] = KNOWLEDGE_DIR / "us_cmp_strong_clusters_2016.csv"
US_CMP_META: Final[Path] = KNOWLEDGE_DIR / "us_cmp_strong_clusters_2016.meta.yml"
SECTOR_RULES: Final[tuple[Path, ...]] = (RULES_DIR / "sector_map.csv", RULES_DIR / "name_sector_map.csv")

TOPICS: Final[tuple[str, ...]] = (
    "policy_models",
    "lessons",
    "innet",
    "documents",
    "area_models",
)
SLUG: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEED_CODE: Final = re.compile(r"^00[0-9]$")
LinkKind = Literal["programme", "case", "search"]
LINK_KINDS: Final[tuple[LinkKind, ...]] = ("programme", "case", "search")
# Fields of the atlas tables a link may quote (the row itself then says what the link claims).
LINK_FIELDS: Final[frozenset[str]] = frozenset(
    {"policy_rationale", "source_note", "summary_en", "summary_fr", "key_figures", "clusters_detail"}
)
SOURCE_SECTIONS: Final[tuple[str, ...]] = ("structured", "web", "short-form")


class KnowledgeError(ValueError):
    """A knowledge file does not have the expected shape; ``problems`` lists every one."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path.name}: " + "; ".join(problems))


@dataclass(frozen=True)
class Link:
    """A programme, case or map search that illustrates an item, with the text that says so."""

    kind: LinkKind
    target: str
    quote: str
    seed: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Item:
    """One concept, lesson or answer category of a seed, in every language, with its quote.

    ``text`` is empty in every language when the item has no explanation (``-`` in the file).
    """

    id: str
    label: Localised
    text: Localised
    seed: str
    quote: str
    policy: str | None = None
    sector: str | None = None
    value: float | None = None
    unit: str | None = None
    highlight: bool = False
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Group:
    """A typology, list or survey question of one seed: its items and what the seed says of them."""

    id: str
    title: Localised
    seed: str
    items: tuple[Item, ...]
    intro: Localised = NO_TEXT
    quote: str = ""
    respondents: int | None = None
    # How many answers each respondent could give (may be empty).
    rule: Localised = NO_TEXT
    values: bool = True


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, so OCR line breaks do not matter.

    Examples
    --------
    >>> normalise("  la Silicon\\n  Valley ")
    'la Silicon Valley'
    """
    return " ".join(text.split())


def seed_path(code: str) -> Path:
    """The seed file of a code such as ``"003"``."""
    matches = sorted(SEEDS_DIR.glob(f"{code}_*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"no single seed file for {code!r} in {SEEDS_DIR}")
    return matches[0]


@cache
def seed_text(code: str) -> str:
    """The whitespace-normalised text of a seed document."""
    return normalise(seed_path(code).read_text(encoding="utf-8"))


def quote_in_seed(quote: str, code: str) -> bool:
    """True when the quote occurs in the seed once whitespace is collapsed."""
    return bool(quote.strip()) and normalise(quote) in seed_text(code)


def _text(raw: Mapping[str, Any], key: str, where: str, problems: list[str], *, required: bool = True) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(f"{where}: '{key}' is missing")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}: '{key}' must be text, found {value!r}")
        return ""
    return value


def _localised(
    raw: Mapping[str, Any], stem: str, where: str, problems: list[str], *, required: bool = True
) -> Localised:
    """The ``<stem>_<lang>`` fields of a record; a required text must be there in English."""
    for key, value in raw.items():
        if str(key).startswith(f"{stem}_") and value is not None and not isinstance(value, str):
            problems.append(f"{where}: '{key}' must be text, found {value!r}")
    text = Localised.from_fields(raw, stem)
    if required and REFERENCE_LANGUAGE not in text.languages:
        problems.append(f"{where}: '{stem}_{REFERENCE_LANGUAGE}' is missing")
    return text


def _link(raw: Any, where: str, problems: list[str]) -> Link | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: a link must be a mapping")
        return None
    kinds = [kind for kind in LINK_KINDS if kind in raw]
    if len(kinds) != 1:
        problems.append(f"{where}: a link names exactly one of {', '.join(LINK_KINDS)}")
        return None
    kind = kinds[0]
    quote = _text(raw, "quote", where, problems)
    seed = raw.get("seed")
    field_name = raw.get("field")
    if (seed is None) == (field_name is None):
        problems.append(f"{where}: a link cites either a seed or a field of the atlas row, not both")
    if seed is not None and not (isinstance(seed, str) and SEED_CODE.match(seed)):
        problems.append(f"{where}: seed {seed!r} is not a seed code such as '003'")
    if field_name is not None and field_name not in LINK_FIELDS:
        problems.append(f"{where}: field {field_name!r} is not one of {sorted(LINK_FIELDS)}")
    if field_name is not None and kind == "search":
        problems.append(f"{where}: a search link must cite a seed")
    return Link(
        kind=kind,
        target=str(raw[kind]),
        quote=quote,
        seed=seed if isinstance(seed, str) else None,
        field=field_name if isinstance(field_name, str) else None,
    )


def _number(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}: '{key}' must be a number, found {value!r}")
        return None
    return float(value)


def _item(raw: Any, group_seed: str, where: str, problems: list[str]) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: an item must be a mapping")
        return None
    item_id = _text(raw, "id", where, problems)
    where = f"{where} '{item_id}'"
    if item_id and not SLUG.match(item_id):
        problems.append(f"{where}: id must be a lower-case slug")
    seed = str(raw.get("seed", group_seed))
    if not SEED_CODE.match(seed):
        problems.append(f"{where}: seed {seed!r} is not a seed code such as '003'")
    policy, sector = raw.get("policy"), raw.get("sector")
    if policy is not None and policy not in POLICY_TYPES:
        problems.append(f"{where}: policy {policy!r} is not one of {POLICY_TYPES}")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: sector {sector!r} is not in the sector vocabulary")
    value = _number(raw, "value", where, problems)
    unit = raw.get("unit")
    if (value is None) != (unit is None):
        problems.append(f"{where}: 'value' and 'unit' go together")
    raw_links = raw.get("links") or []
    if not isinstance(raw_links, list):
        problems.append(f"{where}: 'links' must be a list")
        raw_links = []
    links = [_link(link, f"{where} link {i + 1}", problems) for i, link in enumerate(raw_links)]
    return Item(
        id=item_id,
        label=_localised(raw, "label", where, problems),
        text=_localised(raw, "text", where, problems).map(lambda text: "" if text == "-" else text),
        seed=seed,
        quote=_text(raw, "quote", where, problems),
        policy=policy if isinstance(policy, str) else None,
        sector=sector if isinstance(sector, str) else None,
        value=value,
        unit=str(unit) if unit is not None else None,
        highlight=bool(raw.get("highlight", False)),
        links=tuple(link for link in links if link is not None),
    )


_GROUP_KEYS: Final[frozenset[str]] = frozenset({"seed", "quote", "items", "respondents", "values"})
# Localised fields of a group: ``title_en``, ``title_fr``... (any language).
_GROUP_TEXTS: Final = re.compile(r"^(title|intro|rule)_[a-z]{2}$")


def _group(group_id: str, raw: Any, problems: list[str]) -> Group | None:
    where = f"group '{group_id}'"
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: must be a mapping")
        return None
    unknown = {key for key in set(raw) - _GROUP_KEYS if not _GROUP_TEXTS.match(str(key))}
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    seed = str(raw.get("seed", ""))
    if not SEED_CODE.match(seed):
        problems.append(f"{where}: seed {seed!r} is not a seed code such as '003'")
    raw_items = raw.get("items")
    if not isinstance(raw_items, list):
        problems.append(f"{where}: 'items' must be a list")
        raw_items = []
    items = [_item(item, seed, f"{where} item {i + 1}", problems) for i, item in enumerate(raw_items)]
    ids = [item.id for item in items if item is not None]
    if len(ids) != len(set(ids)):
        problems.append(f"{where}: item ids repeat")
    respondents = raw.get("respondents")
    if respondents is not None and (not isinstance(respondents, int) or respondents <= 0):
        problems.append(f"{where}: 'respondents' must be a positive whole number")
    return Group(
        id=group_id,
        title=_localised(raw, "title", where, problems),
        seed=seed,
        items=tuple(item for item in items if item is not None),
        intro=_localised(raw, "intro", where, problems, required=False),
        quote=_text(raw, "quote", where, problems, required=False),
        respondents=respondents if isinstance(respondents, int) else None,
        rule=_localised(raw, "rule", where, problems, required=False),
        values=bool(raw.get("values", True)),
    )


def load_groups(path: Path) -> dict[str, Group]:
    """Read one knowledge file and check its shape; every problem is reported at once."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(path, [f"cannot be read as YAML ({error})"]) from None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("groups"), Mapping):
        raise KnowledgeError(path, ["expected a mapping with a 'groups' mapping"])
    problems: list[str] = []
    groups = {str(key): _group(str(key), value, problems) for key, value in raw["groups"].items()}
    if problems:
        raise KnowledgeError(path, problems)
    return {key: group for key, group in groups.items() if group is not None}


def load_topic(topic: str, directory: Path = KNOWLEDGE_DIR) -> dict[str, Group]:
    """The groups of one topic file, e.g. ``load_topic("innet")``."""
    if topic not in TOPICS:
        raise ValueError(f"unknown knowledge topic {topic!r}; expected one of {TOPICS}")
    return load_groups(directory / f"{topic}.yaml")


def quote_problems(groups: Mapping[str, Group]) -> list[str]:
    """Every group, item and seed-cited link quote that does not occur in its seed file."""
    problems: list[str] = []
    for group in groups.values():
        if group.quote and not quote_in_seed(group.quote, group.seed):
            problems.append(f"group '{group.id}': quote not in seed {group.seed}: {group.quote[:60]!r}")
        for item in group.items:
            if not quote_in_seed(item.quote, item.seed):
                problems.append(f"'{group.id}/{item.id}': quote not in seed {item.seed}: {item.quote[:60]!r}")
            for link in item.links:
                if link.seed is not None and not quote_in_seed(link.quote, link.seed):
                    problems.append(f"'{group.id}/{item.id}' link: quote not in seed {link.seed}")
    return problems


def link_problems(groups: Mapping[str, Group], clusters: pd.DataFrame, programmes: pd.DataFrame) -> list[str]:
    """Links whose target is not in the atlas, or whose quoted field does not say what they claim."""
    tables = {"programme": programmes.set_index("id"), "case": clusters.set_index("id")}
    problems: list[str] = []
    for group in groups.values():
        for item in group.items:
            for link in item.links:
                where = f"'{group.id}/{item.id}' -> {link.kind} {link.target!r}"
                if link.kind == "search":
                    if not clusters["name"].str.contains(link.target, regex=False).any():
                        problems.append(f"{where}: no case name contains it")
                    continue
                table = tables[link.kind]
                if link.target not in table.index:
                    problems.append(f"{where}: not in the atlas")
                    continue
                if link.field is not None:
                    cell = table.at[link.target, link.field] if link.field in table.columns else None
                    if not isinstance(cell, str) or normalise(link.quote) not in normalise(cell):
                        problems.append(f"{where}: field {link.field} does not contain the quote")
    return problems


def linked_targets(item: Item, clusters: pd.DataFrame, programmes: pd.DataFrame) -> list[Link]:
    """The item's links whose target exists in the atlas now (the data may have changed)."""
    known = {"programme": set(programmes["id"]), "case": set(clusters["id"])}
    kept: list[Link] = []
    for link in item.links:
        if link.kind == "search":
            if clusters["name"].str.contains(link.target, regex=False).any():
                kept.append(link)
        elif link.target in known[link.kind]:
            kept.append(link)
    return kept


# --- Sources, US Cluster Mapping figures, sector rules --------------------------------------

SOURCE_COLUMNS: Final[tuple[str, ...]] = ("section", "topic", "address", "supports", "licence", "date")
US_CMP_COLUMNS: Final[dict[str, str]] = {
    "case_id": "str",
    "msa_code": "int",
    "msa_name": "str",
    "cluster_code": "int",
    "cluster_name": "str",
    "year": "int",
    "employment": "int",
    "establishments": "int",
    "location_quotient": "float",
}


def load_sources(path: Path = SOURCES_CSV) -> pd.DataFrame:
    """The sources of the atlas, one row per address (empty text where SOURCES.md states none)."""
    try:
        sources = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise KnowledgeError(path, [f"cannot be read as UTF-8 CSV ({error})"]) from None
    problems: list[str] = []
    if tuple(sources.columns) != SOURCE_COLUMNS:
        problems.append(f"columns must be {SOURCE_COLUMNS}, found {tuple(sources.columns)}")
    else:
        bad = sources.loc[~sources["section"].isin(SOURCE_SECTIONS), "section"]
        problems += [f"line {int(str(i)) + 2}: section {v!r} unknown" for i, v in bad.items()]
        empty = sources.loc[sources["address"].eq("") & sources["supports"].eq("")]
        problems += [f"line {i + 2}: neither address nor description" for i in empty.index]
    if problems:
        raise KnowledgeError(path, problems)
    return sources


def load_us_cmp(path: Path = US_CMP_CSV) -> pd.DataFrame:
    """US Cluster Mapping Project 2016 figures of the atlas's US statistical clusters, checked."""
    try:
        figures = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise KnowledgeError(path, [f"cannot be read as UTF-8 CSV ({error})"]) from None
    if tuple(figures.columns) != tuple(US_CMP_COLUMNS):
        raise KnowledgeError(
            path, [f"columns must be {tuple(US_CMP_COLUMNS)}, found {tuple(figures.columns)}"]
        )
    problems: list[str] = []
    for column, kind in US_CMP_COLUMNS.items():
        if kind == "str":
            continue
        numbers = pd.to_numeric(figures[column], errors="coerce")
        for index in figures.index[numbers.isna()]:
            problems.append(
                f"line {index + 2}, column '{column}': {figures.at[index, column]!r} is not a number"
            )
        figures[column] = numbers.astype("Int64") if kind == "int" else numbers.astype(float)
    if figures["case_id"].duplicated().any():
        problems.append("case_id values repeat")
    if problems:
        raise KnowledgeError(path, problems)
    return figures


def load_us_cmp_meta(path: Path = US_CMP_META) -> dict[str, Any]:
    """Citation and strong-cluster rule of the US Cluster Mapping figures; ``source``, ``licence``
    and the rule's ``source`` are localised texts (``source_en``, ``source_fr``... in the file)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    required = ("producer", "title", "source_en", "licence_en", "data_year", "rule")
    if (
        not isinstance(raw, dict)
        or any(key not in raw for key in required)
        or not isinstance(raw["rule"], dict)
    ):
        raise KnowledgeError(path, [f"expected the keys {required}"])
    rule = {**raw["rule"], "source": Localised.from_fields(raw["rule"], "source")}
    return {
        **raw,
        "source": Localised.from_fields(raw, "source"),
        "licence": Localised.from_fields(raw, "licence"),
        "rule": rule,
    }


def load_sector_rules(paths: tuple[Path, ...] = SECTOR_RULES) -> pd.DataFrame:
    """The keyword rules that assign atlas sectors (columns: table, pattern, sectors, note)."""
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            # A note may hold unquoted commas: the extra cells belong to it.
            for row in csv.DictReader(handle, restkey="_rest"):
                note = ",".join([row.get("note") or "", *row.get("_rest", [])]).strip(",")
                rows.append(
                    {
                        "table": path.name,
                        "pattern": row.get("pattern") or "",
                        "sectors": row.get("sectors") or "",
                        "note": note.strip(),
                    }
                )
    return pd.DataFrame(rows, columns=["table", "pattern", "sectors", "note"])


def sector_rule_counts(rules: pd.DataFrame) -> pd.Series:
    """How many rules can assign each sector of the vocabulary (0 for none)."""
    counts = rules["sectors"].str.split(";").explode().str.strip().value_counts()
    return counts.reindex(list(SECTORS), fill_value=0)
