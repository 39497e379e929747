"""One import: read, check every row, apply in one transaction or not at all, record it.

The same path serves a real import and a dry run (the preview): a dry run applies the rows
and rolls back, so that its counts are exactly what the import would do. Every run, applied,
rejected or dry, leaves one import_batch row.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import logging
import math
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access import region_totals
from data_access.imports import events
from data_access.imports.fields import Row, Spec, normalize, squash
from data_access.imports.issues import FileRejected, Invalid, Issue, shown
from data_access.imports.reader import MAX_FILE_BYTES, Sheet, check_size, read
from data_access.models import ImportBatch, Municipality, Region, RegionSector, Sector
from data_access.places import Matcher, subject_aliases

log = logging.getLogger(__name__)
MAX_ISSUES = 200          # errors kept and shown; the total is counted
DISCREPANCY_POINTS = 0.5  # published vs computed: more than this is flagged
WEB_USER = "веб-интерфейс"
RESULT_LABELS = {"applied": "применён", "rejected": "отклонён", "dry_run": "проверка"}

# The kinds a ministry's account may import, for its own sector's organizations only.
SECTOR_KINDS = ("plans", "plan-progress")
# progress(stage, rows): «reading» (rows read), «checking» (rows checked), «applying» (rows
# applied); a background job's progress may raise Cancelled to stop the import (nothing is
# committed then). Called every PROGRESS_EVERY rows.
Progress = Callable[[str, int], None]
PROGRESS_EVERY = 1000


class Cancelled(Exception):
    """Raised by a progress callback: the import stops, its transaction is rolled back."""


def cli_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "неизвестно"


@dataclass(frozen=True)
class Discrepancy:
    """An assessment whose operator-published figure differs from the computed one."""
    row: int
    inn: str
    organization: str
    year: int
    criterion: str          # «total» or k1…k5
    published: float
    computed: float
    # «indicators»: computed from the indicators; «criteria»: the published total against
    # the mean of the published criteria, beyond what their rounding explains (allowance)
    basis: str = "indicators"
    allowance: float | None = None

    @property
    def difference(self) -> float:
        return self.published - self.computed

    def message(self) -> str:
        label = "итоговый балл" if self.criterion == "total" else f"К{self.criterion[1]}"
        against = ("по показателям" if self.basis == "indicators"
                   else "среднее опубликованных К1–К5")
        text = (f"строка {self.row}: {self.organization} (ИНН {self.inn}), {self.year} год — "
                f"{label}: опубликовано {_num(self.published)}, {against} "
                f"{_num(self.computed)} (разница {_num(self.difference, signed=True)}")
        if self.allowance is not None:
            text += f"; округлением объясняется до {_num(self.allowance, decimals=3)}"
        return text + ")"


def _num(value: float, signed: bool = False, decimals: int = 2) -> str:
    text = f"{abs(value) if signed else value:.{decimals}f}"
    if decimals > 2:  # an allowance: 0,505 or 0,01, not 0,010
        text = text.rstrip("0").ljust(len(text.split(".")[0]) + 3, "0")
    text = text.replace(".", ",")
    if signed:
        text = ("+" if value > 0 else "−" if value < 0 else "") + text
    return text


@dataclass
class ImportResult:
    kind: str
    title: str
    file_name: str
    sha256: str
    dry_run: bool
    status: str = "rejected"   # applied | rejected | dry_run
    rows: int = 0              # data rows read
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    issues: list[Issue] = field(default_factory=list)
    issue_count: int = 0
    discrepancies: list[Discrepancy] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated)

    def counts(self) -> str:
        return (f"новых — {self.inserted}, изменённых — {self.updated}, "
                f"без изменений — {self.unchanged}")

    def summary(self) -> str:
        """One Russian sentence: what happened (the import_batch message)."""
        if self.status == "rejected":
            more = f" (показаны первые {len(self.issues)})" if self.issue_count > len(
                self.issues) else ""
            text = (f"Файл отклонён, в базу ничего не записано: ошибок — {self.issue_count}"
                    f"{more}.")
            if self.issues:
                text += f" Первая: {self.issues[0].message()}"
            return text
        verb = "Проверка без записи: будет" if self.dry_run else "Загружено"
        text = f"{verb} строк — {self.rows}: {self.counts()}."
        if self.discrepancies:
            text += (f" Расхождений с опубликованными баллами, которых не объясняет "
                     f"округление: {len(self.discrepancies)}.")
        return text

    def as_dict(self) -> dict:
        return {"kind": self.kind, "title": self.title, "file_name": self.file_name,
                "sha256": self.sha256, "dry_run": self.dry_run, "status": self.status,
                "rows": self.rows, "inserted": self.inserted, "updated": self.updated,
                "unchanged": self.unchanged, "issue_count": self.issue_count,
                "issues": [i.as_dict() for i in self.issues],
                "discrepancies": [{**d.__dict__, "difference": d.difference}
                                  for d in self.discrepancies],
                "warnings": list(self.warnings), "batch_id": self.batch_id,
                "summary": self.summary()}


class Context:
    """What a kind's `apply` works with: the session inside the import's transaction, the
    region, lookups of reference data, and the error, count and discrepancy collectors."""

    def __init__(self, session: Session, spec: Spec, region: Region, sheet: Sheet,
                 headers: dict[str, tuple[str, int]], result: ImportResult,
                 today: dt.date, only_sector: str | None = None,
                 progress: Progress | None = None) -> None:
        self.session, self.spec, self.region, self.sheet = session, spec, region, sheet
        self.progress = progress
        # a ministry's account: rows of organizations of other sectors are rejected
        self.only_sector = only_sector
        self.headers = headers  # field → (header as in the file, 0-based column index)
        self.result = result
        self.today = today
        self._municipalities: Matcher | None = None
        self._sectors: dict[str, Sector] | None = None

    # ---- collectors
    def error(self, row: Row | None, name: str | None, expected: str, value=None) -> None:
        header, cell = None, None
        if name is not None:
            header, index = self.headers.get(name, (self.spec.column(name).header, None))
            if row is not None and index is not None:
                cell = f"{column_letter(index)}{row.number}"
            if value is None and row is not None:
                value = row.raw.get(name)
        _add(self.result, Issue(self.result.file_name, self.sheet.name,
                                row.number if row else None, header, shown(value), expected,
                                cell))

    def count(self, outcome: str) -> None:
        setattr(self.result, outcome, getattr(self.result, outcome) + 1)
        done = self.result.inserted + self.result.updated + self.result.unchanged
        if self.progress is not None and done % PROGRESS_EVERY == 0:
            self.progress("applying", done)

    def discrepancy(self, d: Discrepancy) -> None:
        self.result.discrepancies.append(d)

    # ---- reference data
    def municipality(self, row: Row, name: str) -> Municipality | None:
        """A municipality of the region by its OKTMO code or its name as regions write it
        («Кирово-Чепецкий р-н», «г. Ижевск»); an unknown one is an error naming the closest."""
        if self._municipalities is None:
            found = list(self.session.scalars(select(Municipality).where(
                Municipality.region_id == self.region.id)))
            self._municipalities = Matcher({m.name: m for m in found},
                                           {m.oktmo: m for m in found},
                                           subject_aliases(self.region.code))
        value = row.get(name)
        found = self._municipalities.find(value)
        if found is None:
            self.error(row, name, self._municipalities.unmatched_message(
                value, self.region.name))
        return found

    def sector(self, row: Row, name: str) -> Sector | None:
        """A sector by its code, name or founder ministry («Министерство культуры края»,
        or the subject's own name of it: add-region --ministry)."""
        if self._sectors is None:
            self._sectors = {}
            for s in self.session.scalars(select(Sector)):
                for label in (s.code, s.name, s.ministry):
                    self._sectors[normalize(label)] = s
            by_code = {s.code: s for s in self._sectors.values()}
            for own in self.session.scalars(select(RegionSector).where(
                    RegionSector.region_id == self.region.id)):
                self._sectors[normalize(own.ministry)] = by_code[own.sector]
            self._sectors.update({normalize(a): self._sectors[normalize(c)]
                                  for a, c in SECTOR_ALIASES.items()
                                  if normalize(c) in self._sectors})
        value = normalize(row.get(name))
        found = self._sectors.get(value) or next(
            (s for label, s in self._sectors.items()
             if label.startswith("министерство") and value.startswith(label)), None)
        if found is None:
            labels = sorted({s.name for s in self._sectors.values()})
            self.error(row, name, "сфера (или её министерство): "
                                  + ", ".join(f"«{n}»" for n in labels))
        return found


SECTOR_ALIASES = {"здравоохранение": "health", "медицина": "health",
                  "социальная защита": "social", "соцобслуживание": "social",
                  "социальная сфера": "social", "минкультуры": "culture",
                  "минздрав": "health", "минобрнауки": "education", "минтруд": "social"}


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _add(result: ImportResult, issue: Issue) -> None:
    result.issue_count += 1
    if len(result.issues) < MAX_ISSUES:
        result.issues.append(issue)


def assign(obj, values: dict) -> bool:
    """Set the values on a row object; True if any differed (floats within 1e-9)."""
    changed = False
    for name, value in values.items():
        old = getattr(obj, name)
        same = (old == value if not (isinstance(old, float) and isinstance(value, float))
                else math.isclose(old, value, rel_tol=0, abs_tol=1e-9))
        if not same:
            setattr(obj, name, value)
            changed = True
    return changed


# ---------------------------------------------------------------- parsing the rows

def parse_rows(spec: Spec, sheet: Sheet, result: ImportResult, others: tuple[Spec, ...] = (),
               progress: Progress | None = None
               ) -> tuple[list[Row], dict[str, tuple[str, int]]]:
    """Map the header to the spec's columns, parse every cell, run the row checks and find
    duplicate natural keys. Errors go to `result`; rows with errors are left out."""
    file = result.file_name

    def file_issue(expected: str, value: str = "", column: str | None = None) -> None:
        _add(result, Issue(file, sheet.name, sheet.header_row if column else None, column,
                           value, expected))

    headers: dict[str, tuple[str, int]] = {}
    for index, text in enumerate(sheet.header):
        if not text:
            continue
        column = spec.find_column(text)
        if column is None:
            result.warnings.append(f"столбец «{text}» ({column_letter(index)}) не относится к "
                                   f"виду «{spec.title}» и не загружается")
        elif column.field in headers:
            first, first_index = headers[column.field]
            file_issue(f"столбец «{column.header}» один раз; он повторяется в столбцах "
                       f"{column_letter(first_index)} и {column_letter(index)}", text, text)
        else:
            headers[column.field] = (text, index)
    partial = any(f in headers for f in spec.together)
    missing = [c.header for c in spec.columns if c.field not in headers
               and (c.must_be_in_file or partial and c.field in spec.together)]
    # «ИНН» или «Наименование организации»: quoted whole below like the other headers
    missing += ["» или «".join(spec.column(f).header for f in group)
                for group in spec.one_of if not any(f in headers for f in group)]
    if missing:
        found = ", ".join(f"«{h}»" for h in sheet.header if h) or "пусто"
        expected = ("столбцы " + ", ".join(f"«{h}»" for h in missing)
                    + f" (нет в строке заголовков {sheet.header_row}: {found})")
        if partial and any(spec.column(f).header in missing for f in spec.together):
            expected += ("; столбцы " + ", ".join(f"«{spec.column(f).header}»"
                                                  for f in spec.together[:3])
                         + " … нужны все или ни одного")
        hint = [name for name, cells in sheet.other_sheets.items()
                if spec.header_score(cells) >= len(missing)]
        if hint:
            expected += f"; похоже, данные на листе «{hint[0]}» — укажите его"
        kinds = [o for o in others if o is not spec and o.header_score(sheet.header) >= sum(
            c.must_be_in_file for c in o.columns) + len(o.one_of)]
        if kinds:
            expected += f"; похоже, это файл вида «{kinds[0].title}» ({kinds[0].kind})"
        file_issue(expected)
        return [], headers
    if not sheet.rows:
        file_issue("хотя бы одна строка данных под строкой заголовков")
        return [], headers

    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    for checked, (number, cells) in enumerate(sheet.rows):
        if progress is not None and checked % PROGRESS_EVERY == 0:
            progress("checking", checked)
        row = Row(number, {}, {})
        bad = False
        for name, (text, index) in headers.items():
            column = spec.column(name)
            raw = cells[index] if index < len(cells) else None
            row.raw[name] = raw
            if raw is None:
                if column.required:
                    _cell_issue(result, sheet, row, text, index, None,
                                "непустое значение (столбец обязателен)")
                    bad = True
                else:
                    row.values[name] = None
                continue
            try:
                row.values[name] = column.type.parse(raw)
            except Invalid as error:
                _cell_issue(result, sheet, row, text, index, raw, error.expected)
                bad = True
        for name, expected in (spec.check(row) if spec.check and not bad else []):
            text, index = headers.get(name, (spec.column(name).header, None))
            _cell_issue(result, sheet, row, text, index, row.raw.get(name), expected)
            bad = True
        key = tuple(squash(v) if isinstance(v, str) else v
                    for v in (row.get(k) for k in spec.key))
        if any(row.get(k) is None for k in spec.key):
            pass  # a key cell did not parse (its error is reported) or is empty where the
            # kind allows it (an assessment without INN is matched by name on apply)
        elif key in seen:
            text, index = headers[spec.key[0]]
            _cell_issue(result, sheet, row, text, index, " · ".join(
                shown(row.raw.get(k)) for k in spec.key),
                f"ключ ({spec.key_doc}) — один раз в файле; такой уже был в строке "
                f"{seen[key]}")
            bad = True
        else:
            seen[key] = row.number
        if not bad:
            rows.append(row)
    return rows, headers


def _cell_issue(result, sheet, row, header, index, raw, expected) -> None:
    cell = f"{column_letter(index)}{row.number}" if index is not None else None
    _add(result, Issue(result.file_name, sheet.name, row.number, header, shown(raw), expected,
                       cell))


# ---------------------------------------------------------------- the run

def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_import(kind: str, source: bytes | str | Path, *, file_name: str | None = None,
               engine: Engine | None = None, dry_run: bool = False, sheet: str | None = None,
               region: str = "23", user: str | None = None,
               today: dt.date | None = None, sector: str | None = None,
               progress: Progress | None = None) -> ImportResult:
    """Import `source` (the file's bytes, or a path) as `kind`. Never raises on bad input:
    the result says what was done or why nothing was. `sector`: the import is restricted to
    the organizations of that sector (a ministry's account), row by row. `progress`: see
    Progress; if it raises Cancelled, so does this, with nothing written."""
    from data_access.db import get_engine
    from data_access.imports.kinds import KINDS
    engine = engine or get_engine()
    today = today or dt.date.today()
    started = dt.datetime.now().replace(microsecond=0)
    if isinstance(source, (str, Path)):
        path = Path(source)
        file_name = file_name or path.name
        try:
            data, digest, too_big = _load(path)
        except OSError as error:
            spec = KINDS.get(kind)
            result = ImportResult(kind, spec.title if spec else kind, file_name, "", dry_run)
            found = "файла нет" if isinstance(error, FileNotFoundError) else "не читается"
            _add(result, Issue(file_name, None, None, None, f"{path}: {found}",
                               "файл, доступный для чтения"))
            return _finish(engine, result, started, user)
    else:
        data, digest, too_big = source, sha256_of(source), len(source) > MAX_FILE_BYTES
    file_name = file_name or "файл"
    spec = KINDS.get(kind)
    result = ImportResult(kind, spec.title if spec else kind, file_name, digest, dry_run)

    def reject(expected: str, value: str = "") -> ImportResult:
        _add(result, Issue(file_name, None, None, None, value, expected))
        return _finish(engine, result, started, user)

    if spec is None:
        return reject("вид данных: " + ", ".join(KINDS), kind)
    if sector is not None and kind not in SECTOR_KINDS:
        return reject("вид данных, который учётная запись министерства может загружать: "
                      + ", ".join(KINDS[k].title.lower() for k in SECTOR_KINDS), spec.title)
    try:
        if too_big:
            check_size(MAX_FILE_BYTES + 1 if data is None else len(data))
        table = read(data, file_name, sheet, spec.header_score,
                     progress=(lambda n: progress("reading", n)) if progress else None)
    except FileRejected as error:
        return reject(error.expected, error.value)
    result.warnings.extend(table.warnings)
    rows, headers = parse_rows(spec, table, result, tuple(KINDS.values()), progress)
    result.rows = len(table.rows)
    if not headers or result.issue_count and not rows:
        return _finish(engine, result, started, user)

    with Session(engine, expire_on_commit=False) as session:
        transaction = session.begin()
        try:
            region_row = session.scalar(select(Region).where(Region.code == region))
            if region_row is None:
                transaction.rollback()
                return reject(f"субъект с кодом «{region}» в базе: сначала создайте его "
                              f"(python -m data_access add-region {region} или «Новый "
                              "субъект» на странице «Загрузка данных»), затем загрузите "
                              "муниципальные образования и организации", region)
            ctx = Context(session, spec, region_row, table, headers, result, today,
                          only_sector=sector, progress=progress)
            spec.apply(ctx, rows)
            session.flush()
            if progress is not None:  # the last chance to cancel: nothing is committed yet
                progress("applying", result.inserted + result.updated + result.unchanged)
        except SQLAlchemyError as error:  # e.g. another import wrote the same key meanwhile
            log.warning("import of %s «%s» refused by the database: %s", kind, file_name,
                        error)
            transaction.rollback()
            return reject("запись, которую база данных примет; повторите загрузку",
                          type(error).__name__)
        if result.issue_count or dry_run:
            transaction.rollback()
            return _finish(engine, result, started, user)
        result.status = "applied"
        if result.changed and (region_row.data_as_of is None or region_row.data_as_of < today):
            region_row.data_as_of = today  # a new subject gets its first data date here
        if result.changed:  # the federal overview's totals move with the data, atomically
            session.flush()
            region_totals.refresh(session.connection(), [region_row.code])
        result.batch_id = _record(session, result, started, user)
        transaction.commit()
    if result.changed:
        events.notify(result)
    return result


def _load(path: Path) -> tuple[bytes | None, str, bool]:
    """The file's bytes unless it is over the limit (then only its hash, read in pieces)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for piece in iter(lambda: handle.read(1 << 20), b""):
                digest.update(piece)
        return None, digest.hexdigest(), True
    data = path.read_bytes()
    return data, sha256_of(data), False


def _finish(engine: Engine, result: ImportResult, started: dt.datetime,
            user: str | None) -> ImportResult:
    """Record a rejected or dry run in a transaction of its own."""
    if result.issue_count:
        result.status = "rejected"
        result.inserted = result.updated = result.unchanged = 0
        result.discrepancies = []
    elif result.dry_run:
        result.status = "dry_run"
    with Session(engine) as session, session.begin():
        result.batch_id = _record(session, result, started, user)
    return result


def _record(session: Session, result: ImportResult, started: dt.datetime,
            user: str | None) -> int:
    batch = ImportBatch(kind=result.kind, file_name=result.file_name[:500],
                        sha256=result.sha256, user_login=(user or cli_user())[:100],
                        started_at=started,
                        finished_at=dt.datetime.now().replace(microsecond=0),
                        inserted=result.inserted, updated=result.updated,
                        unchanged=result.unchanged, result=result.status,
                        message=result.summary())
    session.add(batch)
    session.flush()
    return batch.id


def group(rows, key) -> dict:
    out = defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out


