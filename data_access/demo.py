"""The demonstration data set: Krasnodar Krai and Stavropol Krai from 2019 to a chosen date
(DESIGN.md, «Data»), or with `national=True` all 89 subjects of Russia (those two with their real
municipalities, the others with invented ones).

Every random draw comes from a `random.Random` seeded with a key naming what it is for (an
organization, a ministry, a milestone), so the data are the same on every run and a later date
adds to the history instead of reshuffling it. `add_region` builds one region from its reference
list, so that a national generator can call it once per region with shared `Rows`.

The national set is written region by region: `Rows` flushes what it holds to the database
every FLUSH_AT rows and after each region, keeping its id counters, so memory stays bounded by
the largest region's organizations rather than by the country. PostgreSQL gets COPY, SQLite
chunked executemany with `synchronous=OFF` on the seeding connection; one transaction per region.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, Engine, func, insert, select, text

from data_access import demo_names as names
from data_access import region_totals
from data_access.methodology import CRITERIA, CRITERION_OF, INDICATORS, points, score, share
from data_access.models import (
    Assessment, CoveragePlan, ImprovementPlan, IndicatorValue, Milestone, MinistrySummary,
    Municipality, Operator, Organization, PlanMeasure, Recommendation, RecommendationReport,
    Region, RegionSector, Sector, Shortcoming,
)
from data_access.reference import krasnodar, russia, stavropol
from data_access.reference.krasnodar import MunicipalityRef
from data_access.reference.russia import subject_kind
from data_access.reference.sectors import SECTORS

SEED = "nok-monitor-demo"
FIRST_YEAR = 2019
RESOLUTION_DATE = dt.date(2022, 12, 13)  # № 184-П; ministries report on it every half-year
FIRST_REPORT_YEAR = RESOLUTION_DATE.year + 1
DAY = dt.timedelta(days=1)
# Steps of names.CYCLE whose deadlines the data follow.
STEP_COVERAGE, STEP_RESULTS, STEP_PLANS = 4, 6, 8

MINISTRY = {s.code: s.ministry for s in SECTORS}
HAS_WAITING = {s.code: s.has_waiting for s in SECTORS}
COORDINATOR_SECTOR = "social"  # seed 000: the labour ministry coordinates the others


class NotEmptyError(RuntimeError):
    """The database already holds regions: demo data go only into an empty one."""


# ---------------------------------------------------------------- regions and INNs

@dataclass(frozen=True)
class RegionSpec:
    code: str
    name: str
    genitive: str  # «Краснодарского края»: regional founders are «Министерство … края»
    abbr: str      # «КК» as in «ГБУК КК»
    municipalities: Sequence[MunicipalityRef]
    settlements: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # An invented subject of the national set: assessed every 1–3 years (NATIONAL_GAPS), with
    # more measures per plan; a region with real municipalities keeps the three-yearly history
    # it has when seeded alone.
    synthetic: bool = False
    # The organization catalogue (names.ORG_KINDS, sized for Krasnodar Krai) times this, by
    # sector, when the region is seeded at its own size; the national set sizes by population.
    sector_scale: Mapping[str, float] = field(default_factory=dict)
    # Whether the region's ministries report on resolution № 184-П (Krasnodar's legislative
    # assembly): without it no reports and no gains from the recommendations.
    resolution: bool = True
    # Real schedules by year (seed 001), shown instead of the generated yearly cycle.
    schedules: Mapping[int, Sequence[stavropol.ScheduleItem]] = field(default_factory=dict)
    # The founder ministries' names where they differ from Krasnodar's (MINISTRY), by sector.
    ministries: Mapping[str, str] = field(default_factory=dict)

    def ministry(self, sector: str) -> str:
        """«Министерство культуры Ставропольского края»."""
        return f"{self.ministries.get(sector, MINISTRY[sector])} {self.genitive}"


KRASNODAR = RegionSpec(krasnodar.REGION_CODE, krasnodar.REGION_NAME, "Краснодарского края", "КК",
                       krasnodar.MUNICIPALITIES, names.KRASNODAR_SETTLEMENTS)
# About 1,100 educational organizations, 400 of culture, 130 of health and 70 social ones:
# fewer than Krasnodar's in every sector, health relatively more (a resort region).
STAVROPOL = RegionSpec(stavropol.REGION_CODE, stavropol.REGION_NAME, "Ставропольского края", "СК",
                       stavropol.MUNICIPALITIES, names.STAVROPOL_SETTLEMENTS,
                       sector_scale={"education": 0.41, "culture": 0.40, "health": 0.65,
                                     "social": 0.44},
                       resolution=False, schedules={2017: stavropol.SCHEDULE_2017},
                       ministries={"education": "Министерство образования",
                                   "social": "Министерство труда и социальной защиты "
                                             "населения"})
DEMO_REGIONS = (KRASNODAR, STAVROPOL)  # Krasnodar first: its ids do not depend on Stavropol

INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def _inn_check_digit(first_nine: str) -> str:
    return str(sum(int(d) * w for d, w in zip(first_nine, INN_WEIGHTS)) % 11 % 10)


def inn_checksum_valid(inn: str) -> bool:
    """A legal entity's 10-digit INN with a correct check digit."""
    return len(inn) == 10 and inn.isdigit() and inn[9] == _inn_check_digit(inn[:9])


def _rng(*key: object) -> random.Random:
    # A string seed is hashed with SHA-512 by `random`, so it does not depend on PYTHONHASHSEED.
    return random.Random(":".join(map(str, (SEED, *key))))


def _is_city(ref: MunicipalityRef) -> bool:
    # Anapa became a municipal okrug in 2024 but is still a city: judge by the name.
    return not {"район", "округ"} & set(ref.name.split())


def _genitive_word(word: str) -> str:
    if word in ("район", "округ"):
        return word + "а"
    if word.endswith(("ий", "ой", "ый")):
        return word[:-2] + "ого"
    return word


def _of_municipality(ref: MunicipalityRef) -> str:
    """«Динского района», «Ленинградского муниципального округа», «г. Сочи»."""
    if _is_city(ref):
        return f"г. {ref.name}"
    return " ".join(_genitive_word(w) for w in ref.name.split())


# ---------------------------------------------------------------- rows with ids assigned here

WRITE_ORDER = (Region, Sector, RegionSector, Municipality, Operator, Organization, CoveragePlan, Assessment,
               IndicatorValue, Shortcoming, ImprovementPlan, PlanMeasure, Recommendation,
               RecommendationReport, Milestone, MinistrySummary)
