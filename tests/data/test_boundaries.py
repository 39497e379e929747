"""Boundary loading: name matching, dissolve, simplification, orientation, replacement, errors.

The main tests draw their own tiny map (four 1°×1° squares, counter-clockwise as RFC 7946
writes them); the real OSM file is used only when it is present on the machine.
"""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import func, select

from data_access import boundaries as b
from data_access.db import session_scope
from data_access.models import Boundary, Municipality, Region

# Our municipalities of region 23 in the test: Белоглинский has no feature in the file.
ABINSKY, ANAPA, KLYUCH, BELOGLINSKY = "03601000", "03703000", "03709000", "03607000"
MUNICIPALITIES_23 = [
    (ABINSKY, "Абинский район", "municipal_district"),
    (ANAPA, "Анапа", "municipal_okrug"),
    (KLYUCH, "Горячий Ключ", "urban_okrug"),
    (BELOGLINSKY, "Белоглинский район", "municipal_district"),
]
# The border between Абинский and «Ключ» at lon 39 zigzags by 0.0002° every 0.01°: noise that
# a 0.0025° simplification removes, identically on both sides if the coverage is respected.
ZIGZAG = [(39 + (0.0002 if k % 2 else 0.0), 45 + k / 50) for k in range(51)]


def add_region(engine, code: str, name: str, municipalities) -> None:
    with session_scope(engine) as session:
        region = Region(code=code, name=name)
        session.add(region)
        session.flush()
        session.add_all(Municipality(region_id=region.id, oktmo=oktmo, name=mname, kind=kind)
                        for oktmo, mname, kind in municipalities)


def ccw_ring(points) -> list[list[float]]:
    """A closed ring in the order given, which must be counter-clockwise (the file's style)."""
    ring = [list(p) for p in points] + [list(points[0])]
    assert shapely.LinearRing(ring).is_ccw
    return ring


def feature(name: str, points, **properties) -> dict:
    return {"type": "Feature", "properties": {"district": name, **properties},
            "geometry": {"type": "Polygon", "coordinates": [ccw_ring(points)]}}


def write_geojson(path: Path, features) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), encoding="utf-8")
    return path


def build_fixture(tmp_path: Path) -> Path:
    """Row lat 45–46: Абинский | Ключ | Неизвестный; row 46–47: Анапа as two features."""
    return write_geojson(tmp_path / "test-municipalities.geojson", [
        feature("Абинский район ", [(38, 45), *ZIGZAG, (38, 46)]),
        feature("Ключ", [(39, 45), (40, 45), (40, 46), *reversed(ZIGZAG[1:])]),
        feature("Неизвестный район", [(40, 45), (41, 45), (41, 46), (40, 46)]),
        feature("Анапа", [(38, 46), (39, 46), (39, 47), (38, 47)]),
        feature("город Анапа", [(39, 46), (40, 46), (40, 47), (39, 47)]),
    ])


def stored(engine) -> dict[str, str]:
    """Stored geometry text by OKTMO, for every region."""
    with engine.connect() as connection:
        return dict(connection.execute(
            select(Municipality.oktmo, Boundary.geometry)
            .join(Boundary, Boundary.municipality_id == Municipality.id)).all())


@pytest.fixture
def region_23(engine):
    add_region(engine, "23", "Краснодарский край", MUNICIPALITIES_23)
    return engine


@pytest.mark.parametrize("raw", ["Абинский район ", "Абинский муниципальный округ", "абинский",
                                 "  АБИНСКИЙ   МУНИЦИПАЛЬНЫЙ  РАЙОН", "«Абинский» район"])
def test_normalize_name_drops_kind_words(raw):
    assert b.normalize_name(raw) == "абинский"


@pytest.mark.parametrize("raw, expected", [
    ("Грачёвский ", "грачевский"),
    ("г. Сочи", "сочи"), ("г.Сочи", "сочи"), ("город-курорт Сочи", "сочи"),
    ("Городской округ «Город Армавир»", "армавир"),
    ("Георгиевский городской округ", "георгиевский"), ("Георгиевский ГО", "георгиевский"),
    ("Горячий Ключ", "горячий ключ"),  # «го» only as a whole word
    ("Приморско-Ахтарский муниципальный округ", "приморско-ахтарский"),
])
def test_normalize_name_keeps_the_name(raw, expected):
    assert b.normalize_name(raw) == expected


