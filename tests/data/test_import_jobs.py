"""Imports as background jobs (data_access/imports/jobs.py): the progress an import reports,
a job's outcome and journal entry, a cancel while it checks and while it writes (nothing
written), and a job whose process died — marked failed with a Russian message by the next
process, the data as they were; also a real process killed with SIGKILL mid-import."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.imports import core, jobs, run_import
from data_access.models import CoveragePlan, ImportBatch, ImportJob
from tests.conftest import _schemas

ROOT = Path(__file__).resolve().parents[2]


def coverage_csv(rows: int = 1, planned: int = 7) -> bytes:
    """Plans for education in 2024 (the small region has 3); more rows: other years."""
    lines = [f"{2024 - i};Образование;{planned}" for i in range(rows)]
    return ("Год;Сфера;Запланировано к оценке\r\n" + "\r\n".join(lines) + "\r\n").encode()


def planned(engine, year: int = 2024) -> int:
    with Session(engine) as s:
        return s.scalar(select(CoveragePlan.planned).where(
            CoveragePlan.year == year, CoveragePlan.sector == "education"))


def journal(engine) -> list[ImportBatch]:
    with Session(engine) as s:
        return list(s.scalars(select(ImportBatch).order_by(ImportBatch.id)))


def test_an_import_reports_its_stages_in_order(small):
    calls: list[tuple[str, int]] = []
    data = ("Год;Сфера;Запланировано к оценке\r\n2024;Образование;7\r\n"
            "2024;Культура;2\r\n2024;Охрана здоровья;4\r\n").encode()
    result = run_import("coverage-plans", data, engine=small, dry_run=True,
                        progress=lambda stage, n: calls.append((stage, n)))
    assert result.status == "dry_run", result.summary()
    stages = [stage for stage, _ in calls]
    assert stages[0] == "checking" and stages[-1] == "applying"
    assert stages == sorted(stages, key=["reading", "checking", "applying"].index)
    assert calls[-1] == ("applying", 3)  # the last call: every row applied, not committed


def test_a_job_runs_in_the_background_and_ends_with_the_outcome(small):
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv", dry_run=False,
                        region="23", user="admin", engine=small)
    jobs.wait(job_id)
    job = jobs.status(job_id, engine=small)
    assert (job["status"], job["stage"], job["rows_read"]) == ("done", "done", 1)
    assert job["result"]["status"] == "applied" and job["result"]["updated"] == 1
    assert job["message"].startswith("Загружено строк — 1")
    assert planned(small) == 7
    assert journal(small)[-1].id == job["batch_id"]
    assert jobs.status(job_id, user="someone-else", engine=small) is None


@pytest.fixture
def paused(monkeypatch):
    """Jobs whose import stops at its first progress call of `stage` until released."""
    reached, release = threading.Event(), threading.Event()
    state = {"stage": "checking"}

    def slow(kind, data, *, progress, **options):
        def wrapped(stage, n):
            if stage == state["stage"] and not reached.is_set():
                reached.set()
                release.wait(30)
            progress(stage, n)
        return run_import(kind, data, progress=wrapped, **options)

    monkeypatch.setattr(jobs, "run_import", slow)
    return state, reached, release


@pytest.mark.parametrize("stage", ["checking", "applying"])
def test_a_cancelled_job_writes_nothing_and_says_so(small, paused, stage):
    state, reached, release = paused
    state["stage"] = stage
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv", dry_run=False,
                        region="23", user="admin", engine=small)
    assert reached.wait(30)
    assert jobs.status(job_id, engine=small)["status"] == "running"
    assert jobs.cancel(job_id, user="admin", engine=small)
    release.set()
    jobs.wait(job_id)
    job = jobs.status(job_id, engine=small)
    assert job["status"] == "cancelled"
    assert job["message"] == "Загрузка отменена по вашей просьбе: в базу ничего не записано."
    assert planned(small) == 3  # as before: the transaction was rolled back
    last = journal(small)[-1]
    assert (last.result, last.message, last.file_name) == ("rejected", job["message"],
                                                           "охват.csv")


def test_another_users_job_cannot_be_cancelled(small, paused):
    _state, reached, release = paused
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv", dry_run=True,
                        region="23", user="admin", engine=small)
    assert reached.wait(30)
    assert not jobs.cancel(job_id, user="ministry", engine=small)
    release.set()
    jobs.wait(job_id)
    assert jobs.status(job_id, engine=small)["status"] == "done"


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_job_of_a_dead_process_is_marked_failed(small):
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv", dry_run=True,
                        region="23", user="admin", engine=small)
    jobs.wait(job_id)
    with Session(small) as s, s.begin():  # as a worker killed mid-import leaves it
        job = s.get(ImportJob, job_id)
        job.status, job.stage, job.pid, job.result = "running", "applying", _dead_pid(), None
    before = len(journal(small))
    assert jobs.recover(small) == 1
    job = jobs.status(job_id, engine=small)
    assert job["status"] == "failed"
    assert job["message"].startswith("Загрузка прервана: процесс сервера")
    assert "данные остались прежними" in job["message"]
    assert len(journal(small)) == before + 1 and journal(small)[-1].message == job["message"]
    assert jobs.recover(small) == 0  # once


def test_a_poll_of_a_dead_job_marks_it_failed(small):
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv", dry_run=True,
                        region="23", user="admin", engine=small)
    jobs.wait(job_id)
    with Session(small) as s, s.begin():
        s.get(ImportJob, job_id).status = "running"
        s.get(ImportJob, job_id).pid = _dead_pid()
    assert jobs.status(job_id, engine=small)["status"] == "failed"


KILLED = textwrap.dedent("""
    import os, sys, time
    from sqlalchemy import create_engine
    from data_access.imports import jobs
    options = {"options": f"-csearch_path={sys.argv[2]}"} if sys.argv[2] else {}
    engine = create_engine(sys.argv[1], connect_args=options)
    real = jobs.run_import
    def slow(kind, data, *, progress, **kw):
        def wrapped(stage, n):
            progress(stage, n)
            if stage == "applying":   # rows written, not committed: now it dies
                print("applying", flush=True)
                time.sleep(60)
        return real(kind, data, progress=wrapped, **kw)
    jobs.run_import = slow
    job = jobs.start("coverage-plans", sys.stdin.buffer.read(), file_name="охват.csv",
                     dry_run=False, region="23", user="admin", engine=engine)
    print(job, flush=True)
    time.sleep(120)
