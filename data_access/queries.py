"""Read queries: each answers one question for the global filters with one aggregating SELECT
and returns a small pandas DataFrame. No Dash here; no rows pulled into pandas to be grouped."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    Engine, Select, and_, case, exists, func, literal, select, true,
)

from data_access.db import get_engine
from data_access.filters import Filters, Options
from data_access.settings import get_settings
from data_access.methodology import CRITERIA, INDICATORS, bands
from data_access.reference.russia import SUBJECT_BY
from data_access.models import (
    ASSESSMENT_LEVELS, Assessment, CoveragePlan, ImprovementPlan, IndicatorValue, Milestone, Municipality,
    Organization, PlanMeasure, Recommendation, RecommendationReport, Region, Sector, Shortcoming,
)

SCORE_COLUMNS = (*CRITERIA, "total")
# Group keys a caller may ask scores by, and the column that stands for each.
GROUPS = {
    "sector": Organization.sector,
    "municipality": Municipality.oktmo,
    "founder_level": Organization.founder_level,
    "year": Assessment.year,
}


def _frame(stmt: Select, engine: Engine | None, columns: Sequence[str] | None = None
           ) -> pd.DataFrame:
    with (engine or get_engine()).connect() as conn:
        result = conn.execute(stmt)
        rows = result.all()
        names = list(columns or result.keys())
    df = pd.DataFrame(rows, columns=names)
    for name in df.columns:  # PostgreSQL returns NUMERIC aggregates as Decimal
        if df[name].dtype == object and df[name].map(type).eq(Decimal).any():
            df[name] = df[name].astype(float)
    return df


def _region_id(code: str):
    return select(Region.id).where(Region.code == code).scalar_subquery()


def _scope(f: Filters, *, sector: bool = True, municipality: bool = True, region: bool = True):
    """The organizations in view: the filter logic, written once. Every query of
    organizations goes through it, so the founder filter narrows them all alike;
    region=False (with municipality=False) is the country's organizations under the same
    sector and founder filters."""
    conditions = [Organization.region_id == _region_id(f.region)] if region else []
    if sector and f.sector:
        conditions.append(Organization.sector == f.sector)
    if municipality and f.municipality:
        conditions.append(Organization.municipality_id == select(Municipality.id).where(
            Municipality.oktmo == f.municipality).scalar_subquery())
    if f.founder:
        conditions.append(Organization.founder_level == f.founder)
    return and_(true(), *conditions)


def _mean(column):
    return func.avg(column)


# ---------------------------------------------------------------- reference and options

def filter_options(region: str | None = None, engine: Engine | None = None, *,
                   schedule: bool = False) -> Options:
    """The values the global filters may take (the region's years and municipalities). The
    years are those with assessments; with `schedule` (the schedule page) also those of the
    region's schedules up to its latest assessed year, such as a schedule approved before the
    data begin (Stavropol's of 2017, seed 001). The default year stays the latest assessed."""
    regions = tuple(_frame(select(Region.code).order_by(Region.id), engine)["code"])
    region = region if region in regions else (regions[0] if regions else "")
    assessed = (select(Assessment.year)
                .join(Organization, Organization.id == Assessment.organization_id)
                .where(Organization.region_id == _region_id(region)))
    if schedule:
        latest = assessed.with_only_columns(func.max(Assessment.year)).scalar_subquery()
        assessed = assessed.union(select(Milestone.year).where(
            Milestone.region_id == _region_id(region), Milestone.year <= latest))
    years = assessed.subquery()
    years = _frame(select(years.c.year).distinct().order_by(years.c.year), engine)
    munis = _frame(select(Municipality.oktmo).where(Municipality.region_id == _region_id(region))
                   .order_by(Municipality.name), engine)
    return Options(regions, tuple(int(y) for y in years["year"]), tuple(munis["oktmo"]))


def regions(engine: Engine | None = None) -> pd.DataFrame:
    """code, name, is_demo, data_as_of of every region loaded."""
    return _frame(select(Region.code, Region.name, Region.is_demo, Region.data_as_of)
                  .order_by(Region.id), engine)


def sectors(engine: Engine | None = None) -> pd.DataFrame:
    return _frame(select(Sector.code, Sector.name, Sector.ministry, Sector.has_waiting)
                  .order_by(Sector.code), engine)


def municipalities(region: str, engine: Engine | None = None) -> pd.DataFrame:
    """oktmo, name, kind, population, organizations of one region, by name."""
    orgs = (select(func.count(Organization.id)).where(
        Organization.municipality_id == Municipality.id).scalar_subquery())
    return _frame(select(Municipality.oktmo, Municipality.name, Municipality.kind,
                         Municipality.population, orgs.label("organizations"))
                  .where(Municipality.region_id == _region_id(region))
                  .order_by(Municipality.name), engine)


def period_end(f: Filters, engine: Engine | None = None) -> dt.date:
    """The date statuses are judged at: the data's date within its year, else 31 December."""
    as_of = _frame(select(Region.data_as_of).where(Region.code == f.region), engine)
    year_end = dt.date(f.year, 12, 31)
    if as_of.empty or as_of.iloc[0, 0] is None:
        return year_end
    return min(pd.Timestamp(as_of.iloc[0, 0]).date(), year_end)


# ---------------------------------------------------------------- headline and coverage

def _assessed_in(years_from, years_to):
    return exists().where(Assessment.organization_id == Organization.id,
                          Assessment.year.between(years_from, years_to))


def headline(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per year (the chosen one and the one before): organizations, planned, assessed,
    mean total, respondents and `surveyed` (assessments whose respondents are known: a
    published total may come without them), the 3-year share, overdue measures at the year's date.
    Each table is read once for both years: at a national scale a pass over a large
    region's plan measures is the costliest part of the page."""
    years = (f.year - 1, f.year)
    scope = _scope(f)
    assessed = _frame(
        select(Assessment.year.label("year"), func.count(Assessment.id).label("assessed"),
               _mean(Assessment.total).label("mean_total"),
               func.coalesce(func.sum(Assessment.respondents), 0).label("respondents"),
               func.count(Assessment.respondents).label("surveyed"))
        .join(Organization, Organization.id == Assessment.organization_id)
        .where(scope, Assessment.year.in_(years)).group_by(Assessment.year), engine)
    three = _frame(
        select(func.count(Organization.id).label("organizations"),
               *(func.sum(case((_assessed_in(y - 2, y), 1), else_=0)).label(f"covered_{y}")
                 for y in years))
        .where(scope), engine)
    overdue = _frame(
        select(*(func.sum(case((and_(Assessment.year <= y,
                                     _measure_status(period_end(f.replace(year=y), engine))
                                     == "overdue"), 1), else_=0)).label(f"overdue_{y}")
                 for y in years))
        .select_from(_measures_scope(f)), engine)
    df = assessed.set_index("year").reindex(years)
    df.index.name = "year"
    df["assessed"] = df["assessed"].fillna(0).astype(int)
    df["respondents"] = df["respondents"].fillna(0).astype(int)
    df["surveyed"] = df["surveyed"].fillna(0).astype(int)  # assessments with respondents
    df["organizations"] = int(three.iloc[0]["organizations"])
    df["covered"] = [int(three.iloc[0][f"covered_{y}"] or 0) for y in years]
    df["planned"] = [coverage_planned(f.replace(year=y), engine) for y in years]
    df["overdue_measures"] = [int(overdue.iloc[0][f"overdue_{y}"] or 0) for y in years]
    df["three_year_share"] = (df["covered"] / df["organizations"].where(df["organizations"] > 0)
                              * 100)
    df["coverage_share"] = df["assessed"] / df["planned"] * 100
    return df


def coverage_planned(f: Filters, engine: Engine | None = None) -> float:
    """Planned organizations for the year; NaN for a municipality or one founder level
    (plans are agreed per sector for the whole region, every founder's organizations)."""
    if f.municipality or f.founder:
        return float("nan")
    stmt = select(func.sum(CoveragePlan.planned)).where(
        CoveragePlan.region_id == _region_id(f.region), CoveragePlan.year == f.year)
    if f.sector:
        stmt = stmt.where(CoveragePlan.sector == f.sector)
    value = _frame(stmt, engine).iloc[0, 0]
    return float("nan") if value is None or pd.isna(value) else float(value)


def coverage_by_sector(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """sector, organizations, planned, assessed, share of plan (%) in the chosen year."""
    assessed = (select(func.count(Assessment.id))
                .where(Assessment.organization_id == Organization.id, Assessment.year == f.year)
                .correlate(Organization).scalar_subquery())
    orgs = _frame(select(Organization.sector.label("sector"),
                         func.count(Organization.id).label("organizations"),
                         func.sum(assessed).label("assessed"))
                  .where(_scope(f)).group_by(Organization.sector).order_by("sector"), engine)
    plans = _frame(select(CoveragePlan.sector, CoveragePlan.planned)
                   .where(CoveragePlan.region_id == _region_id(f.region),
                          CoveragePlan.year == f.year), engine)
    df = orgs.merge(plans, on="sector", how="left")
    if f.municipality or f.founder:
        df["planned"] = float("nan")
    df["share"] = df["assessed"] / df["planned"] * 100
    return df[["sector", "organizations", "planned", "assessed", "share"]]


def three_year_coverage(f: Filters, by: str = "sector", window: int = 3,
                        engine: Engine | None = None) -> pd.DataFrame:
    """Organizations and those assessed in the last `window` years up to Y (3: the 3-year
    rule; 1: the year itself), by sector or municipality (or both: by="sector,municipality"),
    with the share in %. Municipality rows carry the name."""
    keys = [k.strip() for k in by.split(",")]
    columns = [GROUPS[k].label(k) for k in keys]
    extra = [Municipality.name.label("municipality_name")] if "municipality" in keys else []
    stmt = (select(*columns, *extra, func.count(Organization.id).label("organizations"),
                   func.sum(case((_assessed_in(f.year - window + 1, f.year), 1), else_=0))
                   .label("assessed"))
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f)).group_by(*columns, *extra).order_by(*columns))
    df = _frame(stmt, engine)
    df["share"] = df["assessed"] / df["organizations"] * 100
    return df


def not_assessed_three_years(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Organizations with no assessment in Y-2..Y: id, name, sector, municipality, founder,
    the year of the last assessment (empty if never assessed)."""
    last = (select(func.max(Assessment.year)).where(
        Assessment.organization_id == Organization.id, Assessment.year <= f.year)
        .correlate(Organization).scalar_subquery())
    stmt = (select(Organization.id, Organization.name, Organization.sector,
                   Municipality.name.label("municipality"), Organization.founder,
                   last.label("last_year"))
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), ~_assessed_in(f.year - 2, f.year))
            .order_by(last.asc().nulls_first(), Organization.name))
    return _frame(stmt, engine)


# ---------------------------------------------------------------- scores

def scores(f: Filters, by: Sequence[str] = ("sector",), all_years: bool = False,
           engine: Engine | None = None) -> pd.DataFrame:
    """Mean К1–К5 and total (plain mean over organizations assessed) and the count n, grouped
    by any of sector, municipality, founder_level, year; k1_n … k5_n: how many of them have
    the criterion (a published total may come without it: left out of its mean, not 0). all_years: ignore the year filter
    (for trends up to the chosen year)."""
    keys = list(by)
    columns = [GROUPS[k].label(k) for k in keys]
    extra = [Municipality.name.label("municipality_name")] if "municipality" in keys else []
    year_cond = Assessment.year <= f.year if all_years else Assessment.year == f.year
    stmt = (select(*columns, *extra, func.count(Assessment.id).label("n"),
                   *(_mean(getattr(Assessment, c)).label(c) for c in SCORE_COLUMNS),
                   *(func.count(getattr(Assessment, c)).label(f"{c}_n") for c in CRITERIA))
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), year_cond)
            .group_by(*columns, *extra).order_by(*columns))
    return _frame(stmt, engine)


def assessment_levels(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per year up to the chosen one: the region's assessments at each level of detail
    (models.ASSESSMENT_LEVELS), one column each, under the sector, municipality and founder
    filters."""
    stmt = (select(Assessment.year, Assessment.level, func.count().label("n"))
            .join(Organization, Organization.id == Assessment.organization_id)
            .where(_scope(f), Assessment.year <= f.year)
            .group_by(Assessment.year, Assessment.level))
    df = _frame(stmt, engine)
    wide = (df.pivot(index="year", columns="level", values="n") if len(df)
            else pd.DataFrame(index=pd.Index([], name="year")))
    wide = wide.reindex(columns=list(ASSESSMENT_LEVELS)).fillna(0).astype(int)
    return wide.sort_index().reset_index()


def region_means(f: Filters, all_years: bool = False, engine: Engine | None = None
                 ) -> pd.DataFrame:
    """The region's mean К1–К5 and total (all sectors, no municipality), per year if all_years;
    the founder filter stays, so that a district's own organizations meet their like."""
    g = f.replace(sector=None, municipality=None)
    return scores(g, by=("year",), all_years=all_years, engine=engine)


def indicator_means(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """code, n, mean value of each indicator in the chosen year."""
    stmt = (select(IndicatorValue.code, func.count().label("n"),
                   _mean(IndicatorValue.value).label("value"))
            .join(Assessment, Assessment.id == IndicatorValue.assessment_id)
            .join(Organization, Organization.id == Assessment.organization_id)
            .where(_scope(f), Assessment.year == f.year).group_by(IndicatorValue.code))
    df = _frame(stmt, engine)
    order = {code: i for i, code in enumerate(INDICATORS)}
    return df.sort_values("code", key=lambda s: s.map(order)).reset_index(drop=True)


def band_distribution(f: Filters, thresholds=None, engine: Engine | None = None
                      ) -> pd.DataFrame:
    """band key, label, lower bound and the number of organizations, best band first."""
    ordered = bands(thresholds)
    key = case(*((Assessment.total >= b.lower, literal(b.key)) for b in ordered[:-1]),
               else_=literal(ordered[-1].key)).label("band")
    counts = _frame(select(key, func.count().label("n"))
                    .join(Organization, Organization.id == Assessment.organization_id)
                    .where(_scope(f), Assessment.year == f.year).group_by(key), engine)
    df = pd.DataFrame({"band": [b.key for b in ordered], "label": [b.label for b in ordered],
                       "lower": [b.lower for b in ordered]})
    df = df.merge(counts, on="band", how="left")
    df["n"] = df["n"].fillna(0).astype(int)
    return df


def _previous_total():
    """The organization's total at its previous assessment (before the chosen year)."""
    prev = Assessment.__table__.alias("prev")
    latest_before = (select(func.max(prev.c.year)).where(
        prev.c.organization_id == Assessment.organization_id, prev.c.year < Assessment.year)
        .correlate(Assessment.__table__).scalar_subquery())
    prev2 = Assessment.__table__.alias("prev2")
    return (select(prev2.c.total).where(prev2.c.organization_id == Assessment.organization_id,
                                        prev2.c.year == latest_before)
            .correlate(Assessment.__table__).scalar_subquery())


def ranking(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Every organization assessed in the year: rank (1 = best total), id, name, type, sector,
    municipality, founder level, К1–К5, total, the previous total and the change."""
    prev = _previous_total()
    stmt = (select(Organization.id, Organization.inn, Organization.name, Organization.type,
                   Organization.sector, Municipality.oktmo, Municipality.name.label("municipality"),
                   Organization.founder_level, Assessment.respondents,
                   *(getattr(Assessment, c) for c in SCORE_COLUMNS),
                   prev.label("previous_total"))
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), Assessment.year == f.year)
            .order_by(Assessment.total.desc(), Organization.name))
    df = _frame(stmt, engine)
    df["change"] = df["total"] - df["previous_total"]
    df.insert(0, "rank", df["total"].rank(method="min", ascending=False).astype("Int64"))
    return df


def lowest_scores(f: Filters, n: int = 10, engine: Engine | None = None) -> pd.DataFrame:
    """The n organizations with the lowest totals in the year."""
    return ranking(f, engine).sort_values(["total", "name"]).head(n).reset_index(drop=True)


def biggest_falls(f: Filters, n: int = 10, engine: Engine | None = None) -> pd.DataFrame:
    """The n largest falls of the total since the organization's previous assessment."""
    prev = _previous_total()
    change = (Assessment.total - prev).label("change")
    stmt = (select(Organization.id, Organization.name, Organization.sector,
                   Municipality.name.label("municipality"), Assessment.total,
                   prev.label("previous_total"), change)
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), Assessment.year == f.year, change < 0)
            .order_by(change.asc(), Organization.name).limit(n))
    return _frame(stmt, engine)


# ---------------------------------------------------------------- plans

def _measure_status(on: dt.date):
    """The measure's state at a date, derived from its dates so that «overdue» never goes
    stale: done (actual date passed), cancelled, overdue (planned date passed), in progress."""
    return case(
        (PlanMeasure.status == "cancelled", literal("cancelled")),
        (and_(PlanMeasure.actual_date.is_not(None), PlanMeasure.actual_date <= on),
         literal("done")),
        (PlanMeasure.planned_date < on, literal("overdue")),
        else_=literal("in_progress"))


def _measures_scope(f: Filters):
    """plan_measure joined to its organization, within the filters (all plan years up to Y)."""
    return (PlanMeasure.__table__
            .join(ImprovementPlan, ImprovementPlan.id == PlanMeasure.plan_id)
            .join(Assessment, Assessment.id == ImprovementPlan.assessment_id)
            .join(Organization, and_(Organization.id == ImprovementPlan.organization_id,
                                     _scope(f), Assessment.year <= f.year))
            .join(Municipality, Municipality.id == Organization.municipality_id))


MEASURE_GROUPS = {"sector": Organization.sector, "municipality": Municipality.oktmo,
                  "criterion": PlanMeasure.criterion, "plan_year": Assessment.year}


def measures_by_status(f: Filters, by: Sequence[str] = ("sector",),
                       engine: Engine | None = None) -> pd.DataFrame:
    """Counts of plan measures by state at the period's end, grouped by sector (ministry),
    municipality, criterion or plan year; one row per group and state."""
    status = _measure_status(period_end(f, engine)).label("status")
    columns = [MEASURE_GROUPS[k].label(k) for k in by]
    stmt = (select(*columns, status, func.count().label("n"))
            .select_from(_measures_scope(f)).group_by(*columns, status)
            .order_by(*columns, status))
    return _frame(stmt, engine)


def overdue_measures(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Measures overdue at the period's end: organization, measure, planned date, days overdue,
    responsible person; the longest overdue first."""
    on = period_end(f, engine)
    stmt = (select(Organization.id.label("organization_id"), Organization.name.label("organization"),
                   Organization.sector, Municipality.name.label("municipality"),
                   PlanMeasure.criterion, PlanMeasure.shortcoming, PlanMeasure.measure,
                   PlanMeasure.planned_date, PlanMeasure.responsible_name,
                   PlanMeasure.responsible_position)
            .select_from(_measures_scope(f))
            .where(_measure_status(on) == "overdue")
            .order_by(PlanMeasure.planned_date, Organization.name))
    df = _frame(stmt, engine)
    df["planned_date"] = pd.to_datetime(df["planned_date"])
    df["days_overdue"] = (pd.Timestamp(on) - df["planned_date"]).dt.days
    return df


def overdue_by_organization(f: Filters, n: int = 10, engine: Engine | None = None
                            ) -> pd.DataFrame:
    """Organizations with the most overdue measures: id, name, municipality, overdue count,
    the earliest planned date among them."""
    on = period_end(f, engine)
    count = func.count().label("overdue")
    stmt = (select(Organization.id, Organization.name, Organization.sector,
                   Municipality.name.label("municipality"), count,
                   func.min(PlanMeasure.planned_date).label("earliest"))
            .select_from(_measures_scope(f)).where(_measure_status(on) == "overdue")
            .group_by(Organization.id, Organization.name, Organization.sector, Municipality.name)
            .order_by(count.desc(), "earliest", Organization.name).limit(n))
    return _frame(stmt, engine)


def plan_approval(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Assessments of the year-before-last .. chosen year that needed a plan: per
    organization, the due date, approval date and state: on_time, late, missing (due passed,
    no plan), not_due (due date still ahead)."""
    on = period_end(f, engine)
    # Plans of year Y are due by 1 December of Y (seed 001, item 7).
    last_due_year = on.year if on > dt.date(on.year, 12, 1) else on.year - 1
    state = case((ImprovementPlan.id.is_(None),
                  case((Assessment.year <= last_due_year, literal("missing")),
                       else_=literal("not_due"))),
                 (ImprovementPlan.approved_on.is_(None), literal("missing")),
                 (ImprovementPlan.approved_on <= ImprovementPlan.due_date, literal("on_time")),
                 else_=literal("late")).label("state")
    stmt = (select(Organization.id, Organization.name, Organization.sector,
                   Municipality.name.label("municipality"), Assessment.year,
                   ImprovementPlan.due_date, ImprovementPlan.approved_on, state)
            .select_from(Assessment)
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .outerjoin(ImprovementPlan, ImprovementPlan.assessment_id == Assessment.id)
            .where(_scope(f), Assessment.year == f.year)
            .order_by(Organization.name))
    return _frame(stmt, engine)


# ---------------------------------------------------------------- recommendations

def recommendation_status(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Each recommendation × addressed ministry (sector): the latest report at the period's
    end, its date, status and text; status «no_report» where none was filed."""
    on = period_end(f, engine)
    rr = RecommendationReport
    latest = (select(rr.recommendation_id, rr.sector, func.max(rr.reported_on).label("on"))
              .where(rr.region_id == _region_id(f.region), rr.reported_on <= on)
              .group_by(rr.recommendation_id, rr.sector).subquery())
    stmt = (select(Recommendation.number, Recommendation.title, Recommendation.resolution,
                   Recommendation.resolution_date, Recommendation.targets,
                   Sector.code.label("sector"), rr.reported_on,
                   func.coalesce(rr.status, literal("no_report")).label("status"), rr.text)
            .select_from(Recommendation).join(Sector, true())
            .outerjoin(latest, and_(latest.c.recommendation_id == Recommendation.id,
                                    latest.c.sector == Sector.code))
            .outerjoin(rr, and_(rr.recommendation_id == Recommendation.id,
                                rr.sector == Sector.code, rr.reported_on == latest.c.on,
                                rr.region_id == _region_id(f.region)))
            .order_by(Recommendation.number, Sector.code))
    if f.sector:
        stmt = stmt.where(Sector.code == f.sector)
    return _frame(stmt, engine)


def has_recommendation_reports(region: str, engine: Engine | None = None) -> bool:
    """Whether the region's ministries ever reported on the recommendations: a resolution of
    another subject's legislature (№ 184-П is Krasnodar's) does not concern its ministries."""
    stmt = select(exists().where(RecommendationReport.region_id == _region_id(region)))
    return bool(_frame(stmt, engine).iloc[0, 0])


def recommendations(engine: Engine | None = None) -> pd.DataFrame:
    return _frame(select(Recommendation.number, Recommendation.title, Recommendation.text,
                         Recommendation.resolution, Recommendation.resolution_date,
                         Recommendation.targets).order_by(Recommendation.number), engine)


def target_trend(f: Filters, targets: Sequence[str], engine: Engine | None = None
                 ) -> pd.DataFrame:
    """The yearly value of each target (a criterion, an indicator, «respondents» per
    organization or «disabled_share» in %) up to the chosen year: year, target, value, n.
    Two SELECTs whatever the number of targets: one over assessments, one over indicators."""
    unknown = [t for t in targets if t not in (*CRITERIA, *INDICATORS, "respondents",
                                               "disabled_share")]
    if unknown:
        raise ValueError(f"Неизвестный показатель рекомендации: {unknown[0]}")
    frames = []
    on_assessment = {t: _mean(getattr(Assessment, t)) for t in targets if t in CRITERIA}
    if "respondents" in targets:
        on_assessment["respondents"] = _mean(Assessment.respondents)
    if "disabled_share" in targets:
        on_assessment["disabled_share"] = (func.sum(Assessment.disabled_respondents) * 100.0
                                           / func.nullif(func.sum(Assessment.respondents), 0))
    if on_assessment:
        stmt = (select(Assessment.year.label("year"), func.count().label("n"),
                       *(v.label(t) for t, v in on_assessment.items()))
                .join(Organization, Organization.id == Assessment.organization_id)
                .where(_scope(f), Assessment.year <= f.year).group_by(Assessment.year))
        wide = _frame(stmt, engine)
        frames.append(wide.melt(id_vars=["year", "n"], var_name="target", value_name="value"))
    codes = [t for t in targets if t in INDICATORS]
    if codes:
        stmt = (select(Assessment.year.label("year"), IndicatorValue.code.label("target"),
                       _mean(IndicatorValue.value).label("value"), func.count().label("n"))
                .join(Assessment, Assessment.id == IndicatorValue.assessment_id)
                .join(Organization, Organization.id == Assessment.organization_id)
                .where(_scope(f), Assessment.year <= f.year, IndicatorValue.code.in_(codes))
                .group_by(Assessment.year, IndicatorValue.code))
        frames.append(_frame(stmt, engine))
    frames = [df for df in frames if len(df)]
    if not frames:
        return pd.DataFrame(columns=["year", "target", "value", "n"])
    df = pd.concat(frames, ignore_index=True)
    order = {t: i for i, t in enumerate(targets)}
    df = df.sort_values(["target", "year"], key=lambda s: s.map(order) if s.name == "target"
                        else s).reset_index(drop=True)
    df["value"] = df["value"].astype(float)
    return df[["year", "target", "value", "n"]]


# ---------------------------------------------------------------- schedule

def milestones(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """The cycle serving the chosen year: step, title, result, responsible body, deadline,
    done date and state at the period's end: done_on_time, done_late, pending, overdue."""
    on = period_end(f, engine)
    state = case(
        (and_(Milestone.done_on.is_not(None), Milestone.done_on <= on),
         case((Milestone.done_on <= Milestone.deadline, literal("done_on_time")),
              else_=literal("done_late"))),
        (Milestone.deadline < on, literal("overdue")),
        else_=literal("pending")).label("state")
    stmt = (select(Milestone.step, Milestone.title, Milestone.result, Milestone.responsible,
                   Milestone.deadline, Milestone.done_on, state)
            .where(Milestone.region_id == _region_id(f.region), Milestone.year == f.year)
            .order_by(Milestone.deadline, Milestone.step))
    return _frame(stmt, engine)


def resolve_filters(query: dict, engine: Engine | None = None, *,
                    schedule: bool = False) -> Filters:
    """Filters from a URL query: anything unknown falls back to the default view; `schedule`:
    the schedule page's years (filter_options)."""
    return Filters.from_query(query, filter_options(str(query.get("region") or ""), engine,
                                                    schedule=schedule))


def subject_by(region: str, engine: Engine | None = None) -> str:
    """How the pages name the subject as a whole: «по краю», «по области», «по городу»."""
    kind = _frame(select(Region.kind).where(Region.code == region), engine)
    return SUBJECT_BY.get(kind.iloc[0, 0] if len(kind) else "krai", SUBJECT_BY["krai"])


def data_info(region: str, engine: Engine | None = None) -> dict:
    """name, kind, is_demo, data_as_of of a region; empty dict when nothing is loaded."""
    df = _frame(select(Region.name, Region.kind, Region.is_demo, Region.data_as_of)
                .where(Region.code == region), engine)
    return df.iloc[0].to_dict() if len(df) else {}


def sector_summary(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """One row per sector and one «all» row (sector None): n, К1–К5, total in the chosen year
    and the total of the year before."""
    rows = []
    for year in (f.year, f.year - 1):
        g = f.replace(year=year)
        by_sector = scores(g, engine=engine)
        overall = scores(g, by=(), engine=engine).assign(sector=None)
        rows.append(pd.concat([by_sector, overall[overall["n"] > 0]], ignore_index=True))
    now, before = rows
    before = before[["sector", "total"]].rename(columns={"total": "previous_total"})
    df = now.merge(before, on="sector", how="left")
    df["change"] = df["total"] - df["previous_total"]
    return df


def attention(f: Filters, n: int | None = None, engine: Engine | None = None
              ) -> dict[str, pd.DataFrame]:
    """The attention list: lowest totals, biggest falls, most overdue measures (n of each,
    NOK_ATTENTION_SIZE by default), and the organizations not assessed in three years."""
    n = n or get_settings().attention_size
    return {
        "lowest": lowest_scores(f, n, engine),
        "falls": biggest_falls(f, n, engine),
        "overdue": overdue_by_organization(f, n, engine),
        "unassessed": not_assessed_three_years(f, engine),
    }


# ---------------------------------------------------------------- organization profile

def organization(org_id: int, engine: Engine | None = None) -> dict:
    """The organization's card; empty dict when there is no such organization."""
    stmt = (select(Organization.id, Organization.inn, Organization.name, Organization.type,
                   Organization.sector, Organization.founder_level, Organization.founder,
                   Municipality.name.label("municipality"), Municipality.oktmo,
                   Region.code.label("region"), Region.name.label("region_name"))
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .join(Region, Region.id == Organization.region_id)
            .where(Organization.id == org_id))
    df = _frame(stmt, engine)
    return df.iloc[0].to_dict() if len(df) else {}


def organization_history(org_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """Per year assessed: the organization's К1–К5, total, respondents, and the means of
    its sector and of its region in the same year (sector_k1 … sector_total, region_total)."""
    org = select(Organization.sector, Organization.region_id).where(
        Organization.id == org_id).subquery()
    peers = (select(Assessment.year,
                    *(_mean(getattr(Assessment, c)).label(f"sector_{c}") for c in SCORE_COLUMNS))
             .join(Organization, Organization.id == Assessment.organization_id)
             .join(org, and_(Organization.sector == org.c.sector,
                             Organization.region_id == org.c.region_id))
             .group_by(Assessment.year).subquery())
    region = (select(Assessment.year, _mean(Assessment.total).label("region_total"))
              .join(Organization, Organization.id == Assessment.organization_id)
              .join(org, Organization.region_id == org.c.region_id)
              .group_by(Assessment.year).subquery())
    stmt = (select(Assessment.year, *(getattr(Assessment, c) for c in SCORE_COLUMNS),
                   Assessment.respondents,
                   *(peers.c[f"sector_{c}"] for c in SCORE_COLUMNS), region.c.region_total)
            .join(peers, peers.c.year == Assessment.year)
            .join(region, region.c.year == Assessment.year)
            .where(Assessment.organization_id == org_id).order_by(Assessment.year))
    return _frame(stmt, engine)


def organization_shortcomings(org_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """year, criterion, indicator, text of every shortcoming found, latest first."""
    stmt = (select(Assessment.year, Shortcoming.criterion, Shortcoming.indicator,
                   Shortcoming.text)
            .join(Assessment, Assessment.id == Shortcoming.assessment_id)
            .where(Assessment.organization_id == org_id)
            .order_by(Assessment.year.desc(), Shortcoming.criterion, Shortcoming.id))
    return _frame(stmt, engine)


def organization_measures(org_id: int, on: dt.date, engine: Engine | None = None
                          ) -> pd.DataFrame:
    """Every plan measure of the organization with its state at `on`, latest plan first."""
    stmt = (select(Assessment.year.label("plan_year"), ImprovementPlan.approved_on,
                   ImprovementPlan.due_date, PlanMeasure.criterion, PlanMeasure.shortcoming,
                   PlanMeasure.measure, PlanMeasure.planned_date, PlanMeasure.responsible_name,
                   PlanMeasure.responsible_position, PlanMeasure.actual_date, PlanMeasure.taken,
                   PlanMeasure.cancel_reason, _measure_status(on).label("status"))
            .join(ImprovementPlan, ImprovementPlan.id == PlanMeasure.plan_id)
            .join(Assessment, Assessment.id == ImprovementPlan.assessment_id)
            .where(ImprovementPlan.organization_id == org_id)
            .order_by(Assessment.year.desc(), PlanMeasure.criterion, PlanMeasure.planned_date))
    return _frame(stmt, engine)


def place_name(f: Filters, engine: Engine | None = None) -> str:
    """The municipality's name when one is chosen, else the region's."""
    if f.municipality:
        df = _frame(select(Municipality.name).where(Municipality.oktmo == f.municipality),
                    engine)
        if len(df):
            return str(df.iloc[0, 0])
    return str(data_info(f.region, engine).get("name", ""))
