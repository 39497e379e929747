"""The federal overview's queries and the loader of subject boundaries.

Two subjects: the hand-counted region «23» of conftest.build_small (data date 1.11.2024) and a
second one, «26», with one school assessed in 2024 (every criterion 70) whose plan has two
unfinished measures: one due 1.05.2024, one due 1.09.2024. Its data date is 1.06.2024, so at
its own date only the first is overdue (at region 23's date both would be).
"""
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from data_access import boundaries, federal_queries as fq, region_totals, subject_boundaries
from data_access.filters import Filters
from data_access.models import (
    Assessment, ImprovementPlan, Municipality, Organization, PlanMeasure, Region, RegionBoundary,
)
from tests.data.conftest import build_small

D = dt.date
F = Filters(region="23", year=2024)
FIXTURE = Path(__file__).parent.parent / "fixtures" / "subjects.geojson"


def add_second_region(engine):
    with engine.begin() as c:
        c.execute(insert(Region), [dict(id=2, code="26", name="Второй край", is_demo=True,
                                        data_as_of=D(2024, 6, 1))])
        c.execute(insert(Municipality), [dict(id=3, region_id=2, oktmo="07701000",
                                              name="Город В", kind="urban_okrug")])
        c.execute(insert(Organization), [dict(
            id=6, region_id=2, municipality_id=3, sector="education", inn="2600000006",
            name="Школа В", type="тип", founder_level="municipal", founder="Управление")])
        c.execute(insert(Assessment), [dict(
            id=7, organization_id=6, year=2024, k1=70, k2=70, k3=70, k4=70, k5=70, total=70,
            respondents=50, disabled_respondents=0)])
        c.execute(insert(ImprovementPlan), [dict(id=3, assessment_id=7, organization_id=6,
                                                 due_date=D(2024, 12, 1))])
        measure = dict(plan_id=3, criterion="k3", shortcoming="Недостаток", measure="Мера",
                       responsible_name="Петров П. П.", responsible_position="директор",
                       status="in_progress")
        c.execute(insert(PlanMeasure), [{**measure, "id": 6, "planned_date": D(2024, 5, 1)},
                                        {**measure, "id": 7, "planned_date": D(2024, 9, 1)}])


@pytest.fixture
def two(engine):
    build_small(engine)
    add_second_region(engine)
    with engine.begin() as c:
        region_totals.refresh(c)
    return engine


def test_one_row_per_subject_with_its_own_figures(two):
    df = fq.region_measures(F, two).set_index("code")
    assert df["name"].tolist() == ["Второй край", "Тестовый край"]  # by name
    kk = df.loc["23"]
    # 2024: schools 1 (89) and 2 (78), the library (78), the hospital (93); school 3 never
    assert kk[["organizations", "assessed", "year_covered", "covered"]].tolist() == [5, 4, 4, 4]
    assert kk["total"] == pytest.approx((89 + 78 + 78 + 93) / 4)
    assert kk["k3"] == pytest.approx((70 + 50 + 45 + 80) / 4)
    assert kk[["previous_assessed", "previous_total"]].tolist() == pytest.approx([1, 86])
    assert kk["change"] == pytest.approx(84.5 - 86)
    assert kk[["year_share", "three_year_share"]].tolist() == pytest.approx([80, 80])
    # five measures up to 2024; at 1.11.2024 one overdue (due 1.06.2024)
    assert kk[["measures", "overdue"]].tolist() == [5, 1]
    assert kk["overdue_share"] == pytest.approx(20)
    second = df.loc["26"]
    assert second[["organizations", "assessed"]].tolist() == [1, 1]
    assert second["total"] == pytest.approx(70)
    assert second["previous_assessed"] == 0 and pd_isna(second["change"])
    assert second[["measures", "overdue"]].tolist() == [2, 1]  # judged at its 1.06.2024


def pd_isna(value) -> bool:
    return value != value


def test_sector_filter_narrows_every_figure(two):
    df = fq.region_measures(F.replace(sector="culture"), two).set_index("code")
    assert df.loc["23", ["organizations", "assessed", "measures"]].tolist() == [1, 1, 1]
    assert df.loc["23", "total"] == pytest.approx(78)
    assert df.loc["26", ["organizations", "assessed", "measures"]].tolist() == [0, 0, 0]
    assert pd_isna(df.loc["26", "three_year_share"])


def test_sector_means_per_subject(two):
    df = fq.sector_means(F, two)
    got = {(r.code, r.sector): (r.n, r.total) for r in df.itertuples()}
    assert got[("23", "education")] == (2, pytest.approx((89 + 78) / 2))
    assert got[("23", "culture")] == (1, pytest.approx(78))
    assert got[("23", "health")] == (1, pytest.approx(93))
    assert got[("26", "education")] == (1, pytest.approx(70))
    assert len(got) == 4  # no social organization assessed


# ---------------------------------------------------------------- subject boundaries

@pytest.fixture
def subjects(engine):
    with engine.begin() as c:
        c.execute(insert(Region), [dict(id=i, code=code, name=name) for i, code, name in (
            (1, "23", "Краснодарский край"), (2, "77", "Москва"),
            (3, "87", "Чукотский автономный округ"), (4, "89", "Ямало-Ненецкий автономный округ"),
            (5, "26", "Ставропольский край"))])
    return engine