""")


def test_a_process_killed_mid_import_leaves_the_data_and_a_failed_job(small):
    url = small.url.render_as_string(hide_password=False)
    proc = subprocess.Popen([sys.executable, "-c", KILLED, url, _schemas.get(id(small), "")],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.stdin.write(coverage_csv(planned=99))
    proc.stdin.close()
    job_id = int(proc.stdout.readline())
    assert proc.stdout.readline().strip() == b"applying"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert planned(small) == 3
    assert jobs.recover(small) == 1
    job = jobs.status(job_id, engine=small)
    assert job["status"] == "failed" and "ничего не записано" in job["message"]
    assert planned(small) == 3


def test_progress_reaches_the_table_while_it_checks(small, paused):
    """Another process polling sees the counts: they are written while the job runs."""
    _state, reached, release = paused
    data = coverage_csv(2500)  # rows 2024…−476: most fail the year check, all are counted
    job_id = jobs.start("coverage-plans", data, file_name="охват.csv", dry_run=True,
                        region="23", user="admin", engine=small)
    assert reached.wait(30)  # paused as checking begins: the reading's last report stands
    jobs._live[job_id]._flush()
    with Session(small) as s:
        row = s.get(ImportJob, job_id)
        assert (row.status, row.stage, row.rows_read) == ("running", "reading", 2000)
    release.set()
    jobs.wait(job_id)
    assert jobs.status(job_id, engine=small)["rows_read"] == 2500


def test_core_cancel_is_an_exception_of_its_own():
    assert issubclass(core.Cancelled, Exception) and not issubclass(core.Cancelled,
                                                                     ValueError)


def test_a_live_pid_without_a_heartbeat_is_not_trusted(small):
    """A pid taken again by another process: the job's heartbeat, ten minutes old, decides."""
    import datetime as dt
    job_id = jobs.start("coverage-plans", coverage_csv(), file_name="охват.csv",
                        dry_run=True, region="23", user="admin", engine=small)
    jobs.wait(job_id)
    with Session(small) as s, s.begin():
        job = s.get(ImportJob, job_id)
        job.status, job.pid = "running", os.getppid()  # alive, and not this process
    assert jobs.recover(small) == 0  # its heartbeat is fresh: it may be running there
    with Session(small) as s, s.begin():
        s.get(ImportJob, job_id).heartbeat_at = dt.datetime.now() - dt.timedelta(minutes=11)
    assert jobs.recover(small) == 1
