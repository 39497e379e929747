"""Bytes to a table: XLSX (openpyxl, read-only) or CSV (UTF-8, UTF-8 with BOM or Windows-1251;
comma, semicolon or tab). Whatever the bytes, the result is a `Sheet` or a `FileRejected` with
a Russian reason: nothing here raises anything else on bad input."""
from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from data_access.imports.issues import FileRejected

MAX_FILE_BYTES = 20 * 1024 * 1024        # checked before anything is parsed
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024   # an XLSX is a ZIP archive: no «zip bombs»
MAX_ROWS = 100_000                       # data rows of one file
HEADER_SEARCH_ROWS = 10                  # a title may stand above the header row
PROGRESS_EVERY = 1000                    # rows between two calls of `progress`

SIGNATURES = (  # what a file that is not a table usually is
    (b"\x89PNG", "изображение PNG"), (b"\xff\xd8\xff", "изображение JPEG"),
    (b"GIF8", "изображение GIF"), (b"%PDF", "документ PDF"),
    (b"\xd0\xcf\x11\xe0", "книга Excel 97–2003 (XLS) или документ Word (DOC)"),
    (b"Rar!", "архив RAR"), (b"\x1f\x8b", "архив GZIP"), (b"7z\xbc\xaf", "архив 7-Zip"),
)
TABLE_FORMATS = "таблица XLSX или CSV"


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0").replace(".", ",") + "\u00a0МБ"


@dataclass
class Sheet:
    """The header and the data rows of one sheet (or of a CSV file)."""
    name: str | None               # None for CSV
    header_row: int                # 1-based row number of the header
    header: list[str]
    rows: list[tuple[int, list]]   # (1-based row number, cell values), empty rows left out
    warnings: list[str] = field(default_factory=list)
    other_sheets: dict[str, list[str]] = field(default_factory=dict)  # name → first row


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise FileRejected(f"файл не больше {megabytes(MAX_FILE_BYTES)}; "
                           "разделите его на несколько", megabytes(size))


def read(data: bytes, file_name: str, sheet: str | None = None,
         is_header: Callable[[list], int] | None = None, *,
         progress: Callable[[int], None] | None = None) -> Sheet:
    """The table in `data`. `is_header(cells)` scores a row as the header (how many of the
    known column names it has); the best of the first rows is taken as the header, and of
    the rows under it only the cells of known columns are kept (memory: a sheet may have
    many more). `progress(rows read)` is called every PROGRESS_EVERY rows."""
    check_size(len(data))
    if not data.strip():
        raise FileRejected("строка заголовков и хотя бы одна строка данных", "файл пуст")
    name = file_name.lower()
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet, is_header, progress)
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            hint = (" (сохраните книгу в формате XLSX или CSV)" if signature.startswith(b"\xd0")
                    else "")
            raise FileRejected(f"{TABLE_FORMATS}{hint}", f"файл похож на {what}")
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRejected(TABLE_FORMATS, "файл назван как книга Excel, но ею не является")
    if b"\x00" in data[:65536]:
        raise FileRejected(TABLE_FORMATS, "двоичные данные")
    table = _read_csv(data, is_header, progress)
    if sheet:
        table.warnings.append(f"у файла CSV нет листов: лист «{sheet}» не учитывается")
    return table


# ---------------------------------------------------------------- XLSX

def _read_xlsx(data: bytes, sheet: str | None, is_header, progress=None) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRejected(TABLE_FORMATS, "повреждённый архив ZIP") from None
    if "xl/workbook.xml" not in names:
        what = "документ Word (DOCX)" if "word/document.xml" in names else "архив ZIP"
        raise FileRejected(TABLE_FORMATS, f"файл похож на {what}, а не на книгу Excel")
    if unzipped > MAX_UNZIPPED_BYTES:
        raise FileRejected(f"книга не больше {megabytes(MAX_UNZIPPED_BYTES)} в распакованном "
                           "виде", megabytes(unzipped))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            OSError, ParseError) as error:
        raise FileRejected(f"{TABLE_FORMATS}: книгу Excel не удалось открыть",
                           type(error).__name__) from None
    try:
        return _sheet_of(book, sheet, is_header, progress)
    except (KeyError, ValueError, TypeError, ParseError, zipfile.BadZipFile) as error:
        raise FileRejected(f"{TABLE_FORMATS}: лист книги не удалось прочитать",
                           type(error).__name__) from None
    finally:
        book.close()


