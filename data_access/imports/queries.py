"""Read queries of the import page: the import journal and the discrepancies between the
operators' published scores and the scores computed from the indicators."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, and_, func, or_, select

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


def _criteria_mean():
    first, *rest = (getattr(Assessment, f"published_{k}") for k in CRITERIA)
    return sum(rest, first) / 5.0


def discrepancies(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Assessments in the region (sector and municipality filters apply; all years) whose
    published figures the check does not bear out: a published total or criterion more than
    DISCREPANCY_POINTS from the one computed from the indicators, or a published total
    farther from the mean of the published К1–К5 than their rounding explains
    (published_rounding). The total's figures (`total`: computed from the indicators, else
    the mean of the published criteria) and, in `criteria`, the criteria that differ."""
    pairs = [(getattr(Assessment, f"published_{k}"), getattr(Assessment, f"computed_{k}"))
             for k in CRITERIA]
    computed_total = func.coalesce(Assessment.computed_total, _criteria_mean())
    by_rounding = and_(Assessment.computed_total.is_(None),
                       Assessment.published_rounding.is_not(None),
                       func.abs(Assessment.published_total - _criteria_mean())
                       > Assessment.published_rounding + 1e-9)
    stmt = (select(Organization.id.label("organization_id"), Organization.name,
                   Organization.inn, Organization.sector,
                   Municipality.name.label("municipality"), Assessment.year,
                   Assessment.published_total, computed_total.label("total"),
                   (Assessment.published_total - computed_total).label("difference"),
                   *(c.label(f"computed_{k}") if i else c
                     for k, pair in zip(CRITERIA, pairs) for i, c in enumerate(pair)))
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), or_(_differs(Assessment.published_total,
                                           Assessment.computed_total),
                                  by_rounding, *(_differs(p, c) for p, c in pairs)))
            .order_by(Assessment.year.desc(),
                      func.abs(func.coalesce(Assessment.published_total - computed_total,
                                             0)).desc(), Organization.name))
    df = _frame(stmt, engine)
    df["criteria"] = [_criteria_text(row) for row in df.to_dict("records")]
    return df.drop(columns=[c for k in CRITERIA for c in (f"published_{k}", f"computed_{k}")])


def _criteria_text(row: dict) -> str:
    """«К3: 70,0 против 68,7» for each criterion that differs."""
    parts = []
    for k in CRITERIA:
        published, computed = row[f"published_{k}"], row[f"computed_{k}"]
        if not _missing(published) and not _missing(computed) and \
                abs(published - computed) > DISCREPANCY_POINTS:
            parts.append(f"{CRITERION_SHORT[k]}: {published:.1f} против {computed:.1f}"
                         .replace(".", ","))
    return "; ".join(parts)


def _missing(value) -> bool:
    return value is None or pd.isna(value)
