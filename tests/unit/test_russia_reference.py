"""ISO 3166-2 codes of the 89 subjects and Natural Earth's defects: codes a person can check
against the standard, and — when the boundary file is at hand — proof that every feature of
Natural Earth's admin-1, once the documented fixes are applied, lands on the subject it names."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from data_access.reference import russia

TYPE_WORDS = {"республика", "край", "область", "автономный", "автономная", "округ", "народная"}
NEW_SUBJECTS = {"90", "93", "94", "95"}  # no polygon of their own in Natural Earth's file


def test_every_subject_has_its_own_iso_code():
    codes = russia.ISO_3166_2
    assert set(codes) == set(russia.BY_CODE)
    assert len(set(codes.values())) == len(codes) == 89
    assert all(re.fullmatch(r"(RU|UA)-[A-Z0-9]{2,3}", iso) for iso in codes.values())
    # the pairs Natural Earth gets wrong, by the standard
    assert codes["77"] == "RU-MOW" and codes["50"] == "RU-MOS"
    assert codes["22"] == "RU-ALT" and codes["04"] == "RU-AL"
    assert codes["91"] == "UA-43" and codes["92"] == "UA-40"
    assert {codes[c] for c in NEW_SUBJECTS} == {"UA-23", "UA-14", "UA-09", "UA-65"}


def test_fixes_point_at_known_codes():
    known = set(russia.ISO_3166_2.values())
    assert set(russia.NE_ISO_SWAPS.values()) <= known and set(russia.NE_MERGE.values()) <= known
    # a swap applied twice is no swap
    assert all(russia.NE_ISO_SWAPS[russia.NE_ISO_SWAPS[k]] == k for k in russia.NE_ISO_SWAPS)


def subject_of(iso: str) -> str | None:
    iso = russia.NE_MERGE.get(iso, iso)
    iso = russia.NE_ISO_SWAPS.get(iso, iso)
    return {v: k for k, v in russia.ISO_3166_2.items()}.get(iso)


def words(name: str) -> tuple[set[str], set[str]]:
    """(name words, type words) of a name, lower case, «ё» as «е», dashes and brackets gone."""
    parts = set(re.sub(r"[—–\-()]", " ", name.lower().replace("ё", "е")).split())
    return parts - TYPE_WORDS, parts & TYPE_WORDS


def prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def likeness(file_name: str, subject_name: str) -> int:
    """How well a loose name («Чечня», «Якутия») fits a subject's full name: the common
    prefixes of its words (3 letters at least), less 2 for each word of the subject left
    unmatched, plus 1 if the kind (republic, krai, oblast, okrug) agrees."""
    fw, ft = words(file_name)
    sw, st = words(subject_name)
    score = 0
    for s in sw:
        best = max((prefix(s, f) if prefix(s, f) >= 3 or s == f else 0 for f in fw), default=0)
        score += best if best else -2
    return score + (1 if ft & st else 0)


def test_likeness_tells_look_alike_names_apart():
    def best(name):
        return max(russia.SUBJECTS, key=lambda s: likeness(name, s.name)).code
    assert best("Чечня") == "20" and best("Якутия") == "14" and best("Марий Эл") == "12"
    assert best("Ненецкий автономный округ") == "83"
    assert best("Ямало-Ненецкий автономный округ") == "89"
    assert best("Москва") == "77" and best("Московская область") == "50"
    assert best("Республика Алтай") == "04" and best("Алтайский край") == "22"


def geo_file() -> Path:
    configured = os.environ.get("NOK_GEO_DIR")
    folder = Path(configured) if configured else (
        Path(__file__).resolve().parents[2].parent / "shared" / "geo")
    return folder / "russia-subjects.geojson"


def test_natural_earth_features_land_on_the_subjects_they_name():
    source = geo_file()
    if not source.is_file():
        pytest.skip(f"no boundary file at {source} (set NOK_GEO_DIR)")
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    by_iso = {f["properties"]["iso_3166_2"]: f for f in features}
    subject_names = {s.code: s.name for s in russia.SUBJECTS}

    landed = {}
    for iso, feature in by_iso.items():
        code = subject_of(iso)
        assert code is not None, iso
        landed.setdefault(code, []).append(iso)
        name = feature["properties"]["name_ru"]
        if iso in russia.NE_MERGE:
            assert name is None  # the unnamed sliver
            continue
        if iso in russia.NE_WRONG_NAMES:
            assert name == russia.NE_WRONG_NAMES[iso]
            continue
        scores = {c: likeness(name, n) for c, n in subject_names.items()}
        best = max(scores.values())
        assert [c for c, s in scores.items() if s == best] == [code], (iso, name, code)

    # every subject but the four admitted in 2022 has a polygon; only Yamal has two pieces
    assert set(subject_names) - set(landed) == NEW_SUBJECTS
    assert {c: sorted(isos) for c, isos in landed.items() if len(isos) > 1} == {
        "89": ["RU-X01~", "RU-YAN"]}

    # the swap: the file's RU-MOW is the large oblast around the small city coded RU-MOS
    oblast, city = (shape(by_iso[i]["geometry"]) for i in ("RU-MOW", "RU-MOS"))
    assert oblast.area > 10 * city.area and oblast.convex_hull.contains(city.centroid)
    # RU-ALT named «Республика Алтай» is the krai: larger, and north-west of the republic
    krai, republic = (shape(by_iso[i]["geometry"]) for i in ("RU-ALT", "RU-AL"))
    assert krai.area > republic.area
    assert krai.centroid.x < republic.centroid.x and krai.centroid.y > republic.centroid.y
    assert shapely.intersects(krai.buffer(0.05), republic)  # neighbours
