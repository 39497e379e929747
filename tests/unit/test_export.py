"""Downloads: exactly the table shown, safe to open in a spreadsheet."""
import io

import openpyxl
import pandas as pd

from dashboard import export

DF = pd.DataFrame({"Организация": ["=HYPERLINK(\"x\")", "+7 900", "-1", "@SUM(A1)", "Школа"],
                   "Балл": [85.5, 90.0, 71.25, 60.0, 99.0]})


def test_csv_for_russian_excel_neutralizes_formulas():
    text = export.to_csv(DF).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Организация;Балл"
    assert lines[1] == '"\'=HYPERLINK(""x"")";85,5'  # CSV doubles the inner quotes
    assert lines[2].startswith("'+7 900;") and lines[3].startswith("'-1;")
    assert lines[4].startswith("'@SUM") and lines[5] == "Школа;99,0"


def test_xlsx_has_the_same_cells_as_text():
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(DF, "Баллы")))
    ws = book["Баллы"]
    assert [c.value for c in ws[1]] == ["Организация", "Балл"]
    assert ws["A2"].value == "'=HYPERLINK(\"x\")" and ws["A2"].data_type == "s"
    assert ws["B4"].value == 71.25
    assert ws.max_row == 6


def test_downloads_carry_the_stored_value_without_float_noise():
    df = pd.DataFrame({"Балл": [0.1 + 0.2, 87.52000000000001], "Организация": ["А", "Б"]})
    text = export.to_csv(df).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["0,3;А", "87,52;Б"]
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(df, "Лист")))
    assert (book.active["A2"].value, book.active["A3"].value) == (0.3, 87.52)
