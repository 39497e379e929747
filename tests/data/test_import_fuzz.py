"""Property-based fuzzing of every importer (hypothesis): CSV and XLSX files with valid and
invalid headers, cells of every sort (text, numbers, huge numbers, empty, formulas, SQL and
HTML injection strings), several encodings and delimiters, and raw bytes. Whatever the file,
the importer returns a result (never raises), and a rejected or dry run leaves every table
but the journal exactly as it was (no partial write)."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_access import imports
from data_access.imports import KINDS
from tests.data.test_import import (
    HOSPITAL, LIBRARY, NEW_ORG, SCHOOL, TODAY, UNKNOWN, build_region, snapshot, xlsx_bytes,
)

INJECTIONS = ["'; DROP TABLE organization; --", "' OR 1=1 --", "<script>alert(1)</script>",
              "<b>Школа</b>", "=HYPERLINK(\"http://evil\",\"x\")", "=1+1", "+1", "-1", "@SUM(A1)",
              "\x00", "NULL", "None", "NaN", "inf", "-inf", "1e309", "1,5", "1.5", "95,5",
              "31.12.2025", "2025-12-31", "99.99.9999", "Robert'); --", "😀", "\u202e", ""]
CODES = [LIBRARY, HOSPITAL, SCHOOL, NEW_ORG, UNKNOWN, "2310000000", "0000000000",
         "03701000", "03601000", "Краснодар", "Абинский район", "education", "culture",
         "health", "social", "Министерство культуры края", "№ 184-П", "done", "in_progress",
         "overdue", "k1", "К3", "выполнено", "2024", "2025", "2026", "1", "3"]

numbers = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30),
    st.integers(min_value=0, max_value=120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=100),
)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
cell = st.one_of(st.none(), st.sampled_from(INJECTIONS), st.sampled_from(CODES), numbers,
                 texts, st.just("x" * 5000))


def headers_for(kind: str):
    spec = KINDS[kind]
    valid = [c.header for c in spec.columns]
    other = st.sampled_from([*valid, "ИНН", "Год", "", "Столбец", "<script>", "=1+1",
                             "'; DROP TABLE x; --"]) | texts
    return st.one_of(
        st.permutations(valid),                                  # every column, any order
        st.permutations(valid).flatmap(                          # some dropped or duplicated
            lambda h: st.lists(st.sampled_from(h), min_size=1, max_size=len(h) + 2)),
        st.lists(other, min_size=0, max_size=len(valid) + 3),  # anything
    )


def table_for(kind: str):
    return headers_for(kind).flatmap(lambda header: st.tuples(
        st.just(list(header)),
        st.lists(st.lists(cell, min_size=0, max_size=len(header) + 2), min_size=0,
                 max_size=6)))


def _csv(rows, sep: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode(encoding, errors="replace")


def _xlsx_cell(value):
    if isinstance(value, str):  # characters XLSX cannot hold would fail openpyxl, not us
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)[:32767]
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if isinstance(value, int) and abs(value) > 10**15:
        return str(value)
    return value


files = st.one_of(
    st.tuples(st.just("csv"), st.sampled_from([";", ",", "\t", "|"]),
              st.sampled_from(["utf-8-sig", "utf-8", "cp1251", "utf-16"])),
    st.tuples(st.just("xlsx"), st.sampled_from(["Данные", "Лист1", "<script>"]), st.none()),
    st.tuples(st.just("bytes"), st.none(), st.none()),
)


def build(fmt, table, raw: bytes) -> tuple[bytes, str]:
    header, rows = table
    if fmt[0] == "csv":
        return _csv([header, *rows], fmt[1], fmt[2]), "файл.csv"
    if fmt[0] == "xlsx":
        return xlsx_bytes([[_xlsx_cell(v) for v in row] for row in [header, *rows]],
                          sheet=fmt[1]), "файл.xlsx"
    return raw, "файл.xlsx" if raw[:1] == b"P" else "файл.csv"


@pytest.fixture
def region(engine):
    build_region(engine)
    return engine


@pytest.mark.parametrize("kind", list(KINDS))
def test_any_file_gives_a_result_and_a_rejection_writes_nothing(region, kind):
    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(fmt=files, table=table_for(kind), raw=st.binary(max_size=300),
           dry_run=st.booleans(), sector=st.sampled_from([None, None, "culture"]))
    def check(fmt, table, raw, dry_run, sector):
        data, name = build(fmt, table, raw)
        before = snapshot(region)
        result = imports.run_import(kind, data, file_name=name, engine=region, dry_run=dry_run,
                                    user="fuzz", today=TODAY, sector=sector)
        assert result.status in ("applied", "rejected", "dry_run")
        assert result.batch_id is not None
        result.summary()   # the journal's Russian sentence is always buildable
        result.as_dict()
        if result.status != "applied":
            assert snapshot(region) == before, (result.status, result.summary())
            assert (result.status == "rejected") == (result.issue_count > 0)
    check()