def _sheet_of(book, sheet: str | None, is_header, progress=None) -> Sheet:
    names = list(book.sheetnames)
    if sheet is None:
        chosen = names[0]
    else:
        matches = [n for n in names if n.strip().lower() == sheet.strip().lower()]
        if not matches:
            raise FileRejected("лист с таким названием; в книге есть: "
                               + ", ".join(f"«{n}»" for n in names), sheet)
        chosen = matches[0]
    rows = _limited(enumerate(book[chosen].iter_rows(values_only=True), 1))
    table = _table(chosen, rows, is_header, progress)
    if sheet is None and len(names) > 1:  # to point at the right sheet if this one is wrong
        table.other_sheets = {n: _header_rows(book[n], is_header) for n in names[1:6]}
    return table


def _header_rows(ws, is_header) -> list[str]:
    """The best header candidate among a sheet's first rows (for a hint only)."""
    best: list[str] = []
    for cells in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
        texts = [_text(c) for c in cells]
        if is_header and is_header(texts) > (is_header(best) if best else 0):
            best = texts
    return [t for t in best if t]


# ---------------------------------------------------------------- CSV

ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1251", "Windows-1251"))


def decode(data: bytes) -> str:
    for encoding, _label in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected(f"{TABLE_FORMATS} в кодировке UTF-8 или Windows-1251",
                       "текст в неизвестной кодировке")


def delimiter(first_line: str) -> str:
    """The delimiter of a header line: the most frequent of ; , and tab (; on a tie, as
    Russian Excel writes)."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _read_csv(data: bytes, is_header, progress=None) -> Sheet:
    text = decode(data)
    if "\x00" in text:
        raise FileRejected(TABLE_FORMATS, "двоичные данные")
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first))
    try:
        return _table(None, _limited(enumerate(reader, 1)), is_header, progress)
    except csv.Error as error:
        raise FileRejected("текст CSV с правильными кавычками", str(error)) from None


# ---------------------------------------------------------------- shared

def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _clean(value):
    """A cell as the validators take it: strings stripped (NBSP too), empty ones None."""
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


def _limited(rows: Iterable[tuple[int, Iterable]]) -> Iterable[tuple[int, list]]:
    count = 0
    for number, cells in rows:
        cells = [_clean(c) for c in cells]
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            continue
        count += 1
        if count > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise FileRejected(f"не больше {MAX_ROWS:_} строк данных в одном файле; "
                               "разделите его".replace("_", "\u00a0"),
                               f"более {MAX_ROWS} строк")
        yield number, cells


def _table(name: str | None, rows: Iterable[tuple[int, list]], is_header,
           progress=None) -> Sheet:
    rows = iter(rows)
    candidates = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    if not candidates:
        raise FileRejected("строка заголовков и хотя бы одна строка данных",
                           "лист пуст" if name else "файл пуст")
    index = 0
    if is_header:
        scores = [is_header([_text(c) for c in cells]) for _, cells in candidates]
        if max(scores) > 0:
            index = scores.index(max(scores))
    header_row, header = candidates[index]
    header = [_text(c) for c in header]
    # the rows are read one by one and only the known columns' cells kept
    known = ({i for i, text in enumerate(header) if text and is_header([text]) > 0}
             if is_header else None)
    width = max(known) + 1 if known else 0
    data: list[tuple[int, list]] = []
    for number, cells in itertools.chain(candidates[index + 1:], rows):
        if known is not None:
            cells = [c if i in known else None for i, c in enumerate(cells[:width])]
        data.append((number, cells))
        if len(data) > MAX_ROWS:  # exact: the rows under the header
            raise FileRejected(f"не больше {MAX_ROWS:_} строк данных в одном файле; "
                               "разделите его".replace("_", "\u00a0"),
                               f"более {MAX_ROWS:_} строк".replace("_", "\u00a0"))
        if progress is not None and len(data) % PROGRESS_EVERY == 0:
            progress(len(data))
    return Sheet(name, header_row, header, data)
