"""Queries of the Plans page (improvement plans, resolution № 457): plan measures by state at
the period's end, counted in SQL one column per state, grouped by ministry (sector),
municipality, criterion or plan year (the year of the assessment the plan answers)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, case, func, select

from data_access.filters import Filters
from data_access.models import Assessment, Municipality, Organization, PlanMeasure
from data_access.queries import _frame, _measure_status, _measures_scope, period_end

STATES = ("overdue", "in_progress", "done", "cancelled")
GROUPS = {
    "sector": (Organization.sector.label("sector"),),
    "municipality": (Municipality.oktmo.label("municipality"),
                     Municipality.name.label("municipality_name")),
    "criterion": (PlanMeasure.criterion.label("criterion"),),
    "plan_year": (Assessment.year.label("plan_year"),),
}


def measure_states(f: Filters, by: str, engine: Engine | None = None) -> pd.DataFrame:
    """One row per group: the count of measures in each state at the period's end, the total,
    and the shares overdue and done (% of all the group's measures)."""
    status = _measure_status(period_end(f, engine))
    keys = GROUPS[by]
    total = func.count()
    counts = [func.sum(case((status == s, 1), else_=0)).label(s) for s in STATES]
    share = {s: (100.0 * func.sum(case((status == s, 1), else_=0)) / total).label(f"{s}_share")
             for s in ("overdue", "done")}
    stmt = (select(*keys, *counts, total.label("total"), share["overdue"], share["done"])
            .select_from(_measures_scope(f)).group_by(*keys).order_by(*keys))
    df = _frame(stmt, engine)
    for s in (*STATES, "total"):
        df[s] = df[s].astype(int)
    return df


def completion_by_plan_year(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per plan year (assessment year): measures by state at the period's end and the shares
    done and overdue — how the plans of each year have been carried out."""
    return measure_states(f, "plan_year", engine)
