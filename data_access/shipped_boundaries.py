"""The boundaries shipped inside the repository (data_access/reference/geo/), so that a fresh
clone draws the real map of the two demo regions and of Russia's subjects.

They are made by the project's own loaders from the raw files (OpenStreetMap for the regions,
Natural Earth for the subjects; ../shared/geo/README.md) with `python -m data_access
build-boundaries ПАПКА`: matched, cleaned, coverage-simplified and rounded once, here, so the
repository holds a few hundred KB instead of 5 MB. The raw files never enter the repository.
Loading a shipped file does not simplify it again (tolerance 0): it is already what the loader
would store. A user's own file, given by path, replaces what is shipped.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from data_access import boundaries, subject_boundaries
from data_access.reference import krasnodar, russia, stavropol

GEO_DIR = Path(__file__).resolve().parent / "reference" / "geo"
REGIONS = {krasnodar.REGION_CODE: (krasnodar, "krasnodar-municipalities.geojson"),
           stavropol.REGION_CODE: (stavropol, "stavropol-municipalities.geojson")}
SUBJECTS_FILE = "russia-subjects.geojson"
# The loader's own rounding for the regions (four decimals pinch a 60-m border between
# Железноводск and Пятигорск into an overlap); a country map needs no better than ~100 m.
MUNICIPAL_PRECISION = boundaries.PRECISION
SUBJECT_TOLERANCE = 0.05
SUBJECT_PRECISION = 3


def municipal_file(region_code: str) -> Path | None:
    """The shipped boundaries of a demo region; None for any other region or if absent."""
    if region_code not in REGIONS:
        return None
    path = GEO_DIR / REGIONS[region_code][1]
    return path if path.is_file() else None


def subjects_file() -> Path | None:
    path = GEO_DIR / SUBJECTS_FILE
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def country() -> dict | None:
    """Every subject in the shipped file as a FeatureCollection with subject codes as feature
    ids: the outline of the whole country, with or without data. None if not shipped."""
    path = subjects_file()
    if path is None:
        return None
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f["properties"]["subject_code"],
         "properties": {"code": f["properties"]["subject_code"],
                        "name": f["properties"]["name_ru"]},
         "geometry": f["geometry"]} for f in collection["features"]]}


# ---------------------------------------------------------------- building the shipped files

def build(source_dir: Path, out_dir: Path = GEO_DIR) -> list[str]:
    """Write the shipped files from the raw ones in `source_dir`; the lines to print.

    Raises BoundaryError when a raw file is missing or a feature stays unmatched: a shipped
    map must cover its region exactly."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for code, (reference, name) in REGIONS.items():
        lines.append(_write(out_dir / name, _municipal_features(source_dir / name, code,
                                                                 reference)))
    lines.append(_write(out_dir / SUBJECTS_FILE, _subject_features(source_dir / SUBJECTS_FILE)))
    return lines


def _municipal_features(path: Path, code: str, reference) -> list[dict]:
    frame = boundaries._read(path)
    refs = [SimpleNamespace(id=i, oktmo=m.oktmo, name=m.name)
            for i, m in enumerate(reference.MUNICIPALITIES)]
    matched, unmatched = boundaries._match(frame, refs, boundaries._alias_table(code, None))
    missing = [r.name for r in refs if r.id not in matched]
    if unmatched or missing:
        raise boundaries.BoundaryError(
            f"«{path.name}»: не сопоставлены объекты {unmatched}, без границ {missing}")
    shapes = boundaries._prepare(frame.geometry.values, matched, 0.0025, MUNICIPAL_PRECISION)
    return [_feature(refs[i].oktmo, {"oktmo": refs[i].oktmo, "name": refs[i].name}, shapes[i])
            for i in sorted(shapes, key=lambda i: refs[i].oktmo)]


def _subject_features(path: Path) -> list[dict]:
    frame = boundaries._read(path)
    subjects = list(russia.SUBJECTS)
    index = {s.code: i for i, s in enumerate(subjects)}
    matched: dict[int, list[int]] = {}
    for position, iso in enumerate(frame["iso_3166_2"]):
        code = subject_boundaries.subject_of_iso(iso)
        if code is None:
            raise boundaries.BoundaryError(f"«{path.name}»: код {iso} не относится к субъектам")
        matched.setdefault(index[code], []).append(position)
    shifted = np.array([subject_boundaries._east_of_antimeridian(g)
                        for g in frame.geometry.values], dtype=object)
    shapes = boundaries._prepare(shifted, matched, SUBJECT_TOLERANCE, SUBJECT_PRECISION)
    return [_feature(subjects[i].code, {"subject_code": subjects[i].code,
                                        "iso_3166_2": russia.ISO_3166_2[subjects[i].code],
                                        "name_ru": subjects[i].name}, shapes[i])
            for i in sorted(shapes, key=lambda i: subjects[i].code)]


def _feature(key: str, properties: dict, geometry) -> dict:
    return {"type": "Feature", "id": key, "properties": properties,
            "geometry": json.loads(boundaries._to_geojson(geometry))}


def _write(path: Path, features: list[dict]) -> str:
    # One feature a line: a change to one area shows as one line in a diff.
    text = ('{"type":"FeatureCollection","features":[\n'
            + ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":"))
                         for f in features) + "\n]}\n")
    path.write_text(text, encoding="utf-8")
    return f"{path.name}: объектов — {len(features)}, {len(text.encode()) / 1024:.0f} КБ"
