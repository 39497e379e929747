"""Imports in the background: the page starts a job and polls it; the request returns at once.

    job_id = jobs.start("assessments", data, file_name="оценки.xlsx", dry_run=True,
                        region="23", user="admin")
    jobs.status(job_id)   # {"status": "running", "stage": "checking", "rows_read": …}
    jobs.cancel(job_id)   # the import stops at its next progress call; nothing is written

A job runs `run_import` in a daemon thread of the process that received the file (the file's
bytes stay in that process's memory, nowhere else), and keeps its stage and counts in the
table import_job, so that any process can answer the page's polls. The import is one
transaction, committed at its very end: a job stopped by a cancel, an error or the death of
its process has written nothing. A process that starts (a gunicorn worker, `python app.py`)
marks the jobs of dead processes failed, with a Russian message and a journal entry
(`recover`); so does a poll of such a job.

SQLite allows one writer: while the import's transaction holds the database (the applying
stage), the counts are kept in this process only and written when it ends; a poll served by
this process sees them live (on SQLite the dashboard runs in one process).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access.imports.core import Cancelled, cli_user, run_import, sha256_of
from data_access.models import ImportBatch, ImportJob

log = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0       # counts written to the table at most this often
STALE_MINUTES = 10        # a job of another host without a heartbeat this long is dead
MESSAGES = {
    "cancelled": "Загрузка отменена по вашей просьбе: в базу ничего не записано.",
    "restart": "Загрузка прервана: процесс сервера, который её выполнял, остановился или был "
               "перезапущен. В базу ничего не записано — данные остались прежними. "
               "Загрузите файл ещё раз.",
    "error": "Загрузка прервана из-за внутренней ошибки сервера. В базу ничего не записано. "
             "Повторите загрузку; если ошибка повторится, сообщите администратору.",
}
STAGES = ("reading", "checking", "applying", "done")

_HOST = socket.gethostname()[:255]
_live: dict[int, _Live] = {}      # the jobs running in this process
_lock = threading.Lock()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class _Live:
    """A running job's counts and its cancel flag, in the process that runs it."""

    def __init__(self, job_id: int, engine: Engine) -> None:
        self.id, self.engine = job_id, engine
        self.stage = "reading"
        self.counts = {"reading": 0, "checking": 0, "applying": 0}
        self.cancel = threading.Event()
        self.thread: threading.Thread | None = None
        self._flushed = 0.0

    def progress(self, stage: str, rows: int) -> None:
        self.stage = stage
        self.counts[stage] = rows
        if self.cancel.is_set():
            raise Cancelled()
        if time.monotonic() - self._flushed >= FLUSH_SECONDS:
            self._flushed = time.monotonic()
            if self.engine.dialect.name == "sqlite" and stage == "applying":
                return  # the import's own transaction holds the database
            self._flush()

    def _flush(self) -> None:
        try:
            with Session(self.engine) as s, s.begin():
                s.execute(update(ImportJob).where(ImportJob.id == self.id).values(
                    stage=self.stage, heartbeat_at=_now(), **self.columns()))
                wanted = s.scalar(select(ImportJob.cancel_requested)
                                  .where(ImportJob.id == self.id))
        except SQLAlchemyError:
            log.warning("import job %s: progress not saved", self.id, exc_info=True)
            return
        if wanted:  # asked by another process
            self.cancel.set()

    def columns(self) -> dict:
        return {"rows_read": self.counts["reading"], "rows_checked": self.counts["checking"],
                "rows_applied": self.counts["applying"]}


def start(kind: str, data: bytes, *, file_name: str, dry_run: bool, region: str, user: str,
          sheet: str | None = None, sector: str | None = None,
          engine: Engine | None = None) -> int:
    """A new job importing `data`; returns its id at once."""
    from data_access.db import get_engine
    engine = engine or get_engine()
    now = _now()
    with Session(engine) as s, s.begin():
        job = ImportJob(kind=kind[:40], file_name=file_name[:500], sha256=sha256_of(data),
                        user_login=(user or cli_user())[:100], region=region[:10],
                        sheet=sheet[:200] if sheet else None, dry_run=dry_run,
                        status="running", stage="reading", rows_read=0, rows_checked=0,
                        rows_applied=0, cancel_requested=False, host=_HOST, pid=os.getpid(),
                        created_at=now, heartbeat_at=now)
        s.add(job)
        s.flush()
        job_id = job.id
    live = _Live(job_id, engine)
    with _lock:
        _live[job_id] = live
    live.thread = threading.Thread(
        target=_run, name=f"import-job-{job_id}", daemon=True,
        args=(live, kind, data),
        kwargs=dict(file_name=file_name, dry_run=dry_run, sheet=sheet, region=region,
                    user=user, sector=sector))
    live.thread.start()
    return job_id


