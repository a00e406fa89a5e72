"""Schemas of the case, programme and figure tables: the only place their columns and rules are written."""

from __future__ import annotations

from typing import Final

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from data.vocab import (
    AREAS,
    COORD_PRECISIONS,
    PERIOD_STATES,
    POLICY_BASES,
    POLICY_TYPES,
    SECTORS,
    SIZE_CLASSES,
    STATUSES,
    UNIT_TYPES,
    UNPLACED,
    size_class_for,
    split_list,
)

SLUG: Final[str] = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
FIRST_YEAR: Final[int] = 1800
LAST_YEAR: Final[int] = 2026
MAX_SECTORS: Final[int] = 3

# Every size figure travels with the year it describes and its source. FIGURES are the
# organisation's own counts: its members, the employees of its member firms, and the staff of the
# cluster organisation itself. The size class reads them all but the staff (SIZE_CLASS_FIGURES: a
# team of twelve can serve three hundred members). REGIONAL_FIGURES are a region's or metro
# area's sector employment (US Cluster Mapping, Italian districts, regional sectors).
SIZE_CLASS_FIGURES: Final[tuple[str, ...]] = (
    "members_firms",
    "members_research",
    "members_total",
    "employees",
)
FIGURES: Final[tuple[str, ...]] = (*SIZE_CLASS_FIGURES, "staff")
REGIONAL_FIGURES: Final[tuple[str, ...]] = ("regional_employees",)


class ClusterSchema(pa.DataFrameModel):
    """One row per cluster case (organisation, labelled cluster, technopole or statistical cluster)."""

    id: Series[str] = pa.Field(unique=True, str_matches=SLUG)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    name_local: Series[str] = pa.Field(nullable=True)
    unit_type: Series[str] = pa.Field(isin=UNIT_TYPES)
    area: Series[str] = pa.Field(isin=AREAS)
    country_iso2: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$")
    admin1_id: Series[str] = pa.Field(nullable=True)
    region: Series[str] = pa.Field(nullable=True)
    city: Series[str] = pa.Field(nullable=True)
    # Empty only for a case not placed (coord_precision "unknown"): see placed_points.
    lat: Series[float] = pa.Field(ge=-90, le=90, nullable=True)
    lon: Series[float] = pa.Field(ge=-180, le=180, nullable=True)
    coord_precision: Series[str] = pa.Field(isin=COORD_PRECISIONS)
    coord_source: Series[str] = pa.Field(str_length={"min_value": 1})
    sectors: Series[str] = pa.Field(str_length={"min_value": 1})
    sector_detail: Series[str] = pa.Field(nullable=True)
    programme: Series[str] = pa.Field(str_matches=SLUG)
    policy_type: Series[str] = pa.Field(isin=POLICY_TYPES)
    policy_rationale: Series[str] = pa.Field(str_length={"min_value": 1})
    # The same in French (the atlas's words translated, quotations as they are); empty = not yet.
    policy_rationale_fr: Series[str] = pa.Field(nullable=True)
    policy_basis: Series[str] = pa.Field(isin=POLICY_BASES)
    # The case's own source on how it was created (original language) and its address.
    policy_basis_quote: Series[str] = pa.Field(nullable=True)
    policy_basis_source: Series[str] = pa.Field(nullable=True)
    founded_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    founded_year_source: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=STATUSES)
    status_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    status_source: Series[str] = pa.Field(nullable=True)
    successor_id: Series[str] = pa.Field(nullable=True, str_matches=SLUG)
    members_firms: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    members_firms_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    members_firms_source: Series[str] = pa.Field(nullable=True)
    members_research: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    members_research_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    members_research_source: Series[str] = pa.Field(nullable=True)
    # Members of every kind as a source counts them, when it does not split them.
    members_total: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    members_total_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    members_total_source: Series[str] = pa.Field(nullable=True)
    employees: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    employees_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    employees_source: Series[str] = pa.Field(nullable=True)
    staff: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    staff_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    staff_source: Series[str] = pa.Field(nullable=True)
    regional_employees: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    regional_employees_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    regional_employees_source: Series[str] = pa.Field(nullable=True)
    size_class: Series[str] = pa.Field(isin=SIZE_CLASSES)
    summary_en: Series[str] = pa.Field(nullable=True)
    summary_fr: Series[str] = pa.Field(nullable=True)
    website: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    website_source: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(str_length={"min_value": 1})
    source_note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.check("sectors", name="sectors_in_vocabulary")
    @classmethod
    def sectors_known(cls, sectors: pd.Series) -> pd.Series:
        """1 to 3 sectors, each from the controlled vocabulary."""
        return sectors.map(
            lambda cell: (
                1 <= len(split_list(cell)) <= MAX_SECTORS and all(s in SECTORS for s in split_list(cell))
            )
        )

    @pa.dataframe_check(name="point_unless_not_placed")
    @classmethod
    def placed_points(cls, frame: pd.DataFrame) -> pd.Series:
        """A case has both coordinates, unless it is not placed; then it has neither."""
        unplaced = frame["coord_precision"].eq(UNPLACED)
        return (frame["lat"].isna() == unplaced) & (frame["lon"].isna() == unplaced)

    @pa.dataframe_check(name="founded_year_has_source")
    @classmethod
    def founded_year_sourced(cls, frame: pd.DataFrame) -> pd.Series:
        """A founding year carries its source."""
        return frame["founded_year"].isna() | frame["founded_year_source"].notna()

    @pa.dataframe_check(name="figures_have_year_and_source")
    @classmethod
    def figures_sourced(cls, frame: pd.DataFrame) -> pd.Series:
        """Every size figure carries the year it describes and its source."""
        ok: pd.Series = pd.Series(True, index=frame.index)
        for figure in (*FIGURES, *REGIONAL_FIGURES):
            present = frame[figure].notna()
            ok &= ~present | (frame[f"{figure}_year"].notna() & frame[f"{figure}_source"].notna())
        return ok

    @pa.dataframe_check(name="status_has_source")
    @classmethod
    def status_sourced(cls, frame: pd.DataFrame) -> pd.Series:
        """A status other than unknown carries its source; only a merged case names a successor."""
        sourced = frame["status"].eq("unknown") | frame["status_source"].notna()
        successor = frame["status"].eq("merged") | frame["successor_id"].isna()
        return sourced & successor

    @pa.dataframe_check(name="size_class_matches_figures")
    @classmethod
    def size_class_derived(cls, frame: pd.DataFrame) -> pd.Series:
        """The size class is the one derived from the size figures."""
        derived = [
            size_class_for(
                None if pd.isna(e) else int(e),
                None if pd.isna(f) else int(f),
                None if pd.isna(r) else int(r),
                None if pd.isna(m) else int(m),
            )
            for e, f, r, m in zip(
                frame["employees"],
                frame["members_firms"],
                frame["members_research"],
                frame["members_total"],
                strict=True,
            )
        ]
        return frame["size_class"] == pd.Series(derived, index=frame.index)


