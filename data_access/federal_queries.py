"""Queries of the federal overview («Россия»): every loaded subject side by side for a year
under the sector and founder filters. The region and municipality filters do not apply here:
one row per subject. The figures are added up in SQL from region_total, kept by
data_access/region_totals.py (the live join over every plan measure of the country takes
seconds); the country's figures are sums of the subjects' counts (means weighted by the
counts they are means of), so they need no query of their own.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, and_, func, select

from data_access.db import get_engine
from data_access.filters import Filters
from data_access.methodology import CRITERIA
from data_access.models import Region, RegionTotal
from data_access.queries import _frame

COLUMNS = ("code", "name", "is_demo", "data_as_of", "organizations", "assessed", "year_covered",
           "covered", "total", *CRITERIA, "previous_total", "previous_assessed", "year_share",
           "three_year_share", "change", "measures", "overdue", "overdue_share")


def _totals(f: Filters, years, sector: bool = True):
    """region_total's rows of the years under the sector (unless `sector` is False) and
    founder filters."""
    conditions = [RegionTotal.year.in_(list(years))]
    if sector and f.sector:
        conditions.append(RegionTotal.sector == f.sector)
    if f.founder:
        conditions.append(RegionTotal.founder_level == f.founder)
    return and_(*conditions)


def region_measures(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """One row per loaded subject, by name: organizations in scope (the sector and founder
    filters applied); assessed in the year, their mean total and К1–К5; the previous year's
    mean and count and the change; year_share and three_year_share (% of organizations
    assessed in the year and in the three years up to it); plan measures of plans up to the
    year and those overdue at the subject's period end (its data date within the year).
    Added up from region_total (see data_access/region_totals.py)."""
    sums = ("total_sum", *(f"{k}_sum" for k in CRITERIA))
    counts = ("organizations", "year_covered", "covered", "assessed", "measures", "overdue",
              *(f"{k}_n" for k in CRITERIA))
    rows = _frame(select(RegionTotal.region_id, RegionTotal.year,
                         *(func.sum(getattr(RegionTotal, c)).label(c) for c in counts + sums))
                  .where(_totals(f, (f.year - 1, f.year)))
                  .group_by(RegionTotal.region_id, RegionTotal.year), engine)
    this = rows[rows["year"] == f.year].drop(columns="year")
    this["total"] = this["total_sum"] / this["assessed"].where(this["assessed"] > 0)
    for c in CRITERIA:  # a published total may come without its criteria
        this[c] = this[f"{c}_sum"] / this[f"{c}_n"].where(this[f"{c}_n"] > 0)
    last = rows[rows["year"] == f.year - 1]
    last = pd.DataFrame({"region_id": last["region_id"], "previous_assessed": last["assessed"],
                         "previous_total": last["total_sum"]
                         / last["assessed"].where(last["assessed"] > 0)})
    df = _frame(select(Region.id.label("region_id"), Region.code, Region.name, Region.is_demo,
                       Region.data_as_of).order_by(Region.name), engine)
    df = df.merge(this, on="region_id", how="left").merge(last, on="region_id", how="left")
    for count in (*counts, "previous_assessed"):
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
    long form: code, name, sector, n, total. From region_total."""
    n = func.sum(RegionTotal.assessed)
    stmt = (select(Region.code, Region.name, RegionTotal.sector, n.label("n"),
                   (func.sum(RegionTotal.total_sum) / n).label("total"))
            .join(Region, Region.id == RegionTotal.region_id)
            .where(_totals(f, (f.year,), sector=False))
            .group_by(Region.code, Region.name, RegionTotal.sector)
            .having(n > 0).order_by(Region.name, RegionTotal.sector))
    return _frame(stmt, engine)


def geometry(engine: Engine | None = None) -> dict | None:
    """The stored polygons of subjects (feature ids: subject codes); None if none stored."""
    from data_access import subject_boundaries  # the loader's shapely work is not needed here
    return subject_boundaries.feature_collection(engine or get_engine())


def country_geometry(engine: Engine | None = None) -> dict | None:
    """Every subject of the country: the stored polygons, and for the subjects without one
    (not in the database, or loaded from a file that lacks them) the shipped outline, so the
    map shows the whole country. None when neither is there."""
    from data_access import shipped_boundaries
    stored = geometry(engine)
    features = list(stored["features"]) if stored else []
    have = {f["id"] for f in features}
    outline = shipped_boundaries.country()
    features += [f for f in (outline["features"] if outline else []) if f["id"] not in have]
    return {"type": "FeatureCollection", "features": features} if features else None