LABELS = {
    Municipality: "муниципальных образований", Organization: "организаций",
    Operator: "операторов", CoveragePlan: "плановых значений охвата", Assessment: "оценок",
    IndicatorValue: "значений показателей", Shortcoming: "недостатков",
    ImprovementPlan: "планов по устранению недостатков", PlanMeasure: "мероприятий планов",
    Recommendation: "рекомендаций", RecommendationReport: "отчётов по рекомендациям",
    Milestone: "этапов графика", MinistrySummary: "сводок координирующему министерству",
}


FLUSH_AT = 200_000  # pending rows that make `Rows.checkpoint` write them out
SQLITE_CHUNK = 50_000


class Rows:
    """Rows to insert by model. Ids are assigned here, so that children refer to their parents
    before anything is written and the whole set goes in as a few bulk inserts.

    `flush` writes the pending rows and forgets them, keeping the id counters and the INNs
    taken; with `conn` set, `checkpoint` flushes once FLUSH_AT rows are pending."""

    def __init__(self, flush_at: int | None = None) -> None:
        self.by_model: dict[type, list[dict]] = {m: [] for m in WRITE_ORDER}
        self.last_id: dict[type, int] = dict.fromkeys(WRITE_ORDER, 0)
        self.total: dict[type, int] = dict.fromkeys(WRITE_ORDER, 0)
        self.inns: set[str] = set()
        self.pending = 0
        self.flush_at = flush_at or FLUSH_AT
        self.conn: Connection | None = None

    def add(self, model: type, **values) -> int:
        self.last_id[model] = values["id"] = self.last_id[model] + 1
        self.by_model[model].append(values)
        self.total[model] += 1
        self.pending += 1
        return values["id"]

    def extend(self, model: type, rows: Sequence[dict]) -> None:
        """Rows of a table whose key is not a generated id (sector, indicator_value)."""
        self.by_model[model].extend(rows)
        self.total[model] += len(rows)
        self.pending += len(rows)

    def new_inn(self, rng: random.Random, prefix: str) -> str:
        """An unused INN of the region `prefix` with a tax office code and a valid check digit."""
        while True:
            first_nine = f"{prefix}{rng.randint(1, 79):02d}{rng.randrange(100_000):05d}"
            inn = first_nine + _inn_check_digit(first_nine)
            if inn not in self.inns:
                self.inns.add(inn)
                return inn

    def checkpoint(self) -> None:
        if self.conn is not None and self.pending >= self.flush_at:
            self.flush(self.conn)

    def flush(self, conn: Connection) -> None:
        """Write the pending rows, parents first, and forget them."""
        for model, rows in self.by_model.items():
            if rows:
                _insert(conn, model, rows)
                rows.clear()
        self.pending = 0

    def write(self, conn: Connection) -> None:
        self.flush(conn)
        if conn.dialect.name == "postgresql":
            self._advance_sequences(conn)

    def _advance_sequences(self, conn: Connection) -> None:
        # Explicit ids leave PostgreSQL's serial sequences at 1: later inserts would collide.
        for model, last in self.last_id.items():
            if last:
                table = model.__tablename__
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))

    def row_count(self) -> int:
        return sum(self.total.values())

    def counts(self) -> dict[str, int]:
        return {label: self.total[model] for model, label in LABELS.items()}


def _insert(conn: Connection, model: type, rows: list[dict]) -> None:
    """COPY on PostgreSQL with psycopg 3, else executemany in chunks."""
    columns = list(rows[0])
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        if hasattr(cursor, "copy"):
            names_sql = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f"COPY {model.__tablename__} ({names_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
            return
    for start in range(0, len(rows), SQLITE_CHUNK):
        conn.execute(insert(model), rows[start:start + SQLITE_CHUNK])


# ---------------------------------------------------------------- the entry points

def is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return _region_count(conn) == 0


def _region_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Region)).scalar_one()


Progress = Callable[[int, int, str, int, float], None]


def seed(engine: Engine, as_of: dt.date, scale: float = 1.0, national: bool = False,
         progress: Progress | None = None, limit: int | None = None) -> dict[str, int]:
    """Fill an empty, migrated database with demo data as of `as_of`: DEMO_REGIONS (Krasnodar
    Krai, then Stavropol Krai), or with `national` all 89 subjects (Krasnodar first, then by
    code), one transaction per region. `scale` multiplies the organization counts (on top of
    the region's sector_scale, nationally of `region_scale`); `limit` keeps the first regions
    only (tests; 1: Krasnodar alone); `progress(i, n, region, rows so far, seconds)` is called
    after each region. Returns row counts by label."""
    if as_of.year < FIRST_YEAR:
        raise ValueError(f"Демонстрационные данные начинаются с {FIRST_YEAR} года, "
                         f"дата {as_of:%d.%m.%Y} раньше")
    if scale <= 0:
        raise ValueError(f"Масштаб должен быть положительным, получено {scale}")
    specs = national_specs() if national else DEMO_REGIONS
    specs = specs[:limit] if limit else specs
    rows = Rows()
    started = time.monotonic()
    with engine.connect() as conn:
        restore = _fast_sqlite(conn)
        try:
            for i, spec in enumerate(specs, 1):
                with conn.begin():
                    if i == 1:
                        regions = _region_count(conn)
                        if regions:
                            raise NotEmptyError(
                                f"В базе уже есть данные (регионов: {regions}); демонстрационные "
                                "данные загружаются только в пустую базу")
                        shared = add_shared(rows)
                    rows.conn = conn
                    add_region(rows, spec, as_of,
                               region_scale(spec, scale) if national else scale, shared)
                    rows.write(conn)
                    rows.conn = None
                    region_totals.refresh(conn, [spec.code])
                if progress:
                    progress(i, len(specs), spec.name, rows.row_count(),
                             time.monotonic() - started)
        finally:
            restore()
    return rows.counts()


def _fast_sqlite(conn: Connection) -> Callable[[], None]:
    """SQLite: no fsync while seeding this connection (the file is useless if the run stops
    half-way anyway). Returns what puts the setting back."""
    if conn.dialect.name != "sqlite":
        return lambda: None
    before = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    conn.exec_driver_sql("PRAGMA synchronous=OFF")
    conn.commit()
    return lambda: conn.exec_driver_sql(f"PRAGMA synchronous={int(before)}")


