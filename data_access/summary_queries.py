"""The coordinating ministry's view (seed 000, item 2): the summaries each founder ministry owes
the Ministry of Labour and Social Development, their due dates, and whether and when each
arrived, judged at the period's end like the milestones."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, and_, case, literal, select

from data_access.filters import Filters
from data_access.models import MinistrySummary, Sector
from data_access.queries import _frame, _region_id, period_end

STATES = ("on_time", "late", "overdue", "pending")


def ministry_summaries(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """The summaries on the chosen year (the sector filter picks one ministry; the
    municipality and founder filters do not apply: these are the ministries' own): sector,
    ministry, title, due date, received date (empty if it arrived after the period's end),
    note, state — on_time, late, overdue (due passed, not received), pending (due ahead) —
    and days_late (to the arrival when late, to the period's end when overdue)."""
    on = period_end(f, engine)
    s = MinistrySummary
    arrived = and_(s.received_on.is_not(None), s.received_on <= on)
    state = case((arrived, case((s.received_on <= s.due_date, literal("on_time")),
                                else_=literal("late"))),
                 (s.due_date < on, literal("overdue")),
                 else_=literal("pending")).label("state")
    received = case((arrived, s.received_on), else_=None).label("received_on")
    stmt = (select(s.sector, Sector.ministry, s.title, s.due_date, received, s.note, state)
            .join(Sector, Sector.code == s.sector)
            .where(s.region_id == _region_id(f.region), s.year == f.year)
            .order_by(s.due_date, Sector.ministry))
    if f.sector:
        stmt = stmt.where(s.sector == f.sector)
    df = _frame(stmt, engine)
    due = pd.to_datetime(df["due_date"])
    late = (pd.to_datetime(df["received_on"]) - due).dt.days.where(df["state"] == "late")
    overdue = (pd.Timestamp(on) - due).dt.days.where(df["state"] == "overdue")
    df["days_late"] = late.fillna(overdue).astype("Int64")
    return df
