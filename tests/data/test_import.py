"""Imports: the shared helpers (a small region, files built in memory, table checksums) and
the core guarantees: all or nothing, idempotence, dry run, discrepancies, the journal."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.imports.fields import INN_WEIGHTS
from data_access.models import (
    Base, Municipality, Organization, Recommendation, Region, Sector,
)
from data_access.reference.sectors import SECTORS

TODAY = dt.date(2026, 11, 23)


def inn(first_nine: str) -> str:
    """A 10-digit INN with its correct check digit."""
    return first_nine + str(sum(int(d) * w for d, w in zip(first_nine, INN_WEIGHTS)) % 11 % 10)


LIBRARY, HOSPITAL, SCHOOL = inn("231000001"), inn("231000002"), inn("231000003")
NEW_ORG = inn("231000004")
UNKNOWN = inn("231099999")


def build_region(engine) -> None:
    """Region 23 with two municipalities, the four sectors, three organizations (culture,
    health, education) and two recommendations of resolution № 184-П. No explicit ids, so
    that PostgreSQL's sequences stay right for the rows the imports add."""
    with Session(engine) as s, s.begin():
        region = Region(code="23", name="Тестовый край", is_demo=False,
                        data_as_of=dt.date(2026, 1, 1))
        s.add(region)
        s.add_all(Sector(**r._asdict()) for r in SECTORS)
        s.flush()
        city = Municipality(region_id=region.id, oktmo="03701000", name="Краснодар",
                            kind="urban_okrug", population=1_000_000)
        district = Municipality(region_id=region.id, oktmo="03601000", name="Абинский район",
                                kind="municipal_district", population=95_000)
        s.add_all([city, district])
        s.flush()
        for number, (code, sector, place, name) in enumerate([
                (LIBRARY, "culture", city, "Краевая библиотека"),
                (HOSPITAL, "health", district, "Абинская больница"),
                (SCHOOL, "education", district, "Школа № 1")]):
            s.add(Organization(region_id=region.id, municipality_id=place.id, sector=sector,
                               inn=code, name=name, type="тип", founder_level="regional",
                               founder="Министерство"))
        for number in (1, 3):
            s.add(Recommendation(resolution="№ 184-П", resolution_date=dt.date(2022, 12, 13),
                                 number=number, title=f"Рекомендация {number}", text="…",
                                 targets="k1"))


def snapshot(engine, *, skip=("import_batch",)) -> dict[str, tuple[int, str]]:
    """Row count and a SHA-256 of every row of every table (in key order)."""
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            out[table.name] = (len(rows), digest)
    return out


def csv_bytes(rows: list[list], *, sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], *, sheet: str = "Данные", extra: dict | None = None) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, more in (extra or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


INDICATOR_HEADERS = ["Пинф", "Пдист", "Поткр.уд", "Пкомф.усл", "Пожид", "Пкомф.уд",
                     "Порг.дост", "Пуслуг.дост", "Пдост.уд", "Пперв.конт.уд",
                     "Показ.услуг.уд", "Пвежл.дист.уд", "Преком", "Порг.усл.уд", "Пуд"]
ASSESSMENT_HEADER = ["ИНН", "Год", "Число респондентов", "Из них инвалидов", *INDICATOR_HEADERS,
                     "Итоговый балл (опубликовано)"]


def assessment_row(code: str, year: int, value: float, *, waiting: float | None = None,
                   published=None, respondents: int = 100, disabled: int = 5) -> list:
    """Every indicator `value` (so К1–К5 and the total are `value`), Пожид `waiting`."""
    values = [value] * 15
    values[4] = waiting
    return [code, year, respondents, disabled, *values, published]


# ---------------------------------------------------------------- fixtures

import pytest  # noqa: E402
from sqlalchemy import func  # noqa: E402

from data_access import imports  # noqa: E402
from data_access.filters import Filters  # noqa: E402
from data_access.imports import queries as import_queries  # noqa: E402
from data_access.methodology import score  # noqa: E402
from data_access.models import Assessment, ImportBatch, IndicatorValue  # noqa: E402


@pytest.fixture
def region(engine):
    build_region(engine)
    return engine


def run(engine, kind, data, name="файл.csv", **options):
    options.setdefault("today", TODAY)
    options.setdefault("user", "тест")
    return imports.run_import(kind, data, file_name=name, engine=engine, **options)


def batches(engine) -> list[ImportBatch]:
    with Session(engine) as s:
        return list(s.scalars(select(ImportBatch).order_by(ImportBatch.id)))


def rejected_cleanly(engine, before, result) -> None:
    """Nothing written but the journal's one «rejected» row."""
    assert result.status == "rejected" and not result.ok
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 0)
    assert snapshot(engine) == before
    assert batches(engine)[-1].result == "rejected"
    assert batches(engine)[-1].id == result.batch_id