def test_load_matches_dissolves_simplifies_and_orients(region_23, tmp_path):
    engine = region_23
    source = build_fixture(tmp_path)
    assert not b.has_boundaries(engine, "23")
    assert b.feature_collection(engine, "23") is None

    report = b.load(engine, source, region_code="23")

    assert report.features == 5
    assert report.matched == 3  # Абинский, Горячий Ключ (alias «Ключ»), Анапа (two features)
    assert report.unmatched_features == ["Неизвестный район"]
    assert report.missing_municipalities == ["Белоглинский район"]
    assert report.source == "test-municipalities.geojson"
    rows = stored(engine)
    assert sorted(rows) == [ABINSKY, ANAPA, KLYUCH]
    assert report.stored_bytes == sum(len(text) for text in rows.values())
    summary = report.summary()
    assert "  — Неизвестный район" in summary and "  — Белоглинский район" in summary

    shapes = {oktmo: shape(json.loads(text)) for oktmo, text in rows.items()}
    # The two Анапа features became one 2°×1° polygon with no seam inside.
    assert shapes[ANAPA].geom_type == "Polygon"
    assert shapes[ANAPA].area == pytest.approx(2.0)
    assert list(shapes[ANAPA].interiors) == []
    for geometry in shapes.values():
        assert geometry.is_valid
        for polygon in shapely.get_parts(geometry):
            assert not polygon.exterior.is_ccw  # clockwise, as d3-geo wants
    # At most 5 decimals in what is stored.
    assert not re.search(r"\.\d{6,}", "".join(rows.values()))

    # The zigzag border was simplified, yet both neighbours still share it exactly.
    abinsky, klyuch = shapes[ABINSKY], shapes[KLYUCH]
    on_border = [x for x, _ in abinsky.exterior.coords if x > 38.99]
    assert len(on_border) < len(ZIGZAG) / 2
    assert abinsky.intersection(klyuch).area == pytest.approx(0, abs=1e-12)
    assert abinsky.boundary.intersection(klyuch.boundary).length == pytest.approx(1, abs=1e-3)
    assert shapely.coverage_is_valid(list(shapes.values()))

    assert b.has_boundaries(engine, "23")
    collection = b.feature_collection(engine, "23")
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == [ABINSKY, ANAPA, KLYUCH]
    first = collection["features"][0]
    assert first["properties"] == {"oktmo": ABINSKY, "name": "Абинский район"}
    assert first["geometry"] == json.loads(rows[ABINSKY])


def test_second_load_replaces_only_its_region(region_23, tmp_path):
    engine = region_23
    add_region(engine, "26", "Ставропольский край", [("07601000", "Абинский район",
                                                     "municipal_district")])
    source = build_fixture(tmp_path)
    assert b.load(engine, source, region_code="26").matched == 1
    b.load(engine, source, region_code="23")
    first = stored(engine)
    b.load(engine, source, region_code="23")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Boundary)) == 4
    assert stored(engine) == first
    assert sorted(first) == ["03601000", ANAPA, KLYUCH, "07601000"]
    assert [f["id"] for f in b.feature_collection(engine, "26")["features"]] == ["07601000"]


def test_matches_by_oktmo_and_reprojects(region_23, tmp_path):
    geopandas = pytest.importorskip("geopandas")
    # OKTMO stored as a number loses its leading zero; the name matches nothing.
    frame = geopandas.GeoDataFrame(
        {"name": ["Что-то другое"], "OKTMO": [3601000]},
        geometry=[shapely.box(38, 45, 39, 46)], crs=4326).to_crs(3857)
    source = tmp_path / "mercator.geojson"
    frame.to_file(source, driver="GeoJSON", engine="pyogrio")

    report = b.load(region_23, source, region_code="23")

    assert report.matched == 1 and report.unmatched_features == []
    geometry = shape(json.loads(stored(region_23)[ABINSKY]))
    assert geometry.bounds == pytest.approx((38, 45, 39, 46), abs=1e-5)  # degrees again


@pytest.mark.parametrize("make_file, words", [
    (lambda d: d / "нет-такого.geojson", "не найден"),
    (lambda d: _text(d / "notes.geojson", "это просто текст, а не границы\n"),
     "Не удалось прочитать"),
    (lambda d: write_geojson(d / "atlantis.geojson", [
        feature("Атлантида", [(0, 0), (1, 0), (1, 1), (0, 1)])]), "Ни один объект"),
    (lambda d: _text(d / "noname.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"area": 1},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]})),
     "ни кода ОКТМО, ни названия"),
    (lambda d: _text(d / "points.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": "Абинский район"},
         "geometry": {"type": "Point", "coordinates": [38.5, 45.5]}}]})),
     "нет ни одного полигона"),
])
def test_bad_file_raises_and_keeps_stored_boundaries(region_23, tmp_path, make_file, words):
    engine = region_23
    b.load(engine, build_fixture(tmp_path), region_code="23")
    before = stored(engine)

    with pytest.raises(b.BoundaryError) as error:
        b.load(engine, make_file(tmp_path), region_code="23")

    assert words in str(error.value)
    assert stored(engine) == before


def test_unknown_region_raises(engine, tmp_path):
    with pytest.raises(b.BoundaryError, match="Субъекта с кодом 99 нет в базе данных: создайте "
                                              "его командой python -m data_access add-region 99"):
        b.load(engine, build_fixture(tmp_path), region_code="99")


