"""Municipal boundaries: load a polygon file once, match it to our municipalities, store it small.

The source files (OpenStreetMap and the like) are data supplied at run time, never part of the
project. They carry no OKTMO codes and spell names loosely («Абинский район», «Георгиевский »,
«Ключ»), so matching goes by OKTMO when a file has it and otherwise by normalized name plus an
explicit alias table, and every feature or municipality left unmatched is reported, never
silently dropped. Geometry is cleaned, simplified as one coverage (so neighbours keep a common
border) and stored as GeoJSON with clockwise exteriors, which is what d3-geo based maps expect.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, polygon as shapely_polygon
from sqlalchemy import Engine, delete, exists, select

from data_access.db import session_scope
from data_access.models import Boundary, Municipality, Region
from data_access.places import normalize_name, subject_aliases

OKTMO_COLUMNS = ("oktmo", "OKTMO", "oktmo_code")
NAME_COLUMNS = ("district", "name_ru", "name")
PRECISION = 5  # decimals of a degree: about 1 m, far below the simplification tolerance

class BoundaryError(Exception):
    """The file cannot give boundaries; the message is for the user, in Russian."""


@dataclass(frozen=True)
class LoadReport:
    source: str                      # the file name
    region_code: str
    features: int                    # features in the file
    matched: int                     # municipalities that got a polygon
    unmatched_features: list[str] = field(default_factory=list)
    missing_municipalities: list[str] = field(default_factory=list)
    stored_bytes: int = 0
    created: list[str] = field(default_factory=list)  # municipalities made from the file

    def summary(self) -> str:
        lines = [
            f"Границы загружены из «{self.source}» (субъект {self.region_code}).",
            *([f"Созданы муниципальные образования по объектам файла ({len(self.created)}); "
               "коды ОКТМО, которых нет в файле, условные (99…): загрузите настоящие видом "
               "«Муниципальные образования» — по названию они заменят условные."]
              if self.created else []),
            f"Объектов в файле: {self.features}; муниципальных образований с границами: "
            f"{self.matched}; объём: {self.stored_bytes / 1024:.0f} КБ.",
        ]
        if self.unmatched_features:
            lines.append(f"Не сопоставлены объекты файла ({len(self.unmatched_features)}):")
            lines += [f"  — {name}" for name in self.unmatched_features]
        else:
            lines.append("Все объекты файла сопоставлены.")
        if self.missing_municipalities:
            lines.append("Остались без границ муниципальные образования "
                         f"({len(self.missing_municipalities)}):")
            lines += [f"  — {name}" for name in self.missing_municipalities]
        else:
            lines.append("Границы есть у всех муниципальных образований субъекта.")
        return "\n".join(lines)


def load(engine: Engine, path: str | Path, region_code: str = "23", tolerance: float = 0.0025,
         aliases: Mapping[str, str] | None = None, create: bool = False) -> LoadReport:
    """Replace the region's boundaries with those in the file, in one transaction. With
    `create`, the file's features that match no municipality become municipalities first
    (see _create_municipalities).

    Raises BoundaryError, leaving the stored boundaries as they were, when the file is missing,
    unreadable, has no polygons, no name or OKTMO property, or nothing in it matches.
    """
    path = Path(path)
    frame = _read(path)
    with session_scope(engine) as session:
        region = session.scalar(select(Region).where(Region.code == region_code))
        if region is None:
            raise BoundaryError(
                f"Субъекта с кодом {region_code} нет в базе данных: создайте его командой "
                f"python -m data_access add-region {region_code}.")
        alias_table = _alias_table(region_code, aliases)
        created = (_create_municipalities(session, region, frame, alias_table) if create
                   else [])
        municipalities = list(session.scalars(
            select(Municipality).where(Municipality.region_id == region.id)
            .order_by(Municipality.name)))
        if not municipalities:
            raise BoundaryError(
                f"В базе нет муниципальных образований субъекта {region_code}: загрузите их "
                "(import municipalities) или создайте из этого файла: load-boundaries "
                f"{path.name} --region {region_code} --create.")

        matched, unmatched = _match(frame, municipalities, alias_table)
        if not matched:
            raise BoundaryError(
                f"Ни один объект файла «{path.name}» не сопоставлен с муниципальными "
                f"образованиями субъекта {region_code} ни по ОКТМО, ни по названию.")
        geometries = _prepare(frame.geometry.values, matched, tolerance)
        stored = {mid: _to_geojson(geom) for mid, geom in geometries.items()}

        session.execute(delete(Boundary).where(Boundary.municipality_id.in_(
            select(Municipality.id).where(Municipality.region_id == region.id))))
        session.add_all(Boundary(municipality_id=mid, geometry=text, source=path.name[:300])
                        for mid, text in stored.items())

    return LoadReport(
        source=path.name, region_code=region_code, features=len(frame), matched=len(stored),
        created=created,
        unmatched_features=unmatched,
        missing_municipalities=[m.name for m in municipalities if m.id not in stored],
        stored_bytes=sum(len(text.encode()) for text in stored.values()))


def has_boundaries(engine: Engine, region_code: str = "23") -> bool:
    query = select(exists().where(
        Boundary.municipality_id == Municipality.id, Municipality.region_id == Region.id,
        Region.code == region_code))
    with engine.connect() as connection:
        return bool(connection.scalar(query))


def feature_collection(engine: Engine, region_code: str = "23") -> dict | None:
    """The region's stored polygons as a FeatureCollection keyed by OKTMO; None if none stored."""
    query = (select(Municipality.oktmo, Municipality.name, Boundary.geometry)
             .join(Boundary, Boundary.municipality_id == Municipality.id)
             .join(Region, Region.id == Municipality.region_id)
             .where(Region.code == region_code).order_by(Municipality.oktmo))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    if not rows:
        return None
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": oktmo, "properties": {"oktmo": oktmo, "name": name},
         "geometry": json.loads(geometry)} for oktmo, name, geometry in rows]}