class ProgrammeSchema(pa.DataFrameModel):
    """One row per national, regional or European cluster programme (or statistical frame)."""

    id: Series[str] = pa.Field(unique=True, str_matches=SLUG)
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    name_fr: Series[str] = pa.Field(str_length={"min_value": 1})
    name_local: Series[str] = pa.Field(nullable=True)
    country_iso2: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$")
    area: Series[str] = pa.Field(isin=(*AREAS, "international"))
    agency: Series[str] = pa.Field(nullable=True)
    launch_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    launch_detail: Series[str] = pa.Field(nullable=True)
    clusters_detail: Series[str] = pa.Field(nullable=True)
    policy_type: Series[str] = pa.Field(isin=POLICY_TYPES)
    policy_rationale: Series[str] = pa.Field(str_length={"min_value": 1})
    key_figures: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(str_length={"min_value": 1})
    # The programme's period as a source states it: first and last year, ended or ongoing
    # (empty: the source does not say), its source(s) and quotation.
    period_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    period_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    period_state: Series[str] = pa.Field(nullable=True, isin=PERIOD_STATES)
    period_source: Series[str] = pa.Field(nullable=True)
    period_quote: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(name="period_has_source")
    @classmethod
    def period_sourced(cls, frame: pd.DataFrame) -> pd.Series:
        """A stated period carries its source."""
        stated = frame[["period_start", "period_end", "period_state"]].notna().any(axis=1)
        return ~stated | frame["period_source"].notna()


YEAR_BASES: Final[tuple[str, ...]] = ("stated", "publication", "not-stated")


class ProgrammeFigureSchema(pa.DataFrameModel):
    """One row per figure stated about a programme or a national cluster landscape."""

    programme_id: Series[str] = pa.Field(str_matches=SLUG)
    figure: Series[str] = pa.Field(str_matches=SLUG)
    label_en: Series[str] = pa.Field(str_length={"min_value": 1})
    label_fr: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float]
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)
    year_basis: Series[str] = pa.Field(isin=YEAR_BASES)
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    source_quote: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(name="year_present_unless_not_stated")
    @classmethod
    def year_given(cls, frame: pd.DataFrame) -> pd.Series:
        """A year is given unless the source states none (then the app says so)."""
        return frame["year"].notna() | (frame["year_basis"] == "not-stated")
