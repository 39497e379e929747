"""Builders of the page «Загрузка данных»: the preview of an import (counts, errors,
discrepancies), its result, the journal. Pure: data in, components out; no queries."""
from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import format as fmt
from dashboard.components import data_table, kpi_card
from data_access.imports import DISCREPANCY_POINTS, KINDS, MAX_FILE_BYTES, RESULT_LABELS

KIND_OPTIONS = [{"value": k, "label": s.title} for k, s in KINDS.items()]
DEFAULT_KIND = "assessments"
MAX_UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)
CRITERION_LABELS = {"total": "итоговый балл", **{f"k{i}": f"К{i}" for i in range(1, 6)}}
DISCREPANCY_COLUMNS = {
    "name": "Организация", "inn": "ИНН", "sector": "Сфера",
    "municipality": "Муниципальное образование", "year": "Год",
    "published_total": "Опубликовано оператором", "total": "Рассчитано по показателям",
    "difference": "Разница", "criteria": "Расхождения по критериям"}
ISSUE_COLUMNS = {"file": "Файл", "sheet": "Лист", "row": "Строка", "column": "Столбец",
                 "cell": "Ячейка", "value": "Значение", "expected": "Ожидалось"}
STATUS_COLORS = {"applied": "green", "dry_run": "blue", "rejected": "red"}


def kind_help(kind: str) -> html.Div:
    """What the kind loads and its required columns, under the kind selector."""
    spec = KINDS[kind]
    required = [c.header for c in spec.columns if c.must_be_in_file]
    return html.Div([
        dmc.Text(spec.description, size="sm"),
        dmc.Text([html.B("Обязательные столбцы: "), ", ".join(required), ". ",
                  html.B("Ключ строки: "), spec.key_doc, ". Все столбцы описаны на листе "
                  "«Описание» шаблона XLSX."], size="sm", c="dimmed"),
    ], className="import-kind-help")


def waiting() -> dmc.Text:
    return dmc.Text("Загрузите файл: здесь появится, что изменится в базе, — до записи.",
                    c="dimmed", className="import-waiting")


def _counts(result: dict, *, future: bool) -> dmc.SimpleGrid:
    verbs = ("будет добавлено", "будет изменено", "останется без изменений") if future else (
        "добавлено", "изменено", "без изменений")
    return dmc.SimpleGrid([
        kpi_card(label.capitalize(), fmt.number(result[key]), detail="строк")
        for label, key in zip(verbs, ("inserted", "updated", "unchanged"))],
        cols={"base": 1, "sm": 3}, className="import-counts")


def issues_table(issues: list[dict]) -> html.Div:
    df = pd.DataFrame(issues, columns=list(ISSUE_COLUMNS))
    df["row"] = [str(int(r)) if r is not None and not pd.isna(r) else "—" for r in df["row"]]
    for column in ("sheet", "column", "cell", "value"):
        df[column] = df[column].map(lambda v: v if v else "—")
    return html.Div(data_table(df.rename(columns=ISSUE_COLUMNS)), className="import-issues")


def discrepancy_list(items: list[dict]) -> html.Div:
    df = pd.DataFrame(items)
    df = pd.DataFrame({
        "Строка": df["row"].astype(str), "Организация": df["organization"],
        "ИНН": df["inn"], "Год": df["year"].astype(str),
        "Балл": df["criterion"].map(CRITERION_LABELS),
        "Опубликовано": df["published"], "Рассчитано": df["computed"],
        "Разница": df["difference"].map(lambda v: fmt.signed(v, 2))})
    return html.Div(data_table(df), className="import-discrepancies")


def outcome(result: dict) -> html.Div:
    """The preview (dry run) or the result of an applied import."""
    status, dry = result["status"], result["dry_run"]
    title = {"rejected": "Файл не может быть загружен",
             "dry_run": "Проверка пройдена: файл можно применить",
             "applied": "Файл загружен"}[status]
    children = [dmc.Alert(result["summary"], title=title, color=STATUS_COLORS[status],
                          variant="light", className=f"import-status import-{status}")]
    if status != "rejected":
        children.append(_counts(result, future=dry))
    if result["warnings"]:
        children.append(html.Ul([html.Li(w) for w in result["warnings"]],
                                className="import-warnings"))
    if result["issues"]:
        shown = len(result["issues"])
        more = (f" Показаны первые {shown} из {fmt.number(result['issue_count'])}."
                if result["issue_count"] > shown else "")
        children += [dmc.Title("Ошибки", order=3, className="import-subtitle"),
                     dmc.Text("Исправьте файл и загрузите его снова: файл с ошибками не "
                              f"загружается ни частично, ни целиком.{more}", size="sm",
                              c="dimmed"),
                     issues_table(result["issues"])]
    if result["discrepancies"]:
        children += [dmc.Title("Расхождения с опубликованными баллами", order=3,
                               className="import-subtitle"),
                     dmc.Text("Баллы рассчитаны по показателям (приказ № 344н); "
                              f"опубликованный оператором балл отличается более чем на "
                              f"{fmt.number(DISCREPANCY_POINTS, 1)} балла. Строки "
                              f"{'будут загружены' if dry else 'загружены'} и отмечены.",
                              size="sm", c="dimmed"),
                     discrepancy_list(result["discrepancies"])]
    return html.Div(children, className="import-outcome")


