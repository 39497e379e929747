"""Results at the level of detail they come in: the indicators, the criteria К1–К5 with the
total as a regional site prints them, or the total alone. The official figures are stored as
published and shown; a criterion not published stays missing, never 0."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import queries
from data_access.filters import Filters
from data_access.imports import queries as import_queries
from data_access.models import Assessment, IndicatorValue
from tests.data.test_import import (
    HOSPITAL, LIBRARY, SCHOOL, assessment_row, assessments_file, csv_bytes, region,
    rejected_cleanly, run, snapshot,
)

__all__ = ["region"]  # the fixture, imported for these tests

# As a regional site prints its rating table: a number, the name, the INN, the five criteria
# by their names in order № 344н, the total and the place.
SITE_HEADER = ["№ п/п", "Наименование организации", "ИНН", "Год",
               "Открытость и доступность информации об организации",
               "Комфортность условий предоставления услуг",
               "Доступность услуг для инвалидов",
               "Доброжелательность, вежливость работников организации",
               "Удовлетворенность условиями оказания услуг",
               "Итоговый показатель", "Место в рейтинге"]
SITE_ROWS = [
    # criteria printed as whole numbers: their mean 95,4 against the published 95,36
    [1, "Краевая библиотека", LIBRARY, 2025, "98", "97", "85", "99", "98", "95,36", 1],
    # a total the criteria do not bear out: mean 87,2, published 80,00
    [2, "Абинская больница", HOSPITAL, 2025, "90", "88", "70", "95", "93", "80,00", 3],
    # a table without К4: the total stands on its own
    [3, "Школа № 1", SCHOOL, 2025, "91,50", "92,25", "75,10", "", "94,00", "88,71", 2],
]


def site_file() -> bytes:
    return csv_bytes([SITE_HEADER, *SITE_ROWS], encoding="cp1251")


def stored(engine, inn: str, year: int = 2025) -> Assessment:
    from data_access.models import Organization
    with Session(engine) as s:
        return s.scalar(select(Assessment).join(Organization).where(
            Organization.inn == inn, Assessment.year == year))


def indicator_count(engine) -> int:
    with Session(engine) as s:
        return len(s.scalars(select(IndicatorValue)).all())


def test_criteria_and_totals_as_a_site_prints_them_are_stored_as_published(region):
    result = run(region, "assessments", site_file(), name="рейтинг_2025.csv")
    assert result.status == "applied" and result.inserted == 3
    library = stored(region, LIBRARY)
    assert library.level == "criteria"
    assert (library.k1, library.k2, library.k3, library.k4, library.k5) == (98, 97, 85, 99, 98)
    assert library.total == pytest.approx(95.36)       # as published, not the mean 95,4
    assert library.computed_total is None               # nothing to compute it from
    assert library.published_rounding == pytest.approx(0.505)
    school = stored(region, SCHOOL)
    assert school.k4 is None and school.k3 == pytest.approx(75.1)
    assert school.total == pytest.approx(88.71)
    assert indicator_count(region) == 0
    # the numbering and the name are not part of the kind: said, not loaded
    assert any("«№ п/п»" in w for w in result.warnings)


def test_rounded_criteria_are_not_flagged_but_a_total_they_do_not_explain_is(region):
    result = run(region, "assessments", site_file())
    (d,) = result.discrepancies        # the library's 95,36 against 95,4 is rounding
    assert (d.inn, d.criterion, d.published, d.basis) == (HOSPITAL, "total", 80.0, "criteria")
    assert d.computed == pytest.approx(87.2) and d.allowance == pytest.approx(0.505)
    assert ("итоговый балл: опубликовано 80,00, среднее опубликованных К1–К5 87,20 "
            "(разница −7,20; округлением объясняется до 0,505)") in d.message()
    listed = import_queries.discrepancies(Filters("23", 2025), region)
    assert listed["inn"].tolist() == [HOSPITAL]
    assert listed["total"].iloc[0] == pytest.approx(87.2)


def test_criteria_with_two_decimals_leave_little_to_rounding(region):
    rows = [[LIBRARY, 2025, "90,00", "90,00", "90,00", "90,00", "90,00", "90,30"]]
    header = ["ИНН", "Год", "К1", "К2", "К3", "К4", "К5", "Итоговый балл"]
    result = run(region, "assessments", csv_bytes([header, *rows]))
    (d,) = result.discrepancies        # 0,30 apart, rounding explains 0,01
    assert d.allowance == pytest.approx(0.01) and d.difference == pytest.approx(0.3)


def test_a_total_alone_is_stored_without_criteria(region):
    data = csv_bytes([["ИНН", "Год", "Общий показатель качества"],
                      [LIBRARY, 2024, "87,52"], [HOSPITAL, 2024, "91,07"]], encoding="cp1251")
    result = run(region, "assessments", data)
    assert result.status == "applied" and result.inserted == 2
    library = stored(region, LIBRARY, 2024)
    assert library.level == "total" and library.total == pytest.approx(87.52)
    assert (library.k1, library.k2, library.k3, library.k4, library.k5) == (None,) * 5
    assert library.respondents is None


def test_a_row_without_a_criterion_and_without_the_total_names_the_criterion(region):
    before = snapshot(region)
    header = ["ИНН", "Год", "К1", "К2", "К3", "К5"]
    result = run(region, "assessments", csv_bytes([header, [LIBRARY, 2025, 98, 97, 85, 98]]))
    rejected_cleanly(region, before, result)
    (issue,) = result.issues
    assert issue.row == 2 and issue.expected.startswith("значение К4 или итоговый балл")


def test_a_row_with_no_score_at_all_says_so(region):
    header = ["ИНН", "Год", "К1", "Итоговый балл"]
    result = run(region, "assessments", csv_bytes([header, [LIBRARY, 2025, "", ""]]))
    assert result.status == "rejected"
    assert "в строке нет ни одного балла" in result.issues[0].expected


def test_the_published_total_is_what_stands_beside_the_indicators(region):
    # every indicator 95,6: computed total 95,6; the operator published 95,36
    result = run(region, "assessments",
                 assessments_file(assessment_row(LIBRARY, 2025, 95.6, published=95.36)))
    assert result.status == "applied" and not result.discrepancies   # 0,24 ≤ 0,5
    library = stored(region, LIBRARY)
    assert library.level == "indicators"
    assert library.total == pytest.approx(95.36)
    assert library.computed_total == pytest.approx(95.6)
    assert library.k1 == pytest.approx(95.6)          # not published: the computed one


def test_a_later_file_at_another_level_replaces_the_indicators(region):
    run(region, "assessments", assessments_file(assessment_row(LIBRARY, 2025, 90.0)))
    assert indicator_count(region) == 14
    header = ["ИНН", "Год", "Итоговый балл"]
    result = run(region, "assessments", csv_bytes([header, [LIBRARY, 2025, "91,25"]]))
    assert result.updated == 1
    library = stored(region, LIBRARY)
    assert (library.level, library.total, library.k1) == ("total", 91.25, None)
    assert library.computed_total is None and indicator_count(region) == 0


def test_indicators_before_the_order_are_refused_a_total_is_not(region):
    result = run(region, "assessments", assessments_file(assessment_row(LIBRARY, 2017, 90.0)))
    assert result.status == "rejected"
    assert "применяются к оценкам с 2018 года" in result.issues[0].expected
    result = run(region, "assessments",
                 csv_bytes([["ИНН", "Год", "Итоговый балл"], [LIBRARY, 2017, "88,00"]]))
    assert result.status == "applied"


def test_some_indicator_columns_without_the_rest_are_named(region):
    header = ["ИНН", "Год", "Пинф", "Пдист", "Итоговый балл"]
    result = run(region, "assessments", csv_bytes([header, [LIBRARY, 2025, 90, 90, 90]]))
    (issue,) = result.issues
    assert issue.expected.startswith("столбцы «Поткр.уд», «Пкомф.усл», «Пкомф.уд»")
    assert "нужны все или ни одного" in issue.expected


def test_means_leave_out_what_was_not_published_and_count_who_has_it(region):
    run(region, "assessments", site_file())
    run(region, "assessments", csv_bytes([["ИНН", "Год", "Итоговый балл"],
                                          [LIBRARY, 2024, "80,00"]]))
    df = queries.scores(Filters("23", 2025), by=(), engine=region)
    row = df.iloc[0]
    assert row["n"] == 3
    assert row["total"] == pytest.approx((95.36 + 80.0 + 88.71) / 3)
    assert row["k4"] == pytest.approx((99 + 95) / 2)   # the school's К4 is missing, not 0
    assert (row["k4_n"], row["k1_n"]) == (2, 3)
    only_total = queries.scores(Filters("23", 2024), by=(), engine=region).iloc[0]
    assert only_total["n"] == 1 and only_total["k1_n"] == 0
    assert only_total["total"] == pytest.approx(80.0)
