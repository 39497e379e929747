"""Queries of the Results page («Результаты») that queries.py lacks: the distribution of the
year's totals in 1-point bins, split by quality band, counted in SQL."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, Integer, case, cast, func, literal, select

from data_access.filters import Filters
from data_access.methodology import bands
from data_access.models import Assessment, Organization
from data_access.queries import _frame, _scope


def _floor(column):
    """floor() that SQLite and PostgreSQL agree on: SQLite's CAST truncates, PostgreSQL's
    rounds to the nearest integer, so step back one where the cast went above the value
    (totals are never negative)."""
    whole = cast(column, Integer)
    return whole - case((whole > column, 1), else_=0)


def total_histogram(f: Filters, thresholds=None, engine: Engine | None = None
                    ) -> pd.DataFrame:
    """The totals of the organizations assessed in the year, counted in 1-point bins
    [bin, bin + 1) and split by quality band (a bin straddles two bands only when a
    threshold is not a whole number): bin, band, n; ordered by bin, best band first.
    A total of 100 falls in the bin 99 (the last bin is closed)."""
    ordered = bands(thresholds)
    band = case(*((Assessment.total >= b.lower, literal(b.key)) for b in ordered[:-1]),
                else_=literal(ordered[-1].key)).label("band")
    bin_ = case((Assessment.total >= 100, 99), else_=_floor(Assessment.total)).label("bin")
    stmt = (select(bin_, band, func.count().label("n"))
            .join(Organization, Organization.id == Assessment.organization_id)
            .where(_scope(f), Assessment.year == f.year)
            .group_by(bin_, band))
    df = _frame(stmt, engine, columns=("bin", "band", "n"))
    rank = {b.key: i for i, b in enumerate(ordered)}
    df["bin"] = df["bin"].astype(int)
    df["n"] = df["n"].astype(int)
    df = df.sort_values(["bin", "band"], key=lambda s: s.map(rank) if s.name == "band" else s)
    return df.reset_index(drop=True)
