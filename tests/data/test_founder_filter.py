"""The founder filter on the hand-counted region of tests/data/conftest.py, to which two
organizations of regional founders are added here (the fixture's own five are municipal):

- «Краевой колледж» (education, Город А), 2024: К1–К5 all 70, total 70;
- «Краевая больница» (health, Район Б), 2024: all 60, total 60; its 2024 plan has one measure
  planned for 1.07.2024 and not done: overdue at the data's date, 1.11.2024.

With founder = municipal every figure is the small region's own (conftest's comments).
"""
import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access import brief, district_queries, map_queries, plan_queries, queries, results_queries
from data_access.filters import Filters, Options
from data_access.models import Assessment, ImprovementPlan, Organization, PlanMeasure
from tests.data.conftest import build_small

F = Filters(region="23", year=2024)
MUNI, REG = F.replace(founder="municipal"), F.replace(founder="regional")
A, B = "03701000", "03601000"


@pytest.fixture
def founders(engine):
    build_small(engine)
    with Session(engine) as s, s.begin():
        s.execute(insert(Organization), [
            dict(id=6, region_id=1, municipality_id=1, sector="education", inn="2300000006",
                 name="Краевой колледж", type="колледж", founder_level="regional",
                 founder="Министерство образования"),
            dict(id=7, region_id=1, municipality_id=2, sector="health", inn="2300000007",
                 name="Краевая больница", type="больница", founder_level="regional",
                 founder="Министерство здравоохранения")])
        s.execute(insert(Assessment), [
            dict(id=7, organization_id=6, year=2024, k1=70, k2=70, k3=70, k4=70, k5=70,
                 total=70, respondents=40, disabled_respondents=0),
            dict(id=8, organization_id=7, year=2024, k1=60, k2=60, k3=60, k4=60, k5=60,
                 total=60, respondents=90, disabled_respondents=3)])
        s.execute(insert(ImprovementPlan), [
            dict(id=3, assessment_id=8, organization_id=7, due_date=dt.date(2024, 12, 1),
                 approved_on=dt.date(2024, 3, 1))])
        s.execute(insert(PlanMeasure), [
            dict(id=6, plan_id=3, criterion="k3", shortcoming="Нет пандуса",
                 measure="Установить пандус", planned_date=dt.date(2024, 7, 1),
                 responsible_name="Петров П. П.", responsible_position="главный врач",
                 status="in_progress", taken=None, actual_date=None, cancel_reason=None)])
    return engine


OPTIONS = Options(("23",), (2023, 2024), (A, B))


@pytest.mark.parametrize("value, expected", [
    ("municipal", "municipal"), ("regional", "regional"), (None, None), ("", None),
    ("all", None), ("federal", None), ("Municipal", None), ("<script>", None),
])
def test_founder_from_the_url_falls_back_to_every_founder(value, expected):
    f = Filters.from_query({"year": "2024", "founder": value}, OPTIONS)
    assert f.founder == expected
    assert (f.region, f.year) == ("23", 2024)
    assert ("founder" in f.as_query()) == (expected is not None)


def test_headline_by_founder(founders):
    every, muni, reg = (queries.headline(g, founders).loc[2024] for g in (F, MUNI, REG))
    assert (every["organizations"], every["assessed"]) == (7, 6)
    # the small region's own figures
    assert (muni["organizations"], muni["assessed"]) == (5, 4)
    assert muni["mean_total"] == pytest.approx(84.5)
    assert muni["overdue_measures"] == 1
    assert (reg["organizations"], reg["assessed"]) == (2, 2)
    assert reg["mean_total"] == pytest.approx(65)
    assert reg["overdue_measures"] == 1
    # the coverage plan is agreed for all founders together: no plan for one founder level
    assert every["planned"] == 5 and pd.isna(muni["planned"]) and pd.isna(reg["planned"])
    assert queries.coverage_by_sector(MUNI, founders)["planned"].isna().all()


def test_a_district_administration_sees_its_own_organizations(founders):
    """Район Б with founder = municipal: the library and the hospital it founded, not the
    regional hospital standing on its land."""
    district = MUNI.replace(municipality=B)
    assert queries.ranking(district, founders)["name"].tolist() == ["Больница", "Библиотека"]
    assert queries.ranking(F.replace(municipality=B), founders)["name"].tolist() == [
        "Больница", "Библиотека", "Краевая больница"]
    assert queries.not_assessed_three_years(district, founders)["name"].tolist() == [
        "Школа № 3"]
    # its plans: the library's one measure, done; the regional hospital's overdue one is not its
    states = plan_queries.measure_states(district, "sector", founders).set_index("sector")
    assert states["total"].to_dict() == {"culture": 1}
    assert queries.overdue_measures(district, founders).empty
    assert queries.overdue_measures(F.replace(municipality=B), founders)[
        "organization"].tolist() == ["Краевая больница"]


def test_the_region_mean_compares_like_with_like(founders):
    assert queries.region_means(MUNI, engine=founders)["total"].iloc[0] == pytest.approx(84.5)
    assert queries.region_means(REG, engine=founders)["total"].iloc[0] == pytest.approx(65)
    assert queries.region_means(F, engine=founders)["total"].iloc[0] == pytest.approx(
        (89 + 78 + 78 + 93 + 70 + 60) / 6)
    history = district_queries.history(MUNI.replace(municipality=B), founders).set_index("year")
    assert history.loc[2024, "total"] == pytest.approx((78 + 93) / 2)
    assert history.loc[2024, "region_total"] == pytest.approx(84.5)


def test_every_module_of_organizations_honours_the_founder(founders):
    hist = results_queries.total_histogram(REG, engine=founders)
    assert hist[["bin", "n"]].values.tolist() == [[60, 1], [70, 1]]
    m = map_queries.municipality_measures(REG, founders).set_index("oktmo")
    assert m.loc[A, "organizations"] == 1 and m.loc[B, "organizations"] == 1
    assert m.loc[B, "overdue"] == 1 and m.loc[A, "measures"] == 0
    assert brief.overdue_organizations(MUNI, founders).to_dict("records") == [
        {"sector": "education", "organizations": 1}]
    assert district_queries.standing(REG.replace(municipality=A), founders) == {
        "place": 1, "of": 2}
    assert queries.scores(REG, by=("founder_level",), engine=founders)[
        "founder_level"].tolist() == ["regional"]