# --- reading and matching -----------------------------------------------------------------

def _read(path: Path):
    import geopandas  # heavy; only the loader needs it, not every importer of this module

    if not path.is_file():
        raise BoundaryError(f"Файл границ не найден: {path}")
    try:
        frame = geopandas.read_file(path, engine="pyogrio")
    except Exception as error:  # pyogrio/GDAL raise many kinds for a file that is not vector
        raise BoundaryError(
            f"Не удалось прочитать файл «{path.name}» как файл границ (GeoJSON или другой "
            "векторный формат).") from error
    # A layer without geometry (a CSV, say) comes back as a plain DataFrame.
    if not isinstance(frame, geopandas.GeoDataFrame) or not frame.geom_type.isin(
            ["Polygon", "MultiPolygon"]).any():
        raise BoundaryError(f"В файле «{path.name}» нет ни одного полигона.")
    if not any(c in frame.columns for c in OKTMO_COLUMNS + NAME_COLUMNS):
        raise BoundaryError(
            f"У объектов файла «{path.name}» нет ни кода ОКТМО, ни названия: ожидается одно из "
            f"свойств {', '.join(OKTMO_COLUMNS + NAME_COLUMNS)}.")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)  # maps and GeoJSON want longitude/latitude in degrees
    return frame


def _alias_table(region_code: str, aliases: Mapping[str, str] | None) -> dict[str, str]:
    """The region's own aliases plus the caller's."""
    merged = {**subject_aliases(region_code), **(aliases or {})}
    return {normalize_name(k): normalize_name(v) for k, v in merged.items()}


PLACEHOLDER_PREFIX = "99"  # 99 + subject code + number: an OKTMO made up until the real one


def placeholder_oktmo(region_code: str, number: int) -> str:
    return f"{PLACEHOLDER_PREFIX}{region_code}{number:04d}"


def is_placeholder(oktmo: str, region_code: str) -> bool:
    return len(oktmo) == 8 and oktmo.startswith(PLACEHOLDER_PREFIX + region_code)


def kind_of_name(name: str) -> str:
    """A municipality's kind as its name says it (a guess a municipalities import corrects)."""
    lowered = name.lower()
    if "муниципальный округ" in lowered:
        return "municipal_okrug"
    if re.search(r"(?<![\w-])(?:город|городской округ|го|г\.)(?![\w-])", lowered) or \
            lowered.startswith("г."):
        return "urban_okrug"
    return "municipal_district"


def _create_municipalities(session, region: Region, frame,
                           aliases: Mapping[str, str]) -> list[str]:
    """Municipalities for the named features that match none of the region's, by OKTMO or
    name; features of one name make one municipality (a city and its district merged)."""
    existing = list(session.scalars(select(Municipality).where(
        Municipality.region_id == region.id)))
    keys = {normalize_name(m.name) for m in existing}
    codes = {m.oktmo for m in existing} | set(session.scalars(select(Municipality.oktmo)))
    oktmo_columns = [frame[c].tolist() for c in OKTMO_COLUMNS if c in frame.columns]
    name_columns = [frame[c].tolist() for c in NAME_COLUMNS if c in frame.columns]
    number, created = 0, []
    for position in range(len(frame)):
        name = _first_present(column[position] for column in name_columns)
        oktmo = _first_present(column[position] for column in oktmo_columns)
        if not name:
            continue
        key = normalize_name(name)
        if aliases.get(key, key) in keys or (oktmo and oktmo in codes):
            continue
        if not (oktmo and oktmo.isdigit() and len(oktmo) in (8, 11)):
            number += 1
            while placeholder_oktmo(region.code, number) in codes:
                number += 1
            oktmo = placeholder_oktmo(region.code, number)
        session.add(Municipality(region_id=region.id, oktmo=oktmo, name=" ".join(name.split()),
                                 kind=kind_of_name(name)))
        keys.add(key)
        codes.add(oktmo)
        created.append(" ".join(name.split()))
    session.flush()
    return created


