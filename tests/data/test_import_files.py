"""Files that are not what they should be: each gives a clear Russian error, never a
traceback, and nothing is written. Templates and docs come from the specs. The CLI."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data_access import imports
from data_access.imports.core import parse_rows, ImportResult
from data_access.imports.reader import read
from data_access.imports.templates import markdown, template_csv, template_xlsx
from tests.data.test_import import (
    ASSESSMENT_HEADER, GOOD_ASSESSMENTS, LIBRARY, assessment_row, assessments_file, batches,
    csv_bytes, region, rejected_cleanly, run, snapshot, xlsx_bytes,
)

__all__ = ["region"]
ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "import_files"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def one_issue(engine, data, name, **options):
    before = snapshot(engine)
    result = run(engine, "assessments", data, name, **options)
    rejected_cleanly(engine, before, result)
    (issue,) = result.issues
    return issue


@pytest.mark.parametrize("data, name, value, expected", [
    (b"", "пусто.csv", "файл пуст", "строка заголовков"),
    (b"  \r\n \r\n", "пробелы.csv", "файл пуст", "строка заголовков"),
    (PNG, "картинка.xlsx", "файл похож на изображение PNG", "таблица XLSX или CSV"),
    (PNG, "картинка.csv", "файл похож на изображение PNG", "таблица XLSX или CSV"),
    (b"%PDF-1.4\n...", "отчёт.xlsx", "файл похож на документ PDF", "таблица XLSX или CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "старый.xls", "XLS", "сохраните"),
    (b"just some words", "текст.xlsx", "назван как книга Excel", "таблица XLSX или CSV"),
    (bytes(range(256)) * 4, "двоичный.csv", "двоичные данные", "таблица XLSX или CSV"),
    (b"PK\x03\x04" + bytes(100), "битый.xlsx", "повреждённый архив ZIP", "XLSX"),
    (_zip({"word/document.xml": b"<w/>"}), "письмо.xlsx", "документ Word", "XLSX"),
    (_zip({"xl/workbook.xml": b"not xml"}), "пустышка.xlsx", "", "книгу Excel не удалось"),
])
def test_files_that_are_not_spreadsheets(region, data, name, value, expected):
    issue = one_issue(region, data, name)
    assert (issue.file, issue.row, issue.column) == (name, None, None)
    assert value in issue.value and expected in issue.expected
    assert issue.message().startswith(f"файл «{name}»: ")


def test_a_50_megabyte_file_is_refused_before_parsing(region, tmp_path):
    big = b"x" * (50 * 1024 * 1024)
    issue = one_issue(region, big, "большой.csv")
    assert issue.value == "50\u00a0МБ" and "не больше 20\u00a0МБ" in issue.expected
    path = tmp_path / "большой.xlsx"
    path.write_bytes(big)
    before = snapshot(region)
    result = imports.run_import("assessments", path, engine=region)
    rejected_cleanly(region, before, result)
    assert "не больше 20\u00a0МБ" in result.issues[0].expected
    assert batches(region)[-1].file_name == "большой.xlsx"


def test_header_only(region):
    issue = one_issue(region, csv_bytes([ASSESSMENT_HEADER]), "заголовок.csv")
    assert "хотя бы одна строка данных" in issue.expected


def test_missing_columns_are_listed(region):
    header = [h for h in ASSESSMENT_HEADER if h not in ("Год", "Пуд", "Преком")]
    row = [v for h, v in zip(ASSESSMENT_HEADER, assessment_row(LIBRARY, 2025, 90))
           if h in header]
    issue = one_issue(region, csv_bytes([header, row]), "без_года.csv")
    assert issue.expected.startswith("столбцы «Год», «Преком», «Пуд» (нет в строке "
                                     "заголовков 1: «ИНН», «Число респондентов»")


def test_wrong_sheet_name_lists_the_sheets(region):
    data = xlsx_bytes([ASSESSMENT_HEADER, *GOOD_ASSESSMENTS], sheet="Оценки")
    issue = one_issue(region, data, "книга.xlsx", sheet="Результаты")
    assert issue.value == "Результаты" and "в книге есть: «Оценки»" in issue.expected


def test_data_on_another_sheet_is_pointed_at(region):
    data = xlsx_bytes([["Пояснения к файлу"]], sheet="Титул",
                      extra={"Оценки": [ASSESSMENT_HEADER, *GOOD_ASSESSMENTS]})
    issue = one_issue(region, data, "книга.xlsx")
    assert issue.sheet == "Титул" and "похоже, данные на листе «Оценки»" in issue.expected
    result = run(region, "assessments", data, "книга.xlsx", sheet="оценки")
    assert result.status == "applied" and result.inserted == 3


def test_a_title_above_the_header_and_an_extra_column(region):
    rows = [["Результаты независимой оценки за 2025 год"], [],
            [*ASSESSMENT_HEADER, "Примечание"],
            *[[*r, "—"] for r in GOOD_ASSESSMENTS]]
    result = run(region, "assessments", xlsx_bytes(rows), "с_заголовком.xlsx")
    assert result.status == "applied" and result.inserted == 3
    assert result.warnings == ["столбец «Примечание» (U) не относится к виду «Результаты "
                               "оценки» и не загружается"]


def test_errors_name_the_sheet_and_the_spreadsheet_row(region):
    rows = [["Заголовок документа"], ASSESSMENT_HEADER, assessment_row(LIBRARY, "2025 г.", 90)]
    issue = one_issue(region, xlsx_bytes(rows, sheet="Лист1"), "оценки.xlsx")
    assert (issue.sheet, issue.row, issue.column, issue.cell) == ("Лист1", 3, "Год", "B3")
    assert issue.message() == ("файл «оценки.xlsx», лист «Лист1», строка 3, столбец «Год» "
                               "(ячейка B3): значение «2025 г.» — ожидается: целое число от "
                               "2013 до 2100")


def test_a_duplicated_column(region):
    header = [*ASSESSMENT_HEADER, "Год оценки"]
    issue = one_issue(region, csv_bytes([header, [*GOOD_ASSESSMENTS[0], 2025]]), "дубль.csv")
    assert "повторяется в столбцах B и U" in issue.expected


def test_unknown_kind_and_region(region):
    result = run(region, "teachers", assessments_file(*GOOD_ASSESSMENTS))
    assert not result.ok and "organizations, assessments" in result.issues[0].expected
    result = run(region, "assessments", assessments_file(*GOOD_ASSESSMENTS), region="99")
    assert not result.ok and "субъект с кодом «99» в базе: сначала создайте его" in \
        result.issues[0].expected


def test_committed_fixture_files(region):
    """Small files as an operator sends them: cp1251 with semicolons and decimal commas."""
    organizations = run(region, "organizations", (FILES / "organizations_cp1251.csv")
                        .read_bytes(), "organizations_cp1251.csv")
    assert organizations.status == "applied" and organizations.inserted == 1
    result = run(region, "assessments", (FILES / "assessments_cp1251.csv").read_bytes(),
                 "assessments_cp1251.csv")
    assert result.status == "applied", [i.message() for i in result.issues]
    assert (result.inserted, len(result.discrepancies)) == (2, 1)


# ---------------------------------------------------------------- templates and docs

@pytest.mark.parametrize("kind", list(imports.KINDS))
def test_templates_have_the_header_an_example_and_a_description(kind):
    spec = imports.KINDS[kind]
    book = load_workbook(io.BytesIO(template_xlsx(kind)))
    assert book.sheetnames == ["Данные", "Описание"]
    header = [c.value for c in book["Данные"][1]]
    assert header == [c.header for c in spec.columns]
    described = [r[0] for r in book["Описание"].iter_rows(min_row=6, values_only=True)]
    assert described == header
    for data, name in ((template_xlsx(kind), "t.xlsx"), (template_csv(kind), "t.csv")):
        result = ImportResult(kind, spec.title, name, "", True)
        rows, _ = parse_rows(spec, read(data, name, None, spec.header_score), result)
        assert result.issues == [] and len(rows) == 1  # the example row is valid


def test_the_docs_are_generated_from_the_specs():
    assert (ROOT / "docs" / "import.md").read_text(encoding="utf-8") == markdown() + "\n"


# ---------------------------------------------------------------- command line

@pytest.fixture
def cli(region, monkeypatch):
    from data_access import __main__ as main, db
    monkeypatch.setattr(db, "get_engine", lambda: region)
    return main.main


def test_cli_applies_and_prints_the_counts(cli, region, tmp_path, capsys):
    path = tmp_path / "оценки.csv"
    path.write_bytes(assessments_file(*GOOD_ASSESSMENTS))
    assert cli(["import", "assessments", str(path), "--dry-run"]) == 0
    assert "Проверка без записи: будет строк — 3: новых — 3" in capsys.readouterr().out
    assert cli(["import", "assessments", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Загружено строк — 3: новых — 3, изменённых — 0, без изменений — 0" in out
    assert cli(["import", "assessments", str(path)]) == 0
    assert "без изменений — 3" in capsys.readouterr().out
    assert [b.result for b in batches(region)] == ["dry_run", "applied", "applied"]
    assert batches(region)[-1].user_login == imports.cli_user()


def test_cli_rejects_with_exit_code_1_and_the_errors(cli, region, tmp_path, capsys):
    path = tmp_path / "плохой.csv"
    path.write_bytes(assessments_file(assessment_row(LIBRARY, 2025, 140)))
    before = snapshot(region)
    assert cli(["import", "assessments", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Ошибка: файл «плохой.csv» не загружен" in err
    assert "строка 2, столбец «Пинф» (ячейка E2): значение «140»" in err
    assert "В базу ничего не записано." in err
    assert snapshot(region) == before
    assert cli(["import", "assessments", str(tmp_path / "нет.csv")]) == 1
    assert "файла нет" in capsys.readouterr().err


def test_cli_prints_discrepancies(cli, tmp_path, capsys):
    path = tmp_path / "оценки.csv"
    path.write_bytes(assessments_file(assessment_row(LIBRARY, 2025, 84.2, published=85.0)))
    assert cli(["import", "assessments", str(path)]) == 0
    assert "Расхождение: строка 2" in capsys.readouterr().out


def test_cli_runs_as_a_module(tmp_path):
    """`python -m data_access import …` end to end on a SQLite file: exit codes."""
    import subprocess
    import sys
    from data_access import db
    from tests.data.test_import import build_region
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    build_region(engine)
    good, bad = tmp_path / "хороший.csv", tmp_path / "плохой.xlsx"
    good.write_bytes(assessments_file(*GOOD_ASSESSMENTS))
    bad.write_bytes(PNG)
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "data_access", "import", "assessments"]
    ok = subprocess.run([*command, str(good)], env=env, cwd=ROOT, capture_output=True,
                        text=True)
    assert ok.returncode == 0 and "новых — 3" in ok.stdout, ok.stderr
    refused = subprocess.run([*command, str(bad)], env=env, cwd=ROOT, capture_output=True,
                             text=True)
    assert refused.returncode == 1 and "изображение PNG" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_file_of_another_kind_is_recognized(region):
    data = csv_bytes([["Год", "Сфера", "Запланировано к оценке"], [2026, "Культура", 310]])
    issue = one_issue(region, data, "охват.csv")
    assert "похоже, это файл вида «Плановый охват» (coverage-plans)" in issue.expected
