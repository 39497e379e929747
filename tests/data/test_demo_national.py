"""The national demo data set: 89 subjects, synthetic municipalities, written region by region
(COPY on PostgreSQL when TEST_DATABASE_URL is set). The runs keep the first few regions at a
tiny scale."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, insert, select

from data_access import db, demo
from data_access.models import (
    Assessment, ImprovementPlan, IndicatorValue, Municipality, Organization, PlanMeasure,
    Region, Shortcoming,
)
from data_access.reference import russia
from data_access.reference.sectors import SECTORS
from tests.conftest import BACKENDS, drop_engine, fresh_engine

AS_OF = dt.date(2026, 11, 23)
SCALE = 0.01
LIMIT = 3


# ---------------------------------------------------------------- reference data, no database

def test_the_89_subjects():
    codes = [s.code for s in russia.SUBJECTS]
    assert len(codes) == len(set(codes)) == 89
    assert all(len(c) == 2 and c.isdigit() for c in codes)
    assert russia.BY_CODE["23"].name == "Краснодарский край"
    assert russia.BY_CODE["77"].name == "Москва"
    assert {"26", "78", "90", "91", "92", "93", "94", "95"} <= set(codes)
    assert 140_000 <= sum(s.population for s in russia.SUBJECTS) <= 155_000


def test_synthetic_municipalities_are_valid_and_about_2300():
    specs = demo.national_specs()
    assert [s.code for s in specs][0] == "23" and len(specs) == 89
    assert specs[0] is demo.KRASNODAR
    refs = [r for s in specs for r in s.municipalities]
    assert 2_200 <= len(refs) <= 2_400
    codes = [r.oktmo for r in refs]
    assert len(codes) == len(set(codes))
    assert all(len(c) in (8, 11) and c.isdigit() for c in codes)
    assert all(r.kind in ("urban_okrug", "municipal_district", "municipal_okrug") for r in refs)
    assert specs[[s.code for s in specs].index("26")].municipalities == (
        demo.STAVROPOL.municipalities)  # real, as in the two-region demo
    for spec, subject in zip(specs[1:], (s for s in russia.SUBJECTS if s.code != "23")):
        if spec.code == "26":
            continue
        names = [r.name for r in spec.municipalities]
        assert len(names) == len(set(names)), spec.name
        assert len(names) >= demo.MIN_MO
        assert sum(r.population for r in spec.municipalities) == subject.population * 1000
        capital = max(spec.municipalities, key=lambda r: r.population)
        assert capital.name == subject.capital and capital.kind == "urban_okrug"
        assert all(r.oktmo.startswith("9" + spec.code) for r in spec.municipalities)


def test_about_150_000_organizations_planned():
    assert 140_000 <= demo.planned_organizations() <= 160_000


def test_invented_subjects_assess_every_one_to_three_years():
    """At least once in three years, at most once a year; 2019–2026 is 8 years, so with a mean
    gap of 1.92 about 8 / 1.92 ≈ 4.2 assessments an organization (before the skipped ones):
    150,000 organizations × 4.2 × 0.96 ≈ 600,000."""
    years = range(2019, 2027)
    counts = []
    for n in range(10_000):
        chosen = demo._national_years(demo._rng("test", n), years)
        assert chosen[0] <= 2021 and chosen[-1] >= 2024
        assert all(b - a in (1, 2, 3) for a, b in zip(chosen, chosen[1:]))
        counts.append(len(chosen))
    assert 4.0 <= sum(counts) / len(counts) <= 4.35
    for spec in demo.national_specs():  # invented OKTMO codes have 11 digits
        assert spec.synthetic == all(len(r.oktmo) == 11 for r in spec.municipalities)
    assert not demo.KRASNODAR.synthetic


# ---------------------------------------------------------------- a small national run

@pytest.fixture(scope="module", params=BACKENDS)
def national(request, tmp_path_factory):
    engine = fresh_engine(request.param, tmp_path_factory.mktemp("national"))
    seen = []
    counts = demo.seed(engine, AS_OF, scale=SCALE, national=True, limit=LIMIT,
                       progress=lambda *args: seen.append(args))
    yield engine, counts, seen
    drop_engine(engine)


def _all(engine, *columns, where=()):
    with engine.connect() as conn:
        return conn.execute(select(*columns).where(*where)).all()


def test_every_region_has_municipalities_and_organizations(national):
    engine, counts, seen = national
    regions = sorted(_all(engine, Region.id, Region.code))
    assert [code for _, code in regions] == [s.code for s in demo.national_specs()[:LIMIT]]
    for region_id, code in regions:
        assert _all(engine, Municipality.id, where=[Municipality.region_id == region_id]), code
        assert _all(engine, Organization.id, where=[Organization.region_id == region_id]), code
    assert [i for i, *_ in seen] == list(range(1, LIMIT + 1))
    # Rows so far: the labelled tables plus the regions, the sectors and each region's
    # founder ministry of each sector.
    assert seen[-1][3] == sum(counts.values()) + LIMIT + len(SECTORS) + LIMIT * len(SECTORS)


def test_history_by_kind_of_region(national):
    """Krasnodar: every third year; an invented subject: 1–3 years, every shortcoming of an
    assessment with a plan answered by one measure."""
    engine, _, _ = national
    years: dict[tuple[str, int], list[int]] = {}
    for code, org, year in _all(engine, Region.code, Assessment.organization_id, Assessment.year,
                                where=[Organization.region_id == Region.id,
                                       Assessment.organization_id == Organization.id]):
        years.setdefault((code, org), []).append(year)
    gaps = {code: set() for code, _ in years}
    for (code, _), ys in years.items():
        ys.sort()
        gaps[code] |= {b - a for a, b in zip(ys, ys[1:])}
    assert gaps["23"] <= {3, 6}  # 6: an assessment skipped
    assert {1, 2, 3} <= gaps["02"]
    with engine.connect() as conn:
        per_plan = conn.execute(select(
            Region.code, func.count(PlanMeasure.id.distinct()),
            func.count(Shortcoming.id.distinct()))
            .join(Organization, Organization.region_id == Region.id)
            .join(ImprovementPlan, ImprovementPlan.organization_id == Organization.id)
            .join(PlanMeasure, PlanMeasure.plan_id == ImprovementPlan.id)
            .join(Shortcoming, Shortcoming.assessment_id == ImprovementPlan.assessment_id)
            .group_by(Region.code)).all()
    measures = {code: (m, s) for code, m, s in per_plan}
    assert measures["02"][0] == measures["02"][1]
    assert measures["23"][0] < measures["23"][1]


def test_oktmo_and_inn_unique_across_regions(national):
    engine, _, _ = national
    codes = [c for (c,) in _all(engine, Municipality.oktmo)]
    assert len(codes) == len(set(codes))
    inns = _all(engine, Organization.inn, Region.code,
                where=[Organization.region_id == Region.id])
    assert len({inn for inn, _ in inns}) == len(inns)
    assert all(inn.startswith(code) and demo.inn_checksum_valid(inn) for inn, code in inns)


def test_later_inserts_get_fresh_ids(national):
    engine, _, _ = national
    with engine.connect() as conn:
        transaction = conn.begin()
        conn.execute(insert(Region), [dict(code="99", name="Тестовый регион")])
        conn.execute(insert(Municipality), [dict(region_id=1, oktmo="99999999",
                                                 name="Тестовое", kind="urban_okrug")])
        transaction.rollback()


def _krasnodar(engine):
    """Krasnodar's part, ids included (it comes first, so its ids are the same)."""
    kr = [Region.code == "23", Organization.region_id == Region.id]
    return (sorted(_all(engine, Organization.id, Organization.inn, Organization.name,
                        Municipality.oktmo,
                        where=[*kr, Organization.municipality_id == Municipality.id])),
            sorted(_all(engine, Assessment.id, Assessment.year, Assessment.total,
                        where=[*kr, Assessment.organization_id == Organization.id])))


