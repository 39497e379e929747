"""A subject that is not a demo region, from nothing: created from the reference, its
municipalities and organizations loaded with names as regions write them, then results as a
regional site publishes them. Kirov Oblast (43), figures checked by hand."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import boundaries, queries, regions
from data_access.filters import Filters
from data_access.imports import run_import
from data_access.models import (
    Assessment, Municipality, Organization, Region, RegionSector, Sector,
)
from tests.data.test_import import csv_bytes, inn

TODAY = dt.date(2026, 11, 23)
LIBRARY, SCHOOL, CENTRE = inn("431000001"), inn("431000002"), inn("431000003")

# The README's example files (docs/examples/kirov): invented organizations in the format a
# regional site prints, cp1251 with «;» and the decimal comma.
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "kirov"


def example(name: str) -> list[list[str]]:
    text = (EXAMPLES / name).read_bytes().decode("cp1251")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


MUNICIPALITIES = example("1_municipalities.csv")
ORGANIZATIONS = example("2_organizations.csv")
RESULTS = example("3_rating_2025.csv")
TOTALS = example("4_totals.csv")


def test_the_example_files_are_what_the_tests_load():
    assert [r[0] for r in MUNICIPALITIES[1:]] == ["33701000", "33615000", "33636000"]
    assert [r[1] for r in RESULTS[1:]] == [LIBRARY, SCHOOL]
    assert RESULTS[1][-1] == "95,36" and TOTALS[1] == [CENTRE, "2025", "90,12"]


def imported(engine, kind, rows, name):
    result = run_import(kind, csv_bytes(rows, encoding="cp1251"), file_name=name,
                        engine=engine, region="43", today=TODAY, user="тест")
    assert result.status == "applied", [i.message() for i in result.issues]
    return result


@pytest.fixture
def kirov(engine):
    regions.add_region("43", engine=engine)
    return engine


def test_add_region_creates_the_subject_its_sectors_and_ministries(engine):
    added = regions.add_region("43", engine=engine)
    assert added.created and added.subject.iso == "RU-KIR"
    with Session(engine) as s:
        region = s.scalar(select(Region).where(Region.code == "43"))
        assert (region.name, region.kind, region.is_demo, region.data_as_of) == (
            "Кировская область", "oblast", False, None)
        assert len(s.scalars(select(Sector)).all()) == 4
        ministries = {r.sector: r.ministry for r in s.scalars(select(RegionSector))}
    assert ministries["culture"] == "Министерство культуры Кировской области"
    assert "Кировская область (код 43, ISO RU-KIR)" in added.summary()


def test_add_region_again_changes_only_the_ministries_named(kirov):
    again = regions.add_region("43", {"culture": "Министерство культуры и туризма "
                                                 "Кировской области"}, engine=kirov)
    assert not again.created
    assert again.ministries["culture"].startswith("Министерство культуры и туризма")
    assert again.ministries["health"] == "Министерство здравоохранения Кировской области"
    with Session(kirov) as s:
        assert len(s.scalars(select(Region)).all()) == 1


def test_a_federal_city_gets_departments(engine):
    added = regions.add_region("77", engine=engine)
    assert added.ministries["education"] == "Департамент образования города Москвы"


def test_an_unknown_subject_code_is_refused_in_russian(engine):
    with pytest.raises(regions.RegionError, match="субъекта с кодом «00» нет среди 89"):
        regions.add_region("00", engine=engine)


def test_a_new_subject_from_nothing_to_its_pages(kirov):
    imported(kirov, "municipalities", MUNICIPALITIES, "мо.csv")
    imported(kirov, "organizations", ORGANIZATIONS, "организации.csv")
    results = imported(kirov, "assessments", RESULTS, "рейтинг_2025.csv")
    assert results.inserted == 2 and not results.discrepancies   # 95,36 against 95,4: rounding
    imported(kirov, "assessments", TOTALS, "итоги.csv")
    with Session(kirov) as s:
        region = s.scalar(select(Region).where(Region.code == "43"))
        assert region.data_as_of == TODAY            # the first applied import gave it
        places = {o.inn: o.municipality_id for o in s.scalars(select(Organization))}
        by_id = {m.id: m.name for m in s.scalars(select(Municipality))}
    assert by_id[places[SCHOOL]] == "Кирово-Чепецкий район"
    assert by_id[places[CENTRE]] == "Слободской район"
    f = Filters("43", 2025)
    head = queries.headline(f, kirov).loc[2025]
    assert head["assessed"] == 3
    assert head["mean_total"] == pytest.approx((95.36 + 86.30 + 90.12) / 3)   # 90,593…
    by_sector = queries.scores(f, engine=kirov).set_index("sector")
    assert by_sector.loc["culture", "total"] == pytest.approx(95.36)
    assert by_sector.loc["social", "k1_n"] == 0 and pd_missing(by_sector.loc["social", "k1"])
    assert queries.data_info("43", kirov)["data_as_of"] == TODAY


def pd_missing(value) -> bool:
    return value is None or value != value


def test_a_municipality_the_subject_has_not_lists_the_closest(kirov):
    imported(kirov, "municipalities", MUNICIPALITIES, "мо.csv")
    rows = [ORGANIZATIONS[0], [*ORGANIZATIONS[1][:3], "Кирово-Чепецк", *ORGANIZATIONS[1][4:]]]
    result = run_import("organizations", csv_bytes(rows), file_name="о.csv", engine=kirov,
                        region="43", today=TODAY)
    (issue,) = result.issues
    assert issue.expected == (
        "код ОКТМО или название муниципального образования субъекта «Кировская область» "
        "(такого нет в справочнике; ближайшие: «Кирово-Чепецкий район», «Город Киров»)")


def test_an_import_into_a_subject_not_created_says_how(engine):
    result = run_import("organizations", csv_bytes(ORGANIZATIONS), file_name="о.csv",
                        engine=engine, region="43", today=TODAY)
    assert "сначала создайте его (python -m data_access add-region 43" in \
        result.issues[0].expected


def test_municipalities_import_keeps_names_unique_and_codes_to_their_subject(kirov):
    regions.add_region("18", engine=kirov)
    result = run_import("municipalities", csv_bytes([
        MUNICIPALITIES[0], ["94701000", "Город Ижевск", "городской округ", ""]]),
        file_name="м.csv", engine=kirov, region="18", today=TODAY)
    assert result.status == "applied"
    result = run_import("municipalities", csv_bytes([
        MUNICIPALITIES[0], ["94701000", "Город Ижевск", "ГО", ""],
        ["33636000", "Слободской район", "район", ""]]),
        file_name="м.csv", engine=kirov, region="43", today=TODAY)
    (issue,) = result.issues
    assert issue.row == 2 and "такой код уже есть у другого субъекта" in issue.expected


def test_boundaries_create_the_municipalities_a_file_names(kirov, tmp_path):
    import json
    square = lambda x: {"type": "Polygon", "coordinates": [[[x, 58], [x, 59], [x + 1, 59],  # noqa: E731
                                                            [x + 1, 58], [x, 58]]]}
    path = tmp_path / "kirov.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Слободской район"}, "geometry": square(49)},
        {"type": "Feature", "properties": {"name": "город Киров"}, "geometry": square(50)}]}),
        encoding="utf-8")
    report = boundaries.load(kirov, path, region_code="43", create=True)
    assert report.created == ["Слободской район", "город Киров"] and report.matched == 2
    with Session(kirov) as s:
        made = {m.name: (m.oktmo, m.kind) for m in s.scalars(select(Municipality))}
    assert made == {"Слободской район": ("99430001", "municipal_district"),
                    "город Киров": ("99430002", "urban_okrug")}
    # the real codes replace the made-up ones by name
    imported(kirov, "municipalities", [MUNICIPALITIES[0], MUNICIPALITIES[3],
                                       ["33701000", "город Киров", "городской округ", ""]],
             "мо.csv")
    with Session(kirov) as s:
        codes = {m.name: m.oktmo for m in s.scalars(select(Municipality))}
    assert codes == {"Слободской район": "33636000", "город Киров": "33701000"}
    assert boundaries.has_boundaries(kirov, "43")


# ---------------------------------------------------------------- command line

def test_the_readme_steps_at_the_command_line(engine, tmp_path, monkeypatch, capsys):
    from data_access import __main__ as main, db
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    assert main.main(["add-region", "43", "--ministry",
                      "culture=Министерство культуры и туризма Кировской области"]) == 0
    out = capsys.readouterr().out
    assert "Субъект создан: Кировская область (код 43, ISO RU-KIR)." in out
    assert "Культура: Министерство культуры и туризма Кировской области" in out
    for kind, rows in (("municipalities", MUNICIPALITIES), ("organizations", ORGANIZATIONS),
                       ("assessments", RESULTS)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(csv_bytes(rows, encoding="cp1251"))
        assert main.main(["import", kind, str(path), "--region", "43"]) == 0, \
            capsys.readouterr().err
    assert "Загружено строк — 2: новых — 2" in capsys.readouterr().out
    assert main.main(["add-region", "4"]) == 0          # «4» is Altai Republic's «04»
    assert "Республика Алтай (код 04" in capsys.readouterr().out
    assert main.main(["add-region", "100"]) == 1
    assert "нет среди 89 субъектов" in capsys.readouterr().err


def test_a_locked_database_is_a_russian_message_not_a_traceback(tmp_path):
    import os
    import sqlite3
    import subprocess
    import sys
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "data_access"]
    assert subprocess.run([*command, "init-db"], env=env, capture_output=True).returncode == 0
    holder = sqlite3.connect(tmp_path / "locked.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = subprocess.run([*command, "add-region", "43"], env=env, capture_output=True,
                              text=True, timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 1
    assert done.stderr.startswith("Ошибка: база данных sqlite:///")
    assert "занята другим процессом" in done.stderr and "Traceback" not in done.stderr


def test_a_rating_without_inn_is_matched_by_the_organizations_names(kirov):
    imported(kirov, "municipalities", MUNICIPALITIES, "мо.csv")
    imported(kirov, "organizations", ORGANIZATIONS, "организации.csv")
    rows = [["Наименование организации", "Год", "Итоговый показатель"],
            # straight quotes and another case, as sites print them
            ['КОГБУК "Кировская областная научная библиотека им. А. И. Герцена"', 2025,
             "95,36"],
            ["мкоу сош п. Ключи", 2025, "86,30"]]
    result = imported(kirov, "assessments", rows, "рейтинг.csv")
    assert result.inserted == 2
    with Session(kirov) as s:
        totals = {o.inn: a.total for a, o in s.execute(
            select(Assessment, Organization).join(Organization))}
    assert totals == {LIBRARY: pytest.approx(95.36), SCHOOL: pytest.approx(86.3)}
    rows = [rows[0], ["КОГБУК Кировская библиотека", 2025, "95,36"],
            ["МКОУ СОШ п. Ключи", 2025, "86,30"], ["МКОУ СОШ п. Ключи", 2025, "86,30"]]
    result = run_import("assessments", csv_bytes(rows), file_name="р.csv", engine=kirov,
                        region="43", today=TODAY)
    first, second = result.issues
    assert first.row == 2 and "такого нет; ближайшие: «КОГБУК «Кировская областная" in \
        first.expected
    assert second.row == 4 and "уже была в строке 3" in second.expected


def test_organizations_name_their_sector_by_the_subjects_own_ministry(kirov):
    regions.add_region("43", {"social": "Министерство социального развития Кировской "
                                        "области"}, engine=kirov)
    imported(kirov, "municipalities", MUNICIPALITIES, "мо.csv")
    rows = [ORGANIZATIONS[0], [*ORGANIZATIONS[3][:2], "Министерство социального развития "
                               "Кировской области", *ORGANIZATIONS[3][3:]]]
    imported(kirov, "organizations", rows, "о.csv")
    with Session(kirov) as s:
        assert s.scalar(select(Organization.sector).where(Organization.inn == CENTRE)) == \
            "social"