def assessments_file(*rows) -> bytes:
    return csv_bytes([ASSESSMENT_HEADER, *rows])


GOOD_ASSESSMENTS = [assessment_row(LIBRARY, 2025, 90.0),
                    assessment_row(HOSPITAL, 2025, 80.0, waiting=70.0),
                    assessment_row(SCHOOL, 2025, 95.5)]


# ---------------------------------------------------------------- the guarantees

def test_a_good_file_is_applied_and_recorded(region):
    result = run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS))
    assert result.status == "applied", [i.message() for i in result.issues]
    assert (result.rows, result.inserted, result.updated, result.unchanged) == (3, 3, 0, 0)
    (batch,) = batches(region)
    assert (batch.kind, batch.file_name, batch.user_login, batch.result) == (
        "assessments", "файл.csv", "тест", "applied")
    assert (batch.inserted, batch.updated, batch.unchanged) == (3, 0, 0)
    assert batch.sha256 == hashlib.sha256(assessments_file(*GOOD_ASSESSMENTS)).hexdigest()
    assert batch.started_at <= batch.finished_at
    assert "новых — 3" in batch.message


def test_scores_are_computed_with_methodology_score(region):
    run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS))
    with Session(region) as s:
        hospital = s.scalar(select(Assessment).join(Organization).where(
            Organization.inn == HOSPITAL))
        values = {iv.code: iv.value for iv in s.scalars(select(IndicatorValue).where(
            IndicatorValue.assessment_id == hospital.id))}
    assert len(values) == 15 and values["p_ozhid"] == 70.0
    expected = score(values)
    # К2 with waiting time: 0.3·80 + 0.4·70 + 0.3·80 = 76; total (80·4 + 76) / 5 = 79.2
    assert hospital.k2 == pytest.approx(76.0) and hospital.total == pytest.approx(79.2)
    assert hospital.total == expected.total and hospital.k1 == expected.k1
    assert (hospital.respondents, hospital.disabled_respondents) == (100, 5)


def test_reimporting_the_same_file_changes_nothing(region):
    data = assessments_file(*GOOD_ASSESSMENTS)
    run(region, "assessments", data)
    before = snapshot(region)
    again = run(region, "assessments", data)
    assert (again.status, again.inserted, again.updated, again.unchanged) == ("applied", 0, 0, 3)
    assert snapshot(region) == before
    assert [b.result for b in batches(region)] == ["applied", "applied"]


def test_a_changed_row_is_updated_and_the_rest_unchanged(region):
    run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS))
    changed = [assessment_row(LIBRARY, 2025, 91.0), *GOOD_ASSESSMENTS[1:]]
    result = run(region, "assessments", assessments_file(*changed))
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 2)
    with Session(region) as s:
        library = s.scalar(select(Assessment).join(Organization).where(
            Organization.inn == LIBRARY))
        assert library.total == pytest.approx(91.0)


def test_a_file_whose_last_row_is_bad_leaves_the_database_unchanged(region):
    run(region, "organizations", csv_bytes([
        ["ИНН", "Наименование", "Сфера", "Муниципальное образование", "Тип организации",
         "Уровень учредителя", "Учредитель"],
        [NEW_ORG, "Новый музей", "Культура", "03701000", "музей", "региональный", "Минкульт"]]))
    before = snapshot(region)
    rows = [*GOOD_ASSESSMENTS, assessment_row(NEW_ORG, 2025, 140)]  # the last: 140 points
    result = run(region, "assessments", assessments_file(*rows))
    rejected_cleanly(region, before, result)
    assert result.issue_count == 14  # every indicator of the last row but the empty Пожид
    issue = result.issues[0]
    assert (issue.file, issue.sheet, issue.row, issue.column, issue.value) == (
        "файл.csv", None, 5, "Пинф", "140")
    assert "число от 0 до 100" in issue.expected
    assert "строка 5, столбец «Пинф» (ячейка E5): значение «140»" in issue.message()


