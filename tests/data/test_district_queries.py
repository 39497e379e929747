"""District profile queries on the hand-counted region (tests/data/conftest.py).

Город А (03701000): school 1 (86 in 2023, 89 in 2024) and school 2 (78 in 2024).
Район Б (03601000): the library (83 in 2022, 78 in 2024), the hospital (93 in 2024) and
school 3, never assessed. The region's mean total: 83 in 2022, 86 in 2023, 84.5 in 2024.
"""
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access import district_queries as dq
from data_access.filters import Filters
from data_access.models import Shortcoming

CITY = Filters(region="23", year=2024, municipality="03701000")
DISTRICT = Filters(region="23", year=2024, municipality="03601000")


def test_district_card(small):
    card = dq.district("03601000", small)
    assert (card["name"], card["kind"], card["population"]) == (
        "Район Б", "municipal_district", 50_000)
    assert card["organizations"] == 3 and card["region_name"] == "Тестовый край"
    assert dq.district("99999999", small) == {}


def test_history_against_the_region(small):
    df = dq.history(CITY, small).set_index("year")
    assert list(df.index) == [2023, 2024]
    assert df.loc[2023, "n"] == 1 and df.loc[2023, "total"] == pytest.approx(86)
    assert df.loc[2024, "n"] == 2 and df.loc[2024, "total"] == pytest.approx(83.5)  # (89+78)/2
    assert df.loc[2023, "region_total"] == pytest.approx(86)
    assert df.loc[2024, "region_total"] == pytest.approx(84.5)  # (89+78+78+93)/4
    assert "all_total" not in df.columns


def test_history_within_a_sector_keeps_the_whole_region_for_reference(small):
    df = dq.history(CITY.replace(sector="education"), small).set_index("year")
    assert df.loc[2024, "region_total"] == pytest.approx(83.5)  # education only: (89+78)/2
    assert df.loc[2024, "all_total"] == pytest.approx(84.5)


def test_standing_among_municipalities(small):
    assert dq.standing(DISTRICT, small) == {"place": 1, "of": 2}  # 85.5 against 83.5
    assert dq.standing(CITY, small) == {"place": 2, "of": 2}
    # in 2023 only Город А was assessed
    assert dq.standing(DISTRICT.replace(year=2023), small) == {"place": None, "of": 1}


def test_frequent_shortcomings_of_the_year(small):
    with Session(small) as s, s.begin():
        s.execute(insert(Shortcoming), [
            dict(assessment_id=1, criterion="k3", indicator="p_org_dost", text="2023"),
            dict(assessment_id=2, criterion="k3", indicator="p_org_dost", text="Пандус"),
            dict(assessment_id=3, criterion="k3", indicator="p_org_dost", text="Пандус"),
            dict(assessment_id=3, criterion="k1", indicator="p_inf", text="Сайт"),
            dict(assessment_id=5, criterion="k1", indicator="p_inf", text="Район Б")])
    df = dq.frequent_shortcomings(CITY, small)
    assert df[["criterion", "indicator", "n", "organizations"]].values.tolist() == [
        ["k3", "p_org_dost", 2, 2], ["k1", "p_inf", 1, 1]]
    assert dq.frequent_shortcomings(CITY.replace(year=2022), small).empty
