"""Summaries the founder ministries owe the coordinating ministry (seed 000, item 2): the query
on the small region of tests/data/conftest.py (data date 1.11.2024), the import kind, and the
demo data."""
import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from data_access import demo, queries, summary_queries
from data_access.filters import Filters
from data_access.models import Milestone, MinistrySummary, Region
from tests.conftest import BACKENDS, drop_engine, fresh_engine
from tests.data.conftest import build_small
from tests.data.test_import import csv_bytes, region, run, xlsx_bytes
from tests.data.test_import_kinds import applied_then_unchanged, rejected

__all__ = ["region"]  # the fixture, imported for these tests

D = dt.date
F = Filters(region="23", year=2024)
HALF, YEAR = "Сводка за полугодие", "Сводка за год"


@pytest.fixture
def summaries(engine):
    build_small(engine)
    with Session(engine) as s, s.begin():
        s.execute(insert(MinistrySummary), [
            dict(region_id=1, year=2024, sector="education", title=HALF, due_date=D(2024, 7, 15),
                 received_on=D(2024, 7, 10)),                         # on time
            dict(region_id=1, year=2024, sector="culture", title=HALF, due_date=D(2024, 7, 15),
                 received_on=D(2024, 7, 24), note="После напоминания"),  # 9 days late
            dict(region_id=1, year=2024, sector="health", title=HALF, due_date=D(2024, 7, 15),
                 received_on=None),                                   # overdue 109 days
            dict(region_id=1, year=2024, sector="health", title=YEAR, due_date=D(2024, 12, 5),
                 received_on=None),                                   # not due yet
            dict(region_id=1, year=2024, sector="culture", title=YEAR, due_date=D(2024, 12, 5),
                 received_on=D(2024, 11, 20)),  # after the data's date: not yet arrived
            dict(region_id=1, year=2023, sector="health", title=YEAR, due_date=D(2023, 12, 5),
                 received_on=D(2023, 12, 1))])
    return engine


def test_states_at_the_data_date(summaries):
    df = summary_queries.ministry_summaries(F, summaries)
    got = [(r.sector, r.title, r.state, None if pd.isna(r.days_late) else int(r.days_late))
           for r in df.itertuples()]
    assert got == [  # by due date, then the ministry's name
        ("health", HALF, "overdue", 109), ("culture", HALF, "late", 9),
        ("education", HALF, "on_time", None),
        ("health", YEAR, "pending", None), ("culture", YEAR, "pending", None)]
    assert df["received_on"].isna().tolist() == [True, False, False, True, True]
    assert df.loc[1, "ministry"] == "Министерство культуры"


def test_the_sector_filter_picks_one_ministry(summaries):
    df = summary_queries.ministry_summaries(F.replace(sector="health"), summaries)
    assert df["state"].tolist() == ["overdue", "pending"]
    # at the end of 2023 the year's summary had come
    assert summary_queries.ministry_summaries(F.replace(year=2023), summaries)[
        "state"].tolist() == ["on_time"]


HEADER = ["Год", "Министерство", "Сводка", "Срок", "Дата поступления", "Примечание"]


def test_import_applied_then_updated(region):
    rows = [[2026, "Министерство культуры Краснодарского края", YEAR, "05.12.2026", None, None],
            [2026, "Образование", HALF, "15.07.2026", "10.07.2026", None]]
    applied_then_unchanged(region, "ministry-summaries", csv_bytes([HEADER, *rows]), (2, 0, 0))
    rows[0][4] = "20.11.2026"
    result = run(region, "ministry-summaries", xlsx_bytes([HEADER, *rows]), "сводки.xlsx")
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
    with Session(region) as s:
        culture = s.scalar(select(MinistrySummary).where(MinistrySummary.sector == "culture"))
        assert (culture.received_on, culture.year) == (D(2026, 11, 20), 2026)


@pytest.mark.parametrize("row, column, words", [
    ([2026, "Культура", YEAR, "05.12.2028", None, None], "Срок", "в 2026 или 2027 году"),
    ([2026, "Культура", YEAR, "05.12.2026", "01.01.2027", None], "Дата поступления",
     "не позже сегодняшней"),
    ([2026, "Министерство спорта", YEAR, "05.12.2026", None, None], "Министерство", ""),
])
def test_import_errors_name_the_cell(region, row, column, words):
    result = rejected(region, "ministry-summaries", csv_bytes([HEADER, row]))
    assert result.issues[0].column == column
    assert words in result.issues[0].message()


def test_import_one_row_per_ministry_and_due_date(region):
    row = [2026, "Культура", YEAR, "05.12.2026", None, None]
    result = rejected(region, "ministry-summaries", csv_bytes([HEADER, row, row]))
    assert "одна строка на министерство и срок" in result.issues[0].message() or \
        "министерство, срок" in result.issues[0].message()


AS_OF = D(2026, 11, 23)


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    engine = fresh_engine(request.param, tmp_path_factory.mktemp("summaries"))
    demo.seed(engine, AS_OF, scale=0.02)
    yield engine
    drop_engine(engine)


def _krasnodar(engine, *columns):
    with engine.connect() as conn:
        return conn.execute(select(*columns).join(Region, Region.id == columns[0].table.c.region_id)
                            .where(Region.code == "23")).all()


def test_demo_summaries_owed_by_the_three_ministries_and_match_the_step(seeded):
    rows = _krasnodar(seeded, MinistrySummary.region_id, MinistrySummary.year,
                      MinistrySummary.sector, MinistrySummary.due_date,
                      MinistrySummary.received_on)
    assert {r.sector for r in rows} == {"education", "culture", "health"}  # not the coordinator
    assert len(rows) == 3 * 2 * (AS_OF.year - demo.FIRST_YEAR + 1)
    assert all(r.received_on is None or r.received_on <= AS_OF for r in rows)
    assert all(r.received_on is None for r in rows if r.due_date >= AS_OF)
    steps = {y: done for _, y, done, deadline in _krasnodar(
        seeded, Milestone.region_id, Milestone.year, Milestone.done_on, Milestone.deadline)
        if deadline.month == 12 and deadline.day == 5}
    for year in range(demo.FIRST_YEAR, AS_OF.year):
        yearly = [r.received_on for r in rows if r.year == year and r.due_date.month == 12]
        if steps[year] is None:
            assert None in yearly
        else:
            assert max(yearly) == steps[year]
    states = summary_queries.ministry_summaries(
        queries.resolve_filters({"region": "23", "year": "2026"}, seeded), seeded)["state"]
    assert set(states) == {"on_time", "overdue", "pending"}
