"""The boundaries shipped in data_access/reference/geo: small, complete, what the loaders make
of the raw files, loaded by `seed-demo` when no file is named, replaced by a file that is."""
from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import insert, select

from data_access import __main__ as cli
from data_access import boundaries, db, federal_queries, shipped_boundaries as shipped
from data_access.models import Boundary, Municipality, Region
from data_access.reference import krasnodar, russia, stavropol
from tests.data.test_boundaries import add_region, build_fixture, geo_dir

KB = 1024


def _collection(name: str) -> dict:
    return json.loads((shipped.GEO_DIR / name).read_text(encoding="utf-8"))


def test_shipped_files_are_small_and_licensed():
    sizes = {p.name: p.stat().st_size for p in shipped.GEO_DIR.glob("*.geojson")}
    assert set(sizes) == {"krasnodar-municipalities.geojson",
                          "stavropol-municipalities.geojson", "russia-subjects.geojson"}
    assert all(size < 500 * KB for size in sizes.values())
    assert sum(sizes.values()) < 700 * KB
    notice = (shipped.GEO_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "© участники OpenStreetMap" in notice and "Natural Earth" in notice
    assert "odbl/1-0" in (shipped.GEO_DIR / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("reference", [krasnodar, stavropol], ids=["23", "26"])
def test_every_municipality_has_a_clockwise_shape_sharing_its_borders(reference):
    collection = _collection(shipped.REGIONS[reference.REGION_CODE][1])
    by_oktmo = {f["properties"]["oktmo"]: f for f in collection["features"]}
    assert set(by_oktmo) == {m.oktmo for m in reference.MUNICIPALITIES}
    assert {f["properties"]["name"] for f in collection["features"]} == {
        m.name for m in reference.MUNICIPALITIES}
    shapes = [shape(f["geometry"]) for f in collection["features"]]
    assert all(s.is_valid and not s.is_empty for s in shapes)
    assert shapely.coverage_is_valid(shapes)
    assert all(not p.exterior.is_ccw for s in shapes for p in shapely.get_parts(s))


def test_subjects_file_outlines_the_country():
    """85 subjects (Natural Earth lacks the four of 2022); Moscow is the city inside the
    oblast; Chukotka is one piece at the map's east edge."""
    collection = _collection(shipped.SUBJECTS_FILE)
    shapes = {f["properties"]["subject_code"]: shape(f["geometry"])
              for f in collection["features"]}
    assert len(shapes) == 85
    assert set(russia.BY_CODE) - set(shapes) == {"90", "93", "94", "95"}
    assert shapes["77"].area < shapes["50"].area / 10
    assert shapes["50"].convex_hull.contains(shapes["77"].centroid)
    west, _, east, _ = shapes["87"].bounds
    assert 155 < west and 185 < east < 195
    assert shapely.coverage_is_valid(list(shapes.values()))


def test_shipped_files_are_what_the_loaders_make_of_the_raw_files(tmp_path):
    source = geo_dir()
    if not (source / shipped.SUBJECTS_FILE).is_file():
        pytest.skip(f"no raw boundary files at {source} (set NOK_GEO_DIR)")
    shipped.build(source, tmp_path)
    for path in shipped.GEO_DIR.glob("*.geojson"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def _sources(engine) -> dict[str, set[str]]:
    with engine.connect() as c:
        rows = c.execute(select(Region.code, Boundary.source)
                         .join(Municipality, Municipality.region_id == Region.id)
                         .join(Boundary, Boundary.municipality_id == Municipality.id)).all()
    out: dict[str, set[str]] = {}
    for code, source in rows:
        out.setdefault(code, set()).add(source)
    return out


def test_seed_demo_loads_the_shipped_boundaries_and_a_named_file_replaces_them(
        engine, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    assert cli.main(["seed-demo", "--scale", "0.02", "--as-of", "2026-11-23"]) == 0
    assert "Границы субъектов загружены" in capsys.readouterr().out
    assert boundaries.has_boundaries(engine, "23") and boundaries.has_boundaries(engine, "26")
    krai = boundaries.feature_collection(engine, "23")
    assert len(krai["features"]) == 44  # not thinned again: the shipped shapes as they are
    shipped_shapes = {f["id"]: shape(f["geometry"])
                      for f in _collection("krasnodar-municipalities.geojson")["features"]}
    assert all(shapely.equals_exact(shapely.normalize(shape(f["geometry"])),
                                    shapely.normalize(shipped_shapes[f["id"]]), 1e-9)
               for f in krai["features"])
    assert {f["id"] for f in federal_queries.geometry(engine)["features"]} == {"23", "26"}

    # a user's file, named, replaces the shipped one of its subject only
    source = build_fixture(tmp_path)
    assert cli.main(["load-boundaries", str(source), "--region", "23"]) == 0
    assert _sources(engine) == {"23": {source.name},
                                "26": {"stavropol-municipalities.geojson"}}


def test_the_country_is_outlined_with_the_stored_subjects_in_their_own_shape(engine):
    """Stored polygons win; every other subject comes from the shipped outline."""
    from data_access import subject_boundaries
    from tests.data.test_federal import FIXTURE
    with engine.begin() as c:
        c.execute(insert(Region), [dict(id=1, code="23", name="Краснодарский край")])
    subject_boundaries.load(engine, FIXTURE, tolerance=0.001)
    features = {f["id"]: f for f in federal_queries.country_geometry(engine)["features"]}
    assert len(features) == 85
    assert shape(features["23"]["geometry"]).bounds == (37, 44, 41, 47)  # the fixture's square
    assert features["26"]["properties"]["name"] == "Ставропольский край"
