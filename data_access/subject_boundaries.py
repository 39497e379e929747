"""Boundaries of federal subjects for the federal overview's map, from a file of Russia's
subjects such as Natural Earth's admin-1 (`russia-subjects.geojson`), read at run time.

Natural Earth names subjects loosely and has known defects, so features are matched by their
ISO 3166-2 code, never by name, after these fixes (geo/README.md):
- RU-MOS and RU-MOW are swapped (the feature coded RU-MOW is Moscow Oblast);
- RU-ALT (Altai Krai) carries the name of the Altai Republic: harmless when matching by code;
- an unnamed sliver «RU-X01~» in Yamal belongs to RU-YAN and is merged into it;
- Chukotka is cut at the antimeridian: its western longitudes (−180…−169) are moved past 180
  so that the okrug is one shape at the map's east edge instead of two at both edges.
Every feature left unmatched and every loaded subject left without a polygon is reported.
Geometry is cleaned and simplified as one coverage by the municipal loader's `_prepare`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from sqlalchemy import Engine, delete, select

from data_access.boundaries import BoundaryError, _prepare, _read, _to_geojson
from data_access.db import session_scope
from data_access.models import Region, RegionBoundary
from data_access.reference import russia

ISO_COLUMNS = ("iso_3166_2", "ISO_3166_2", "iso")
# Our own files (data_access/reference/geo) name each subject by its code, their defects
# already fixed: matching them by ISO code would swap Moscow and its oblast back.
CODE_COLUMN = "subject_code"
TOLERANCE = 0.03  # degrees: a country-wide map is ~0.2° a pixel; keeps the store ~0.5 MB


@dataclass(frozen=True)
class SubjectLoadReport:
    source: str
    features: int
    matched: int
    unmatched_features: list[str] = field(default_factory=list)
    missing_subjects: list[str] = field(default_factory=list)
    stored_bytes: int = 0

    def summary(self) -> str:
        lines = [f"Границы субъектов загружены из «{self.source}».",
                 f"Объектов в файле: {self.features}; субъектов с границами: {self.matched}; "
                 f"объём: {self.stored_bytes / 1024:.0f} КБ."]
        if self.unmatched_features:
            lines.append(f"Не сопоставлены объекты файла ({len(self.unmatched_features)}):")
            lines += [f"  — {name}" for name in self.unmatched_features]
        else:
            lines.append("Все объекты файла сопоставлены.")
        if self.missing_subjects:
            lines.append(f"Остались без границ субъекты ({len(self.missing_subjects)}):")
            lines += [f"  — {name}" for name in self.missing_subjects]
        else:
            lines.append("Границы есть у всех субъектов в базе.")
        return "\n".join(lines)


def subject_of_iso(iso: str | None) -> str | None:
    """The subject code of a Natural Earth ISO 3166-2 code, its defects fixed."""
    if not iso:
        return None
    iso = str(iso).strip()
    iso = russia.NE_MERGE.get(iso, iso)
    iso = russia.NE_ISO_SWAPS.get(iso, iso)
    return _BY_ISO.get(iso)


_BY_ISO = {iso: code for code, iso in russia.ISO_3166_2.items()}


def _subject_of_code(code: object) -> str | None:
    text = str(code).strip() if code is not None else ""
    return text if text in russia.BY_CODE else None


def _east_of_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """Western-hemisphere longitudes moved past 180 (Russia has none west of Greenwich's
    antipode but Chukotka's tip)."""
    if geom is None or geom.is_empty or geom.bounds[0] >= 0:
        return geom
    return shapely.transform(geom, lambda xy: np.where(
        xy[:, [0]] < 0, xy + np.array([360.0, 0.0]), xy))


def load(engine: Engine, path: str | Path, tolerance: float = TOLERANCE) -> SubjectLoadReport:
    """Replace the stored subject polygons with those of the file, in one transaction; only
    subjects present in the database get one. Raises BoundaryError (stored ones unchanged)
    when the file is unusable, has no ISO codes, or matches no subject in the database."""
    path = Path(path)
    frame = _read(path)
    column = next((c for c in (CODE_COLUMN, *ISO_COLUMNS) if c in frame.columns), None)
    if column is None:
        raise BoundaryError(
            f"У объектов файла «{path.name}» нет кода ISO 3166-2 субъекта: ожидается одно из "
            f"свойств {', '.join(ISO_COLUMNS)}.")
    names = frame["name_ru"] if "name_ru" in frame.columns else frame[column]
    with session_scope(engine) as session:
        regions = {r.code: r for r in session.scalars(select(Region).order_by(Region.code))}
        if not regions:
            raise BoundaryError("В базе нет ни одного субъекта: сначала загрузите данные.")
        matched: dict[int, list[int]] = {}
        unmatched: list[str] = []
        for position, (iso, name, geom) in enumerate(
                zip(frame[column], names, frame.geometry.values)):
            label = f"{name or 'без названия'} ({iso or 'без кода'})"
            code = _subject_of_code(iso) if column == CODE_COLUMN else subject_of_iso(iso)
            if geom is None or geom.is_empty:
                unmatched.append(f"{label}: нет полигона")
            elif code is None:
                unmatched.append(f"{label}: код не относится к субъектам РФ")
            elif code in regions:
                matched.setdefault(regions[code].id, []).append(position)
            # a subject the database does not hold is simply not needed
        if not matched:
            raise BoundaryError(
                f"Ни один объект файла «{path.name}» не сопоставлен с субъектами в базе.")
        shifted = np.array([_east_of_antimeridian(g) for g in frame.geometry.values],
                           dtype=object)
        geometries = _prepare(shifted, matched, tolerance)
        stored = {rid: _to_geojson(geom) for rid, geom in geometries.items()}
        session.execute(delete(RegionBoundary))
        session.add_all(RegionBoundary(region_id=rid, geometry=text, source=path.name[:300])
                        for rid, text in stored.items())
        missing = [r.name for r in regions.values() if r.id not in stored]
    return SubjectLoadReport(
        source=path.name, features=len(frame), matched=len(stored),
        unmatched_features=unmatched, missing_subjects=missing,
        stored_bytes=sum(len(t.encode()) for t in stored.values()))


def feature_collection(engine: Engine) -> dict | None:
    """The stored subject polygons as a FeatureCollection whose feature ids are subject
    codes; None when none are stored."""
    query = (select(Region.code, Region.name, RegionBoundary.geometry)
             .join(RegionBoundary, RegionBoundary.region_id == Region.id).order_by(Region.code))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    if not rows:
        return None
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"code": code, "name": name},
         "geometry": json.loads(geometry)} for code, name, geometry in rows]}
