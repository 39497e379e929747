"""A small region whose every figure can be counted by hand (see the comments)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access.models import (
    Assessment, CoveragePlan, ImprovementPlan, IndicatorValue, Milestone, Municipality,
    Organization, PlanMeasure, Recommendation, RecommendationReport, Region, Sector,
)
from data_access.reference.sectors import SECTORS

D = dt.date
AS_OF = D(2024, 11, 1)

# org: (id, sector, municipality id, name, inn)
ORGS = [
    (1, "education", 1, "Школа № 1", "2300000001"),
    (2, "education", 1, "Школа № 2", "2300000002"),
    (3, "culture", 2, "Библиотека", "2300000003"),
    (4, "health", 2, "Больница", "2300000004"),
    (5, "education", 2, "Школа № 3", "2300000005"),   # never assessed
]
# assessment: (id, org, year, k1..k5, respondents, disabled); total = mean of К1–К5
ASSESSMENTS = [
    (1, 1, 2023, (90, 90, 60, 95, 95), 100, 5),    # total 86
    (2, 1, 2024, (92, 92, 70, 96, 95), 120, 6),    # total 89
    (3, 2, 2024, (80, 85, 50, 90, 85), 80, 4),     # total 78
    (4, 3, 2022, (85, 90, 55, 95, 90), 50, 0),     # total 83
    (5, 3, 2024, (80, 90, 45, 90, 85), 60, 0),     # total 78
    (6, 4, 2024, (95, 95, 80, 98, 97), 200, 20),   # total 93
]


def build_places(s: Session, as_of: dt.date = AS_OF) -> None:
    """The region «23» with its two municipalities (ids 1 «Город А», 2 «Район Б») and the
    four sectors: what every hand-made fixture stands on."""
    s.execute(insert(Region), [dict(id=1, code="23", name="Тестовый край", is_demo=True,
                                    data_as_of=as_of)])
    s.execute(insert(Sector), [r._asdict() for r in SECTORS])
    s.execute(insert(Municipality), [
        dict(id=1, region_id=1, oktmo="03701000", name="Город А", kind="urban_okrug",
             population=100_000),
        dict(id=2, region_id=1, oktmo="03601000", name="Район Б",
             kind="municipal_district", population=50_000)])


def build_small(engine) -> None:
    with Session(engine) as s, s.begin():
        build_places(s)
        s.execute(insert(Organization), [
            dict(id=i, region_id=1, municipality_id=m, sector=sec, inn=inn, name=name,
                 type="тип", founder_level="municipal", founder="Управление")
            for i, sec, m, name, inn in ORGS])
        s.execute(insert(Assessment), [
            dict(id=i, organization_id=o, year=y, k1=k[0], k2=k[1], k3=k[2], k4=k[3], k5=k[4],
                 total=sum(k) / 5, respondents=r, disabled_respondents=d)
            for i, o, y, k, r, d in ASSESSMENTS])
        s.execute(insert(IndicatorValue), [dict(assessment_id=2, code="p_inf", value=80)])
        s.execute(insert(CoveragePlan), [
            dict(region_id=1, sector="education", year=2024, planned=3),
            dict(region_id=1, sector="culture", year=2024, planned=1),
            dict(region_id=1, sector="health", year=2024, planned=1),
            dict(region_id=1, sector="education", year=2023, planned=2)])
        s.execute(insert(ImprovementPlan), [
            dict(id=1, assessment_id=1, organization_id=1, due_date=D(2023, 12, 1),
                 approved_on=D(2023, 11, 20)),
            dict(id=2, assessment_id=4, organization_id=3, due_date=D(2022, 12, 1),
                 approved_on=D(2022, 12, 20))])
        measure = dict(shortcoming="Недостаток", measure="Мера", responsible_name="Иванова И. И.",
                       responsible_position="директор", taken=None, actual_date=None,
                       cancel_reason=None)
        s.execute(insert(PlanMeasure), [
            {**measure, "id": 1, "plan_id": 1, "criterion": "k3", "planned_date": D(2024, 3, 1),
             "status": "done", "actual_date": D(2024, 2, 20)},
            {**measure, "id": 2, "plan_id": 1, "criterion": "k3", "planned_date": D(2024, 6, 1),
             "status": "in_progress"},   # overdue at 1.11.2024: 153 days
            {**measure, "id": 3, "plan_id": 1, "criterion": "k1", "planned_date": D(2025, 3, 1),
             "status": "in_progress"},
            {**measure, "id": 4, "plan_id": 1, "criterion": "k2", "planned_date": D(2024, 5, 1),
             "status": "cancelled", "cancel_reason": "Реорганизация"},
            {**measure, "id": 5, "plan_id": 2, "criterion": "k3", "planned_date": D(2023, 6, 1),
             "status": "done", "actual_date": D(2023, 9, 1)},
        ])
        s.execute(insert(Milestone), [
            dict(region_id=1, year=2024, step=1, title="Перечень", result="Список",
                 responsible="Министерства", deadline=D(2023, 11, 30), done_on=D(2023, 11, 25)),
            dict(region_id=1, year=2024, step=2, title="Результаты", result="Баллы",
                 responsible="Советы", deadline=D(2024, 8, 28), done_on=D(2024, 9, 2)),
            dict(region_id=1, year=2024, step=3, title="Решения", result="Решения",
                 responsible="Министерства", deadline=D(2024, 9, 28), done_on=None),
            dict(region_id=1, year=2024, step=4, title="Планы", result="Планы",
                 responsible="Министерства", deadline=D(2024, 12, 1), done_on=None)])
        s.execute(insert(Recommendation), [
            dict(id=1, resolution="№ 184-П", resolution_date=D(2022, 12, 13), number=1,
                 title="Информация", text="…", targets="p_inf,p_otkr_ud"),
            dict(id=3, resolution="№ 184-П", resolution_date=D(2022, 12, 13), number=3,
                 title="Доступность", text="…", targets="k3,disabled_share")])
        s.execute(insert(RecommendationReport), [
            dict(recommendation_id=1, region_id=1, sector="education", reported_on=D(2023, 6, 30),
                 status="in_progress", text="Начато"),
            dict(recommendation_id=1, region_id=1, sector="education", reported_on=D(2024, 6, 30),
                 status="done", text="Выполнено"),
            dict(recommendation_id=1, region_id=1, sector="culture", reported_on=D(2023, 6, 30),
                 status="not_started", text="Не начато")])


@pytest.fixture
def small(engine):
    build_small(engine)
    return engine