def _text(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def geo_dir() -> Path:
    configured = os.environ.get("NOK_GEO_DIR")
    return Path(configured) if configured else (
        Path(__file__).resolve().parents[2].parent / "shared" / "geo")


def test_real_krasnodar_file(engine):
    source = geo_dir() / "krasnodar-municipalities.geojson"
    if not source.is_file():
        pytest.skip(f"no boundary file at {source} (set NOK_GEO_DIR)")
    from data_access.reference.krasnodar import MUNICIPALITIES
    add_region(engine, "23", "Краснодарский край",
               [(m.oktmo, m.name, m.kind) for m in MUNICIPALITIES])

    started = time.perf_counter()
    report = b.load(engine, source, region_code="23")
    elapsed = time.perf_counter() - started
    print(f"\nKrasnodar: {elapsed:.2f} s, {report.stored_bytes / 1024:.0f} KB stored")

    assert report.matched == 44 == len(MUNICIPALITIES)
    assert report.unmatched_features == [] and report.missing_municipalities == []
    assert 100_000 < report.stored_bytes < 400_000
    collection = b.feature_collection(engine, "23")
    assert len(collection["features"]) == 44
    shapes = [shape(f["geometry"]) for f in collection["features"]]
    assert all(s.is_valid for s in shapes)
    assert shapely.coverage_is_valid(shapes)  # no slivers or overlaps between neighbours
    assert all(not p.exterior.is_ccw for s in shapes for p in shapely.get_parts(s))


def test_real_stavropol_file(engine):
    """34 features, 33 municipalities: the town of Георгиевск and Георгиевский district are
    one okrug since 2017 and become one shape."""
    source = geo_dir() / "stavropol-municipalities.geojson"
    if not source.is_file():
        pytest.skip(f"no boundary file at {source} (set NOK_GEO_DIR)")
    from data_access.reference.stavropol import MUNICIPALITIES
    add_region(engine, "26", "Ставропольский край",
               [(m.oktmo, m.name, m.kind) for m in MUNICIPALITIES])

    report = b.load(engine, source, region_code="26")

    assert (report.features, report.matched) == (34, 33)
    assert report.unmatched_features == [] and report.missing_municipalities == []
    collection = b.feature_collection(engine, "26")
    by_name = {f["properties"]["name"]: shape(f["geometry"]) for f in collection["features"]}
    assert len(by_name) == 33
    town = next(f for f in json.loads(source.read_text(encoding="utf-8"))["features"]
                if f["properties"]["district"].strip() == "Георгиевск")
    georgievsky = by_name["Георгиевский муниципальный округ"]
    assert georgievsky.contains(shape(town["geometry"]).representative_point())
    assert len(shapely.get_parts(georgievsky)) == 1  # dissolved: no border left inside
    shapes = list(by_name.values())
    assert all(s.is_valid for s in shapes)
    assert shapely.coverage_is_valid(shapes)
    assert all(not p.exterior.is_ccw for s in shapes for p in shapely.get_parts(s))


def test_aliases_belong_to_their_region(engine, tmp_path):
    """«Георгиевск» is Stavropol's alias; in region 23 it stays an unmatched feature."""
    add_region(engine, "23", "Краснодарский край", MUNICIPALITIES_23)
    add_region(engine, "26", "Ставропольский край",
               [("07615000", "Георгиевский муниципальный округ", "municipal_okrug")])
    path = write_geojson(tmp_path / "g.geojson", [
        feature("Георгиевск", [(43, 44), (44, 44), (44, 45), (43, 45)]),
        feature("Абинский район", [(38, 45), (39, 45), (39, 46), (38, 46)])])
    report_23 = b.load(engine, path, region_code="23")
    assert report_23.unmatched_features == ["Георгиевск"]
    report_26 = b.load(engine, path, region_code="26")
    assert (report_26.matched, report_26.unmatched_features) == (1, ["Абинский район"])


def test_seed_demo_boundaries_option(engine, tmp_path, monkeypatch, capsys):
    """`--boundaries 26=FILE` names the subject, a bare FILE is 23's; with --if-empty on a
    filled database only the subjects without boundaries get theirs, and a subject not in
    the database is skipped with a note."""
    from data_access import __main__ as cli
    from data_access import db
    assert cli._boundaries("26=a/b.geojson") == ("26", Path("a/b.geojson"))
    assert cli._boundaries("a/b.geojson") == ("23", Path("a/b.geojson"))
    assert cli._boundaries("c:=x.geojson") == ("23", Path("c:=x.geojson"))
    add_region(engine, "23", "Краснодарский край", MUNICIPALITIES_23)
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    source = build_fixture(tmp_path)

    args = ["seed-demo", "--if-empty", "--boundaries", str(source),
            "--boundaries", f"26={source}"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "заполнение пропущено" in out
    assert "Субъекта с кодом 26 нет в базе" in out
    assert "Границы загружены" in out and b.has_boundaries(engine, "23")

    assert cli.main(args) == 0  # boundaries there: nothing loaded again
    assert "Границы загружены" not in capsys.readouterr().out
