"""Engines and sessions for DATABASE_URL; schema migrations."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from data_access.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # SQLite leaves FKs off by default
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def unavailable_message(error: BaseException, engine: Engine | None = None) -> str | None:
    """What a person at the command line reads when the database refuses: locked by another
    process, gone, or unreachable; None for an error that is not about reaching it."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
    if not isinstance(error, (OperationalError, InterfaceError)) and not (
            isinstance(error, DBAPIError) and error.connection_invalidated):
        return None
    where = engine.url.render_as_string(hide_password=True) if engine is not None else ""
    text = str(getattr(error, "orig", error)).lower()
    if "locked" in text or "busy" in text:
        return (f"база данных {where} занята другим процессом (идёт запись: загрузка или "
                "заполнение демоданными); повторите команду, когда он закончит. Ничего не "
                "записано.")
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return (f"файл базы данных {where} не открывается на запись (нет файла, папки или "
                "прав); проверьте DATABASE_URL. Ничего не записано.")
    return (f"база данных {where} недоступна (сервер не отвечает или отклонил подключение); "
            "проверьте DATABASE_URL и что сервер запущен. Ничего не записано.")


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A transaction: committed on success, rolled back on any error."""
    factory = sessionmaker(bind=engine or get_engine(), expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


def alembic_config(url: str):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply every migration to the engine's database."""
    from alembic import command
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one; with foreign keys
            # on, the drop would cascade to the rows that refer to it (indicator values,
            # plans). The pragma works only outside a transaction, hence before begin().
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        with connection.begin():
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("после миграции нарушены внешние ключи")
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
