"""The schema: SQLAlchemy 2 typed ORM. Migrations in data_access/migrations follow this file."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text,
    UniqueConstraint, func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from data_access.methodology import CRITERIA, INDICATORS
from data_access.reference.russia import SUBJECT_KINDS

SECTORS = ("education", "culture", "health", "social")
FOUNDER_LEVELS = ("regional", "municipal")
MUNICIPALITY_KINDS = ("urban_okrug", "municipal_district", "municipal_okrug")
# Stored measure statuses; «overdue» is also derived at read time from the planned date.
MEASURE_STATUSES = ("done", "in_progress", "overdue", "cancelled")
REPORT_STATUSES = ("done", "in_progress", "not_started")
ROLES = ("viewer", "ministry", "admin")
# How detailed a stored assessment is: the 344н indicators (scores computed from them), the
# criteria К1–К5 and the total as published, or the published total only.
ASSESSMENT_LEVELS = ("indicators", "criteria", "total")
CRITERION_KEYS = tuple(CRITERIA)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _score_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} >= 0 AND {column} <= 100", name=f"{column}_range")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


class Region(Base):
    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)  # subject code, e.g. «23»
    name: Mapped[str] = mapped_column(String(200))
    # krai, oblast, republic, okrug, city (reference.russia.SUBJECT_KINDS): «по краю»
    kind: Mapped[str] = mapped_column(String(20), default="krai")
    is_demo: Mapped[bool] = mapped_column(default=False)
    data_as_of: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (CheckConstraint("length(code) = 2", name="code_format"),
                      CheckConstraint(_in("kind", SUBJECT_KINDS), name="kind_known"))


class Sector(Base):
    __tablename__ = "sector"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    ministry: Mapped[str] = mapped_column(String(200))  # the regional founder body
    has_waiting: Mapped[bool] = mapped_column(default=False)  # К2 with waiting time
    __table_args__ = (CheckConstraint(_in("code", SECTORS), name="code_known"),)


class RegionSector(Base):
    """A sector's founder ministry in one subject («Министерство культуры Кировской
    области»): created with the subject (add-region), editable."""
    __tablename__ = "region_sector"
    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), primary_key=True)
    ministry: Mapped[str] = mapped_column(String(300))


class Municipality(Base):
    __tablename__ = "municipality"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    oktmo: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    population: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint(_in("kind", MUNICIPALITY_KINDS), name="kind_known"),
        CheckConstraint("length(oktmo) IN (8, 11)", name="oktmo_length"),
        UniqueConstraint("region_id", "name"),
    )


class Boundary(Base):
    """Simplified polygons of a municipality as GeoJSON geometry (loaded at run time)."""
    __tablename__ = "boundary"
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True)
    geometry: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class RegionBoundary(Base):
    """Simplified polygons of a federal subject (the federal overview's map), loaded at run
    time from a file of subjects."""
    __tablename__ = "region_boundary"
    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), primary_key=True)
    geometry: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class RegionTotal(Base):
    """Counts and sums per region, year, sector and founder level for the federal overview
    (data_access/region_totals.py): refreshed with the data, never edited."""
    __tablename__ = "region_total"
    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    founder_level: Mapped[str] = mapped_column(String(20), primary_key=True)
    organizations: Mapped[int]
    year_covered: Mapped[int]   # organizations assessed in the year
    covered: Mapped[int]        # … in the three years up to it
    assessed: Mapped[int]       # assessments of the year
    total_sum: Mapped[float] = mapped_column(Float)
    k1_sum: Mapped[float] = mapped_column(Float)
    k2_sum: Mapped[float] = mapped_column(Float)
    k3_sum: Mapped[float] = mapped_column(Float)
    k4_sum: Mapped[float] = mapped_column(Float)
    k5_sum: Mapped[float] = mapped_column(Float)
    # assessments with each criterion (a published total may come without criteria)
    k1_n: Mapped[int] = mapped_column(default=0)
    k2_n: Mapped[int] = mapped_column(default=0)
    k3_n: Mapped[int] = mapped_column(default=0)
    k4_n: Mapped[int] = mapped_column(default=0)
    k5_n: Mapped[int] = mapped_column(default=0)
    measures: Mapped[int]       # plan measures of plans up to the year
    overdue: Mapped[int]        # … overdue at the region's period end


class Organization(Base):
    __tablename__ = "organization"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), index=True)
    inn: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(100))
    founder_level: Mapped[str] = mapped_column(String(20), index=True)
    founder: Mapped[str] = mapped_column(String(300))
    __table_args__ = (
        CheckConstraint(_in("founder_level", FOUNDER_LEVELS), name="founder_level_known"),
        CheckConstraint("length(inn) = 10", name="inn_length"),
    )


class CoveragePlan(Base):
    __tablename__ = "coverage_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    planned: Mapped[int]
    __table_args__ = (
        UniqueConstraint("region_id", "sector", "year"),
        CheckConstraint("planned >= 0", name="planned_positive"),
    )


class Operator(Base):
    __tablename__ = "operator"
    id: Mapped[int] = mapped_column(primary_key=True)
    inn: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    __table_args__ = (CheckConstraint("length(inn) = 10", name="inn_length"),)


class Assessment(Base):
    """One organization's assessment of a year. К1–К5 and `total` are the official figures,
    the ones the pages show: as the operator published them where the file gave them, else
    computed from the indicators. `computed_*` keep the computation from the indicators
    (level «indicators») as the check of the published figures. A criterion the source did
    not publish is NULL, never 0; the total is always there."""
    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    year: Mapped[int] = mapped_column(index=True)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), index=True)
    level: Mapped[str] = mapped_column(String(20), default="indicators")
    respondents: Mapped[int | None] = mapped_column(Integer)
    disabled_respondents: Mapped[int] = mapped_column(default=0)
    k1: Mapped[float | None] = mapped_column(Float)
    k2: Mapped[float | None] = mapped_column(Float)
    k3: Mapped[float | None] = mapped_column(Float)
    k4: Mapped[float | None] = mapped_column(Float)
    k5: Mapped[float | None] = mapped_column(Float)
    total: Mapped[float] = mapped_column(Float)
    # The operator's figures as published, where the import file gave them (0002).
    published_total: Mapped[float | None] = mapped_column(Float)
    # Range-checked by the import, so no database constraint (SQLite cannot add one).
    published_k1: Mapped[float | None] = mapped_column(Float)
    published_k2: Mapped[float | None] = mapped_column(Float)
    published_k3: Mapped[float | None] = mapped_column(Float)
    published_k4: Mapped[float | None] = mapped_column(Float)
    published_k5: Mapped[float | None] = mapped_column(Float)
    # How far the published total may lie from the mean of the published criteria by their
    # rounding alone (criteria printed as whole numbers: 0.5 plus the total's own half-unit).
    published_rounding: Mapped[float | None] = mapped_column(Float)
    computed_k1: Mapped[float | None] = mapped_column(Float)
    computed_k2: Mapped[float | None] = mapped_column(Float)
    computed_k3: Mapped[float | None] = mapped_column(Float)
    computed_k4: Mapped[float | None] = mapped_column(Float)
    computed_k5: Mapped[float | None] = mapped_column(Float)
    computed_total: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (
        UniqueConstraint("organization_id", "year"),
        *(_score_check(c) for c in ("k1", "k2", "k3", "k4", "k5", "total")),
        CheckConstraint("published_total IS NULL OR (published_total >= 0 AND "
                        "published_total <= 100)", name="published_total_range"),
        CheckConstraint("respondents >= 0 AND disabled_respondents >= 0 AND "
                        "disabled_respondents <= respondents", name="respondents_valid"),
        CheckConstraint("year BETWEEN 2013 AND 2100", name="year_range"),
        CheckConstraint(_in("level", ASSESSMENT_LEVELS), name="level_known"),
        Index("ix_assessment_year_org", "year", "organization_id"),
    )


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    __table_args__ = (
        CheckConstraint(_in("code", INDICATORS), name="code_known"),
        _score_check("value"),
        Index("ix_indicator_value_code", "code"),
    )


class Shortcoming(Base):
    __tablename__ = "shortcoming"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(2))
    indicator: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (CheckConstraint(_in("criterion", CRITERION_KEYS), name="criterion_known"),)


class ImprovementPlan(Base):
    """Plan of resolution № 457: one per assessment of an organization."""
    __tablename__ = "improvement_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    due_date: Mapped[dt.date] = mapped_column(Date)  # approval deadline of the cycle
    approved_on: Mapped[dt.date | None] = mapped_column(Date)


class PlanMeasure(Base):
    __tablename__ = "plan_measure"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("improvement_plan.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(2), index=True)
    shortcoming: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(Text)
    planned_date: Mapped[dt.date] = mapped_column(Date, index=True)
    responsible_name: Mapped[str] = mapped_column(String(200))
    responsible_position: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), index=True)
    taken: Mapped[str | None] = mapped_column(Text)  # 5a: measures actually taken
    actual_date: Mapped[dt.date | None] = mapped_column(Date)  # 5b
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint(_in("criterion", CRITERION_KEYS), name="criterion_known"),
        CheckConstraint(_in("status", MEASURE_STATUSES), name="status_known"),
        CheckConstraint("status <> 'done' OR actual_date IS NOT NULL", name="done_has_date"),
    )


class Recommendation(Base):
    __tablename__ = "recommendation"
    id: Mapped[int] = mapped_column(primary_key=True)
    resolution: Mapped[str] = mapped_column(String(50))  # «№ 184-П»
    resolution_date: Mapped[dt.date] = mapped_column(Date)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    # What shows progress (DOMAIN.md §5): criteria «k3», indicators «p_dist», or
    # «respondents» / «disabled_share»; comma-separated.
    targets: Mapped[str] = mapped_column(String(300))
    __table_args__ = (UniqueConstraint("resolution", "number"),)


class RecommendationReport(Base):
    __tablename__ = "recommendation_report"
    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), index=True)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint(_in("status", REPORT_STATUSES), name="status_known"),
        UniqueConstraint("recommendation_id", "region_id", "sector", "reported_on"),
    )


class Milestone(Base):
    __tablename__ = "milestone"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)  # the assessment year the step serves
    step: Mapped[int]  # order within the cycle
    title: Mapped[str] = mapped_column(String(500))
    result: Mapped[str] = mapped_column(String(300))
    responsible: Mapped[str] = mapped_column(String(500))
    deadline: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("region_id", "year", "step"),)


class MinistrySummary(Base):
    """Summary information a founder ministry owes the coordinating ministry (seed 000, item 2:
    the Ministry of Labour and Social Development): what, by when, and when it arrived."""
    __tablename__ = "ministry_summary"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)  # the assessment year it reports on
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), index=True)  # who owes it
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[dt.date] = mapped_column(Date)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("region_id", "sector", "due_date"),
        CheckConstraint("year BETWEEN 2013 AND 2100", name="year_range"),
    )


class ImportBatch(Base):
    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    user_login: Mapped[str | None] = mapped_column(String(100))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    inserted: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    result: Mapped[str] = mapped_column(String(20))  # applied | rejected | dry_run
    message: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    sector: Mapped[str | None] = mapped_column(ForeignKey("sector.code"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role_known"),)


class AuditEvent(Base):
    """Who changed what outside the imports (imports have import_batch): users, roles,
    passwords."""
    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))   # a login, or «консоль (user)»
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[str | None] = mapped_column(Text)


class UserSession(Base):
    """A login, kept on the server: the cookie carries only its token, and a logout or a
    change of the password or the role revokes it, so that a copy of the cookie is void."""
    __tablename__ = "user_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


JOB_STATUSES = ("running", "done", "failed", "cancelled")


class ImportJob(Base):
    """An import run in the background (data_access/imports/jobs.py): its stage and counts
    while it runs, for the page's progress bar; its result when it ends. The import itself is
    one transaction: a job that never finished (its process died) has written nothing."""
    __tablename__ = "import_job"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    user_login: Mapped[str] = mapped_column(String(100), index=True)
    region: Mapped[str] = mapped_column(String(10))
    sheet: Mapped[str | None] = mapped_column(String(200))
    dry_run: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    stage: Mapped[str] = mapped_column(String(20))      # reading | checking | applying | done
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_checked: Mapped[int] = mapped_column(default=0)
    rows_applied: Mapped[int] = mapped_column(default=0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)   # ImportResult.as_dict() as JSON
    batch_id: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint(_in("status", JOB_STATUSES), name="status_known"),)
