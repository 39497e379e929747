"""Stavropol Krai top-level municipal formations and its 2017 schedule of the independent
assessment (source document 001), reference data for the demo and for matching."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from data_access.reference.krasnodar import MunicipalityRef

REGION_NAME = "Ставропольский край"
REGION_CODE = "26"

# Notes on the data (English; the data itself is Russian):
# - 33 formations since 2017, when the town of Георгиевск and Георгиевский district were
#   merged into one okrug: 7 urban okrugs (the cities) and 26 former districts. Most districts
#   became municipal okrugs in 2020; the few that had become urban okrugs in 2015–2017
#   (Минераловодский, Георгиевский and others) are municipal okrugs under the 2019 federal
#   definition as well, so all 26 carry kind municipal_okrug here.
# - OKTMO: 8-digit code of the top-level formation, series 07 6xx for the former municipal
#   districts and 07 7xx for the cities. The district codes repeat the old OKATO district code
#   (07 2xx -> 07 6xx), as in Krasnodar Krai. Codes without a mark were seen in a public OKTMO
#   extract (or, for Кочубеевский, its OKATO code 07 228); codes marked "unverified" follow the
#   rule and the alphabetical order of the codes between the confirmed ones. The okrugs formed
#   since 2015 have new codes that we could not confirm (Rosstat gives municipal okrugs the
#   07 5xx series); like krasnodar.py we keep the old, well-known codes, under which older
#   statistics are published. Replace them if a current OKTMO extract shows new ones.
# - Population: approximate (2021 census / recent estimates, rounded), for demo use; the sum
#   is about the krai's 2.9 million.
# - lat/lon: approximate centre of the territory (2 decimals), from general geography, NOT
#   derived from the OSM boundary file (its licence forbids committing derived data).
MUNICIPALITIES: tuple[MunicipalityRef, ...] = (
    # Urban okrugs (городские округа): the cities.
    MunicipalityRef("07701000", "Ставрополь", "urban_okrug", 547_000, 45.04, 41.97),
    MunicipalityRef("07710000", "Ессентуки", "urban_okrug", 116_000, 44.04, 42.86),  # OKTMO unverified
    MunicipalityRef("07712000", "Железноводск", "urban_okrug", 45_000, 44.14, 43.02),  # OKTMO unverified
    MunicipalityRef("07715000", "Кисловодск", "urban_okrug", 129_000, 43.91, 42.72),  # OKTMO unverified
    MunicipalityRef("07718000", "Лермонтов", "urban_okrug", 25_000, 44.11, 42.97),  # OKTMO unverified
    MunicipalityRef("07724000", "Невинномысск", "urban_okrug", 115_000, 44.63, 41.94),  # OKTMO unverified
    MunicipalityRef("07727000", "Пятигорск", "urban_okrug", 216_000, 44.04, 43.07),  # OKTMO unverified
    # Municipal okrugs (муниципальные округа), the former districts; old district codes kept.
    MunicipalityRef("07602000", "Александровский муниципальный округ", "municipal_okrug", 46_000, 44.75, 43.10),
    MunicipalityRef("07604000", "Андроповский муниципальный округ", "municipal_okrug", 32_000, 44.60, 42.40),  # OKTMO unverified
    MunicipalityRef("07605000", "Апанасенковский муниципальный округ", "municipal_okrug", 30_000, 45.90, 43.40),
    MunicipalityRef("07607000", "Арзгирский муниципальный округ", "municipal_okrug", 23_000, 45.35, 44.15),  # OKTMO unverified
    MunicipalityRef("07610000", "Благодарненский муниципальный округ", "municipal_okrug", 54_000, 45.10, 43.40),  # OKTMO unverified
    MunicipalityRef("07612000", "Буденновский муниципальный округ", "municipal_okrug", 133_000, 44.80, 44.15),  # OKTMO unverified
    MunicipalityRef("07615000", "Георгиевский муниципальный округ", "municipal_okrug", 159_000, 44.15, 43.45),  # OKTMO unverified; with the town of Георгиевск since 2017
    MunicipalityRef("07616000", "Грачевский муниципальный округ", "municipal_okrug", 37_000, 45.10, 42.45),  # OKTMO unverified
    MunicipalityRef("07620000", "Изобильненский муниципальный округ", "municipal_okrug", 93_000, 45.30, 41.80),  # OKTMO unverified
    MunicipalityRef("07622000", "Ипатовский муниципальный округ", "municipal_okrug", 55_000, 45.70, 42.80),  # OKTMO unverified
    MunicipalityRef("07625000", "Кировский муниципальный округ", "municipal_okrug", 66_000, 43.95, 43.95),  # OKTMO unverified
    MunicipalityRef("07628000", "Кочубеевский муниципальный округ", "municipal_okrug", 75_000, 44.55, 41.75),
    MunicipalityRef("07630000", "Красногвардейский муниципальный округ", "municipal_okrug", 37_000, 45.85, 41.60),
    MunicipalityRef("07633000", "Курский муниципальный округ", "municipal_okrug", 52_000, 43.85, 44.70),  # OKTMO unverified
    MunicipalityRef("07635000", "Левокумский муниципальный округ", "municipal_okrug", 38_000, 44.80, 44.75),  # OKTMO unverified
    MunicipalityRef("07638000", "Минераловодский муниципальный округ", "municipal_okrug", 138_000, 44.25, 43.20),  # OKTMO unverified
    MunicipalityRef("07640000", "Нефтекумский муниципальный округ", "municipal_okrug", 63_000, 44.65, 45.30),  # OKTMO unverified
    MunicipalityRef("07641000", "Новоалександровский муниципальный округ", "municipal_okrug", 63_000, 45.50, 41.20),  # OKTMO unverified
    MunicipalityRef("07643000", "Новоселицкий муниципальный округ", "municipal_okrug", 25_000, 44.75, 43.45),  # OKTMO unverified
    MunicipalityRef("07646000", "Петровский муниципальный округ", "municipal_okrug", 70_000, 45.35, 42.85),  # OKTMO unverified
    MunicipalityRef("07648000", "Предгорный муниципальный округ", "municipal_okrug", 117_000, 43.95, 42.80),
    MunicipalityRef("07650000", "Советский муниципальный округ", "municipal_okrug", 60_000, 44.45, 43.85),
    MunicipalityRef("07652000", "Степновский муниципальный округ", "municipal_okrug", 22_000, 44.30, 44.50),  # OKTMO unverified
    MunicipalityRef("07654000", "Труновский муниципальный округ", "municipal_okrug", 34_000, 45.45, 42.20),  # OKTMO unverified
    MunicipalityRef("07656000", "Туркменский муниципальный округ", "municipal_okrug", 24_000, 45.50, 43.55),  # OKTMO unverified
    MunicipalityRef("07658000", "Шпаковский муниципальный округ", "municipal_okrug", 168_000, 45.15, 42.05),
)

# OSM boundary-file names (property `district`, OSM October 2020) that do not reduce to one
# of our display names after lowercasing, «ё» → «е» and dropping the kind words. The file
# still has the town of Георгиевск apart from Георгиевский district: both are the one okrug.
OSM_ALIASES: dict[str, str] = {
    "Георгиевск": "Георгиевский муниципальный округ",
}


class ScheduleItem(NamedTuple):
    """An item of a regional schedule of the independent assessment."""
    title: str
    result: str
    deadline: dt.date
    responsible: str


# Seed 001: «График проведения работы в Ставропольском крае по проведению независимой оценки
# качества … в 2017 году», approved by the deputy chair of the krai's government. The titles
# keep the order's wording, shortened to three lines of the timeline; the deadlines and the
# executors are as written. The executors' cell is one for all seven items; «моложенной» in
# the order is a typo for «молодёжной» and is corrected here.
SCHEDULE_2017_SOURCE = ("График проведения работы в Ставропольском крае по проведению "
                        "независимой оценки качества в 2017 году")
SCHEDULE_2017_EXECUTORS = (
    "минсоцзащиты края, министерство здравоохранения Ставропольского края, министерство "
    "образования и молодёжной политики Ставропольского края, министерство культуры края, "
    "министерство физической культуры и спорта Ставропольского края")
SCHEDULE_2017: tuple[ScheduleItem, ...] = tuple(
    ScheduleItem(title, result, deadline, SCHEDULE_2017_EXECUTORS)
    for title, result, deadline in (
        ("Утвердить плановые значения охвата организаций оценкой на 2017 год и направить их "
         "в минсоцзащиты края",
         "Плановые значения охвата на 2017 год по контрольным цифрам Минтруда России",
         dt.date(2017, 3, 14)),
        ("Подготовить предложения и замечания по работе сайта bus.gov.ru и направить их в "
         "минсоцзащиты края",
         "Предложения и замечания по работе bus.gov.ru", dt.date(2017, 3, 22)),
        ("Сформировать перечень организаций для независимой оценки в 2017 году, разместить "
         "его на bus.gov.ru",
         "Перечень организаций: за 2015–2017 годы оценены все", dt.date(2017, 4, 14)),
        ("Провести отбор организации-оператора, разместить информацию о нём на сайте "
         "bus.gov.ru",
         "Организация-оператор", dt.date(2017, 4, 14)),
        ("Провести оценку общественными советами, разместить её результаты (баллы) на сайте "
         "bus.gov.ru",
         "Баллы и предложения общественных советов на bus.gov.ru", dt.date(2017, 8, 28)),
        ("Рассмотреть результаты оценки, принять решения, разместить итоги рассмотрения на "
         "bus.gov.ru",
         "Решения по результатам оценки на bus.gov.ru", dt.date(2017, 9, 28)),
        ("Разработать и утвердить планы по улучшению качества работы организаций, разместить "
         "их на bus.gov.ru",
         "Планы по улучшению качества работы организаций", dt.date(2017, 12, 1)),
    ))
