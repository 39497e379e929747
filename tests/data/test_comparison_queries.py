"""Funnel limits and peers on the hand-counted region of conftest.py.

2024 totals (respondents): Город А — Школа № 1 89 (120), Школа № 2 78 (80); Район Б —
Библиотека 78 (60), Больница 93 (200). The region: mean 84.5, squared deviations
20.25 + 42.25 + 42.25 + 72.25 = 177, sample variance 59, sd = √59 = 7.68115.
"""
import math

import pandas as pd
import pytest

from data_access import comparison_queries as cq
from data_access.filters import Filters

F = Filters(region="23", year=2024)
CITY = F.replace(municipality="03701000")
DISTRICT = F.replace(municipality="03601000")


def test_region_spread_in_sql(small):
    s = cq.region_spread(CITY, small)  # the municipality filter is not the region's
    assert s["n"] == 4 and s["total"] == pytest.approx(84.5)
    assert cq.funnel(s).sigma == pytest.approx(math.sqrt(59))
    assert s["inverse_respondents"] == pytest.approx((1 / 120 + 1 / 80 + 1 / 60 + 1 / 200) / 4)


def test_municipality_funnel_limits_by_hand(small):
    df = cq.municipality_funnel(F, small).set_index("municipality")
    city = df.loc["03701000"]
    # n = 2: se = 7.68115 / √2 = 5.43139; 1.96·se = 10.64552, 3.09·se = 16.78300
    assert (city["n"], city["total"], city["target"]) == (2, pytest.approx(83.5), 84.5)
    assert [city[c] for c in cq.LIMIT_COLUMNS] == pytest.approx(
        [67.71700, 73.85448, 95.14552, 101.28300], abs=1e-4)
    assert city["standing"] == "within"
    assert city["standing_label"] == "в пределах случайных колебаний"
    assert set(df["standing_k3"]) == {"within"}


def test_municipality_funnel_follows_the_sector(small):
    df = cq.municipality_funnel(CITY.replace(sector="education"), small)
    # only Город А has education assessed in 2024: 89 and 78, sd = √60.5
    assert list(df["municipality"]) == ["03701000"]
    assert df["target"].iloc[0] == pytest.approx(83.5)
    assert df["sigma"].iloc[0] == pytest.approx(math.sqrt(60.5))
    assert cq.municipality_standing(CITY.replace(sector="education"), small) == "within"


def test_one_organization_cannot_be_judged(small):
    df = cq.municipality_funnel(F.replace(sector="health"), small)
    assert df["standing"].isna().all() and df["lower95"].isna().all()
    assert cq.municipality_funnel(F.replace(year=2019), small).empty


def test_organization_funnel_by_respondents(small):
    df = cq.organization_funnel(DISTRICT, small).set_index("name")
    assert list(df.index) == ["Библиотека", "Больница"]
    # tau² = 59 − 1309.75 · 0.010625 = 45.08391; at 60 respondents
    # se² = 45.08391 + 1309.75 / 60 = 66.91307, se = 8.18004, 1.96·se = 16.03288
    lib = df.loc["Библиотека"]
    assert lib["tau"] == pytest.approx(math.sqrt(45.08391), abs=1e-5)
    assert (lib["lower95"], lib["upper95"]) == pytest.approx(
        (84.5 - 16.03288, 84.5 + 16.03288), abs=1e-4)
    assert set(df["standing"]) == {"within"}


def test_choose_peers_by_kind_and_log_population():
    munis = pd.DataFrame([
        ("1", "Город А", "urban_okrug", 100_000, 50), ("2", "Город Б", "urban_okrug", 1_000_000, 90),
        ("3", "Город В", "urban_okrug", 130_000, 40),
        ("4", "Район Г", "municipal_district", 50_000, 30),
        ("5", "Округ Д", "municipal_okrug", 60_000, 20),
        ("6", "Район Е", "municipal_district", 20_000, 10),
        ("7", "Район Ж", "municipal_district", None, 28)],
        columns=["oktmo", "name", "kind", "population", "organizations"])
    assert cq.choose_peers(munis, "1", 5) == ["3", "2"]  # cities only, the nearer first
    # |ln 60000 − ln 50000| = 0.18, |ln 20000 − ln 50000| = 0.92; Ж by 28 organizations:
    # |ln 28 − ln 50000| = 7.5 (no population: the farthest)
    assert cq.choose_peers(munis, "4", 2) == ["5", "6"]
    assert cq.choose_peers(munis, "4", 5) == ["5", "6", "7"]
    assert cq.choose_peers(munis, "99", 5) == []


def test_peers_and_their_comparison(small):
    assert cq.peers(CITY, engine=small) == []  # the only urban okrug
    df = cq.peer_comparison(CITY, ["03601000", "03701000", "nonsense"], small)
    assert list(df["name"]) == ["Город А", "Район Б", cq.PEER_MEAN]
    city, district, mean = df.to_dict("records")
    assert (city["n"], city["total"], city["organizations"], city["covered"]) == (
        2, pytest.approx(83.5), 2, 2)
    assert city["coverage"] == pytest.approx(100) and city["standing"] == "within"
    # Район Б: 2 of 3 organizations assessed in 2022–2024 (Школа № 3 never)
    assert (district["total"], district["coverage"]) == (pytest.approx(85.5),
                                                        pytest.approx(200 / 3))
    assert mean["is_mean"] and mean["total"] == pytest.approx(85.5)
    assert (mean["organizations"], mean["covered"]) == (3, 2)


def test_map_measures_carry_the_standings(small):
    from data_access import map_queries
    df = map_queries.municipality_measures(CITY, small).set_index("oktmo")
    assert df.loc["03701000", "standing_total"] == "within"
    assert df.loc["03601000", "standing_label"] == "в пределах случайных колебаний"
    assert df.loc["03601000", "standing_k3"] == "within"