def test_a_reference_error_in_the_last_row_rolls_back_the_rows_before(region):
    """The first rows were written in the transaction before the last one failed."""
    before = snapshot(region)
    rows = [*GOOD_ASSESSMENTS, assessment_row(UNKNOWN, 2025, 90.0)]
    result = run(region, "assessments", assessments_file(*rows))
    rejected_cleanly(region, before, result)
    assert result.issue_count == 1 and result.issues[0].value == UNKNOWN
    assert "такой нет в справочнике" in result.issues[0].expected


def test_dry_run_writes_nothing_but_its_journal_row(region):
    before = snapshot(region)
    result = run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS), dry_run=True)
    assert (result.status, result.inserted, result.updated, result.unchanged) == (
        "dry_run", 3, 0, 0)
    assert snapshot(region) == before
    (batch,) = batches(region)
    assert (batch.result, batch.inserted) == ("dry_run", 3)
    assert batch.message.startswith("Проверка без записи")


def test_dry_run_counts_what_the_import_would_do(region):
    run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS[:2]))
    preview = run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS), dry_run=True)
    applied = run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS))
    assert (preview.inserted, preview.updated, preview.unchanged) == (1, 0, 2)
    assert (applied.inserted, applied.updated, applied.unchanged) == (1, 0, 2)


def test_a_published_total_off_by_more_than_half_a_point_is_flagged_not_rejected(region):
    rows = [assessment_row(LIBRARY, 2025, 84.2, published=85.0),   # 0.8 apart: flagged
            assessment_row(SCHOOL, 2025, 84.2, published=84.5)]    # 0.3 apart: fine
    result = run(region, "assessments", assessments_file(*rows))
    assert result.status == "applied" and result.inserted == 2
    (d,) = result.discrepancies
    assert (d.row, d.inn, d.year, d.criterion, d.published) == (2, LIBRARY, 2025, "total", 85.0)
    assert d.computed == pytest.approx(84.2) and d.difference == pytest.approx(0.8)
    assert "опубликовано 85,00, по показателям 84,20 (разница +0,80)" in d.message()
    assert "Расхождений с опубликованными баллами" in batches(region)[-1].message
    listed = import_queries.discrepancies(Filters("23", 2025), region)
    assert listed[["inn", "year", "published_total"]].values.tolist() == [[LIBRARY, 2025, 85.0]]
    assert listed["total"].iloc[0] == pytest.approx(84.2)
    assert listed["difference"].iloc[0] == pytest.approx(0.8)
    with Session(region) as s:
        assert s.scalar(select(Assessment.published_total).join(Organization).where(
            Organization.inn == LIBRARY)) == 85.0


def test_published_criteria_are_checked_too(region):
    header = [*ASSESSMENT_HEADER, "К3"]
    row = [*assessment_row(LIBRARY, 2025, 80.0, published=80.0), "82,5"]
    result = run(region, "assessments", csv_bytes([header, row]))
    assert [(d.criterion, d.published) for d in result.discrepancies] == [("k3", 82.5)]
    listed = import_queries.discrepancies(Filters("23", 2025), region)
    assert listed["criteria"].tolist() == ["К3: 82,5 против 80,0"]


def test_on_change_listeners_run_after_an_applied_import_that_changed_data(region):
    calls = []
    listener = imports.on_change(calls.append)
    try:
        data = assessments_file(*GOOD_ASSESSMENTS)
        run(region, "assessments", data, dry_run=True)
        run(region, "assessments", data + b"garbage;row\r\n")  # rejected
        assert calls == []
        version = imports.data_version(region)
        applied = run(region, "assessments", data)
        assert calls == [applied]
        assert imports.data_version(region) > version
        run(region, "assessments", data)  # unchanged: no call
        assert calls == [applied]
    finally:
        imports.remove_listener(listener)


def test_an_applied_import_moves_the_regions_data_date_to_today(region):
    run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS))
    with Session(region) as s:
        assert s.scalar(select(Region.data_as_of)) == TODAY


def test_errors_are_capped_with_the_total_counted(region):
    rows = [[SCHOOL, 2025, "много"] + [90] * 15 for _ in range(300)]
    result = run(region, "assessments", csv_bytes([ASSESSMENT_HEADER[:3] + INDICATOR_HEADERS,
                                                   *rows]))
    assert result.issue_count == 300 + 299  # each text; and 299 repeats of the key
    assert len(result.issues) == imports.MAX_ISSUES
    assert "ошибок — 599" in result.summary()


def test_the_journal_lists_imports_newest_first(region):
    run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS), dry_run=True)
    run(region, "assessments", b"")
    journal = import_queries.history(engine=region)
    assert journal["result"].tolist() == ["rejected", "dry_run"]
    with Session(region) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 2
