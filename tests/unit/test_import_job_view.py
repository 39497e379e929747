"""The import page's progress bar for a background job: where each stage lies on the bar and
what the counts say; a job that ended shows its outcome or why it stopped."""
from __future__ import annotations

from dashboard import import_view as view

NB = "\u00a0"


def job(**changes) -> dict:
    base = {"id": 1, "kind": "assessments", "file_name": "оценки.xlsx", "dry_run": True,
            "status": "running", "stage": "reading", "rows_read": 0, "rows_checked": 0,
            "rows_applied": 0, "message": None, "result": None, "sha256": "0", "sheet": None}
    return base | changes


def text(component) -> str:
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        return " ".join(text(c) for c in children)
    return "" if children is None else text(children)


def test_the_bar_moves_through_the_stages():
    assert view.job_percent(job()) == 0
    assert view.job_percent(job(rows_read=50_000)) == 15
    assert view.job_percent(job(rows_read=10 ** 6)) == 25  # the total is unknown: never full
    assert view.job_percent(job(stage="checking", rows_read=1000, rows_checked=500)) == 47
    assert view.job_percent(job(stage="applying", rows_read=1000, rows_checked=1000,
                                rows_applied=1000)) == 100


def test_the_counts_name_the_stage_and_the_rows():
    shown = text(view.job_progress(job(stage="applying", rows_read=100_000,
                                       rows_checked=100_000, rows_applied=25_000)))
    assert "Проверка файла «оценки.xlsx»: пробная запись с откатом" in shown
    assert f"прочитано строк: 100{NB}000" in shown
    assert f"обработано: 25{NB}000 из 100{NB}000" in shown
    shown = text(view.job_progress(job(dry_run=False, stage="applying", rows_read=10,
                                       rows_checked=10, rows_applied=4)))
    assert "Загрузка файла «оценки.xlsx»: запись в базу" in shown and "записано: 4 из 10" in shown


def test_an_ended_job_says_why():
    cancelled = view.job_outcome(job(status="cancelled", message="Загрузка отменена."))
    assert cancelled.color == "gray" and text(cancelled) == "Загрузка отменена."
    failed = view.job_outcome(job(status="failed", message="Загрузка прервана."))
    assert failed.color == "red"
