"""Map queries against the hand-counted region of tests/data/conftest.py.

Город А (03701000): schools 1 and 2, both assessed in 2024 (totals 89 and 78); school 1's
plan (2023) has four measures, one overdue at 1.11.2024, one cancelled.
Район Б (03601000): the library (2022, 2024: total 78), the hospital (2024: 93) and school 3,
never assessed; the library's plan (2022) has one measure, done.
"""
import json

import pytest
from sqlalchemy import insert, select

from data_access import map_queries as mq
from data_access.filters import Filters
from data_access.models import Boundary, Municipality

F = Filters(region="23", year=2024)
A, B = "03701000", "03601000"


def rows(df):
    return df.set_index("oktmo")


def test_every_municipality_with_scores_coverage_and_plans(small):
    df = mq.municipality_measures(F, small)
    assert df["name"].tolist() == ["Город А", "Район Б"]  # by name
    m = rows(df)
    assert m.loc[A, ["organizations", "assessed"]].tolist() == [2, 2]
    assert m.loc[A, "total"] == pytest.approx((89 + 78) / 2)
    assert m.loc[A, ["k1", "k2", "k3", "k4", "k5"]].tolist() == pytest.approx(
        [86, 88.5, 60, 93, 90])
    assert m.loc[A, ["year_share", "three_year_share"]].tolist() == pytest.approx([100, 100])
    assert m.loc[A, ["measures", "overdue"]].tolist() == [4, 1]
    assert m.loc[A, "overdue_share"] == pytest.approx(25)

    assert m.loc[B, ["organizations", "assessed"]].tolist() == [3, 2]
    assert m.loc[B, "total"] == pytest.approx((78 + 93) / 2)
    assert m.loc[B, "k3"] == pytest.approx((45 + 80) / 2)
    # library and hospital of three organizations, in the year and in 2022–2024
    assert m.loc[B, ["year_share", "three_year_share"]].tolist() == pytest.approx(
        [200 / 3, 200 / 3])
    assert m.loc[B, ["measures", "overdue", "overdue_share"]].tolist() == [1, 0, 0]
    assert m.loc[A, "kind"] == "urban_okrug"


def test_sector_filter_leaves_municipalities_without_data_as_gaps(small):
    m = rows(mq.municipality_measures(F.replace(sector="education"), small))
    assert m.index.tolist() == [A, B]
    assert m.loc[A, "total"] == pytest.approx(83.5)
    # Район Б has only school 3 in education, never assessed, with no plan
    assert m.loc[B, ["organizations", "assessed", "measures"]].tolist() == [1, 0, 0]
    assert m.loc[B, ["year_share", "three_year_share"]].tolist() == [0, 0]
    assert m.loc[B, ["total", "overdue_share"]].isna().all()
    health = rows(mq.municipality_measures(F.replace(sector="health"), small))
    assert health.loc[A, "organizations"] == 0
    assert health.loc[A, ["total", "year_share", "three_year_share"]].isna().all()
    assert health.loc[B, "total"] == pytest.approx(93)


def test_municipality_filter_keeps_the_whole_region(small):
    chosen = mq.municipality_measures(F.replace(municipality=B), small)
    assert chosen.equals(mq.municipality_measures(F, small))


def test_earlier_year_judged_at_its_end(small):
    m = rows(mq.municipality_measures(F.replace(year=2023), small))
    assert m.loc[A, ["assessed", "total"]].tolist() == [1, 86]
    assert m.loc[A, ["year_share", "three_year_share"]].tolist() == pytest.approx([50, 50])
    # at 31.12.2023 none of school 1's measures was due: nothing overdue
    assert m.loc[A, ["measures", "overdue", "overdue_share"]].tolist() == [4, 0, 0]
    assert m.loc[B, "assessed"] == 0 and pytest.approx(100 / 3) == m.loc[B, "three_year_share"]


def test_unknown_region_gives_an_empty_frame(small):
    df = mq.municipality_measures(F.replace(region="99"), small)
    assert df.empty and list(df.columns) == list(mq.COLUMNS)


def test_geometry_none_until_boundaries_are_stored(small):
    assert mq.geometry("23", small) is None
    square = {"type": "Polygon", "coordinates": [[[38, 45], [38, 46], [39, 46], [39, 45],
                                                  [38, 45]]]}
    with small.begin() as conn:
        mid = conn.scalar(select(Municipality.id).where(Municipality.oktmo == B))
        conn.execute(insert(Boundary), [dict(municipality_id=mid, geometry=json.dumps(square),
                                             source="test.geojson")])
    fc = mq.geometry("23", small)
    assert [f["id"] for f in fc["features"]] == [B]
    assert fc["features"][0]["properties"]["name"] == "Район Б"
    assert mq.geometry("99", small) is None
