"""A subject of the federation from nothing: its reference row, the four sectors and their
founder ministries. What a new region does first (README «Новый субъект»), from the command
line (`add-region`) or the import page."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select

from data_access import users
from data_access.db import session_scope
from data_access.models import Region, RegionSector, Sector
from data_access.reference.russia import BY_CODE, Subject
from data_access.reference.sectors import SECTOR_NAMES, SECTORS


class RegionError(ValueError):
    """The subject cannot be created as asked; the message is for the user, in Russian."""


@dataclass(frozen=True)
class Added:
    subject: Subject
    created: bool                  # False: the subject was there, only ministries changed
    ministries: dict[str, str]     # sector → ministry, as stored

    def summary(self) -> str:
        s = self.subject
        head = (f"Субъект создан: {s.name} (код {s.code}, ISO {s.iso})." if self.created
                else f"Субъект уже есть: {s.name} (код {s.code}); министерства сверены.")
        lines = [head, "Министерства-учредители по сферам:"]
        lines += [f"  — {SECTOR_NAMES[code]}: {name}" for code, name in self.ministries.items()]
        lines.append("Дальше: муниципальные образования (import municipalities или "
                     "load-boundaries --create), организации, результаты оценки.")
        return "\n".join(lines)


# The usual names; a region's own («Министерство культуры и туризма») are set with
# add-region --ministry. Federal cities have departments.
GENERIC_MINISTRIES = {"education": "образования", "culture": "культуры",
                      "health": "здравоохранения", "social": "социальной защиты населения"}


def progress(code: str, engine: Engine | None = None) -> dict[str, int]:
    """How far a subject's set-up has come: its municipalities, organizations, assessments."""
    from sqlalchemy import func

    from data_access.models import Assessment, Municipality, Organization
    from data_access.queries import _frame, _region_id
    region = _region_id(code)
    counts = _frame(select(
        select(func.count()).select_from(Municipality)
        .where(Municipality.region_id == region).scalar_subquery().label("municipalities"),
        select(func.count()).select_from(Organization)
        .where(Organization.region_id == region).scalar_subquery().label("organizations"),
        select(func.count()).select_from(Assessment).join(Organization)
        .where(Organization.region_id == region).scalar_subquery().label("assessments")),
        engine)
    return {k: int(v) for k, v in counts.iloc[0].items()}


def default_ministry(sector: str, subject: Subject) -> str:
    """«Министерство культуры Кировской области», «Департамент культуры города Москвы»."""
    body = "Департамент" if subject.federal_city else "Министерство"
    return f"{body} {GENERIC_MINISTRIES[sector]} {subject.genitive}"


def subject(code: str) -> Subject:
    found = BY_CODE.get(str(code).strip().zfill(2))
    if found is None:
        raise RegionError(f"субъекта с кодом «{code}» нет среди 89 субъектов Российской "
                          "Федерации; код — две цифры, как в начале ИНН: 43 — Кировская "
                          "область, 66 — Свердловская область, 86 — Ханты-Мансийский "
                          "автономный округ — Югра")
    return found


def add_region(code: str, ministries: Mapping[str, str] | None = None,
               engine: Engine | None = None, actor: str | None = None) -> Added:
    """Create the subject `code` from the reference with the four sectors and their
    ministries (the reference's «Министерство … области» unless `ministries` names them);
    for a subject that is there, set the ministries given. Idempotent; recorded in
    audit_event with `actor` (the console's user by default)."""
    ref = subject(code)
    ministries = dict(ministries or {})
    unknown = sorted(set(ministries) - set(SECTOR_NAMES))
    if unknown:
        raise RegionError(f"сфера «{unknown[0]}»: одна из " + ", ".join(SECTOR_NAMES))
    for sector, name in ministries.items():
        if not " ".join(str(name).split()) or len(name) > 300:
            raise RegionError(f"министерство сферы «{SECTOR_NAMES[sector]}»: название не "
                              "длиннее 300 знаков")
    with session_scope(engine) as session:
        known = {s.code for s in session.scalars(select(Sector))}
        session.add_all(Sector(**s._asdict()) for s in SECTORS if s.code not in known)
        region = session.scalar(select(Region).where(Region.code == ref.code))
        created = region is None
        if created:
            region = Region(code=ref.code, name=ref.name, kind=ref.kind, is_demo=False)
            session.add(region)
        session.flush()
        stored = {r.sector: r for r in session.scalars(
            select(RegionSector).where(RegionSector.region_id == region.id))}
        out = {}
        for sector in SECTOR_NAMES:
            name = " ".join(str(ministries.get(sector, "")).split()) or (
                stored[sector].ministry if sector in stored else default_ministry(sector, ref))
            if sector in stored:
                stored[sector].ministry = name
            else:
                session.add(RegionSector(region_id=region.id, sector=sector, ministry=name))
            out[sector] = name
        users.record(session, actor or users.console_actor(),
                     "add_region" if created else "set_ministries", ref.code,
                     "; ".join(f"{k}: {v}" for k, v in out.items()))
    return Added(ref, created, out)
