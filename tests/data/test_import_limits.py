"""The row limit is exact: 100 000 data rows are read, 100 001 are refused with a Russian
reason, whatever stands above the header."""
from __future__ import annotations

import pytest

from data_access.imports import MAX_ROWS
from data_access.imports.issues import FileRejected
from data_access.imports.reader import read


def csv_of(rows: int, title: bool = False) -> bytes:
    head = "Результаты оценки 2024\r\n" if title else ""
    body = "".join(f"23{i:08d};2024;90\r\n" for i in range(rows))
    return (head + "ИНН;Год;К1\r\n" + body).encode()


def score(cells) -> int:
    return sum(c in ("ИНН", "Год", "К1") for c in cells)


@pytest.mark.parametrize("title", [False, True])
def test_the_limit_itself_is_read(title):
    sheet = read(csv_of(MAX_ROWS, title), "a.csv", is_header=score)
    assert len(sheet.rows) == MAX_ROWS
    assert sheet.header == ["ИНН", "Год", "К1"]


@pytest.mark.parametrize("title", [False, True])
def test_one_row_more_is_refused(title):
    with pytest.raises(FileRejected) as error:
        read(csv_of(MAX_ROWS + 1, title), "a.csv", is_header=score)
    assert error.value.expected.startswith("не больше 100\u00a0000 строк данных")
    assert error.value.value == "более 100\u00a0000 строк"
