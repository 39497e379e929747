"""Reference lists of the two demonstration regions: what a person can check against the
municipal register (33 formations of Stavropol Krai since 2017, 44 of Krasnodar Krai)."""
from __future__ import annotations

from data_access import demo_names
from data_access.reference import krasnodar, russia, stavropol

KINDS = {"urban_okrug", "municipal_district", "municipal_okrug"}


def test_stavropol_has_33_formations_7_of_them_cities():
    refs = stavropol.MUNICIPALITIES
    assert len(refs) == len({r.name for r in refs}) == 33
    assert sorted(r.name for r in refs if r.kind == "urban_okrug") == [
        "Ессентуки", "Железноводск", "Кисловодск", "Лермонтов", "Невинномысск", "Пятигорск",
        "Ставрополь"]
    assert all(r.kind == "municipal_okrug" and r.name.endswith(" муниципальный округ")
               for r in refs if r.kind != "urban_okrug")
    # Георгиевск is part of Георгиевский okrug since 2017, not a formation of its own
    assert "Георгиевск" not in {r.name for r in refs}
    assert "Георгиевский муниципальный округ" in {r.name for r in refs}


def test_oktmo_codes_are_unique_8_digit_codes_of_the_region():
    for module, prefix in ((stavropol, "07"), (krasnodar, "03")):
        codes = [r.oktmo for r in module.MUNICIPALITIES]
        assert len(codes) == len(set(codes))
        assert all(len(c) == 8 and c.isdigit() and c.startswith(prefix) for c in codes)
        assert all(r.kind in KINDS for r in module.MUNICIPALITIES)
    assert stavropol.MUNICIPALITIES[0].oktmo == "07701000"  # Ставрополь
    # cities in the 7xx series, the former districts in the 6xx one
    assert all(r.oktmo[2] == ("7" if r.kind == "urban_okrug" else "6")
               for r in stavropol.MUNICIPALITIES)


def test_population_adds_up_to_about_the_krai():
    total = sum(r.population for r in stavropol.MUNICIPALITIES)
    assert abs(total - russia.BY_CODE["26"].population * 1000) < 0.05 * total
    assert max(stavropol.MUNICIPALITIES, key=lambda r: r.population).name == "Ставрополь"
    assert all(43.5 < r.lat < 46.5 and 40.5 < r.lon < 46 for r in stavropol.MUNICIPALITIES)


def test_every_municipality_has_settlements_the_centre_first():
    names = {r.name for r in stavropol.MUNICIPALITIES}
    assert set(demo_names.STAVROPOL_SETTLEMENTS) == names
    assert demo_names.STAVROPOL_SETTLEMENTS["Георгиевский муниципальный округ"][0] == (
        "г. Георгиевск")
    assert demo_names.STAVROPOL_SETTLEMENTS["Петровский муниципальный округ"][0] == (
        "г. Светлоград")


def test_the_2017_schedule_of_seed_001():
    items = stavropol.SCHEDULE_2017
    assert len(items) == 7
    assert [i.deadline.isoformat() for i in items] == [
        "2017-03-14", "2017-03-22", "2017-04-14", "2017-04-14", "2017-08-28", "2017-09-28",
        "2017-12-01"]
    assert {i.responsible for i in items} == {stavropol.SCHEDULE_2017_EXECUTORS}
    assert all(len(i.title) <= 500 and len(i.result) <= 300 for i in items)  # the columns


def test_stavropol_tiles_place_every_municipality_once():
    from data_access.reference import stavropol_tiles as t
    assert set(t.TILES) == {r.oktmo for r in stavropol.MUNICIPALITIES}
    assert len(set(t.TILES.values())) == len(t.TILES)
    assert all(0 <= c < t.COLUMNS and 0 <= r < t.ROWS for c, r in t.TILES.values())
    assert set(t.LABELS) <= set(t.TILES)
    # north is up: Красногвардейский (north-west) above Ставрополь above Кисловодск (south)
    rows = {r.name: t.TILES[r.oktmo][1] for r in stavropol.MUNICIPALITIES}
    assert rows["Красногвардейский муниципальный округ"] < rows["Ставрополь"] < rows["Кисловодск"]