def _match(frame, municipalities: list[Municipality],
           aliases: Mapping[str, str]) -> tuple[dict[int, list[int]], list[str]]:
    """Feature positions per municipality id, and labels of the features left unmatched."""
    by_oktmo = {m.oktmo: m.id for m in municipalities}
    by_name = {normalize_name(m.name): m.id for m in municipalities}
    oktmo_columns = [frame[c].tolist() for c in OKTMO_COLUMNS if c in frame.columns]
    name_columns = [frame[c].tolist() for c in NAME_COLUMNS if c in frame.columns]
    matched: dict[int, list[int]] = {}
    unmatched: list[str] = []
    for position, geometry in enumerate(frame.geometry.values):
        oktmo = _first_present(column[position] for column in oktmo_columns)
        name = _first_present(column[position] for column in name_columns)
        label = name or (f"ОКТМО {oktmo}" if oktmo else f"объект № {position + 1} без названия")
        if geometry is None or geometry.is_empty or geometry.geom_type not in (
                "Polygon", "MultiPolygon"):
            unmatched.append(f"{label} (нет полигона)")
            continue
        key = normalize_name(name) if name else ""
        municipality_id = _by_oktmo(by_oktmo, oktmo) or by_name.get(aliases.get(key, key))
        if municipality_id is None:
            unmatched.append(label)
        else:
            matched.setdefault(municipality_id, []).append(position)
    return matched, unmatched


def _first_present(values: Iterable[object]) -> str | None:
    for value in values:
        if value is not None and value == value and str(value).strip():  # value == value: NaN
            return str(value).strip()
    return None


def _by_oktmo(by_oktmo: Mapping[str, int], code: str | None) -> int | None:
    if not code:
        return None
    digits = code.split(".")[0]  # numbers read from a file may come back as «3601000.0»
    # Leading zeros are lost when a code is stored as a number; OKTMO has 8 or 11 digits.
    for candidate in (digits, digits.zfill(8), digits.zfill(11), digits.zfill(11)[:8]):
        if candidate in by_oktmo:
            return by_oktmo[candidate]
    return None


# --- geometry -----------------------------------------------------------------------------

def _prepare(geometries: np.ndarray, matched: Mapping[int, list[int]],
             tolerance: float, precision: int = PRECISION) -> dict[int, shapely.Geometry]:
    """One cleaned, simplified, clockwise (multi)polygon per matched municipality."""
    valid = np.array([_polygonal(shapely.make_valid(g)) for g in geometries], dtype=object)
    valid = _clean_coverage(valid)
    ids = list(matched)
    # Several features of one municipality (a city and its district merged into one okrug)
    # become one shape before simplification, so the border between them simply disappears.
    dissolved = np.array([shapely.union_all(valid[matched[mid]]) for mid in ids], dtype=object)
    dissolved = np.array([_polygonal(g) for g in dissolved], dtype=object)
    simplified = _simplify_coverage(dissolved, tolerance) if tolerance > 0 else dissolved
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, precision))
    rounded = shapely.remove_repeated_points(rounded)
    result = {}
    for mid, geom in zip(ids, rounded):
        if not geom.is_valid:  # rounding to ~1 m can pinch a very thin part
            geom = _polygonal(shapely.make_valid(geom))
        if not geom.is_empty:
            result[mid] = _orient_clockwise(geom)
    return result


def _polygonal(geom: shapely.Geometry | None) -> shapely.Geometry:
    """Only the areal part: make_valid and union may leave lines or points behind."""
    if geom is None:
        return shapely.Polygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _clean_coverage(geoms: np.ndarray) -> np.ndarray:
    """Remove overlaps and snap nearly shared edges (OSM files have a few); needs GEOS 3.14.

    Without it coverage simplification treats the mismatched edges as separate borders and
    leaves slivers between neighbours, so it is worth doing when available.
    """
    clean = getattr(shapely, "coverage_clean", None)
    if clean is None:
        return geoms
    try:
        return clean(geoms)
    except (shapely.errors.UnsupportedGEOSVersionError, shapely.errors.GEOSException):
        return geoms


def _simplify_coverage(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    if hasattr(shapely, "coverage_simplify"):  # shapely ≥ 2.1, GEOS ≥ 3.12
        try:
            return shapely.coverage_simplify(geoms, tolerance)
        except shapely.errors.UnsupportedGEOSVersionError:
            pass
    # Per-shape simplification may open small gaps between neighbours, but it still draws.
    return shapely.simplify(geoms, tolerance, preserve_topology=True)


def _orient_clockwise(geom: shapely.Geometry) -> shapely.Geometry:
    """Clockwise exteriors: d3-geo (Plotly geo maps) fills a counter-clockwise ring inside out."""
    if hasattr(shapely, "orient_polygons"):  # shapely ≥ 2.1
        return shapely.orient_polygons(geom, exterior_cw=True)
    polygons = [shapely_polygon.orient(p, sign=-1.0) for p in shapely.get_parts(geom)]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _to_geojson(geom: shapely.Geometry) -> str:
    # np.round leaves the nearest double to each 5-decimal value, whose repr is short.
    return json.dumps(mapping(geom), separators=(",", ":"))
