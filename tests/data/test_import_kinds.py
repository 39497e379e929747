"""Each import kind with a good file (applied, then idempotent) and bad ones (rejected with
the value named, the database unchanged)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import (
    Assessment, CoveragePlan, ImprovementPlan, Milestone, Municipality, Operator, Organization,
    PlanMeasure, RecommendationReport,
)
from tests.data.test_import import (
    ASSESSMENT_HEADER, HOSPITAL, LIBRARY, NEW_ORG, SCHOOL, UNKNOWN, assessment_row,
    assessments_file, csv_bytes, inn, region, rejected_cleanly, run, snapshot, xlsx_bytes,
)

__all__ = ["region"]  # the fixture, imported for these tests

ORG_HEADER = ["ИНН", "Наименование", "Сфера", "Муниципальное образование", "Тип организации",
              "Уровень учредителя", "Учредитель"]
PLAN_HEADER = ["ИНН", "Год оценки", "Дата утверждения плана", "Критерий", "Недостаток",
               "Мероприятие", "Плановый срок", "Ответственный (ФИО)",
               "Должность ответственного"]
PROGRESS_HEADER = ["ИНН", "Год оценки", "Критерий", "Недостаток", "Мероприятие", "Статус",
                   "Реализованные меры", "Фактический срок", "Причина отмены"]


def applied_then_unchanged(engine, kind, data, counts, name="файл.csv"):
    """Apply, check (new, updated, unchanged), apply again: all unchanged, tables equal."""
    first = run(engine, kind, data, name)
    assert first.status == "applied", [i.message() for i in first.issues]
    assert (first.inserted, first.updated, first.unchanged) == counts
    before = snapshot(engine)
    second = run(engine, kind, data, name)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, sum(counts))
    assert snapshot(engine) == before
    return first


def rejected(engine, kind, data, name="файл.csv", **options):
    before = snapshot(engine)
    result = run(engine, kind, data, name, **options)
    rejected_cleanly(engine, before, result)
    return result


# ---------------------------------------------------------------- organizations

def test_organizations_new_and_updated_by_inn(region):
    rows = [[NEW_ORG, "Музей истории", "Культура", "03701000", "музей", "региональный",
             "Министерство культуры"],
            [LIBRARY, "Краевая библиотека им. Пушкина", "культура", "Краснодар",
             "библиотека", "краевой", "Министерство культуры"]]
    applied_then_unchanged(region, "organizations", csv_bytes([ORG_HEADER, *rows]), (1, 1, 0))
    with Session(region) as s:
        museum = s.scalar(select(Organization).where(Organization.inn == NEW_ORG))
        assert (museum.sector, museum.founder_level, museum.name) == (
            "culture", "regional", "Музей истории")
        assert s.scalar(select(Organization.name).where(Organization.inn == LIBRARY)) == \
            "Краевая библиотека им. Пушкина"


def test_organizations_from_xlsx_with_numbers_where_codes_should_be(region):
    """Excel turns the OKTMO 03701000 into the number 3701000: the zero comes back."""
    data = xlsx_bytes([ORG_HEADER, [int(NEW_ORG), "Музей", "Министерство культуры "
                                    "Краснодарского края", 3701000, "музей", "муниципальный",
                                    "Управление культуры"]])
    result = applied_then_unchanged(region, "organizations", data, (1, 0, 0), "орг.xlsx")
    assert result.status == "applied"
    with Session(region) as s:
        sector, oktmo = s.execute(select(Organization.sector, Municipality.oktmo).join(
            Municipality).where(Organization.inn == NEW_ORG)).one()
        assert (sector, oktmo) == ("culture", "03701000")


@pytest.mark.parametrize("cell, value, column, expected", [
    (3, "Нигде", "Муниципальное образование", "такого нет в справочнике"),
    (2, "Спорт", "Сфера", "«Культура»"),
    (0, "2310000010", "ИНН", "контрольной цифрой"),
    (0, "23100", "ИНН", "10 цифр"),
    (5, "федеральный", "Уровень учредителя", "«региональный», «муниципальный»"),
])
def test_organizations_bad_values_are_named(region, cell, value, column, expected):
    row = [NEW_ORG, "Музей", "Культура", "03701000", "музей", "региональный", "Минкульт"]
    row[cell] = value
    result = rejected(region, "organizations", csv_bytes([ORG_HEADER, row]))
    (issue,) = result.issues
    assert (issue.row, issue.column, issue.value) == (2, column, value)
    assert expected in issue.expected


def test_organizations_duplicate_inn_in_the_file(region):
    row = [NEW_ORG, "Музей", "Культура", "03701000", "музей", "региональный", "Минкульт"]
    result = rejected(region, "organizations", csv_bytes([ORG_HEADER, row, row]))
    (issue,) = result.issues
    assert issue.row == 3 and "уже был в строке 2" in issue.expected


# ---------------------------------------------------------------- assessments

def test_assessments_from_xlsx_with_operator_created_by_name(region):
    header = [*ASSESSMENT_HEADER, "ИНН оператора", "Оператор"]
    operator = inn("230800001")
    rows = [[*assessment_row(LIBRARY, 2024, 88.0), operator, "ООО «Опрос»"],
            [*assessment_row(SCHOOL, 2024, 91.0), operator, None]]
    applied_then_unchanged(region, "assessments", xlsx_bytes([header, *rows]), (2, 0, 0),
                           "оценки.xlsx")
    with Session(region) as s:
        (op,) = s.scalars(select(Operator)).all()
        assert op.inn == operator
        assert {a.operator_id for a in s.scalars(select(Assessment))} == {op.id}


def test_assessments_cp1251_semicolon_decimal_comma(region):
    row = [str(v).replace(".", ",") if isinstance(v, float) else v
           for v in assessment_row(LIBRARY, 2025, 87.5, published=87.5)]
    data = csv_bytes([ASSESSMENT_HEADER, row], encoding="cp1251")
    assert b";" in data and "Пинф".encode("cp1251") in data and b"87,5" in data
    applied_then_unchanged(region, "assessments", data, (1, 0, 0))
    with Session(region) as s:
        a = s.scalar(select(Assessment))
        assert a.total == pytest.approx(87.5) and a.published_total == 87.5


def test_assessments_comma_separated_utf8_without_bom(region):
    data = csv_bytes([ASSESSMENT_HEADER, assessment_row(LIBRARY, 2025, 87.5)], sep=",",
                     encoding="utf-8")
    applied_then_unchanged(region, "assessments", data, (1, 0, 0))


def test_assessments_accept_indicator_codes_and_full_names_as_headers(region):
    from data_access.methodology import INDICATOR_NAMES, INDICATORS
    header = ["inn", "year", "respondents",
              *[INDICATOR_NAMES[c] if i % 2 else c for i, c in enumerate(INDICATORS)]]
    row = [LIBRARY, 2025, 100, *[90] * 4, None, *[90] * 10]
    applied_then_unchanged(region, "assessments", csv_bytes([header, row]), (1, 0, 0))


@pytest.mark.parametrize("change, column, value, expected", [
    ({2: "сто"}, "Число респондентов", "сто", "целое число"),
    ({4: "140"}, "Пинф", "140", "число от 0 до 100"),
    ({4: "девяносто"}, "Пинф", "девяносто", "число от 0 до 100"),
    ({0: UNKNOWN}, "ИНН", UNKNOWN, "такой нет в справочнике"),
    ({1: 2027}, "Год", "2027", "не позже текущего"),
    ({3: 500}, "Из них инвалидов", "500", "не больше числа респондентов (100)"),
    ({8: 75}, "Пожид", "75", "время ожидания не оценивается"),
])
def test_assessments_bad_rows(region, change, column, value, expected):
    row = assessment_row(LIBRARY, 2025, 90.0)
    for index, v in change.items():
        row[index] = v
    result = rejected(region, "assessments", assessments_file(row))
    (issue,) = result.issues
    assert (issue.row, issue.column, issue.value) == (2, column, value)
    assert expected in issue.expected


def test_assessments_waiting_time_is_required_in_health(region):
    result = rejected(region, "assessments", assessments_file(
        assessment_row(HOSPITAL, 2025, 90.0)))
    assert result.issues[0].column == "Пожид" and "обязательно" in result.issues[0].expected


def test_assessments_duplicate_rows(region):
    row = assessment_row(LIBRARY, 2025, 90.0)
    result = rejected(region, "assessments", assessments_file(row, row))
    (issue,) = result.issues
    assert issue.row == 3 and "ключ (ИНН, год)" in issue.expected


def test_assessments_a_cleared_indicator_is_removed(region):
    run(region, "assessments", assessments_file(assessment_row(HOSPITAL, 2025, 80.0,
                                                               waiting=70.0)))
    # the hospital's sector has waiting time: clearing Пожид is an error, nothing changes
    rejected(region, "assessments", assessments_file(assessment_row(HOSPITAL, 2025, 80.0)))


# ---------------------------------------------------------------- plans and their progress

def _assessed(engine):
    run(engine, "assessments", assessments_file(assessment_row(LIBRARY, 2025, 80.0),
                                                assessment_row(SCHOOL, 2025, 85.0)))


PLAN_ROWS = [
    [LIBRARY, 2025, "28.11.2025", "К3", "Нет пандуса", "Установить пандус", "30.06.2026",
     "Иванова Мария Петровна", "заместитель директора"],
    [LIBRARY, 2025, "28.11.2025", "III", "Нет табличек Брайля", "Заказать таблички",
     "31.03.2026", "Иванова Мария Петровна", "заместитель директора"],
    [SCHOOL, 2025, None, "Открытость и доступность информации", "Сайт неполон",
     "Дополнить сайт", "01.02.2026", "Петров Пётр Петрович", "директор"],
]


def test_plans_of_the_457_form(region):
    _assessed(region)
    applied_then_unchanged(region, "plans", csv_bytes([PLAN_HEADER, *PLAN_ROWS]), (3, 0, 0))
    with Session(region) as s:
        plans = {p.organization_id: p for p in s.scalars(select(ImprovementPlan))}
        assert len(plans) == 2
        assert {p.approved_on for p in plans.values()} == {dt.date(2025, 11, 28), None}
        assert {p.due_date for p in plans.values()} == {dt.date(2025, 12, 1)}
        measures = s.scalars(select(PlanMeasure).order_by(PlanMeasure.id)).all()
        assert [(m.criterion, m.status) for m in measures] == [
            ("k3", "in_progress"), ("k3", "in_progress"), ("k1", "in_progress")]


def test_plans_match_measures_whatever_the_spacing_and_case(region):
    _assessed(region)
    run(region, "plans", csv_bytes([PLAN_HEADER, *PLAN_ROWS]))
    moved = [list(r) for r in PLAN_ROWS]
    moved[0][4] = "  нет  ПАНДУСА "
    moved[0][6] = "31.07.2026"  # the planned date moved
    result = run(region, "plans", csv_bytes([PLAN_HEADER, *moved]))
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)


def test_plans_need_the_assessment(region):
    result = rejected(region, "plans", csv_bytes([PLAN_HEADER, *PLAN_ROWS]))
    assert result.issue_count == 2  # one per plan
    assert f"оценка организации ИНН {LIBRARY} за 2025 год" in result.issues[0].expected


def test_plans_one_approval_date_per_plan(region):
    _assessed(region)
    rows = [list(r) for r in PLAN_ROWS]
    rows[1][2] = "01.12.2025"
    result = rejected(region, "plans", csv_bytes([PLAN_HEADER, *rows]))
    assert result.issues[0].row == 3 and "строке 2" in result.issues[0].expected


def test_plan_progress_updates_measures(region):
    _assessed(region)
    run(region, "plans", csv_bytes([PLAN_HEADER, *PLAN_ROWS]))
    progress = [
        [LIBRARY, 2025, "К3", "Нет пандуса", "Установить пандус", "выполнено",
         "Пандус установлен", "15.05.2026", None],
        [LIBRARY, 2025, "К3", "Нет табличек Брайля", "Заказать таблички", "отменено", None,
         None, "Здание передано"],
        [SCHOOL, 2025, "К1", "Сайт неполон", "Дополнить сайт", "в работе", None, None, None],
    ]
    applied_then_unchanged(region, "plan-progress", csv_bytes([PROGRESS_HEADER, *progress]),
                           (0, 2, 1))
    with Session(region) as s:
        measures = s.scalars(select(PlanMeasure).order_by(PlanMeasure.id)).all()
        assert [(m.status, m.actual_date, m.taken, m.cancel_reason) for m in measures] == [
            ("done", dt.date(2026, 5, 15), "Пандус установлен", None),
            ("cancelled", None, None, "Здание передано"),
            ("in_progress", None, None, None)]


@pytest.mark.parametrize("change, column, expected", [
    ({7: None}, "Фактический срок", "обязателен"),                 # done without a date
    ({4: "Построить пандус"}, "Мероприятие", "такого в плане нет"),
    ({7: "01.12.2026"}, "Фактический срок", "не позже сегодняшней"),
    ({5: "почти"}, "Статус", "«выполнено», «в работе»"),
    ({5: "в работе"}, "Статус", "раз указан фактический срок"),
])
def test_plan_progress_bad_rows(region, change, column, expected):
    _assessed(region)
    run(region, "plans", csv_bytes([PLAN_HEADER, *PLAN_ROWS]))
    row = [LIBRARY, 2025, "К3", "Нет пандуса", "Установить пандус", "выполнено",
           "Пандус установлен", "15.05.2026", None]
    for index, v in change.items():
        row[index] = v
    result = rejected(region, "plan-progress", csv_bytes([PROGRESS_HEADER, row]))
    assert result.issues[0].column == column and expected in result.issues[0].expected


def test_plan_progress_needs_the_actual_date_column(region):
    header = [h for h in PROGRESS_HEADER if h != "Фактический срок"]
    result = rejected(region, "plan-progress", csv_bytes([header, [
        LIBRARY, 2025, "К3", "Нет пандуса", "Установить пандус", "в работе", None, None]]))
    assert "«Фактический срок»" in result.issues[0].expected


# ---------------------------------------------------------------- recommendation reports

REPORT_HEADER = ["№ рекомендации", "Министерство", "Дата отчёта", "Статус", "Текст отчёта"]


def test_recommendation_reports(region):
    rows = [[3, "Министерство культуры Краснодарского края", "30.06.2026", "в работе",
             "Паспорта доступности обновлены"],
            [3, "Охрана здоровья", "30.06.2026", "выполнено", "Пандусы установлены"],
            [1, "минтруд", "31.12.2025", "не начато", "—"]]
    applied_then_unchanged(region, "recommendation-reports", csv_bytes([REPORT_HEADER, *rows]),
                           (3, 0, 0))
    with Session(region) as s:
        reports = s.scalars(select(RecommendationReport).order_by(RecommendationReport.id))
        assert [(r.sector, r.status) for r in reports] == [
            ("culture", "in_progress"), ("health", "done"), ("social", "not_started")]
    rows[0][3] = "выполнено"
    result = run(region, "recommendation-reports", csv_bytes([REPORT_HEADER, *rows]))
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)


@pytest.mark.parametrize("change, column, expected", [
    ({0: 7}, "№ рекомендации", "№ 184-П п. 1, № 184-П п. 3"),
    ({1: "Министерство спорта"}, "Министерство", "сфера (или её министерство)"),
    ({2: "31.02.2026"}, "Дата отчёта", "ДД.ММ.ГГГГ"),
])
def test_recommendation_reports_bad_rows(region, change, column, expected):
    row = [3, "Культура", "30.06.2026", "в работе", "Текст"]
    for index, v in change.items():
        row[index] = v
    result = rejected(region, "recommendation-reports", csv_bytes([REPORT_HEADER, row]))
    assert result.issues[0].column == column and expected in result.issues[0].expected


def test_recommendation_reports_same_ministry_twice_by_other_names(region):
    rows = [[3, "Культура", "30.06.2026", "в работе", "А"],
            [3, "Министерство культуры", "30.06.2026", "в работе", "Б"]]
    result = rejected(region, "recommendation-reports", csv_bytes([REPORT_HEADER, *rows]))
    assert result.issues[0].row == 3 and "уже была в строке 2" in result.issues[0].expected


# ---------------------------------------------------------------- coverage plans

def test_coverage_plans(region):
    header = ["Год", "Сфера", "Запланировано к оценке"]
    rows = [[2026, "Культура", 310], [2026, "Образование", "1 200"], [2027, "culture", 0]]
    applied_then_unchanged(region, "coverage-plans", csv_bytes([header, *rows]), (3, 0, 0))
    with Session(region) as s:
        assert sorted((c.year, c.sector, c.planned) for c in s.scalars(select(CoveragePlan))) \
            == [(2026, "culture", 310), (2026, "education", 1200), (2027, "culture", 0)]
    rows[0][2] = 320
    result = run(region, "coverage-plans", csv_bytes([header, *rows]))
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)


def test_coverage_plans_bad(region):
    header = ["Год", "Сфера", "Запланировано к оценке"]
    result = rejected(region, "coverage-plans", csv_bytes([
        header, [2026, "Спорт", 10], [2026, "Культура", -1], [1990, "Культура", 5]]))
    assert [(i.row, i.column) for i in result.issues] == [
        (3, "Запланировано к оценке"), (4, "Год"), (2, "Сфера")]


# ---------------------------------------------------------------- milestones

MILESTONE_HEADER = ["Год", "№ этапа", "Этап", "Результат", "Ответственный", "Срок",
                    "Дата выполнения"]


def test_milestones(region):
    rows = [[2026, 1, "Перечень", "Список", "Министерства", "30.11.2025", "25.11.2025"],
            [2026, 6, "Результаты", "Баллы", "Советы", "28.08.2026", None]]
    applied_then_unchanged(region, "milestones", csv_bytes([MILESTONE_HEADER, *rows]),
                           (2, 0, 0))
    rows[1][6] = "20.11.2026"
    result = run(region, "milestones", csv_bytes([MILESTONE_HEADER, *rows]))
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
    with Session(region) as s:
        done = s.scalar(select(Milestone.done_on).where(Milestone.step == 6))
        assert done == dt.date(2026, 11, 20)


def test_milestones_done_in_the_future_is_an_error(region):
    row = [2026, 6, "Результаты", "Баллы", "Советы", "28.08.2026", "01.01.2027"]
    result = rejected(region, "milestones", csv_bytes([MILESTONE_HEADER, row]))
    assert result.issues[0].column == "Дата выполнения"
