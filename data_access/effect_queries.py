"""Did the plans and the recommendations improve anything? (issue «Действуют ли планы»)

Plan effect: for each improvement plan of an organization that was assessed again (the next
assessment up to the chosen year), the change of each criterion from the plan's assessment to
the next one, classed by the plan's measures of that criterion (methodology.effect_class);
averaged in SQL per class and criterion, ministry (sector) or municipality.

Recommendation effect: the mean of each recommendation's targets (DOMAIN.md §5) in the
methodology.BEFORE_YEARS years up to the resolution's year and in the years after it, per
ministry, put beside the status that ministry last reported."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    Engine, and_, case, extract, func, literal, null, select, true, union_all,
)
from sqlalchemy.orm import aliased

from data_access import queries
from data_access.filters import Filters
from data_access.methodology import BEFORE_YEARS, CRITERIA, INDICATORS
from data_access.models import (
    Assessment, ImprovementPlan, IndicatorValue, Municipality, Organization, PlanMeasure,
)
from data_access.queries import _frame, _scope

PLAN_GROUPS = {
    "criterion": lambda base: (base.c.criterion.label("criterion"),),
    "sector": lambda base: (Organization.sector.label("sector"),),
    "municipality": lambda base: (Municipality.oktmo.label("municipality"),
                                  Municipality.name.label("municipality_name")),
}


def _criteria():
    """The five criteria as a one-column table (criterion) to cross with the plans."""
    return union_all(*(select(literal(k).label("criterion")) for k in CRITERIA)).subquery("crit")


def _pairs(f: Filters):
    """Each plan of an organization in view with the organization's next assessment (the
    next one after the plan's year, up to the chosen year): plan_id, organization_id, the
    plan's assessment id, the next assessment's id and year."""
    order = {"partition_by": Assessment.organization_id, "order_by": Assessment.year}
    ranked = (select(Assessment.id, Assessment.organization_id,
                     func.lead(Assessment.id).over(**order).label("next_id"),
                     func.lead(Assessment.year).over(**order).label("next_year"))
              .join(Organization, Organization.id == Assessment.organization_id)
              .where(_scope(f), Assessment.year <= f.year).subquery("ranked"))
    return (select(ImprovementPlan.id.label("plan_id"), ranked.c.organization_id,
                   ranked.c.id.label("before_id"), ranked.c.next_id, ranked.c.next_year)
            .join(ranked, ranked.c.id == ImprovementPlan.assessment_id)
            .where(ranked.c.next_id.is_not(None)).subquery("pairs"))


def _effect_rows(f: Filters):
    """One row per (plan, criterion): organization, criterion, class (NULL where every
    measure was cancelled), the criterion before and at the next assessment. The CASE is
    methodology.effect_class written in SQL (a unit test checks the two agree)."""
    pairs = _pairs(f)
    crit = _criteria()
    pm = PlanMeasure
    live = pm.status != "cancelled"

    def count(condition):
        return func.sum(case((condition, 1), else_=0))
    # per plan and criterion, whatever the next assessment: the measures not cancelled, those
    # of them with no actual date, the latest actual date and those done after their date
    measures = (select(pm.plan_id, pm.criterion, count(live).label("measures"),
                       count(and_(live, pm.actual_date.is_(None))).label("undone"),
                       func.max(case((live, pm.actual_date))).label("last_done"),
                       count(and_(live, pm.actual_date > pm.planned_date)).label("late"))
                .join(ImprovementPlan, ImprovementPlan.id == pm.plan_id)
                .join(Organization, Organization.id == ImprovementPlan.organization_id)
                .where(_scope(f))
                .group_by(pm.plan_id, pm.criterion).subquery("measures"))
    # all done before the year of the next assessment: none without a date, the last one
    # dated before that year
    all_done = and_(measures.c.undone == 0,
                    extract("year", measures.c.last_done) < pairs.c.next_year)
    effect_class = case((measures.c.plan_id.is_(None), literal("no_measures")),
                        (measures.c.measures == 0, null()),
                        (~all_done, literal("not_done")),
                        (measures.c.late > 0, literal("late")),
                        else_=literal("on_time"))
    before, after = aliased(Assessment), aliased(Assessment)

    def value(a):
        return case(*((crit.c.criterion == k, getattr(a, k)) for k in CRITERIA))
    return (select(pairs.c.organization_id, crit.c.criterion,
                   effect_class.label("effect_class"), value(before).label("before"),
                   value(after).label("after"))
            .select_from(pairs)
            .join(crit, true())
            .outerjoin(measures, and_(measures.c.plan_id == pairs.c.plan_id,
                                      measures.c.criterion == crit.c.criterion))
            .join(before, before.id == pairs.c.before_id)
            .join(after, after.id == pairs.c.next_id)
            .subquery("effect"))


def plan_effect(f: Filters, by: Sequence[str] = ("criterion",), engine: Engine | None = None
                ) -> pd.DataFrame:
    """Per group (criterion, sector and/or municipality) and class: the mean change of the
    criterion from the plan's assessment to the next one (after − before), the means before
    and after, the organizations behind them and the (plan, criterion) pairs. Re-assessments
    up to the chosen year; classes by methodology.effect_class, «no_measures» the reference."""
    base = _effect_rows(f)
    keys = [column for k in by for column in PLAN_GROUPS[k](base)]
    stmt = (select(*keys, base.c.effect_class,
                   func.avg(base.c.after - base.c.before).label("change"),
                   func.avg(base.c.before).label("before"), func.avg(base.c.after).label("after"),
                   func.count(func.distinct(base.c.organization_id)).label("organizations"),
                   func.count().label("pairs"))
            .select_from(base)
            .join(Organization, Organization.id == base.c.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(base.c.effect_class.is_not(None))
            .group_by(*keys, base.c.effect_class).order_by(*keys, base.c.effect_class))
    df = _frame(stmt, engine)
    for column in ("organizations", "pairs"):
        df[column] = df[column].astype(int)
    return df


# ---------------------------------------------------------------- recommendations

ON_ASSESSMENT = ("respondents", "disabled_share")
REC_EFFECT_COLUMNS = ("number", "target", "level", "sector", "group", "status", "reported_on",
                      "ministries", "before", "after", "change", "before_organizations",
                      "after_organizations", "before_years", "after_years")


def _periods(resolution_year: int, year: int):
    """«before»: the BEFORE_YEARS years up to the resolution's year; «after»: the years after
    it up to the chosen one; other years NULL."""
    return case((Assessment.year.between(resolution_year - BEFORE_YEARS + 1, resolution_year),
                 literal("before")),
                (Assessment.year.between(resolution_year + 1, year), literal("after")),
                else_=null())


def target_sums(f: Filters, targets: Sequence[str], resolution_year: int,
                engine: Engine | None = None) -> pd.DataFrame:
    """Per sector, period (before/after the resolution) and target: the sum and the weight
    whose ratio is the target's mean (the mean over assessments; for «disabled_share» the
    disabled respondents · 100 over all respondents) and the organizations assessed. Sums,
    not means, so that ministries can be pooled exactly. Two SELECTs whatever the targets."""
    unknown = [t for t in targets if t not in (*CRITERIA, *INDICATORS, *ON_ASSESSMENT)]
    if unknown:
        raise ValueError(f"Неизвестный показатель рекомендации: {unknown[0]}")
    period = _periods(resolution_year, f.year)
    frames = []
    sums = {t: (func.sum(getattr(Assessment, t)), func.count(getattr(Assessment, t)))
            for t in targets if t in CRITERIA}
    if "respondents" in targets:
        sums["respondents"] = (func.sum(Assessment.respondents), func.count(Assessment.respondents))
    if "disabled_share" in targets:
        sums["disabled_share"] = (func.sum(Assessment.disabled_respondents) * 100.0,
                                  func.sum(Assessment.respondents))
    if sums:
        columns = [part.label(f"{t}__{i}") for t, pair in sums.items()
                   for i, part in zip(("sum", "weight"), pair)]
        stmt = (select(Organization.sector.label("sector"), period.label("period"),
                       func.count(func.distinct(Organization.id)).label("organizations"),
                       *columns)
                .join(Organization, Organization.id == Assessment.organization_id)
                .where(_scope(f), period.is_not(None))
                .group_by(Organization.sector, period))
        wide = _frame(stmt, engine)
        for t in sums:
            frames.append(wide[["sector", "period", "organizations"]].assign(
                target=t, sum=wide[f"{t}__sum"].astype(float),
                weight=wide[f"{t}__weight"].astype(float)))
    codes = [t for t in targets if t in INDICATORS]
    if codes:
        codes_table = union_all(*(select(literal(c).label("code")) for c in codes)
                                ).subquery("codes")
        stmt = (select(Organization.sector.label("sector"), period.label("period"),
                       IndicatorValue.code.label("target"),
                       func.count(func.distinct(Organization.id)).label("organizations"),
                       func.sum(IndicatorValue.value).label("sum"),
                       func.count(IndicatorValue.value).label("weight"))
                .select_from(Organization)
                .join(Assessment, Assessment.organization_id == Organization.id)
                .join(codes_table, true())
                # each assessment's values looked up by the primary key (assessment, code):
                # a region's few thousand assessments, not every value of the codes
                .join(IndicatorValue, and_(IndicatorValue.assessment_id == Assessment.id,
                                           IndicatorValue.code == codes_table.c.code))
                .where(_scope(f), period.is_not(None))
                .group_by(Organization.sector, period, IndicatorValue.code))
        frames.append(_frame(stmt, engine))
    frames = [df for df in frames if len(df)]
    if not frames:
        return pd.DataFrame(columns=["sector", "period", "target", "sum", "weight",
                                     "organizations"])
    df = pd.concat(frames, ignore_index=True)
    df["organizations"] = df["organizations"].astype(int)
    return df[["sector", "period", "target", "sum", "weight", "organizations"]]


def _pooled(sums: pd.DataFrame, sectors, period: str) -> tuple[float, int]:
    """The mean of the sectors' assessments in a period (sum over weight, pooled exactly)
    and their organizations (an organization belongs to one sector: the counts add up)."""
    own = sums[sums["sector"].isin(list(sectors)) & (sums["period"] == period)]
    weight = float(own["weight"].sum())
    return (float(own["sum"].sum()) / weight if weight else float("nan"),
            int(own["organizations"].sum()))


def _targets(value) -> list[str]:
    return [t.strip() for t in str(value or "").split(",") if t.strip()]


def recommendation_effect(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per recommendation and target: one row per addressed ministry in view (level
    «ministry»: its sector, the status it last reported by the period's end and its date) and
    one per group of ministries (level «group»: «done» — reported it done, «other» — did not),
    each with the target's mean before and after the resolution, the change (after − before),
    the organizations assessed in each period and the number of ministries."""
    recs = queries.recommendations(engine)
    status = queries.recommendation_status(f, engine)
    rows = []
    for resolution_date, group in recs.groupby("resolution_date"):
        ryear = pd.Timestamp(resolution_date).year
        targets = list(dict.fromkeys(t for v in group["targets"] for t in _targets(v)))
        sums = target_sums(f, targets, ryear, engine)
        years = {"before_years": f"{ryear - BEFORE_YEARS + 1}–{ryear}",
                 "after_years": (f"{ryear + 1}–{f.year}" if f.year > ryear + 1
                                 else str(ryear + 1) if f.year == ryear + 1 else "")}
        for rec in group.itertuples():
            mine = status[status["number"] == rec.number]
            units = [("ministry", r.sector, "done" if r.status == "done" else "other",
                      [r.sector], r.status, r.reported_on) for r in mine.itertuples()]
            for target in _targets(rec.targets):
                own = sums[sums["target"] == target]
                # a group pools only the ministries seen both before and after: one seen on
                # one side alone would pass its own level off as a change
                both = set(own.loc[own["period"] == "before", "sector"]) & set(
                    own.loc[own["period"] == "after", "sector"])
                groups = [("group", None, name, members, None, None) for name in ("done", "other")
                          if (members := [u[1] for u in units if u[2] == name and u[1] in both])]
                for level, sector, name, members, state, reported_on in units + groups:
                    before, n_before = _pooled(own, members, "before")
                    after, n_after = _pooled(own, members, "after")
                    rows.append({"number": int(rec.number), "target": target, "level": level,
                                 "sector": sector, "group": name, "status": state,
                                 "reported_on": reported_on, "ministries": len(members),
                                 "before": before, "after": after, "change": after - before,
                                 "before_organizations": n_before,
                                 "after_organizations": n_after, **years})
    return pd.DataFrame(rows, columns=list(REC_EFFECT_COLUMNS))
