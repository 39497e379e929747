"""What is wrong with an import file, and where: the one shape every error takes."""
from __future__ import annotations

from dataclasses import asdict, dataclass

VALUE_SHOWN = 80  # characters of a cell value repeated in a message


def shown(value) -> str:
    """A cell value as an error message repeats it: short, one line."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= VALUE_SHOWN else text[:VALUE_SHOWN - 1] + "…"


@dataclass(frozen=True)
class Issue:
    """One error: file, sheet, row, column, the value and what was expected. Row and column
    are empty for an error of the whole file (not a spreadsheet, a column missing)."""
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str
    expected: str
    cell: str | None = None  # «C5», to find it in the spreadsheet

    def message(self) -> str:
        where = [f"файл «{self.file}»"]
        if self.sheet:
            where.append(f"лист «{self.sheet}»")
        if self.row is not None:
            where.append(f"строка {self.row}")
        if self.column:
            where.append(f"столбец «{self.column}»" + (f" (ячейка {self.cell})" if self.cell
                                                      else ""))
        if self.value and self.row is None and self.column is None:
            what = f"{self.value} — "   # a file-level finding («файл похож на PNG»)
        else:
            what = f"значение «{self.value}» — " if self.value else ""
        return f"{', '.join(where)}: {what}ожидается: {self.expected}"

    def as_dict(self) -> dict:
        return asdict(self)


class FileRejected(Exception):
    """The file cannot be read as a table at all; `expected` says what it should be."""

    def __init__(self, expected: str, value: str = "") -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value


class Invalid(ValueError):
    """A cell value that does not parse; `expected` is the Russian description of what
    would have."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected
