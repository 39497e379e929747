"""Files for download: exactly the table a view shows, as XLSX or CSV."""
from __future__ import annotations

import io
import unicodedata

import pandas as pd

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...also after blanks it skips (a space, a line feed, NBSP, zero-width and ideographic
# spaces), and in the full-width forms it reads as the ASCII ones («＝», «＋», «﹦»: NFKC)
BLANKS = " \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
         "\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"


def neutralize(value):
    """Text that a spreadsheet would run as a formula is kept as text."""
    if not isinstance(value, str):
        return value
    head = unicodedata.normalize("NFKC", value.lstrip(BLANKS)[:1])
    if value.startswith(FORMULA_START) or head.startswith(FORMULA_START[:4]):
        return "'" + value
    return value


# Decimals kept in a download: the stored value without the float noise of its arithmetic
# (87.52000000000001 → 87.52); far finer than any published score (two decimals).
DECIMALS = 6


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(DECIMALS)
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralize)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV that Russian Excel opens as is: semicolons, decimal comma, UTF-8 with BOM."""
    # CRLF rows make pandas quote any value holding a bare CR, which Excel would split on
    return _safe(df).to_csv(index=False, sep=";", decimal=",",
                            lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    sheet = sheet[:31]  # Excel's limit on sheet names
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(df).to_excel(writer, index=False, sheet_name=sheet)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        for cells in ws.columns:
            width = max(len(str(c.value)) if c.value is not None else 0 for c in cells)
            ws.column_dimensions[cells[0].column_letter].width = min(max(10, width + 2), 60)
    return buffer.getvalue()


def to_xlsx_sheets(sheets: dict[str, pd.DataFrame | list[pd.DataFrame]]) -> bytes:
    """A workbook with one sheet per key (names cut to Excel's 31 characters). A list of
    frames goes on one sheet, one under another with an empty row between; text that a
    spreadsheet would run as a formula is kept as text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frames in sheets.items():
            sheet = name[:31]
            frames = [frames] if isinstance(frames, pd.DataFrame) else list(frames)
            if not frames:
                frames = [pd.DataFrame({"": ["Нет данных"]})]
            row = 0
            for df in frames:
                _safe(df).to_excel(writer, index=False, sheet_name=sheet, startrow=row)
                row += len(df) + 2
            ws = writer.sheets[sheet]
            if len(frames) == 1:
                ws.freeze_panes = "A2"
            for cells in ws.columns:
                width = max(len(str(c.value)) if c.value is not None else 0 for c in cells)
                ws.column_dimensions[cells[0].column_letter].width = min(max(10, width + 2), 60)
    return buffer.getvalue()
