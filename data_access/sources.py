"""Where the data came from and how fresh it is: regions, imports, boundary files.

Read functions for the methodology page; each is one aggregating SELECT returning a small
DataFrame or dict. No Dash here.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.models import (
    Assessment, Boundary, ImportBatch, Municipality, Organization, Region,
)
from data_access.queries import _frame


def region_sources(engine: Engine | None = None) -> pd.DataFrame:
    """Per region loaded: code, name, is_demo, data_as_of, municipalities, with_boundaries
    (municipalities that have a polygon), organizations, assessments, first_year, last_year
    (of assessments; empty when none)."""
    def count(stmt):
        return stmt.correlate(Region).scalar_subquery()

    munis = count(select(func.count(Municipality.id)).where(Municipality.region_id == Region.id))
    bounded = count(select(func.count(Boundary.municipality_id))
                    .join(Municipality, Municipality.id == Boundary.municipality_id)
                    .where(Municipality.region_id == Region.id))
    orgs = count(select(func.count(Organization.id)).where(Organization.region_id == Region.id))
    assessed = (select(Organization.region_id.label("region_id"),
                       func.count(Assessment.id).label("assessments"),
                       func.min(Assessment.year).label("first_year"),
                       func.max(Assessment.year).label("last_year"))
                .join(Organization, Organization.id == Assessment.organization_id)
                .group_by(Organization.region_id).subquery())
    stmt = (select(Region.code, Region.name, Region.is_demo, Region.data_as_of,
                   munis.label("municipalities"), bounded.label("with_boundaries"),
                   orgs.label("organizations"),
                   func.coalesce(assessed.c.assessments, 0).label("assessments"),
                   assessed.c.first_year, assessed.c.last_year)
            .outerjoin(assessed, assessed.c.region_id == Region.id)
            .order_by(Region.id))
    df = _frame(stmt, engine)
    df["is_demo"] = df["is_demo"].astype(bool)
    for column in ("first_year", "last_year"):
        df[column] = df[column].astype("Int64")
    return df


def boundary_files(engine: Engine | None = None) -> pd.DataFrame:
    """Per region and source file of the stored polygons: region (code), source, municipalities
    with a polygon from that file, loaded_at (the latest load)."""
    stmt = (select(Region.code.label("region"), Boundary.source,
                   func.count(Boundary.municipality_id).label("municipalities"),
                   func.max(Boundary.loaded_at).label("loaded_at"))
            .join(Municipality, Municipality.id == Boundary.municipality_id)
            .join(Region, Region.id == Municipality.region_id)
            .group_by(Region.code, Boundary.source)
            .order_by(Region.code, Boundary.source))
    return _frame(stmt, engine)


def latest_import(engine: Engine | None = None) -> dict:
    """The latest import batch (kind, file_name, started_at, finished_at, result, inserted,
    updated, unchanged, message) and `batches`, the number of imports so far; an empty dict
    when nothing was ever imported."""
    batches = select(func.count(ImportBatch.id)).scalar_subquery()
    stmt = (select(ImportBatch.kind, ImportBatch.file_name, ImportBatch.user_login,
                   ImportBatch.started_at, ImportBatch.finished_at, ImportBatch.result,
                   ImportBatch.inserted, ImportBatch.updated, ImportBatch.unchanged,
                   ImportBatch.message, batches.label("batches"))
            .order_by(ImportBatch.started_at.desc(), ImportBatch.id.desc()).limit(1))
    df = _frame(stmt, engine)
    return df.iloc[0].to_dict() if len(df) else {}
