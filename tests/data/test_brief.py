"""The brief's data on the hand-counted region of tests/data/conftest.py (SQLite and, with
TEST_DATABASE_URL, PostgreSQL)."""
import datetime as dt

import pytest

from data_access.brief import brief, overdue_organizations
from data_access.filters import Filters

F = Filters(region="23", year=2024)


def test_brief_headline_coverage_and_scalars(small):
    b = brief(F, small)
    assert b["place"] == "Тестовый край" and b["is_demo"] is True
    assert b["data_as_of"] == dt.date(2024, 11, 1) and b["period_end"] == dt.date(2024, 11, 1)
    h = b["headline"].loc[2024]
    assert h["assessed"] == 4 and h["planned"] == 5          # 3 + 1 + 1 planned
    assert h["mean_total"] == pytest.approx(84.5)             # (89 + 78 + 78 + 93) / 4
    cov = b["coverage"].set_index("sector")
    assert cov.loc["education", ["planned", "assessed"]].tolist() == [3, 2]


def test_brief_weakest_criterion_is_k3_with_the_change_on_last_year(small):
    c = brief(F, small)["criteria"].set_index("criterion")
    assert c.loc["k3", "value"] == pytest.approx((70 + 50 + 45 + 80) / 4)   # 61.25
    assert c.loc["k3", "previous"] == pytest.approx(60)                     # only org 1 in 2023
    assert c.loc["k3", "change"] == pytest.approx(1.25)
    assert c["value"].idxmin() == "k3"
    assert c.loc["k1", "value"] == pytest.approx((92 + 80 + 80 + 95) / 4)


def test_brief_trend_by_sector_and_region(small):
    b = brief(F, small)
    t = b["trend"].set_index(["sector", "year"])["total"]
    assert t[("education", 2023)] == pytest.approx(86)
    assert t[("education", 2024)] == pytest.approx((89 + 78) / 2)
    assert t[("culture", 2022)] == pytest.approx(83)
    r = b["region_trend"].set_index("year")["total"]
    assert r.to_dict() == pytest.approx({2022: 83, 2023: 86, 2024: 84.5})


def test_brief_overdue_and_recommendations(small):
    b = brief(F, small)
    o = b["overdue"].set_index("sector")
    # org 1's plan: done, overdue since 1.06.2024, in progress, cancelled; org 3's: done
    assert o.loc["education", ["total", "done", "overdue", "organizations"]].tolist() == [4, 1, 1, 1]
    assert o.loc["culture", ["total", "overdue", "organizations"]].tolist() == [1, 0, 0]
    top = b["overdue_top"]
    assert top["name"].tolist() == ["Школа № 1"] and top["overdue"].tolist() == [1]
    r = b["recommendations"].set_index(["number", "sector"])["status"]
    assert len(r) == 8                                        # 2 recommendations × 4 ministries
    assert r[(1, "education")] == "done" and r[(1, "culture")] == "not_started"
    assert r[(3, "health")] == "no_report"


def test_brief_for_one_sector_and_municipality(small):
    b = brief(F.replace(sector="culture", municipality="03601000"), small)
    assert b["place"] == "Район Б"
    assert b["headline"].loc[2024, "assessed"] == 1
    c = b["criteria"].set_index("criterion")
    assert c.loc["k3", "value"] == pytest.approx(45)
    assert c["previous"].isna().all()                         # the library: nothing in 2023
    assert overdue_organizations(F.replace(sector="culture"), small).empty