def _run(live: _Live, kind: str, data: bytes, **options) -> None:
    status, message, result = "failed", MESSAGES["error"], None
    try:
        result = run_import(kind, data, engine=live.engine, progress=live.progress, **options)
        status, message = "done", result.summary()
    except Cancelled:
        status, message = "cancelled", MESSAGES["cancelled"]
    except Exception:  # the job must end with a message, whatever went wrong
        log.exception("import job %s failed", live.id)
    finally:
        try:
            _finish(live, status, message, result, options)
        finally:
            with _lock:
                _live.pop(live.id, None)


def _finish(live: _Live, status: str, message: str, result, options: dict) -> None:
    values = dict(status=status, stage="done", message=message, finished_at=_now(),
                  heartbeat_at=_now(), **live.columns())
    if result is not None:
        values |= dict(result=json.dumps(result.as_dict(), ensure_ascii=False, default=str),
                       batch_id=result.batch_id, rows_read=result.rows)
    with Session(live.engine) as s, s.begin():
        job = s.get(ImportJob, live.id)
        if result is None:  # run_import journals what it finished; the rest is journaled here
            _journal(s, job, message)
        s.execute(update(ImportJob).where(ImportJob.id == live.id).values(**values))


def _journal(s: Session, job: ImportJob, message: str) -> None:
    s.add(ImportBatch(kind=job.kind, file_name=job.file_name, sha256=job.sha256,
                      user_login=job.user_login, started_at=job.created_at,
                      finished_at=_now(), inserted=0, updated=0, unchanged=0,
                      result="rejected", message=message))


def _alive(job: ImportJob) -> bool:
    if job.host == _HOST and job.pid == os.getpid():
        return job.id in _live
    recent = job.heartbeat_at > _now() - dt.timedelta(minutes=STALE_MINUTES)
    if job.host != _HOST:
        return recent
    try:
        os.kill(job.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user: its pid was taken again
        return recent
    return recent  # the pid may be another process's by now: the heartbeat decides


def recover(engine: Engine | None = None) -> int:
    """Mark failed the running jobs whose process is gone (a restart, a kill -9): their
    transaction was never committed, so the data are as they were. Returns how many."""
    from data_access.db import get_engine
    engine = engine or get_engine()
    failed = 0
    with Session(engine) as s, s.begin():
        for job in s.scalars(select(ImportJob).where(ImportJob.status == "running")):
            if _alive(job):
                continue
            job.status, job.stage, job.message = "failed", "done", MESSAGES["restart"]
            job.finished_at = _now()
            _journal(s, job, MESSAGES["restart"])
            failed += 1
    if failed:
        log.warning("import jobs of stopped processes marked failed: %s", failed)
    return failed


def status(job_id: int, *, user: str | None = None, engine: Engine | None = None
           ) -> dict | None:
    """The job as the page shows it (None if there is none, or it is another user's when
    `user` is given): status, stage, kind, file_name, dry_run, the three counts, message,
    result (ImportResult.as_dict() once done)."""
    from data_access.db import get_engine
    engine = engine or get_engine()
    with Session(engine) as s:
        job = s.get(ImportJob, job_id)
        if job is None or (user is not None and job.user_login != user):
            return None
        if job.status == "running" and not _alive(job):
            s.close()
            recover(engine)
            return status(job_id, user=user, engine=engine)
        out = {c: getattr(job, c) for c in (
            "id", "kind", "file_name", "sha256", "sheet", "dry_run", "status", "stage",
            "rows_read", "rows_checked", "rows_applied", "message", "batch_id")}
        out["result"] = json.loads(job.result) if job.result else None
    live = _live.get(job_id)
    if live is not None and out["status"] == "running":  # fresher than the table
        out.update(stage=live.stage, **live.columns())
    return out


def active(user: str, engine: Engine | None = None) -> int | None:
    """The user's running job, if any (the page picks it up again after a reload)."""
    from data_access.db import get_engine
    with Session(engine or get_engine()) as s:
        return s.scalar(select(ImportJob.id).where(ImportJob.user_login == user,
                                                   ImportJob.status == "running")
                        .order_by(ImportJob.id.desc()).limit(1))


def cancel(job_id: int, *, user: str | None = None, engine: Engine | None = None) -> bool:
    """Ask the job to stop; True if it is running (and `user`'s, when given)."""
    from data_access.db import get_engine
    engine = engine or get_engine()
    live = _live.get(job_id)
    with Session(engine) as s:
        job = s.get(ImportJob, job_id)
        if job is None or job.status != "running" or (user is not None
                                                      and job.user_login != user):
            return False
    if live is not None:
        live.cancel.set()
        return True
    with Session(engine) as s, s.begin():  # the job runs in another process: it reads this
        s.execute(update(ImportJob).where(ImportJob.id == job_id)
                  .values(cancel_requested=True))
    return True


def wait(job_id: int, timeout: float = 120) -> None:
    """Until the job of this process ends (the CLI, the tests)."""
    live = _live.get(job_id)
    if live is not None and live.thread is not None:
        live.thread.join(timeout)


def wait_all(timeout: float = 120) -> None:
    """Until every job of this process ends (a test's database is dropped after)."""
    for job_id in list(_live):
        wait(job_id, timeout)
