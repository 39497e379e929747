"""Queries of the federal overview («Россия»): every loaded subject side by side for a year
and, optionally, a sector. The region and municipality filters do not apply here: one row per
subject. Each figure is aggregated in SQL grouped by region; the country's figures are sums
of the subjects' counts (means weighted by the counts they are means of), so they need no
query of their own.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, and_, case, func, select

from data_access.db import get_engine
from data_access.filters import Filters
from data_access.methodology import CRITERIA
from data_access.models import (
    Assessment, ImprovementPlan, Organization, PlanMeasure, Region,
)
from data_access.queries import SCORE_COLUMNS, _assessed_in, _frame, _measure_status, _scope

COLUMNS = ("code", "name", "is_demo", "data_as_of", "organizations", "assessed", "year_covered",
           "covered", "total", *CRITERIA, "previous_total", "previous_assessed", "year_share",
           "three_year_share", "change", "measures", "overdue", "overdue_share")


def years(engine: Engine | None = None) -> tuple[int, ...]:
    """Years with assessments in any subject, ascending."""
    df = _frame(select(Assessment.year).distinct().order_by(Assessment.year), engine)
    return tuple(int(y) for y in df["year"])


def _sector(f: Filters):
    """Every subject's organizations under the sector and founder filters."""
    return _scope(f, region=False, municipality=False)


def region_measures(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """One row per loaded subject, by name: organizations in scope (the sector filter
    applied); assessed in the year, their mean total and К1–К5; the previous year's mean and
    count and the change; year_share and three_year_share (% of organizations assessed in
    the year and in the three years up to it); plan measures of plans up to the year and
    those overdue at the subject's period end (its data date within the year)."""
    orgs = _frame(
        select(Organization.region_id.label("region_id"),
               func.count(Organization.id).label("organizations"),
               func.sum(case((_assessed_in(f.year, f.year), 1), else_=0)).label("year_covered"),
               func.sum(case((_assessed_in(f.year - 2, f.year), 1), else_=0)).label("covered"))
        .where(_sector(f)).group_by(Organization.region_id), engine)
    this_year = Assessment.year == f.year
    last_year = Assessment.year == f.year - 1
    scores = _frame(
        select(Organization.region_id.label("region_id"),
               func.sum(case((this_year, 1), else_=0)).label("assessed"),
               *(func.avg(case((this_year, getattr(Assessment, c)))).label(c)
                 for c in SCORE_COLUMNS),
               func.sum(case((last_year, 1), else_=0)).label("previous_assessed"),
               func.avg(case((last_year, Assessment.total))).label("previous_total"))
        .join(Organization, Organization.id == Assessment.organization_id)
        .where(_sector(f), Assessment.year.between(f.year - 1, f.year))
        .group_by(Organization.region_id), engine)
    # Each subject's statuses at its own period end: its data date, at most the year's end.
    year_end = dt.date(f.year, 12, 31)
    period_end = case((and_(Region.data_as_of.is_not(None), Region.data_as_of < year_end),
                       Region.data_as_of), else_=year_end)
    status = _measure_status(period_end)
    plans = _frame(
        select(Organization.region_id.label("region_id"), func.count().label("measures"),
               func.sum(case((status == "overdue", 1), else_=0)).label("overdue"))
        .select_from(PlanMeasure)
        .join(ImprovementPlan, ImprovementPlan.id == PlanMeasure.plan_id)
        .join(Assessment, Assessment.id == ImprovementPlan.assessment_id)
        .join(Organization, Organization.id == ImprovementPlan.organization_id)
        .join(Region, Region.id == Organization.region_id)
        .where(_sector(f), Assessment.year <= f.year)
        .group_by(Organization.region_id), engine)
    df = _frame(select(Region.id.label("region_id"), Region.code, Region.name, Region.is_demo,
                       Region.data_as_of).order_by(Region.name), engine)
    for part in (orgs, scores, plans):
        df = df.merge(part, on="region_id", how="left")
    for count in ("organizations", "assessed", "year_covered", "covered", "previous_assessed",
                  "measures", "overdue"):
        df[count] = df[count].fillna(0).astype(int)
    orgs_n = df["organizations"].where(df["organizations"] > 0)
    df["year_share"] = df["year_covered"] / orgs_n * 100
    df["three_year_share"] = df["covered"] / orgs_n * 100
    df["change"] = df["total"] - df["previous_total"]
    df["overdue_share"] = df["overdue"] / df["measures"].where(df["measures"] > 0) * 100
    return df[list(COLUMNS)].reset_index(drop=True)


def sector_means(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Mean total and count of assessments per subject and sector in the year (the sector
    filter does not narrow it: the point is to compare sectors; the founder filter does),
    long form: code, name,
    sector, n, total."""
    stmt = (select(Region.code, Region.name, Organization.sector.label("sector"),
                   func.count(Assessment.id).label("n"), func.avg(Assessment.total).label("total"))
            .select_from(Assessment)
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Region, Region.id == Organization.region_id)
            .where(Assessment.year == f.year, _sector(f.replace(sector=None)))
            .group_by(Region.code, Region.name, Organization.sector)
            .order_by(Region.name, Organization.sector))
    return _frame(stmt, engine)


def geometry(engine: Engine | None = None) -> dict | None:
    """The stored polygons of subjects (feature ids: subject codes); None if none stored."""
    from data_access import subject_boundaries  # the loader's shapely work is not needed here
    return subject_boundaries.feature_collection(engine or get_engine())
