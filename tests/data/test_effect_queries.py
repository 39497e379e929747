"""Effects of plans and recommendations on a region whose every change is counted by hand.

Organizations (sector, municipality), К1–К5 by year:
  A 1 education М1  2022 (80, 80, 60, 90, 90)  2024 (82, 80, 70, 90, 90)
      plan 2022: two К3 measures done on time in 2023          → К3 on time  +10
  B 2 education М2  2022 (85, 85, 50, 95, 95)  2024 (85, 85, 54, 95, 95)
      plan 2022: a К3 measure done late, a К1 one cancelled    → К3 late     +4, К1 left out
  C 3 culture   М2  2021 (70, 70, 40, 80, 80)  2023 (70, 70, 38, 80, 80)
      plan 2021: К3 one done on time, one done only in 2023,
      the year of the re-assessment                            → К3 not done −2
  D 4 culture   М1  2019 (60, 70, 50, 80, 80)  2022 (61, 76, 50, 80, 80)  2025 (61, 75, 50, 80, 80)
      plan 2019: К2 done on time                               → К2 on time  +6
      plan 2022: К2 never done (counts for 2025 only)          → К2 not done −1
  E 5 health    М1  2023 (90, 90, 90, 90, 90), plan, never re-assessed  → left out
  F 6 education М1  2022 and 2024 (90, 90, 80, 90, 90), no plan         → left out
Criteria without measures in a plan are the reference («no_measures»): A К1 +2, D К1 +1, the
others 0.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access import effect_queries as eq
from data_access.filters import Filters
from data_access.models import (
    Assessment, ImprovementPlan, IndicatorValue, Organization, PlanMeasure, Recommendation,
    RecommendationReport,
)
from tests.data.conftest import build_places

D = dt.date
ORGS = [(1, "education", 1), (2, "education", 2), (3, "culture", 2), (4, "culture", 1),
        (5, "health", 1), (6, "education", 1)]
# (id, org, year, К1–К5, respondents, disabled respondents)
ASSESSMENTS = [
    (1, 1, 2022, (80, 80, 60, 90, 90), 100, 5), (2, 1, 2024, (82, 80, 70, 90, 90), 100, 10),
    (3, 2, 2022, (85, 85, 50, 95, 95), 100, 5), (4, 2, 2024, (85, 85, 54, 95, 95), 100, 5),
    (5, 3, 2021, (70, 70, 40, 80, 80), 40, 2), (6, 3, 2023, (70, 70, 38, 80, 80), 40, 2),
    (7, 4, 2019, (60, 70, 50, 80, 80), 40, 2), (8, 4, 2022, (61, 76, 50, 80, 80), 40, 2),
    (9, 4, 2025, (61, 75, 50, 80, 80), 40, 2), (10, 5, 2023, (90, 90, 90, 90, 90), 100, 10),
    (11, 6, 2022, (90, 90, 80, 90, 90), 50, 0), (12, 6, 2024, (90, 90, 80, 90, 90), 50, 5),
]
# plan id → (assessment, organization)
PLANS = {1: (1, 1), 2: (3, 2), 3: (5, 3), 4: (7, 4), 5: (8, 4), 6: (10, 5)}
# (plan, criterion, planned date, actual date, status)
MEASURES = [
    (1, "k3", D(2023, 6, 1), D(2023, 3, 1), "done"),
    (1, "k3", D(2023, 5, 1), D(2023, 5, 1), "done"),          # on the day: on time
    (2, "k3", D(2023, 3, 1), D(2023, 5, 1), "done"),          # late
    (2, "k1", D(2023, 3, 1), None, "cancelled"),
    (3, "k3", D(2022, 6, 1), D(2022, 4, 1), "done"),
    (3, "k3", D(2022, 12, 1), D(2023, 2, 1), "done"),         # done in the year of re-assessment
    (4, "k2", D(2020, 6, 1), D(2020, 5, 1), "done"),
    (5, "k2", D(2023, 6, 1), None, "overdue"),
    (6, "k1", D(2024, 6, 1), D(2024, 5, 1), "done"),
]

RECOMMENDATIONS = {1: "p_inf", 3: "k3,disabled_share"}
# (recommendation, ministry's sector, date, status): education reports № 3 done in 2024
REPORTS = [(3, "education", D(2023, 6, 30), "in_progress"),
           (3, "education", D(2024, 6, 30), "done"), (3, "culture", D(2023, 12, 31), "in_progress")]


def build_effects(engine) -> None:
    with Session(engine) as s, s.begin():
        build_places(s, D(2025, 11, 1))
        s.execute(insert(Organization), [
            dict(id=i, region_id=1, municipality_id=m, sector=sector, inn=f"230000000{i}",
                 name=f"Организация {i}", type="тип",
                 founder_level="regional" if sector == "culture" else "municipal",
                 founder="Учредитель") for i, sector, m in ORGS])
        s.execute(insert(Assessment), [
            dict(id=i, organization_id=o, year=y, k1=k[0], k2=k[1], k3=k[2], k4=k[3], k5=k[4],
                 total=sum(k) / 5, respondents=r, disabled_respondents=d)
            for i, o, y, k, r, d in ASSESSMENTS])
        s.execute(insert(IndicatorValue), [
            dict(assessment_id=a, code="p_inf", value=v)
            for a, v in ((1, 80), (2, 90), (5, 70), (6, 75))])
        s.execute(insert(ImprovementPlan), [
            dict(id=p, assessment_id=a, organization_id=o, due_date=D(2000 + p, 12, 1),
                 approved_on=D(2000 + p, 12, 1)) for p, (a, o) in PLANS.items()])
        s.execute(insert(PlanMeasure), [
            dict(plan_id=p, criterion=k, shortcoming="Недостаток", measure="Мера",
                 planned_date=planned, actual_date=actual, status=status,
                 responsible_name="Иванова И. И.", responsible_position="директор",
                 cancel_reason="Реорганизация" if status == "cancelled" else None)
            for p, k, planned, actual, status in MEASURES])
        s.execute(insert(Recommendation), [
            dict(id=n, resolution="№ 184-П", resolution_date=D(2022, 12, 13), number=n,
                 title=f"Рекомендация {n}", text="…", targets=targets)
            for n, targets in RECOMMENDATIONS.items()])
        s.execute(insert(RecommendationReport), [
            dict(recommendation_id=n, region_id=1, sector=sector, reported_on=on, status=status,
                 text=status) for n, sector, on, status in REPORTS])


@pytest.fixture
def effects(engine):
    build_effects(engine)
    return engine


F2024 = Filters("23", 2024)


def cells(df: pd.DataFrame, *keys: str) -> dict:
    """{(keys…, class): (change, organizations, pairs)} with changes to 0.001."""
    return {(*(r[k] for k in keys), r["effect_class"]):
            (round(r["change"], 3), r["organizations"], r["pairs"]) for _, r in df.iterrows()}


def test_plan_effect_by_criterion(effects):
    got = cells(eq.plan_effect(F2024, ("criterion",), effects), "criterion")
    assert got == {
        ("k1", "no_measures"): (1.0, 3, 3),       # A +2, C 0, D +1; B's К1 only cancelled
        ("k2", "no_measures"): (0.0, 3, 3),
        ("k2", "on_time"): (6.0, 1, 1),           # D 2019 → 2022
        ("k3", "late"): (4.0, 1, 1),              # B
        ("k3", "no_measures"): (0.0, 1, 1),       # D
        ("k3", "not_done"): (-2.0, 1, 1),         # C: one measure done only in 2023
        ("k3", "on_time"): (10.0, 1, 1),          # A
        ("k4", "no_measures"): (0.0, 4, 4),
        ("k5", "no_measures"): (0.0, 4, 4),
    }


def test_plan_effect_before_and_after_means(effects):
    df = eq.plan_effect(F2024, ("criterion",), effects).set_index(["criterion", "effect_class"])
    assert df.loc[("k1", "no_measures"), "before"] == pytest.approx(70.0)   # 80, 70, 60
    assert df.loc[("k1", "no_measures"), "after"] == pytest.approx(71.0)    # 82, 70, 61


def test_plan_effect_by_ministry_pools_the_criteria(effects):
    got = cells(eq.plan_effect(F2024, ("sector",), effects), "sector")
    assert got == {
        ("culture", "no_measures"): (0.125, 2, 8),   # C К1,2,4,5 0; D К1 +1, К3,4,5 0
        ("culture", "not_done"): (-2.0, 1, 1),
        ("culture", "on_time"): (6.0, 1, 1),
        ("education", "late"): (4.0, 1, 1),
        ("education", "no_measures"): (round(2 / 7, 3), 2, 7),
        ("education", "on_time"): (10.0, 1, 1),
    }


def test_plan_effect_by_municipality(effects):
    df = eq.plan_effect(F2024, ("municipality",), effects)
    got = cells(df[df["effect_class"] != "no_measures"], "municipality_name")
    assert got == {("Город А", "on_time"): (8.0, 2, 2),    # A +10, D +6
                   ("Район Б", "late"): (4.0, 1, 1),
                   ("Район Б", "not_done"): (-2.0, 1, 1)}


def test_a_later_year_brings_the_next_re_assessment(effects):
    got = cells(eq.plan_effect(Filters("23", 2025), ("sector",), effects), "sector")
    assert got[("culture", "not_done")] == (-1.5, 2, 2)      # C −2, D 2022 → 2025 −1


def test_plan_effect_follows_the_filters(effects):
    culture = eq.plan_effect(F2024.replace(sector="culture"), ("criterion",), effects)
    assert set(culture["effect_class"]) == {"on_time", "not_done", "no_measures"}
    assert cells(culture, "criterion")[("k3", "not_done")] == (-2.0, 1, 1)
    town = eq.plan_effect(F2024.replace(municipality="03701000"), ("criterion",), effects)
    assert cells(town, "criterion")[("k3", "on_time")] == (10.0, 1, 1)
    assert ("k3", "late") not in cells(town, "criterion")
    assert eq.plan_effect(Filters("23", 2022), ("criterion",), effects).pipe(
        lambda df: cells(df, "criterion")) == {
        ("k1", "no_measures"): (1.0, 1, 1), ("k2", "on_time"): (6.0, 1, 1),
        ("k3", "no_measures"): (0.0, 1, 1), ("k4", "no_measures"): (0.0, 1, 1),
        ("k5", "no_measures"): (0.0, 1, 1)}


def test_plan_effect_of_an_empty_view(effects):
    df = eq.plan_effect(F2024.replace(sector="social"), ("sector",), effects)
    assert df.empty and {"effect_class", "change", "organizations"} <= set(df.columns)


def _rec(df, number, target, level, key):
    column = "sector" if level == "ministry" else "group"
    rows = df[(df["number"] == number) & (df["target"] == target) & (df["level"] == level)
              & (df[column] == key)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_recommendation_effect_per_ministry(effects):
    df = eq.recommendation_effect(F2024, effects)
    edu = _rec(df, 3, "k3", "ministry", "education")
    assert edu["status"] == "done" and edu["group"] == "done"
    # before 2020–2022: A 60, B 50, F 80; after 2023–2024: A 70, B 54, F 80
    assert (edu["before"], edu["after"]) == (pytest.approx(190 / 3), pytest.approx(68.0))
    assert (edu["before_organizations"], edu["after_organizations"]) == (3, 3)
    assert (edu["before_years"], edu["after_years"]) == ("2020–2022", "2023–2024")
    culture = _rec(df, 3, "k3", "ministry", "culture")
    # C 2021 40 and D 2022 50 (D's 2019 is before the window), after: C 2023 38
    assert culture["status"] == "in_progress" and culture["group"] == "other"
    assert (culture["before"], culture["after"], culture["change"]) == (45.0, 38.0, -7.0)
    health = _rec(df, 3, "k3", "ministry", "health")
    assert health["status"] == "no_report" and pd.isna(health["before"])
    assert health["after"] == 90.0
    share = _rec(df, 3, "disabled_share", "ministry", "education")
    assert (share["before"], share["after"]) == (4.0, 8.0)   # 10 of 250, 20 of 250 respondents
    inf = _rec(df, 1, "p_inf", "ministry", "culture")
    assert (inf["before"], inf["after"], inf["status"]) == (70.0, 75.0, "no_report")


def test_recommendation_groups_pool_the_ministries_seen_before_and_after(effects):
    df = eq.recommendation_effect(F2024, effects)
    done = _rec(df, 3, "k3", "group", "done")
    assert (done["ministries"], round(done["change"], 3)) == (1, round(68 - 190 / 3, 3))
    other = _rec(df, 3, "k3", "group", "other")
    # health (seen only after) and social (not at all) stay out: culture alone
    assert (other["ministries"], other["change"], other["before_organizations"]) == (1, -7.0, 2)
    inf = _rec(df, 1, "p_inf", "group", "other")    # nobody reported: all «other»
    assert (inf["before"], inf["after"], inf["ministries"]) == (75.0, 82.5, 2)
    assert df[(df["number"] == 1) & (df["group"] == "done")].empty


def test_recommendation_effect_for_one_ministry(effects):
    df = eq.recommendation_effect(F2024.replace(sector="culture"), effects)
    assert set(df["sector"].dropna()) == {"culture"}
    assert set(df.loc[df["level"] == "group", "group"]) == {"other"}


def test_the_sql_classes_are_methodology_effect_class(effects):
    """The CASE of _effect_rows and methodology.effect_class say the same of every (plan,
    criterion): counted here from MEASURES by the rule in words."""
    from sqlalchemy import select

    from data_access.methodology import CRITERIA, effect_class
    next_year = {1: 2024, 2: 2024, 3: 2023, 4: 2022}       # the plans re-assessed by 2024
    base = eq._effect_rows(F2024)
    with effects.connect() as conn:
        got = {(r.organization_id, r.criterion): r.effect_class
               for r in conn.execute(select(base))}
    expected = {}
    for plan, year in next_year.items():
        for k in CRITERIA:
            mine = [m for m in MEASURES if m[0] == plan and m[1] == k]
            live = [m for m in mine if m[4] != "cancelled"]
            done = [m for m in live if m[3] is not None and m[3].year < year]
            late = [m for m in done if m[3] > m[2]]
            expected[PLANS[plan][1], k] = effect_class(len(live), len(done), len(late),
                                                       len(mine) - len(live))
    assert got == expected


def test_the_demo_data_show_a_modest_effect_of_plans(tmp_path):
    """demo.PLAN_GAIN: criteria whose measures were done on time gain more by the next
    assessment than those whose measures were not done."""
    from data_access import db, demo
    engine = db.make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    db.upgrade(engine)
    demo.seed(engine, dt.date(2026, 11, 23), scale=0.1)
    total = eq.plan_effect(Filters("23", 2026), (), engine).set_index("effect_class")
    assert total.loc["on_time", "change"] > total.loc["late", "change"] > total.loc[
        "not_done", "change"] > total.loc["no_measures", "change"]
    assert 1 < total.loc["on_time", "change"] - total.loc["not_done", "change"] < 5
    engine.dispose()