def test_subjects_matched_by_iso_code_with_natural_earth_defects_fixed(subjects):
    report = subject_boundaries.load(subjects, FIXTURE, tolerance=0.001)
    assert report.features == 8
    assert report.matched == 4
    # Moscow Oblast, Crimea: subjects not in the database, not reported; «XX-1» is
    assert report.unmatched_features == ["Нечто (XX-1): код не относится к субъектам РФ"]
    assert report.missing_subjects == ["Ставропольский край"]
    fc = subject_boundaries.feature_collection(subjects)
    shapes = {f["id"]: f["geometry"] for f in fc["features"]}
    assert set(shapes) == {"23", "77", "87", "89"}
    # «RU-MOS» of the file is Moscow itself (the small square), not the oblast around it
    assert _bounds(shapes["77"]) == pytest.approx((37.3, 55.5, 37.9, 56.0))
    # Chukotka: one shape from 175 to 185 degrees east, not two at both edges of the map
    assert shapes["87"]["type"] == "Polygon"
    assert _bounds(shapes["87"]) == pytest.approx((175, 64, 185, 68))
    # the sliver merged into Yamal
    assert _bounds(shapes["89"]) == pytest.approx((62, 62, 71, 68))


def test_a_second_load_replaces_the_first(subjects):
    subject_boundaries.load(subjects, FIXTURE)
    subject_boundaries.load(subjects, FIXTURE)
    with subjects.connect() as c:
        assert len(c.execute(select(RegionBoundary.region_id)).all()) == 4


def test_file_without_iso_codes_is_refused_in_russian(subjects, tmp_path):
    path = tmp_path / "no-iso.geojson"
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature",'
                    '"properties":{"name":"А"},"geometry":{"type":"Polygon","coordinates":'
                    '[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}', encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError, match="нет кода ISO 3166-2"):
        subject_boundaries.load(subjects, path)


def test_nothing_matched_is_refused_and_nothing_changes(subjects, tmp_path):
    subject_boundaries.load(subjects, FIXTURE)
    path = tmp_path / "other.geojson"
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature",'
                    '"properties":{"iso_3166_2":"UA-43","name_ru":"Крым"},"geometry":{"type":"Polygon",'
                    '"coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}', encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError, match="Ни один объект"):
        subject_boundaries.load(subjects, path)
    assert len(subject_boundaries.feature_collection(subjects)["features"]) == 4


def _bounds(geometry):
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for part in c:
                walk(part)
    walk(geometry["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def test_real_natural_earth_file(engine):
    import shapely
    from shapely.geometry import shape
    from tests.data.test_boundaries import geo_dir
    from data_access.reference.russia import SUBJECTS
    source = geo_dir() / "russia-subjects.geojson"
    if not source.is_file():
        pytest.skip(f"no boundary file at {source} (set NOK_GEO_DIR)")
    with engine.begin() as c:
        c.execute(insert(Region), [dict(id=i, code=s.code, name=s.name)
                                   for i, s in enumerate(SUBJECTS, 1)])
    report = subject_boundaries.load(engine, source)
    # 83 subjects, Crimea, Sevastopol (the sliver merged into Yamal): 86 features, 85 shapes
    assert report.features == 86 and report.matched == 85
    assert report.unmatched_features == []
    assert sorted(report.missing_subjects) == [
        "Донецкая Народная Республика", "Запорожская область",
        "Луганская Народная Республика", "Херсонская область"]
    assert 150_000 < report.stored_bytes < 900_000
    shapes = {f["id"]: shape(f["geometry"])
              for f in subject_boundaries.feature_collection(engine)["features"]}
    assert all(s.is_valid for s in shapes.values())
    # Moscow is the city inside the oblast, not the oblast around it
    assert shapes["77"].area < shapes["50"].area / 10
    assert shapes["50"].convex_hull.contains(shapes["77"].centroid)
    west, _, east, _ = shapes["87"].bounds  # Chukotka: one piece east of 160°
    assert 155 < west and 185 < east < 195
    assert shapely.coverage_is_valid(list(shapes.values()))


def test_an_applied_import_refreshes_the_totals_a_rejected_one_does_not(engine):
    from sqlalchemy import func
    from tests.data import test_import as ti
    ti.build_region(engine)
    f = Filters(region="23", year=2025)
    assert fq.region_measures(f, engine).loc[0, "assessed"] == 0
    result = ti.run(engine, "assessments", ti.assessments_file(*ti.GOOD_ASSESSMENTS))
    assert result.status == "applied"
    row = fq.region_measures(f, engine).iloc[0]
    assert row[["organizations", "assessed", "year_covered"]].tolist() == [3, 3, 3]
    with engine.connect() as c:
        mean = c.scalar(select(func.avg(Assessment.total)).where(Assessment.year == 2025))
    assert row["total"] == pytest.approx(mean)
    bad = ti.run(engine, "assessments", ti.assessments_file(ti.assessment_row(
        ti.LIBRARY, 2024, 140)))
    assert bad.status == "rejected"
    assert fq.region_measures(f.replace(year=2024), engine).loc[0, "assessed"] == 0
