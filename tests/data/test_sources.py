"""Sources and freshness on the hand-counted small region (tests/data/conftest.py)."""
import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access import sources
from data_access.models import Boundary, ImportBatch

SQUARE = '{"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]}'


def test_region_sources_count_what_the_region_holds(small):
    df = sources.region_sources(small)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["code"], row["name"], bool(row["is_demo"])) == ("23", "Тестовый край", True)
    assert row["data_as_of"] == dt.date(2024, 11, 1)
    # 2 municipalities, none with a polygon; 5 organizations (one never assessed);
    # 6 assessments in 2022, 2023, 2024
    assert (row["municipalities"], row["with_boundaries"]) == (2, 0)
    assert (row["organizations"], row["assessments"]) == (5, 6)
    assert (row["first_year"], row["last_year"]) == (2022, 2024)


def test_boundary_files_by_source_and_the_count_with_polygons(small):
    assert sources.boundary_files(small).empty
    with Session(small) as s, s.begin():
        s.execute(insert(Boundary), [
            dict(municipality_id=1, geometry=SQUARE, source="a.geojson",
                 loaded_at=dt.datetime(2024, 10, 1, 12, 0)),
            dict(municipality_id=2, geometry=SQUARE, source="a.geojson",
                 loaded_at=dt.datetime(2024, 10, 2, 8, 30))])
    files = sources.boundary_files(small)
    assert files[["region", "source", "municipalities"]].values.tolist() == [
        ["23", "a.geojson", 2]]
    assert files.iloc[0]["loaded_at"] == dt.datetime(2024, 10, 2, 8, 30)
    assert sources.region_sources(small).iloc[0]["with_boundaries"] == 2


def test_latest_import_is_empty_until_something_is_imported(small):
    assert sources.latest_import(small) == {}
    batch = dict(kind="results", sha256="0" * 64, user_login=None, inserted=0, updated=0,
                 unchanged=0, message=None)
    with Session(small) as s, s.begin():
        s.execute(insert(ImportBatch), [
            {**batch, "file_name": "old.xlsx", "started_at": dt.datetime(2024, 9, 1, 10),
             "finished_at": dt.datetime(2024, 9, 1, 10, 1), "result": "applied",
             "inserted": 10},
            {**batch, "file_name": "new.csv", "started_at": dt.datetime(2024, 10, 5, 9),
             "finished_at": None, "result": "rejected", "message": "Строка 3: нет ИНН"}])
    last = sources.latest_import(small)
    assert (last["file_name"], last["result"], last["batches"]) == ("new.csv", "rejected", 2)
    assert last["started_at"] == dt.datetime(2024, 10, 5, 9)
    assert last["message"] == "Строка 3: нет ИНН"


def test_an_empty_database_has_no_sources(engine):
    assert sources.region_sources(engine).empty
    assert sources.boundary_files(engine).empty
    assert sources.latest_import(engine) == {}
