"""The meeting brief («Справка», /report): every section's data for the global filters,
composed from the read queries. No Dash here; the one query added aggregates in SQL."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access import effect_queries, plan_queries, queries, summary_queries
from data_access.filters import Filters
from data_access.methodology import CRITERIA
from data_access.models import Organization
from data_access.queries import _frame, _measure_status, _measures_scope
from data_access.settings import get_settings

TOP_ORGANIZATIONS = 10  # organizations with the most overdue measures listed in the brief


def overdue_organizations(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per sector (ministry): how many organizations have at least one measure overdue at
    the period's end."""
    on = queries.period_end(f, engine)
    stmt = (select(Organization.sector.label("sector"),
                   func.count(func.distinct(Organization.id)).label("organizations"))
            .select_from(_measures_scope(f)).where(_measure_status(on) == "overdue")
            .group_by(Organization.sector).order_by(Organization.sector))
    return _frame(stmt, engine)


def brief(f: Filters, engine: Engine | None = None) -> dict[str, Any]:
    """The brief's data: frames per section and the scalars its heading needs.

    filters, place, region_name, is_demo, data_as_of, period_end — scalars;
    headline      — queries.headline (index: the year before and the chosen one);
    coverage      — queries.coverage_by_sector;
    sectors       — queries.sector_summary (one row per sector and the «all» row);
    trend         — queries.scores by sector and year, up to the chosen year;
    region_trend  — the region's means per year (all sectors, whole region);
    criteria      — К1–К5 of the chosen year and of the year before (sector, municipality
                    filters applied): criterion, value, n, previous;
    indicators    — queries.indicator_means of the chosen year;
    overdue       — plan_queries.measure_states by sector with the number of organizations
                    with overdue measures;
    overdue_top   — queries.overdue_by_organization (TOP_ORGANIZATIONS);
    recommendations — queries.recommendation_status (each recommendation × ministry);
    resolution    — queries.recommendations (number, title, resolution, date, targets);
    plan_effect   — effect_queries.plan_effect by criterion; plan_effect_total — by class only;
    recommendation_effect — effect_queries.recommendation_effect;
    effect_minimum — organizations below which an effect is not to be concluded from;
    summaries     — summary_queries.ministry_summaries (owed to the coordinating ministry).
    """
    info = queries.data_info(f.region, engine)
    now = queries.scores(f, by=(), engine=engine)
    before = queries.scores(f.replace(year=f.year - 1), by=(), engine=engine)
    criteria = pd.DataFrame({
        "criterion": list(CRITERIA),
        "value": [_first(now, k) for k in CRITERIA],
        "previous": [_first(before, k) for k in CRITERIA],
    })
    criteria["n"] = int(_first(now, "n") or 0)
    criteria["change"] = criteria["value"] - criteria["previous"]

    states = plan_queries.measure_states(f, "sector", engine)
    orgs = overdue_organizations(f, engine)
    overdue = states.merge(orgs, on="sector", how="left")
    overdue["organizations"] = overdue["organizations"].fillna(0).astype(int)

    return {
        "filters": f,
        "place": queries.place_name(f, engine),
        "region_name": str(info.get("name", "")),
        "region_kind": str(info.get("kind") or "krai"),
        "is_demo": bool(info.get("is_demo", False)),
        "data_as_of": _date(info.get("data_as_of")),
        "period_end": queries.period_end(f, engine),
        "headline": queries.headline(f, engine),
        "coverage": queries.coverage_by_sector(f, engine),
        "sectors": queries.sector_summary(f, engine),
        "trend": queries.scores(f, by=("sector", "year"), all_years=True, engine=engine),
        "region_trend": queries.region_means(f, all_years=True, engine=engine),
        "criteria": criteria,
        "indicators": queries.indicator_means(f, engine),
        "overdue": overdue,
        "overdue_top": queries.overdue_by_organization(f, TOP_ORGANIZATIONS, engine),
        "recommendations": queries.recommendation_status(f, engine),
        "resolution": queries.recommendations(engine),
        "plan_effect": effect_queries.plan_effect(f, ("criterion",), engine),
        "plan_effect_total": effect_queries.plan_effect(f, (), engine),
        "recommendation_effect": effect_queries.recommendation_effect(f, engine),
        "effect_minimum": get_settings().effect_min_organizations,
        "summaries": summary_queries.ministry_summaries(f, engine),
    }


def _first(df: pd.DataFrame, column: str):
    """The value of a one-row aggregate; NaN when nothing was assessed."""
    if df.empty or column not in df.columns or pd.isna(df.iloc[0][column]):
        return float("nan")
    return float(df.iloc[0][column])


def _date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value
