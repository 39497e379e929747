"""Krasnodar Krai top-level municipal formations (reference data for demo and matching)."""
from typing import NamedTuple


class MunicipalityRef(NamedTuple):
    oktmo: str
    name: str          # display name, Russian
    kind: str          # urban_okrug | municipal_district | municipal_okrug
    population: int
    lat: float
    lon: float


REGION_NAME = "Краснодарский край"
REGION_CODE = "23"

# Notes on the data (English; the data itself is Russian):
# - OKTMO: 8-digit code of the top-level formation. For districts the code's last
#   three digits repeat the old OKATO district code (03 2xx -> 03 6xx); this held
#   for every district we could check. Codes marked "unverified" follow that rule
#   and the alphabetical order of the codes, but no public source confirmed them.
# - 2024 changes: Leningradsky, Primorsko-Akhtarsky and Tuapsinsky districts became
#   municipal okrugs (the transition ran until 1 Jan 2025), and Anapa was changed
#   from an urban okrug to a municipal okrug (regional law of 30 May 2024).
#   Rosstat normally gives new municipal okrugs a code in the 035xx000 series. We
#   could not find those new codes, so these four keep their old, well-known codes
#   (036xx000 / 03703000). Older statistics are published under those codes.
#   Replace them if a current OKTMO extract shows new ones.
# - Population: approximate (2021 census / recent estimates, rounded), for demo use.
# - lat/lon: approximate centre of the territory (2 decimals), from general geography.
#   They are NOT derived from the OSM boundary file, whose licence forbids committing
#   derived data.
MUNICIPALITIES: tuple[MunicipalityRef, ...] = (
    # Urban okrugs (городские округа); Anapa is a municipal okrug since 2024, see above.
    MunicipalityRef("03701000", "Краснодар", "urban_okrug", 1_121_000, 45.07, 39.00),
    MunicipalityRef("03703000", "Анапа", "municipal_okrug", 212_000, 44.95, 37.40),  # urban okrug until 2024; old code kept
    MunicipalityRef("03705000", "Армавир", "urban_okrug", 223_000, 45.00, 41.12),
    MunicipalityRef("03708000", "Геленджик", "urban_okrug", 115_000, 44.55, 38.15),
    MunicipalityRef("03709000", "Горячий Ключ", "urban_okrug", 67_000, 44.58, 39.10),
    MunicipalityRef("03720000", "Новороссийск", "urban_okrug", 341_000, 44.75, 37.70),
    MunicipalityRef("03726000", "Сочи", "urban_okrug", 532_000, 43.75, 39.85),
    # Municipal districts (муниципальные районы) and the three 2024 municipal okrugs.
    MunicipalityRef("03601000", "Абинский район", "municipal_district", 95_000, 44.80, 38.20),
    MunicipalityRef("03605000", "Апшеронский район", "municipal_district", 91_000, 44.35, 39.75),
    MunicipalityRef("03607000", "Белоглинский район", "municipal_district", 29_000, 46.10, 40.85),
    MunicipalityRef("03608000", "Белореченский район", "municipal_district", 104_000, 44.75, 39.85),
    MunicipalityRef("03610000", "Брюховецкий район", "municipal_district", 50_000, 45.85, 38.95),  # OKTMO unverified (03609-03611 possible)
    MunicipalityRef("03612000", "Выселковский район", "municipal_district", 58_000, 45.60, 39.60),
    MunicipalityRef("03613000", "Гулькевичский район", "municipal_district", 96_000, 45.35, 40.65),
    MunicipalityRef("03614000", "Динской район", "municipal_district", 158_000, 45.25, 39.20),
    MunicipalityRef("03616000", "Ейский район", "municipal_district", 130_000, 46.55, 38.40),
    MunicipalityRef("03618000", "Кавказский район", "municipal_district", 114_000, 45.40, 40.55),
    MunicipalityRef("03619000", "Калининский район", "municipal_district", 50_000, 45.50, 38.60),  # OKTMO unverified
    MunicipalityRef("03620000", "Каневской район", "municipal_district", 98_000, 46.10, 38.90),  # OKTMO unverified
    MunicipalityRef("03621000", "Кореновский район", "municipal_district", 86_000, 45.45, 39.40),
    MunicipalityRef("03623000", "Красноармейский район", "municipal_district", 100_000, 45.35, 38.30),
    MunicipalityRef("03624000", "Крыловский район", "municipal_district", 34_000, 46.30, 39.95),
    MunicipalityRef("03625000", "Крымский район", "municipal_district", 125_000, 44.90, 38.00),
    MunicipalityRef("03627000", "Курганинский район", "municipal_district", 100_000, 44.90, 40.55),
    MunicipalityRef("03628000", "Кущевский район", "municipal_district", 65_000, 46.55, 39.70),
    MunicipalityRef("03630000", "Лабинский район", "municipal_district", 96_000, 44.55, 40.90),
    MunicipalityRef("03632000", "Ленинградский муниципальный округ", "municipal_okrug", 63_000, 46.30, 39.35),  # district until 2024; old code kept
    MunicipalityRef("03633000", "Мостовский район", "municipal_district", 66_000, 44.15, 40.65),  # OKTMO unverified
    MunicipalityRef("03634000", "Новокубанский район", "municipal_district", 84_000, 45.05, 41.00),
    MunicipalityRef("03635000", "Новопокровский район", "municipal_district", 42_000, 45.95, 40.65),
    MunicipalityRef("03637000", "Отрадненский район", "municipal_district", 57_000, 44.20, 41.35),
    MunicipalityRef("03639000", "Павловский район", "municipal_district", 63_000, 46.10, 39.75),
    MunicipalityRef("03641000", "Приморско-Ахтарский муниципальный округ", "municipal_okrug", 56_000, 46.00, 38.25),  # district until 2024; old code kept
    MunicipalityRef("03643000", "Северский район", "municipal_district", 135_000, 44.75, 38.60),
    MunicipalityRef("03645000", "Славянский район", "municipal_district", 125_000, 45.30, 37.95),
    MunicipalityRef("03647000", "Староминский район", "municipal_district", 37_000, 46.50, 39.05),
    MunicipalityRef("03649000", "Тбилисский район", "municipal_district", 47_000, 45.35, 40.20),
    MunicipalityRef("03651000", "Темрюкский район", "municipal_district", 120_000, 45.25, 37.35),
    MunicipalityRef("03653000", "Тимашевский район", "municipal_district", 111_000, 45.65, 38.95),
    MunicipalityRef("03654000", "Тихорецкий район", "municipal_district", 112_000, 45.85, 40.15),
    MunicipalityRef("03655000", "Туапсинский муниципальный округ", "municipal_okrug", 124_000, 44.20, 39.05),  # district until 2024; old code kept
    MunicipalityRef("03656000", "Успенский район", "municipal_district", 42_000, 44.85, 41.30),  # OKTMO unverified
    MunicipalityRef("03657000", "Усть-Лабинский район", "municipal_district", 109_000, 45.20, 39.70),
    MunicipalityRef("03659000", "Щербиновский район", "municipal_district", 34_000, 46.55, 38.70),
)

# OSM boundary-file names (property `district`, OSM October 2020) that do not
# reduce to one of our display names after lowercasing and dropping the words
# «район», «город», «муниципальный округ», «городской округ».
OSM_ALIASES: dict[str, str] = {
    "Ключ": "Горячий Ключ",  # name is cut short in the source file
}
