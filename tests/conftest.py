"""Shared fixtures: one engine fixture for SQLite and, with TEST_DATABASE_URL, PostgreSQL."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from data_access import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
_schemas: dict[int, str] = {}
BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])


def clear_query_cache() -> None:
    """An app of an earlier test may hold query results of another database."""
    from dashboard import cache
    cache.clear()


def fresh_engine(backend: str, tmp_path):
    """An empty database with the schema applied by the migrations.

    On PostgreSQL each engine gets a schema of its own, so that parallel runs sharing the
    database `test` never see each other's tables.
    """
    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(TEST_DATABASE_URL)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
        engine = create_engine(TEST_DATABASE_URL,
                               connect_args={"options": f"-csearch_path={schema}"})
        _schemas[id(engine)] = schema
    db.upgrade(engine)
    clear_query_cache()
    return engine


def drop_engine(engine) -> None:
    from data_access.imports import jobs
    jobs.wait_all()  # a background import still running would write into a dropped schema
    clear_query_cache()
    schema = _schemas.pop(id(engine), None)
    engine.dispose()
    if schema:
        admin = create_engine(TEST_DATABASE_URL)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    drop_engine(engine)
