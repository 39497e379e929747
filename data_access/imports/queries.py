"""Read queries of the import page: the import journal and the discrepancies between the
operators' published scores and the scores computed from the indicators."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, or_, select

from data_access.filters import Filters
from data_access.imports.core import DISCREPANCY_POINTS
from data_access.methodology import CRITERIA, CRITERION_SHORT
from data_access.models import Assessment, ImportBatch, Municipality, Organization
from data_access.queries import _frame, _scope

HISTORY_SIZE = 100


def history(limit: int = HISTORY_SIZE, engine: Engine | None = None) -> pd.DataFrame:
    """The latest imports, newest first."""
    stmt = (select(ImportBatch.id, ImportBatch.started_at, ImportBatch.user_login,
                   ImportBatch.kind, ImportBatch.file_name, ImportBatch.sha256,
                   ImportBatch.inserted, ImportBatch.updated, ImportBatch.unchanged,
                   ImportBatch.result, ImportBatch.message)
            .order_by(ImportBatch.started_at.desc(), ImportBatch.id.desc()).limit(limit))
    return _frame(stmt, engine)


def _differs(published, computed):
    return func.abs(published - computed) > DISCREPANCY_POINTS


def discrepancies(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Assessments in the region (sector and municipality filters apply; all years) whose
    published total or a published criterion differs from the computed one by more than
    DISCREPANCY_POINTS: the total's figures and, in `criteria`, the criteria that differ."""
    pairs = [(getattr(Assessment, f"published_{k}"), getattr(Assessment, k)) for k in CRITERIA]
    stmt = (select(Organization.id.label("organization_id"), Organization.name,
                   Organization.inn, Organization.sector,
                   Municipality.name.label("municipality"), Assessment.year,
                   Assessment.published_total, Assessment.total,
                   (Assessment.published_total - Assessment.total).label("difference"),
                   *(c for pair in pairs for c in pair))
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), or_(_differs(Assessment.published_total, Assessment.total),
                                  *(_differs(p, c) for p, c in pairs)))
            .order_by(Assessment.year.desc(),
                      func.abs(func.coalesce(Assessment.published_total - Assessment.total,
                                             0)).desc(), Organization.name))
    df = _frame(stmt, engine)
    df["criteria"] = [_criteria_text(row) for row in df.to_dict("records")]
    return df.drop(columns=[c for k in CRITERIA for c in (f"published_{k}", k)])


def _criteria_text(row: dict) -> str:
    """«К3: 70,0 против 68,7» for each criterion that differs."""
    parts = []
    for k in CRITERIA:
        published, computed = row[f"published_{k}"], row[k]
        if published is not None and not pd.isna(published) and \
                abs(published - computed) > DISCREPANCY_POINTS:
            parts.append(f"{CRITERION_SHORT[k]}: {published:.1f} против {computed:.1f}"
                         .replace(".", ","))
    return "; ".join(parts)