def print_progress(i: int, n: int, region: str, row_count: int, seconds: float) -> None:
    """One line per region on stderr: «[12/89] Республика Коми: 1 234 567 строк, 41 с, …»."""
    rate = row_count / seconds if seconds else 0.0
    def num(x: float) -> str:
        return f"{x:,.0f}".replace(",", " ")
    print(f"[{i}/{n}] {region}: {num(row_count)} строк, {seconds:.0f} с, {num(rate)} строк/с",
          file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the national set

# Organizations nationally: a region gets Krasnodar's catalogue times its population over
# Krasnodar's times this density, calibrated so that Russia has about 150,000 (DOMAIN.md §6).
NATIONAL_DENSITY = 1.40
# Synthetic municipalities: about this many per thousand people, at least MIN_MO (a region
# needs a capital and six districts to mark weak and lax ones), at most MAX_MO; federal cities
# their city plus a few inner okrugs. With Krasnodar's 44 about 2,300 in all.
MO_PER_THOUSAND, MIN_MO, MAX_MO = 0.018, 8, 75
FEDERAL_CITY_MO = {"77": 12, "78": 12, "92": 8}
TOWN_SHARE, OKRUG_SHARE = 0.18, 0.35  # urban okrugs among all; municipal okrugs among the rest


def region_scale(spec: RegionSpec, scale: float = 1.0) -> float:
    """The organization scale of a region in the national set."""
    return scale * NATIONAL_DENSITY * (_population(spec) / _population(KRASNODAR))


def _population(spec: RegionSpec) -> int:
    return sum(ref.population for ref in spec.municipalities)


@functools.cache
def national_specs() -> tuple[RegionSpec, ...]:
    """Krasnodar Krai with its real municipalities, then the 88 other subjects by code:
    Stavropol Krai with its real ones (sized by population like every other), the rest
    invented."""
    real = {STAVROPOL.code: dataclasses.replace(STAVROPOL, sector_scale={})}
    others = tuple(real.get(s.code) or _subject_spec(s)
                   for s in russia.SUBJECTS if s.code != KRASNODAR.code)
    return (KRASNODAR, *others)


def _subject_spec(subject: russia.Subject) -> RegionSpec:
    municipalities, settlements = synthetic_municipalities(subject)
    return RegionSpec(subject.code, subject.name, subject.genitive, subject.abbr,
                      municipalities, settlements, synthetic=True)


def synthetic_municipalities(subject: russia.Subject
                             ) -> tuple[tuple[MunicipalityRef, ...], dict[str, tuple[str, ...]]]:
    """Invented top-level municipalities of a subject and their settlements.

    The capital is an urban okrug under its real name and the most populous; the others are
    towns (urban okrugs), «… район» (municipal districts) and «… муниципальный округ»; a
    federal city is its city plus «… внутригородской округ» (kind municipal_okrug). Populations
    add up to the subject's. OKTMO: 11 digits, «9» + subject code + series (7 urban okrug,
    6 district, 5 municipal okrug) + a two-digit number + «00000» — never a real code, and
    distinct from Krasnodar's real 8-digit ones. No coordinates (0, 0)."""
    rng = _rng(subject.code, "synthetic-municipalities")
    total = subject.population * 1000
    capital = subject.capital
    adjectives = rng.sample(names.DISTRICT_ADJECTIVES, len(names.DISTRICT_ADJECTIVES))
    if subject.federal_city:
        count = FEDERAL_CITY_MO[subject.code]
        towns: list[str] = []
        others = [(f"{adj} внутригородской округ", "municipal_okrug")
                  for adj in adjectives[:count - 1]]
        capital_share = rng.uniform(0.55, 0.7)
    else:
        count = min(MAX_MO, max(MIN_MO, round(subject.population * MO_PER_THOUSAND)))
        towns = [t for t in rng.sample(names.TOWN_NAMES, len(names.TOWN_NAMES))
                 if t != capital][:max(0, round(count * TOWN_SHARE) - 1)]
        okrugs = round((count - 1 - len(towns)) * OKRUG_SHARE)
        districts = adjectives[:count - 1 - len(towns)]
        others = ([(t, "urban_okrug") for t in towns]
                  + [(f"{adj} муниципальный округ", "municipal_okrug")
                     for adj in districts[:okrugs]]
                  + [(f"{adj} район", "municipal_district") for adj in districts[okrugs:]])
        capital_share = rng.uniform(0.22, 0.4)
    capital_population = round(total * capital_share)
    weights = [rng.uniform(1.5, 4.0) if kind == "urban_okrug" else rng.uniform(0.5, 2.0)
               for _, kind in others]
    populations = _allocate(total - capital_population, weights)
    largest = max(range(len(populations)), key=populations.__getitem__)
    if populations[largest] > capital_population:  # the capital stays the most populous
        populations[largest], capital_population = capital_population, populations[largest]
    series = {"urban_okrug": "7", "municipal_district": "6", "municipal_okrug": "5"}
    numbers: Counter[str] = Counter()

    def oktmo(kind: str) -> str:
        numbers[kind] += 1
        return f"9{subject.code}{series[kind]}{numbers[kind]:02d}00000"

    refs = [MunicipalityRef(oktmo("urban_okrug"), capital, "urban_okrug", capital_population,
                            0.0, 0.0)]
    settlements = {capital: (f"г. {capital}",)}
    for (name, kind), population in zip(others, populations):
        refs.append(MunicipalityRef(oktmo(kind), name, kind, population, 0.0, 0.0))
        if kind == "urban_okrug":
            settlements[name] = (f"г. {name}",)
        elif subject.federal_city:
            settlements[name] = (f"г. {capital}, {name.split()[0]} округ",)
        else:
            villages = rng.sample(names.VILLAGE_NAMES, rng.randint(3, 5))
            settlements[name] = (f"пгт {villages[0]}", *(f"с. {v}" for v in villages[1:]))
    return tuple(refs), settlements


def planned_organizations(scale: float = 1.0) -> int:
    """How many organizations the national set gets at `scale`, without generating it."""
    total = 0
    for spec in national_specs():
        s = region_scale(spec, scale)
        cities = sum(_is_city(r) for r in spec.municipalities)
        where_count = {"all": len(spec.municipalities), "capital": 1, "city": cities,
                       "district": len(spec.municipalities) - cities}
        total += sum(round(k.count * s) for k in names.ORG_KINDS if where_count[k.where])
    return total


class Shared(NamedTuple):
    """What every region refers to: operators and the recommendations, by number."""
    operator_ids: tuple[int, ...]
    recommendation_ids: dict[int, int]


def add_shared(rows: Rows) -> Shared:
    rows.extend(Sector, [s._asdict() for s in SECTORS])
    rng = _rng("operators")
    operator_ids = tuple(rows.add(Operator, inn=rows.new_inn(rng, prefix), name=name)
                         for prefix, name in names.OPERATORS)
    recommendation_ids = {
        number: rows.add(Recommendation, resolution=names.RESOLUTION,
                         resolution_date=RESOLUTION_DATE, number=number, title=r.title,
                         text=r.text, targets=r.targets)
        for number, r in enumerate(names.RECOMMENDATIONS, 1)}
    return Shared(operator_ids, recommendation_ids)


def add_region(rows: Rows, spec: RegionSpec, as_of: dt.date, scale: float,
               shared: Shared) -> None:
    """One region's municipalities, organizations, assessments with plans, coverage plans,
    recommendation reports (where the resolution applies) and milestones."""
    world = World.create(rows, spec, as_of, shared)
    orgs = _add_organizations(rows, world, scale)
    due: Counter[tuple[str, int]] = Counter()
    for org in orgs:
        _add_history(rows, world, org, due)
        rows.checkpoint()
    _add_coverage_plans(rows, world, due)
    if spec.resolution:
        _add_recommendation_reports(rows, world, Counter(org.sector for org in orgs))
    _add_milestones(rows, world)
    _add_ministry_summaries(rows, world)


# ---------------------------------------------------------------- the model of a region

class SectorProfile(NamedTuple):
    effect: dict[str, float]  # points added to the criterion's indicators
    pace: float               # how fast the ministry carries out the recommendations
    laxity: float             # multiplies late plans and overdue measures
    respondents: int          # mean respondents per assessment (DOMAIN.md §6)


PROFILES = {
    "education": SectorProfile({"k3": -2.0}, pace=1.0, laxity=0.8, respondents=150),
    # Culture is the ministry that lags: old buildings, slow on recommendations and plans.
    "culture": SectorProfile({"k1": -3.0, "k3": -5.0}, pace=0.45, laxity=1.7, respondents=100),
    "health": SectorProfile({"k2": -4.0, "k4": -1.0}, pace=0.8, laxity=1.0, respondents=250),
    "social": SectorProfile({"k3": 3.0, "k4": 2.0}, pace=1.2, laxity=0.6, respondents=220),
}
TREND = {"k1": 0.8, "k2": 0.6, "k3": 1.3, "k4": 0.3, "k5": 0.4}  # points a year
# After resolution № 184-П a criterion gains these points a year, in full once the ministry
# reports the linked recommendation done: (recommendation number, points).
RESOLUTION_EFFECT = {"k1": (1, 1.5), "k2": (2, 0.5), "k3": (8, 1.6), "k4": (9, 0.6),
                     "k5": (2, 0.4)}
# Respondents grow by 3 % a year of full progress on recommendations 5 and 6; the share of
# disabled respondents by 0.6 points on recommendation 3.
RESPONDENT_EFFECT = ((5, 6), 0.03)
DISABLED_EFFECT = (3, 0.006)
STATE_WEIGHT = {"not_started": 0.0, "in_progress": 0.4, "done": 1.0}
SKIP_RATES = (0.0, 0.02, 0.04, 0.06, 0.08)  # organizations due but not assessed, by sector-year
WEAK_DISTRICTS, LAX_DISTRICTS, WEAK_AND_LAX = 4, 4, 2


class Place(NamedTuple):
    """A municipality as the generator sees it."""
    id: int
    ref: MunicipalityRef
    settlements: tuple[str, ...]  # the administrative centre first
    of_mo: str
    effect: float  # points added to every indicator of its organizations
    laxity: float  # multiplies late plans and overdue measures


class Org(NamedTuple):
    id: int
    sector: str
    type: str
    place: Place


class Boost(NamedTuple):
    """What the recommendations' progress adds by a year's survey."""
    criteria: dict[str, float]
    respondents: float  # factor
    disabled: float     # added to the share of disabled respondents


def _half_years(until: dt.date) -> Iterator[dt.date]:
    """The ministries' report dates: 30 June and 31 December from 2023, up to `until`."""
    for i in itertools.count():
        on = _half_year(i)
        if on > until:
            return
        yield on


def _half_year(index: int) -> dt.date:
    year = FIRST_REPORT_YEAR + index // 2
    return dt.date(year, 6, 30) if index % 2 == 0 else dt.date(year, 12, 31)


def cycle_deadline(step: int, year: int) -> dt.date:
    """The deadline of a step (1-based) of the cycle serving assessment year `year`."""
    s = names.CYCLE[step - 1]
    return dt.date(year + s.year_offset, s.month, s.day)


@dataclass
class World:
    """A region being generated: its municipalities, the ministries' pace on the
    recommendations and the rates drawn per sector and year."""
    spec: RegionSpec
    region_id: int
    as_of: dt.date
    shared: Shared
    places: list[Place]
    capital: Place
    schedule: dict[tuple[str, int], tuple[int, int]]  # half-year the work starts, is done
    skip_rate: dict[tuple[str, int], float]
    boosts: dict[tuple[str, int], Boost] = field(default_factory=dict)

    @classmethod
    def create(cls, rows: Rows, spec: RegionSpec, as_of: dt.date, shared: Shared) -> World:
        region_id = rows.add(Region, code=spec.code, name=spec.name,
                             kind=subject_kind(spec.name, spec.code), is_demo=True,
                             data_as_of=as_of)
        rows.extend(RegionSector, [dict(region_id=region_id, sector=s.code,
                                        ministry=spec.ministry(s.code)) for s in SECTORS])
        places = _add_places(rows, spec, region_id)
        return cls(spec, region_id, as_of, shared, places,
                   capital=max(places, key=lambda p: p.ref.population),
                   schedule=_recommendation_schedule(spec.code),
                   skip_rate={(s.code, y): _rng(spec.code, "skip", s.code, y).choice(SKIP_RATES)
                              for s in SECTORS for y in range(FIRST_YEAR, as_of.year + 1)})

    @property
    def years(self) -> range:
        return range(FIRST_YEAR, self.as_of.year + 1)

    def published(self, year: int) -> bool:
        return self.as_of >= cycle_deadline(STEP_RESULTS, year)

    def operator_id(self, sector: str, year: int) -> int:
        # Each ministry contracts one operator a year; contracts rotate among them.
        ids = self.shared.operator_ids
        return ids[(list(MINISTRY).index(sector) + year) % len(ids)]

    def founder(self, kind: names.OrgKind, place: Place) -> str:
        if kind.level == "regional":
            return self.spec.ministry(kind.sector)
        return names.MUNICIPAL_FOUNDERS[kind.sector].format(of_mo=place.of_mo)

    def report_state(self, sector: str, number: int, half_year: int) -> str:
        start, done = self.schedule[sector, number]
        if half_year < start:
            return "not_started"
        return "in_progress" if half_year < done else "done"

    def _progress(self, sector: str, number: int, year: int) -> float:
        """Years of work on a recommendation by mid-`year`, weighted by its reported state;
        none where the resolution does not apply."""
        if not self.spec.resolution:
            return 0.0
        return sum(STATE_WEIGHT[self.report_state(sector, number, 2 * (y - FIRST_REPORT_YEAR))]
                   for y in range(FIRST_REPORT_YEAR, year + 1))

    def boost(self, sector: str, year: int) -> Boost:
        if (sector, year) not in self.boosts:
            numbers, gain = RESPONDENT_EFFECT
            number, disabled_gain = DISABLED_EFFECT
            self.boosts[sector, year] = Boost(
                {k: pts * self._progress(sector, n, year)
                 for k, (n, pts) in RESOLUTION_EFFECT.items()},
                1 + gain * sum(self._progress(sector, n, year) for n in numbers),
                disabled_gain * self._progress(sector, number, year))
        return self.boosts[sector, year]


def _add_places(rows: Rows, spec: RegionSpec, region_id: int) -> list[Place]:
    rng = _rng(spec.code, "municipalities")
    refs = list(spec.municipalities)
    capital = max(refs, key=lambda r: r.population)
    # A few districts stand out: weak scores, lax plans, and some both.
    marked = rng.sample([r.oktmo for r in refs if r is not capital],
                        WEAK_DISTRICTS + LAX_DISTRICTS - WEAK_AND_LAX)
    weak, lax = set(marked[:WEAK_DISTRICTS]), set(marked[-LAX_DISTRICTS:])
    places = []
    for ref in refs:
        place_id = rows.add(Municipality, region_id=region_id, oktmo=ref.oktmo, name=ref.name,
                            kind=ref.kind, population=ref.population)
        settlements = spec.settlements.get(ref.name) or (
            f"г. {ref.name}" if _is_city(ref) else ref.name,)
        effect = rng.gauss(0, 1.5) - (6.0 if ref.oktmo in weak else 0.0)
        places.append(Place(place_id, ref, settlements, _of_municipality(ref), effect,
                            1.8 if ref.oktmo in lax else 1.0))
    return places


def _recommendation_schedule(code: str) -> dict[tuple[str, int], tuple[int, int]]:
    schedule = {}
    for sector, profile in PROFILES.items():
        for number in range(1, len(names.RECOMMENDATIONS) + 1):
            rng = _rng(code, "recommendation", sector, number)
            start = int(rng.uniform(0, 1.5) / profile.pace)
            schedule[sector, number] = (start, start + 1 + int(rng.uniform(1, 4) / profile.pace))
    return schedule


# ---------------------------------------------------------------- organizations

def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights` by largest remainder, so the parts add up."""
    if not weights:
        return []
    exact = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


def _unique_name(pattern: str, taken: set[str], **fields: object) -> str:
    """The pattern's name, numbered «№ 2», «№ 3»… where an organization already has it."""
    for k in itertools.count(1):
        name = pattern.format(**fields, k=f" № {k}" if k > 1 else "")
        if name not in taken:
            taken.add(name)
            return name
    raise AssertionError("unreachable")


def _settlement(settlements: Sequence[str], n: int, in_centre: bool = True) -> str:
    """The settlement of a municipality's n-th organization of a type: every other one in the
    administrative centre, the largest, unless it must be outside it."""
    others = settlements[1:]
    if not others or (in_centre and n % 2):
        return settlements[0]
    return others[((n - 1) // (2 if in_centre else 1)) % len(others)]


def _eligible(world: World, where: str) -> list[Place]:
    if where == "capital":
        return [world.capital]
    return [p for p in world.places
            if where == "all" or (where == "city") == _is_city(p.ref)]


def _add_organizations(rows: Rows, world: World, scale: float) -> list[Org]:
    rng = _rng(world.spec.code, "organizations")
    numbers: Counter[tuple[int, str]] = Counter()  # schools etc. are numbered per municipality
    taken: set[str] = set()
    orgs = []
    for kind in names.ORG_KINDS:
        places = _eligible(world, kind.where)
        total = round(kind.count * scale * world.spec.sector_scale.get(kind.sector, 1))
        counts = _allocate(total, [p.ref.population if kind.per_capita else 1 for p in places])
        for place, count in zip(places, counts):
            first_title = rng.randrange(len(kind.titles))
            for i in range(count):
                numbers[place.id, kind.type] += 1
                n = numbers[place.id, kind.type]
                name = _unique_name(
                    kind.pattern, taken, n=n, abbr=world.spec.abbr, of_mo=place.of_mo,
                    place=_settlement(place.settlements, n),
                    village=_settlement(place.settlements, n, in_centre=False),
                    centre=place.settlements[0],
                    title=kind.titles[(first_title + i) % len(kind.titles)])
                org_id = rows.add(Organization, region_id=world.region_id,
                                  municipality_id=place.id, sector=kind.sector,
                                  inn=rows.new_inn(rng, world.spec.code), name=name,
                                  type=kind.type, founder_level=kind.level,
                                  founder=world.founder(kind, place))
                orgs.append(Org(org_id, kind.sector, kind.type, place))
    return orgs


# ---------------------------------------------------------------- assessments

class IndicatorModel(NamedTuple):
    base: float          # mean value in 2019 before any effect
    kind: str            # points | inf | wait | share | disabled_share | remote_share
    weak: float          # below this the assessment records a shortcoming
    step: float = 0.0    # points per condition (kind «points»)
    sensitivity: float = 1.0


MODEL: dict[str, IndicatorModel] = {
    "p_inf": IndicatorModel(91, "inf", weak=90),
    "p_dist": IndicatorModel(90, "points", weak=80, step=30),
    "p_otkr_ud": IndicatorModel(93, "share", weak=88),
    "p_komf_usl": IndicatorModel(87, "points", weak=80, step=20),
    "p_ozhid": IndicatorModel(87, "wait", weak=85),
    "p_komf_ud": IndicatorModel(92, "share", weak=88),
    # К3: few buildings have all the conditions, so the weakest criterion (DOMAIN.md §3).
    "p_org_dost": IndicatorModel(46, "points", weak=80, step=20, sensitivity=1.5),
    "p_uslug_dost": IndicatorModel(50, "points", weak=80, step=20, sensitivity=1.5),
    "p_dost_ud": IndicatorModel(85, "disabled_share", weak=85),
    "p_perv_kont_ud": IndicatorModel(95, "share", weak=90),
    "p_okaz_uslug_ud": IndicatorModel(96, "share", weak=90),
    "p_vezhl_dist_ud": IndicatorModel(94, "remote_share", weak=88),
    "p_rekom": IndicatorModel(92, "share", weak=88),
    "p_org_usl_ud": IndicatorModel(93, "share", weak=88),
    "p_ud": IndicatorModel(93, "share", weak=88),
}
NOISE = {"points": 9.0, "inf": 3.0, "wait": 4.0}  # shares: SURVEY_NOISE
SURVEY_NOISE = 3.0
MIN_SHORTCOMINGS = 2  # every operator's report names at least a couple


class Traits(NamedTuple):
    """What stays with an organization across its assessments."""
    phase: int     # assessed in the years FIRST_YEAR + phase + 3k (a real region)
    effect: float  # points on every indicator
    k3: float      # its building: points on К3


class Survey(NamedTuple):
    respondents: int
    disabled: int


def _add_history(rows: Rows, world: World, org: Org, due: Counter) -> None:
    """The organization's assessments every third year (every 1–3 years in an invented
    subject), each with shortcomings and a plan."""
    rng = _rng(world.spec.code, "organization", org.id)
    traits = Traits(rng.randrange(3), rng.gauss(0, 2.5), rng.gauss(0, 6))
    years = (_national_years(rng, world.years) if world.spec.synthetic
             else [y for y in world.years if (y - FIRST_YEAR) % 3 == traits.phase])
    kept: dict[str, float] = {}  # points that earlier plans' measures left in place
    measures: list[tuple[str, dt.date, dt.date | None]] = []  # of the last plan
    for year in years:
        due[org.sector, year] += 1
        if rng.random() < world.skip_rate[org.sector, year] or not world.published(year):
            continue
        for k, gain in _plan_gains(measures, year).items():
            kept[k] = kept.get(k, 0.0) + gain
        measures = _add_assessment(rows, world, org, year, traits, rng, kept)


# Years from one assessment of an organization to the next in an invented subject, by weight:
# the law's «at least once in three years, at most once a year», on average a little under
# two (1.92), which with the skipped ones gives Russia about 600,000 assessments in 2019–2026.
NATIONAL_GAPS = {1: 0.38, 2: 0.32, 3: 0.30}


def _national_years(rng: random.Random, years: range) -> list[int]:
    """An organization's assessment years, gaps drawn from NATIONAL_GAPS. The first one as if
    the schedule ran before `years`: FIRST_YEAR + k with the chance that a gap exceeds k, so
    that the early years are as busy as the later ones."""
    gaps, weights = list(NATIONAL_GAPS), list(NATIONAL_GAPS.values())
    tails = [sum(w for g, w in NATIONAL_GAPS.items() if g > k) for k in range(max(gaps))]
    year = years.start + rng.choices(range(len(tails)), weights=tails)[0]
    chosen = []
    while year in years:
        chosen.append(year)
        year += rng.choices(gaps, weights=weights)[0]
    return chosen


def _add_assessment(rows: Rows, world: World, org: Org, year: int, traits: Traits,
                    rng: random.Random, kept: Mapping[str, float]
                    ) -> list[tuple[str, dt.date, dt.date | None]]:
    """The assessment, its shortcomings and its plan; the plan's measures (see _add_plan)."""
    survey = _survey(rng, world.boost(org.sector, year), PROFILES[org.sector].respondents)
    values = _indicators(rng, _shifts(world, org, traits, year, kept), survey,
                         HAS_WAITING[org.sector])
    scores = score(values, year).as_dict()
    # The operator publishes the total with two decimals, as every source does: the official
    # figure the pages show; the criteria are not published, so they are the computed ones.
    published = round(scores["total"], 2)
    assessment_id = rows.add(
        Assessment, organization_id=org.id, year=year,
        operator_id=world.operator_id(org.sector, year), level="indicators",
        respondents=survey.respondents, disabled_respondents=survey.disabled,
        **{**scores, "total": published}, published_total=published,
        **{f"computed_{k}": v for k, v in scores.items()})
    rows.extend(IndicatorValue, [dict(assessment_id=assessment_id, code=code, value=value)
                                 for code, value in values.items()])
    deficiencies = _deficiencies(rng, values)
    for code, deficiency in deficiencies:
        rows.add(Shortcoming, assessment_id=assessment_id, criterion=CRITERION_OF[code],
                 indicator=code, text=deficiency.shortcoming)
    return _add_plan(rows, world, org, assessment_id, year, deficiencies, rng)


def _survey(rng: random.Random, boost: Boost, mean: int) -> Survey:
    respondents = max(40, round(mean * rng.uniform(0.6, 1.5) * boost.respondents))
    disabled_share = min(0.10, rng.uniform(0.03, 0.07) + boost.disabled)
    return Survey(respondents, max(1, round(respondents * disabled_share)))


def _shifts(world: World, org: Org, traits: Traits, year: int, kept: Mapping[str, float]
            ) -> dict[str, float]:
    """Points added to each criterion's indicators: sector, district, organization, the yearly
    trend, what the recommendations brought and what the organization's plans left."""
    sector_effect = PROFILES[org.sector].effect
    boost = world.boost(org.sector, year).criteria
    shifts = {}
    for k in CRITERIA:
        building = 1.5 * org.place.effect + traits.k3 if k == "k3" else org.place.effect
        shifts[k] = (sector_effect.get(k, 0.0) + building + traits.effect
                     + TREND[k] * (year - FIRST_YEAR) + boost[k] + kept.get(k, 0.0))
    return shifts


def _indicators(rng: random.Random, shifts: Mapping[str, float], survey: Survey,
                has_waiting: bool) -> dict[str, float]:
    return {code: _indicator(rng, MODEL[code], MODEL[code].base
                             + MODEL[code].sensitivity * shifts[CRITERION_OF[code]], survey)
            for code in INDICATORS if has_waiting or code != "p_ozhid"}


def _indicator(rng: random.Random, model: IndicatorModel, target: float, survey: Survey) -> float:
    """The indicator as 344н computes it from what the operator counted and asked."""
    target += rng.gauss(0, NOISE.get(model.kind, SURVEY_NOISE))
    if model.kind == "points":
        return points(max(0, round(target / model.step)), model.step)
    if model.kind == "inf":  # items found on the stand (of 10) and on the site (of 40)
        return 50 * (_found(rng, target, 10) / 10 + _found(rng, target, 40) / 40)
    if model.kind == "wait":  # points for the average wait and the share served on time
        wait_points = points(min(5, max(1, round(target / 20))), 20)
        return (wait_points + _survey_share(target, _answered(rng, survey.respondents))) / 2
    answered = {"share": _answered(rng, survey.respondents), "disabled_share": survey.disabled,
                "remote_share": max(5, round(survey.respondents * rng.uniform(0.3, 0.5)))}
    return _survey_share(target, answered[model.kind])


def _found(rng: random.Random, target: float, required: int) -> int:
    return min(required, max(0, round(required * (target + rng.gauss(0, 4)) / 100)))


def _answered(rng: random.Random, respondents: int) -> int:
    return respondents - rng.randint(0, respondents // 20)  # a few skip the question


def _survey_share(target: float, answered: int) -> float:
    return share(round(answered * min(100.0, max(60.0, target)) / 100), answered)


def _deficiencies(rng: random.Random, values: Mapping[str, float]
                  ) -> list[tuple[str, names.Deficiency]]:
    """One shortcoming per weak indicator; the lowest ones where fewer are weak."""
    weak = [code for code, v in values.items() if v < MODEL[code].weak]
    rest = sorted((c for c in values if c not in weak), key=lambda c: values[c] - MODEL[c].weak)
    chosen = set(weak + rest[:max(0, MIN_SHORTCOMINGS - len(weak))])
    return [(code, rng.choice(names.DEFICIENCIES[code])) for code in values if code in chosen]


# ---------------------------------------------------------------- improvement plans (№ 457)

PLAN_MISSING, PLAN_LATE = 0.04, 0.08
MEASURE_CANCELLED, MEASURE_OVERDUE = 0.03, 0.11
# Points a criterion keeps once all of a plan's measures of it were done before the next
# assessment's year: a modest effect, so that the Plans page has one to find (on time > late >
# not done), well inside the survey's noise for a single organization.
PLAN_GAIN = {"on_time": 3.0, "late": 1.5}


def _plan_gains(measures: Sequence[tuple[str, dt.date, dt.date | None]], year: int
                ) -> dict[str, float]:
    """What the last plan's measures (criterion, planned, actual date) add to each criterion
    at the assessment of `year`: nothing where one was not done by the year's start."""
    by_criterion: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for k, planned, actual in measures:
        by_criterion.setdefault(k, []).append((planned, actual))
    gains = {}
    for k, dates in by_criterion.items():
        if all(actual is not None and actual.year < year for _, actual in dates):
            gains[k] = PLAN_GAIN["late" if any(a > p for p, a in dates) else "on_time"]
    return gains


def _add_plan(rows: Rows, world: World, org: Org, assessment_id: int, year: int,
              deficiencies: Sequence[tuple[str, names.Deficiency]], rng: random.Random
              ) -> list[tuple[str, dt.date, dt.date | None]]:
    """The plan and its measures; the measures not cancelled as (criterion, planned date,
    actual date) for the next assessment (none when no plan was approved)."""
    laxity = PROFILES[org.sector].laxity * org.place.laxity
    due = cycle_deadline(STEP_PLANS, year)
    approved = _plan_approval(rng, due, laxity)
    if approved is None or approved > world.as_of:
        return []
    made = []
    plan_id = rows.add(ImprovementPlan, assessment_id=assessment_id, organization_id=org.id,
                       due_date=due, approved_on=approved)
    staff = _staff(rng, org)
    # An invented subject's plan answers every shortcoming, as № 457 asks (about 2 million
    # measures nationally); a real region's demo plans keep a few of them each.
    count = (len(deficiencies) if world.spec.synthetic
             else min(len(deficiencies), rng.randint(2, 6)))
    for code, deficiency in rng.sample(deficiencies, count):
        planned = approved + rng.randint(30, 540) * DAY
        status, actual = _measure_state(rng, approved, planned, world.as_of,
                                        MEASURE_OVERDUE * laxity)
        name, position = rng.choice(staff)
        rows.add(PlanMeasure, plan_id=plan_id, criterion=CRITERION_OF[code],
                 shortcoming=deficiency.shortcoming, measure=deficiency.measure,
                 planned_date=planned, responsible_name=name, responsible_position=position,
                 status=status, taken=deficiency.taken if status == "done" else None,
                 actual_date=actual,
                 cancel_reason=rng.choice(names.CANCEL_REASONS) if status == "cancelled"
                 else None)
        if status != "cancelled":
            made.append((CRITERION_OF[code], planned, actual))
    return made


def _plan_approval(rng: random.Random, due: dt.date, laxity: float) -> dt.date | None:
    """The approval date: mostly before the deadline, some late, a few plans never made."""
    u = rng.random()
    if u < PLAN_MISSING * laxity:
        return None
    if u < (PLAN_MISSING + PLAN_LATE) * laxity:
        return due + rng.randint(1, 60) * DAY
    return due - rng.randint(0, 45) * DAY


def _measure_state(rng: random.Random, approved: dt.date, planned: dt.date, as_of: dt.date,
                   overdue_rate: float) -> tuple[str, dt.date | None]:
    """Status and actual date at `as_of` of a measure whose fate is drawn whatever the date."""
    u = rng.random()
    if u < MEASURE_CANCELLED:
        decided = max(approved, planned - 30 * DAY)
        return ("cancelled" if decided <= as_of else "in_progress"), None
    done_on = None if u < MEASURE_CANCELLED + overdue_rate else _completion(rng, approved,
                                                                            planned)
    if done_on is not None and done_on <= as_of:
        return "done", done_on
    return ("overdue" if planned < as_of else "in_progress"), None


def _completion(rng: random.Random, approved: dt.date, planned: dt.date) -> dt.date:
    v = rng.random()
    if v < 0.6:  # done early, any time after approval
        return approved + rng.randint(7, max(7, (planned - approved).days)) * DAY
    if v < 0.9:
        return max(approved, planned - rng.randint(0, 30) * DAY)
    return planned + rng.randint(1, 90) * DAY


def _staff(rng: random.Random, org: Org) -> list[tuple[str, str]]:
    """The head and one or two deputies who answer for the plan's measures."""
    deputies = (names.KINDERGARTEN_DEPUTIES if org.type == "детский сад"
                else names.DEPUTIES[org.sector])
    positions = [names.HEADS.get(org.type, "директор"),
                 *rng.sample(deputies, rng.randint(1, 2))]
    return [(_person(rng, female="сестра" in p or rng.random() < 0.75), p) for p in positions]


def _person(rng: random.Random, female: bool) -> str:
    surname = rng.choice(names.SURNAMES)
    first = rng.choice(names.FEMALE_NAMES if female else names.MALE_NAMES)
    patronymic = rng.choice(names.PATRONYMICS)[int(female)]
    return f"{_feminine(surname) if female else surname} {first} {patronymic}"


def _feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname  # «Коваленко», «Мельник» do not change


# ---------------------------------------------------------------- coverage, reports, schedule

EXTRA_PLANNED = (0.0, 0.0, 0.0, 0.02, 0.04)  # planned above the due count, by sector-year


def _add_coverage_plans(rows: Rows, world: World, due: Counter) -> None:
    """Planned coverage agreed each 14 March: the organizations due that year, sometimes a few
    more."""
    for (sector, year), count in sorted(due.items()):
        if world.as_of >= cycle_deadline(STEP_COVERAGE, year):
            extra = _rng(world.spec.code, "coverage", sector, year).choice(EXTRA_PLANNED)
            rows.add(CoveragePlan, region_id=world.region_id, sector=sector, year=year,
                     planned=count + round(count * extra))


def _add_recommendation_reports(rows: Rows, world: World, org_counts: Counter) -> None:
    for sector in PROFILES:
        for number, rec in enumerate(names.RECOMMENDATIONS, 1):
            for half_year, on in enumerate(_half_years(world.as_of)):
                state = world.report_state(sector, number, half_year)
                report = {"not_started": names.NOT_STARTED_REPORT, "in_progress": rec.in_progress,
                          "done": rec.done}[state]
                rows.add(RecommendationReport,
                         recommendation_id=world.shared.recommendation_ids[number],
                         region_id=world.region_id, sector=sector, reported_on=on, status=state,
                         text=report.format(n=org_counts[sector]))


def _add_milestones(rows: Rows, world: World) -> None:
    """The region's real schedules (seed 001) as they were approved, and the yearly cycle
    (DOMAIN.md §2) for every other assessment year up to next year's."""
    for year, items in sorted(world.spec.schedules.items()):
        for step, item in enumerate(items, 1):
            done_on = _milestone_done(_rng(world.spec.code, "milestone", year, step),
                                      item.deadline, world.as_of)
            rows.add(Milestone, region_id=world.region_id, year=year, step=step,
                     title=item.title, result=item.result, responsible=item.responsible,
                     deadline=item.deadline, done_on=done_on)
    region = world.spec.genitive
    bodies = {key: body.format(region=region) for key, body in names.CYCLE_BODIES.items()}
    bodies["coordinator"] = world.spec.ministry(COORDINATOR_SECTOR)
    for year in range(FIRST_YEAR, world.as_of.year + 2):
        if year in world.spec.schedules:
            continue
        for step, s in enumerate(names.CYCLE, 1):
            deadline = cycle_deadline(step, year)
            done_on = _milestone_done(_rng(world.spec.code, "milestone", year, step), deadline,
                                      world.as_of)
            rows.add(Milestone, region_id=world.region_id, year=year, step=step, title=s.title,
                     result=s.result, responsible=s.responsible.format(**bodies),
                     deadline=deadline, done_on=done_on)


def _milestone_done(rng: random.Random, deadline: dt.date, as_of: dt.date) -> dt.date | None:
    """Past steps mostly done on time, some days late; a few of the last year's still open."""
    if deadline >= as_of:
        return None
    u = rng.random()
    if u < 0.05 and (as_of - deadline).days < 365:
        return None
    done_on = (deadline + rng.randint(1, 20) * DAY if u < 0.2
               else deadline - rng.randint(0, 10) * DAY)
    return done_on if done_on <= as_of else None


# ---------------------------------------------------------------- summaries to the coordinator

# What each founder ministry owes the coordinating ministry every year (seed 000, item 2:
# «в установленные сроки»): the half-year's progress and the year's results with the plans,
# the latter the cycle's step «Представление сводной информации координирующему министерству».
SUMMARIES = (
    (7, 15, "Сводная информация о ходе проведения независимой оценки качества за I полугодие"),
    (12, 5, "Сводная информация о результатах независимой оценки качества и утверждённых "
            "планах по устранению недостатков"),
)
STEP_SUMMARY = 9
RECENT_DAYS = 200  # a summary older than this has arrived, however late


def _add_ministry_summaries(rows: Rows, world: World) -> None:
    """Every ministry but the coordinator, every summary due up to the data's date and the
    year's remaining ones: most arrive on time, the lax ministries' late, and the laxest
    still owes its latest half-year summary. The yearly summaries agree with the cycle's
    step: it is done the day the last one arrived, and while it is open one has not."""
    owing = [s for s in MINISTRY if s != COORDINATOR_SECTOR]
    laxest = max(owing, key=lambda s: PROFILES[s].laxity)
    for year in world.years:
        for month, day, title in SUMMARIES:
            due = dt.date(year, month, day)
            received = {s: _summary_received(_rng(world.spec.code, "summary", s, due), due,
                                             world.as_of, PROFILES[s].laxity) for s in owing}
            if due == cycle_deadline(STEP_SUMMARY, year):
                received = _as_step(received, due, world, laxest)
            elif due < world.as_of and (world.as_of - due).days < RECENT_DAYS:
                received[laxest] = None  # the lagging ministry owes the half-year's summary
            for sector in owing:
                rows.add(MinistrySummary, region_id=world.region_id, year=year, sector=sector,
                         title=title, due_date=due, received_on=received[sector],
                         note=_summary_note(received[sector], due))


def _summary_received(rng: random.Random, due: dt.date, as_of: dt.date, laxity: float
                      ) -> dt.date | None:
    if due >= as_of:
        return None
    u = rng.random()
    if u < 0.06 * laxity and (as_of - due).days < RECENT_DAYS:
        return None
    received = (due + rng.randint(1, 25) * DAY if u < 0.2 * laxity
                else due - rng.randint(0, 12) * DAY)
    return received if received <= as_of else None


def _as_step(received: dict[str, dt.date | None], due: dt.date, world: World, laxest: str
             ) -> dict[str, dt.date | None]:
    """The yearly summaries as the milestone of STEP_SUMMARY has them (the same draw)."""
    done = _milestone_done(_rng(world.spec.code, "milestone", due.year, STEP_SUMMARY), due,
                           world.as_of)
    if due >= world.as_of:
        return received
    if done is None:  # the step is open: the laxest ministry's summary has not come
        return {**received, laxest: None}
    fixed = {s: min(r, done) if r else done for s, r in received.items()}
    last = max(fixed, key=lambda s: (fixed[s], PROFILES[s].laxity))
    return {**fixed, last: done}


def _summary_note(received: dt.date | None, due: dt.date) -> str | None:
    if received is not None and received > due:
        return "Представлена после напоминания координирующего министерства"
    return None
