"""Formula injection in downloads: every way a text cell can reach export.to_csv, to_xlsx and
to_xlsx_sheets comes out neutralized (string, categorical and pandas' string dtypes, a list
of frames on one sheet, tab and carriage-return starts)."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard import export

EVIL = ["=HYPERLINK(\"http://evil\",\"Школа\")", "+7 900", "-1+1", "@SUM(A1:A9)",
        "\t=1+1", "=cmd|' /C calc'!A0"]  # a CR inside a value: see the last test


def frames():
    base = {"Организация": EVIL, "Балл": [1.5] * len(EVIL)}
    return {
        "object": pd.DataFrame(base),
        "string": pd.DataFrame(base).astype({"Организация": "string"}),
        "category": pd.DataFrame(base).astype({"Организация": "category"}),
    }


def xlsx_cells(data: bytes, sheet: str | None = None) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet] if sheet else book.worksheets[0]
    return [c for row in ws.iter_rows(min_row=2) for c in row[:1] if c.value is not None]


@pytest.mark.parametrize("dtype", ["object", "string", "category"])
def test_csv_neutralizes_every_dtype(dtype):
    text = export.to_csv(frames()[dtype]).decode("utf-8-sig")
    for value in EVIL:
        assert ("'" + value).replace('"', '""') in text, (dtype, value)
    import csv
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    assert [r[0] for r in rows] == ["'" + v for v in EVIL], dtype


@pytest.mark.parametrize("dtype", ["object", "string", "category"])
def test_xlsx_neutralizes_every_dtype(dtype):
    cells = xlsx_cells(export.to_xlsx(frames()[dtype], "Лист"))
    assert [c.value for c in cells] == ["'" + v for v in EVIL]
    assert all(c.data_type == "s" for c in cells)


def test_xlsx_sheets_neutralize_every_frame_of_a_list():
    first, second = frames()["object"], frames()["category"]
    data = export.to_xlsx_sheets({"Две таблицы": [first, second], "Пусто": []})
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for row in book["Две таблицы"].iter_rows() for c in row
              if isinstance(c.value, str) and c.value not in ("Организация", "Балл")]
    assert values == ["'" + v for v in EVIL] * 2
    assert all(c.data_type != "f" for row in book["Две таблицы"].iter_rows() for c in row)


def test_numbers_and_harmless_text_are_left_alone():
    df = pd.DataFrame({"Организация": ["Школа № 1", "<script>alert(1)</script>", None],
                       "Балл": [-1.5, 0.0, 99.0]})
    cells = xlsx_cells(export.to_xlsx(df, "Лист"))
    assert [c.value for c in cells] == ["Школа № 1", "<script>alert(1)</script>"]
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(df, "Лист")))
    assert book.worksheets[0]["B2"].value == -1.5


def test_csv_a_carriage_return_inside_a_name_does_not_start_a_row_with_a_formula():
    df = pd.DataFrame({"Организация": ["Школа\r=1+1", "Школа\n=2+2"], "Балл": [1.5, 2.0]})
    text = export.to_csv(df).decode("utf-8-sig")
    # a spreadsheet breaks lines at CR, LF or CRLF outside quotes
    import re
    physical = re.split(r"\r\n|\r|\n", _outside_quotes(text))
    assert not any(line.startswith(("=", "+", "-", "@")) for line in physical), physical


def _outside_quotes(text: str) -> str:
    """The text with every quoted field replaced by Q (what a CSV reader keeps whole)."""
    import re
    return re.sub(r'"(?:[^"]|"")*"', "Q", text)


HIDDEN = [" =1+1", "\n=1+1", "\u00a0=HYPERLINK(\"http://evil\")", "\uff1d1+1", "\uff0bSUM(A1)",
          "\u3000\uff20SUM(A1)", "\u200b=1+1", " \uff0d1", "\ufe661+1"]


@pytest.mark.parametrize("value", HIDDEN, ids=[repr(v) for v in HIDDEN])
def test_a_formula_behind_blanks_or_in_full_width_is_neutralized(value):
    assert export.neutralize(value) == "'" + value
    df = pd.DataFrame({"Организация": [value]})
    assert xlsx_cells(export.to_xlsx(df, "Лист"))[0].value == "'" + value
    import csv
    text = export.to_csv(df).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1] == ["'" + value]


@pytest.mark.parametrize("value", ["  Школа № 1", "\u00a0100 баллов", "Школа = лучшая",
                                   "\uff21\uff22 (full-width letters)"])
def test_blanks_before_ordinary_text_change_nothing(value):
    assert export.neutralize(value) == value
