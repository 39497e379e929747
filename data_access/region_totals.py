"""Pre-aggregated totals per subject, year, sector and founder level, for the federal overview.

At national scale the live figures of every subject side by side take seconds: above all the
count of overdue plan measures, a join over about two million of them. So the counts and sums
are kept in `region_total`, one row per (region, year, sector, founder level), and the federal
queries add rows up instead of scanning. The table is refreshed for a region inside the
transaction that changes the region's data (each applied import, each region of seed-demo),
so it is never out of step with them: an import rolled back rolls its refresh back too.
A migration that changes the table calls `refresh` (the newest such one only: it writes the
latest columns).

Every figure is the one the live queries give (tested against a hand-counted region):
organizations in the list, those assessed in the year and in the three years up to it, the
year's assessments with the sums of their totals and criteria, and plan measures of plans up
to the year with those overdue at the region's period end (its data date within the year).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, and_, case, delete, func, insert, select

from data_access.methodology import CRITERIA
from data_access.models import (
    Assessment, ImprovementPlan, Organization, PlanMeasure, Region, RegionTotal,
)
from data_access.queries import _assessed_in, _measure_status

KEYS = ("region_id", "sector", "founder_level")
SUMS = ("total_sum", *(f"{k}_sum" for k in CRITERIA))
COUNTS = ("organizations", "year_covered", "covered", "assessed", *(f"{k}_n" for k in CRITERIA),
          "measures", "overdue")


def _keys():
    return (Organization.region_id.label("region_id"), Organization.sector.label("sector"),
            Organization.founder_level.label("founder_level"))


def _frame(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def year_rows(conn: Connection, year: int, region_ids: Sequence[int]) -> pd.DataFrame:
    """The rows of one year for the given regions, computed live."""
    in_regions = Organization.region_id.in_(region_ids)
    orgs = _frame(conn, select(
        *_keys(), func.count(Organization.id).label("organizations"),
        func.sum(case((_assessed_in(year, year), 1), else_=0)).label("year_covered"),
        func.sum(case((_assessed_in(year - 2, year), 1), else_=0)).label("covered"))
        .where(in_regions).group_by(*_keys()))
    scores = _frame(conn, select(
        *_keys(), func.count(Assessment.id).label("assessed"),
        func.sum(Assessment.total).label("total_sum"),
        *(func.sum(getattr(Assessment, k)).label(f"{k}_sum") for k in CRITERIA),
        *(func.count(getattr(Assessment, k)).label(f"{k}_n") for k in CRITERIA))
        .join(Organization, Organization.id == Assessment.organization_id)
        .where(in_regions, Assessment.year == year).group_by(*_keys()))
    # Statuses at each region's own period end: its data date, at most the year's end.
    year_end = dt.date(year, 12, 31)
    period_end = case((and_(Region.data_as_of.is_not(None), Region.data_as_of < year_end),
                       Region.data_as_of), else_=year_end)
    status = _measure_status(period_end)
    plans = _frame(conn, select(
        *_keys(), func.count().label("measures"),
        func.sum(case((status == "overdue", 1), else_=0)).label("overdue"))
        .select_from(PlanMeasure)
        .join(ImprovementPlan, ImprovementPlan.id == PlanMeasure.plan_id)
        .join(Assessment, Assessment.id == ImprovementPlan.assessment_id)
        .join(Organization, Organization.id == ImprovementPlan.organization_id)
        .join(Region, Region.id == Organization.region_id)
        .where(in_regions, Assessment.year <= year).group_by(*_keys()))
    df = orgs
    for part in (scores, plans):
        df = df.merge(part, on=list(KEYS), how="outer")
    for column in COUNTS:
        df[column] = pd.to_numeric(df.get(column), errors="coerce").fillna(0).astype(int)
    for column in SUMS:
        df[column] = pd.to_numeric(df.get(column), errors="coerce").astype(float).fillna(0.0)
    return df.assign(year=year)[["region_id", "year", *KEYS[1:], *COUNTS, *SUMS]]


def refresh(conn: Connection, region_codes: Sequence[str] | None = None) -> int:
    """Recompute the rows of the given regions (all when None) in the caller's transaction;
    returns the number of rows written."""
    stmt = select(Region.id)
    if region_codes is not None:
        stmt = stmt.where(Region.code.in_(list(region_codes)))
    region_ids = [r for (r,) in conn.execute(stmt)]
    if not region_ids:
        return 0
    conn.execute(delete(RegionTotal).where(RegionTotal.region_id.in_(region_ids)))
    years = [y for (y,) in conn.execute(
        select(Assessment.year).distinct()
        .join(Organization, Organization.id == Assessment.organization_id)
        .where(Organization.region_id.in_(region_ids)).order_by(Assessment.year))]
    written = 0
    for year in years:
        rows = year_rows(conn, year, region_ids).to_dict("records")
        if rows:
            conn.execute(insert(RegionTotal), rows)
            written += len(rows)
    return written