def message(text: str, color: str = "red") -> dmc.Alert:
    return dmc.Alert(text, color=color, variant="light", className="import-status")


def history_table(df: pd.DataFrame) -> html.Div:
    """The journal, newest first: who, when, file, hash, counts, result."""
    if df.empty:
        return dmc.Text("Загрузок ещё не было.", c="dimmed")
    titles = {k: s.title for k, s in KINDS.items()}
    shown = pd.DataFrame({
        "Когда": df["started_at"].map(lambda t: t.strftime("%d.%m.%Y %H:%M")),
        "Кто": df["user_login"].fillna("—"),
        "Вид данных": df["kind"].map(lambda k: titles.get(k, k)),
        "Файл": df["file_name"],
        "SHA-256": df["sha256"].map(lambda h: h[:12] + "…" if h else "—"),
        "Новых": df["inserted"].astype(str), "Изменено": df["updated"].astype(str),
        "Без изменений": df["unchanged"].astype(str),
        "Результат": df["result"].map(lambda r: RESULT_LABELS.get(r, r)),
        "Сообщение": df["message"].fillna(""),
    })
    return html.Div(data_table(shown, max_rows=len(shown)), className="import-history")


def no_rights(*, logged_in: bool) -> dmc.Alert:
    """The page for those who may not import: why, and who may."""
    text = ("Загружать данные могут администраторы и министерства (планы и ход их исполнения "
            "по своей сфере). Ваша учётная запись — только для просмотра."
            if logged_in else
            "Загрузка данных доступна после входа пользователям с правом загрузки.")
    children = [text] if logged_in else [text, " ", html.A("Войти", href="/login?next=/import")]
    return dmc.Alert(children, title="Нет права загрузки", color="gray", variant="light",
                     className="import-no-rights")


def sector_note(sector: str | None) -> dmc.Alert:
    """A ministry's account: only its sector's plans and plan progress."""
    from dashboard import theme
    return dmc.Alert(f"Учётная запись министерства: загружаются планы и ход их исполнения "
                     f"только организаций сферы «{theme.sector_name(sector)}»; строки "
                     "организаций других сфер будут отклонены.", color="blue",
                     variant="light", className="import-sector-note")


# ---------------------------------------------------------------- a background import job

STAGE_LABELS = {"reading": "чтение файла", "checking": "проверка строк",
                "applying": "запись в базу", "done": "завершение"}
# where each stage lies on the bar: reading (its total unknown) up to 30 %, checking the rows
# read up to 65 %, writing the rows checked up to 100 %
STAGE_SPANS = {"reading": (0, 30), "checking": (30, 65), "applying": (65, 100),
               "done": (100, 100)}


def job_percent(job: dict) -> int:
    low, high = STAGE_SPANS.get(job["stage"], (0, 30))
    if job["stage"] == "reading":
        return low + min(high - low - 5, job["rows_read"] * (high - low) // 100_000)
    done, of = ((job["rows_checked"], job["rows_read"]) if job["stage"] == "checking"
                else (job["rows_applied"], job["rows_checked"] or job["rows_read"]))
    return low + (high - low) * min(done, of) // of if of else low


def job_progress(job: dict) -> html.Div:
    """A running job: what it does now, how far it is, and how many rows so far."""
    applying = "пробная запись с откатом" if job["dry_run"] else "запись в базу"
    stage = applying if job["stage"] == "applying" else STAGE_LABELS.get(job["stage"], "")
    counts = [f"прочитано строк: {fmt.number(job['rows_read'])}"]
    if job["stage"] in ("checking", "applying"):
        counts.append(f"проверено: {fmt.number(job['rows_checked'])} из "
                      f"{fmt.number(job['rows_read'])}")
    if job["stage"] == "applying":
        counts.append(f"{'обработано' if job['dry_run'] else 'записано'}: "
                      f"{fmt.number(job['rows_applied'])} из "
                      f"{fmt.number(job['rows_checked'] or job['rows_read'])}")
    percent = job_percent(job)
    what = "Проверка файла" if job["dry_run"] else "Загрузка файла"
    return html.Div([
        dmc.Text(f"{what} «{job['file_name']}»: {stage}", fw=500),
        dmc.Progress(value=percent, animated=True, striped=True, size="lg",
                     className="import-progress-bar", **{"aria-label": f"{percent} %"}),
        dmc.Text(" · ".join(counts), size="sm", c="dimmed", className="import-progress-counts"),
        dmc.Text("Можно уйти со страницы: загрузка продолжится, а её итог появится в журнале.",
                 size="sm", c="dimmed"),
    ], className="import-progress")


def job_outcome(job: dict) -> html.Div | dmc.Alert:
    """A job that ended: the import's outcome, or why it stopped."""
    if job["status"] == "done" and job["result"]:
        return outcome(job["result"])
    color = "gray" if job["status"] == "cancelled" else "red"
    return message(job["message"] or "Загрузка не завершена.", color)
