"""Heavy import files: how long the background job takes and how much memory the process
peaks at, for the README's «Скорость» (issue 14). Not a test: no timing is asserted.

    python bench/import_heavy.py [--database URL] [--rows 100000]

1. a valid CSV of `rows` new organizations (kind organizations), dry run and applied;
2. an XLSX of `rows` rows × 90 numbers (the assessment columns and 72 more; about 200 MB of
   XML in a ZIP of about 1 MB): its organizations are unknown, so the file is refused —
   after every row is read and checked.

Each file runs as the page runs it: a background job (data_access/imports/jobs.py), waited
for. The database is a new SQLite file with the hand-counted small region unless --database
names an empty one (migrated here).
"""
from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access import db  # noqa: E402
from data_access.imports import jobs  # noqa: E402



def inn(first9: str) -> str:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return first9 + str(sum(int(d) * w for d, w in zip(first9, weights)) % 11 % 10)


def organizations_csv(rows: int) -> bytes:
    head = ("ИНН;Наименование;Сфера;Муниципальное образование;Тип организации;"
            "Уровень учредителя;Учредитель\r\n")
    sectors = ("Образование", "Культура", "Охрана здоровья", "Социальное обслуживание")
    lines = [f"{inn(f'23{i:07d}')};Организация № {i};{sectors[i % 4]};Город А;школа;"
             f"муниципальный;Управление образования\r\n" for i in range(1, rows + 1)]
    return (head + "".join(lines)).encode("utf-8")


def _cell(value) -> str:
    """A cell without its reference: readers count the columns (and the ZIP packs tighter)."""
    if isinstance(value, str):
        return f'<c t="inlineStr"><is><t>{value}</t></is></c>'
    return f"<c><v>{value}</v></c>"


def heavy_xlsx(rows: int, columns: int = 90) -> bytes:
    """An XLSX written as XML directly (openpyxl would take minutes to write it)."""
    from data_access.imports import KINDS
    spec = KINDS["assessments"]
    # INN, year, respondents and the indicators: a row at the indicators' level of detail
    header = [spec.column(f).header for f in ("inn", "year", "respondents", *spec.together)]
    header += [f"Дополнительно {i}" for i in range(1, columns - len(header) + 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
            'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conten'
            'tType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="appli'
            'cation/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            '"xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlform'
            'ats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/offic'
            'eDocument/2006/relationships"><sheets><sheet name="Оценки" sheetId="1" r:id="rId1'
            '"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="work'
            'sheets/sheet1.xml"/></Relationships>'))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schem'
                        b'as.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for r in range(1, rows + 2):
                values = header if r == 1 else (
                    [inn(f"24{r:07d}"), 2024, 150] + [90] * (columns - 3))
                cells = "".join(_cell(v) for v in values)
                sheet.write(f'<row r="{r}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def run(engine, kind: str, data: bytes, name: str, dry_run: bool) -> None:
    started = time.perf_counter()
    job_id = jobs.start(kind, data, file_name=name, dry_run=dry_run, region="23",
                        user="bench", engine=engine)
    jobs.wait(job_id, timeout=3600)
    job = jobs.status(job_id, engine=engine)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    summary = (job["message"] or "")[:150]
    print(f"{name}: {'проверка' if dry_run else 'загрузка'} — {seconds:.1f} с, пик памяти "
          f"процесса {peak} МБ; {job['status']}, строк {job['rows_read']}: {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    engine = db.make_engine(args.database or f"sqlite:///{tmp.name}/bench.db")
    db.upgrade(engine)
    from tests.data.conftest import build_small
    build_small(engine)
    print(f"база: {engine.url.render_as_string(hide_password=True)}; строк: {args.rows}")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"процесс до загрузок: {base} МБ")
    heavy = heavy_xlsx(args.rows)
    with zipfile.ZipFile(io.BytesIO(heavy)) as z:
        unzipped = sum(i.file_size for i in z.infolist())
    print(f"XLSX {args.rows} × 90: {len(heavy) / 1024:.0f} КБ, распакованный "
          f"{unzipped / 1024 / 1024:.0f} МБ")
    run(engine, "assessments", heavy, "тяжёлый.xlsx", dry_run=True)
    data = organizations_csv(args.rows)
    print(f"CSV {args.rows} организаций: {len(data) / 1024 / 1024:.1f} МБ")
    run(engine, "organizations", data, "организации.csv", dry_run=True)
    run(engine, "organizations", data, "организации.csv", dry_run=False)


if __name__ == "__main__":
    main()