def test_krasnodar_part_is_the_krasnodar_only_seed(national, tmp_path):
    engine, _, _ = national
    alone = db.make_engine(f"sqlite:///{tmp_path / 'kr.db'}")
    db.upgrade(alone)
    demo.seed(alone, AS_OF, scale=demo.region_scale(demo.KRASNODAR, SCALE))
    assert _krasnodar(engine) == _krasnodar(alone)
    alone.dispose()


def _checksum(engine) -> str:
    digest = hashlib.sha256()
    for columns in [(Municipality.oktmo, Municipality.name, Municipality.population),
                    (Organization.id, Organization.inn, Organization.name),
                    (Assessment.id, Assessment.organization_id, Assessment.total),
                    (IndicatorValue.assessment_id, IndicatorValue.code, IndicatorValue.value),
                    (PlanMeasure.id, PlanMeasure.status, PlanMeasure.planned_date)]:
        with engine.connect() as conn:
            for row in conn.execute(select(*columns).order_by(*columns[:2])):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_date_gives_the_same_national_data(national, tmp_path):
    engine, _, _ = national
    again = db.make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    db.upgrade(again)
    demo.seed(again, AS_OF, scale=SCALE, national=True, limit=LIMIT)
    assert _checksum(again) == _checksum(engine)
    assert _all(again, func.count(Assessment.id))[0][0] > 0
    again.dispose()


def test_small_flushes_give_the_same_rows(tmp_path, monkeypatch):
    """Flushing every few rows mid-region writes the same data as one flush per region."""
    monkeypatch.setattr(demo, "FLUSH_AT", 500)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'small.db'}")
    db.upgrade(engine)
    demo.seed(engine, AS_OF, scale=SCALE, national=True, limit=2)
    reference = db.make_engine(f"sqlite:///{tmp_path / 'ref.db'}")
    db.upgrade(reference)
    monkeypatch.setattr(demo, "FLUSH_AT", 10**9)
    demo.seed(reference, AS_OF, scale=SCALE, national=True, limit=2)
    assert _checksum(engine) == _checksum(reference)
    engine.dispose()
    reference.dispose()


def test_seeding_refuses_a_database_with_data(national):
    engine, _, _ = national
    with pytest.raises(demo.NotEmptyError):
        demo.seed(engine, AS_OF, scale=SCALE, national=True, limit=1)
