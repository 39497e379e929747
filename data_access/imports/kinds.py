"""The nine kinds of import, one declarative spec each, and how each applies its rows.

Every `apply` upserts by the kind's natural key and counts each row as new, updated or
unchanged; references to what is not in the database are errors naming the value. It runs
inside the import's transaction (core.run_import), which it never commits.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import select

from data_access.boundaries import is_placeholder
from data_access.imports.core import DISCREPANCY_POINTS as DISCREPANCY
from data_access.imports.core import Context, Discrepancy, assign, group
from data_access.imports.fields import (
    Choice, Column, Date, Inn, Integer, Oktmo, Place, Row, Score, Spec, Text, decimals,
    normalize, squash,
)
from data_access.methodology import (
    CRITERIA, CRITERION_NAMES, CRITERION_OF, CRITERION_SHORT, INDICATOR_NAMES, INDICATORS,
    OPTIONAL_INDICATORS, NoMethodology, mean_of_criteria, official_scores, rounding_allowance,
    score,
)
from data_access.models import (
    Assessment, CoveragePlan, ImprovementPlan, IndicatorValue, Milestone, MinistrySummary,
    Municipality, Operator, Organization, PlanMeasure, Recommendation, RecommendationReport,
    Sector,
)

CHUNK = 500  # values of one IN (…) list
EXAMPLE_INN = "2310031475"
EXAMPLE_OPERATOR_INN = "2308078934"


def _chunks(values: Iterable, size: int = CHUNK) -> Iterable[list]:
    values = list(dict.fromkeys(v for v in values if v is not None))
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _fetch(ctx: Context, stmt_for, values: Iterable) -> list:
    """Rows of `stmt_for(chunk)` for every chunk of `values` (IN lists stay short)."""
    out = []
    for chunk in _chunks(values):
        out.extend(ctx.session.scalars(stmt_for(chunk)))
    return out


def _not_after_today(ctx: Context, row: Row, name: str) -> bool:
    day = row.get(name)
    if day is not None and day > ctx.today:
        ctx.error(row, name, f"дата не позже сегодняшней ({ctx.today:%d.%m.%Y})")
        return False
    return True


def _count_upsert(ctx: Context, existing, values: dict, create) -> object:
    """Update `existing` with `values` or create the row; count the outcome."""
    if existing is None:
        obj = create()
        ctx.session.add(obj)
        ctx.count("inserted")
        return obj
    ctx.count("updated" if assign(existing, values) else "unchanged")
    return existing


# ---------------------------------------------------------------- shared columns

INN = Column("inn", "ИНН", Inn(), aliases=("ИНН организации", "ИНН учреждения"),
             help="ИНН организации (юридического лица), 10 цифр", example=EXAMPLE_INN)
YEAR = Column("year", "Год", Integer(2013, 2100),
              aliases=("Год оценки", "Год проведения оценки", "Отчётный год"),
              help="год проведения независимой оценки", example=2025)
SECTOR = Column("sector", "Сфера", Text(300),
                aliases=("Сфера деятельности", "Отрасль", "Сфера (отрасль)"),
                help="«Образование», «Культура», «Охрана здоровья», «Социальное обслуживание» "
                     "или министерство-учредитель сферы", example="Культура")
STATUS_MEASURE = Choice({
    "done": ("выполнено", "выполнен", "выполнена", "исполнено", "реализовано", "done"),
    "in_progress": ("в работе", "выполняется", "в процессе", "в процессе исполнения",
                    "не выполнено", "in progress"),
    "overdue": ("просрочено", "просрочен", "не выполнено в срок"),
    "cancelled": ("отменено", "отменён", "отменен", "отменена", "cancelled"),
})


def _criterion_choice() -> Choice:
    roman = ("I", "II", "III", "IV", "V")
    return Choice({k: (CRITERION_SHORT[k], f"K{k[1]}", k[1], roman[i], f"раздел {roman[i]}",
                       CRITERION_NAMES[k])
                   for i, k in enumerate(CRITERIA)})


CRITERION = Column("criterion", "Критерий", _criterion_choice(),
                   aliases=("Раздел", "Критерий (раздел)", "Критерий оценки"),
                   help="К1–К5, номер раздела плана (I–V) или название критерия",
                   example="К3")
SHORTCOMING = Column("shortcoming", "Недостаток", Text(5000), aliases=(
    "Недостатки, выявленные в ходе независимой оценки качества условий оказания услуг "
    "организацией", "Недостатки, выявленные в ходе независимой оценки качества",
    "Выявленный недостаток", "Недостатки"),
    help="графа 1 формы: недостаток, выявленный в ходе независимой оценки",
    example="Отсутствуют поручни и пандус у входа в здание")
MEASURE = Column("measure", "Мероприятие", Text(5000), aliases=(
    "Наименование мероприятия по устранению недостатков, выявленных в ходе независимой "
    "оценки качества условий оказания услуг организацией",
    "Наименование мероприятия по устранению недостатков", "Мероприятие по устранению",
    "Наименование мероприятия"),
    help="графа 2 формы: мероприятие по устранению недостатка",
    example="Установить пандус и поручни у центрального входа")
TAKEN = Column("taken", "Реализованные меры", Text(5000), required=False, aliases=(
    "Реализованные меры по устранению выявленных недостатков", "Принятые меры",
    "Сведения о ходе реализации", "5а", "Графа 5а"),
    help="графа 5а: меры, фактически принятые", example="Пандус установлен, акт приёмки "
                                                        "от 15.05.2026")
ACTUAL = Column("actual_date", "Фактический срок", Date(), required=False, aliases=(
    "Фактический срок реализации", "Фактическая дата", "Дата выполнения", "5б", "Графа 5б"),
    help="графа 5б: дата выполнения; обязательна у выполненного мероприятия",
    example=dt.date(2026, 5, 15))
CANCEL = Column("cancel_reason", "Причина отмены", Text(1000), required=False,
                aliases=("Основание отмены",), help="обязательна у отменённого мероприятия")
STATUS = Column("status", "Статус", STATUS_MEASURE, required=False,
                aliases=("Состояние", "Статус мероприятия"),
                help="«выполнено», «в работе», «просрочено» или «отменено»; если пусто — "
                     "«выполнено» при заполненном фактическом сроке, иначе «в работе»",
                example="выполнено")


# ---------------------------------------------------------------- organizations

def apply_organizations(ctx: Context, rows: Sequence[Row]) -> None:
    existing = {o.inn: o for o in _fetch(
        ctx, lambda c: select(Organization).where(Organization.inn.in_(c)),
        (r.get("inn") for r in rows))}
    for row in rows:
        place = ctx.municipality(row, "municipality")
        sector = ctx.sector(row, "sector")
        org = existing.get(row.get("inn"))
        if org is not None and org.region_id != ctx.region.id:
            ctx.error(row, "inn", "ИНН организации этого региона (организация с таким ИНН "
                                  "уже есть в другом регионе)")
            continue
        if place is None or sector is None:
            continue
        values = {"name": row.get("name"), "type": row.get("type"),
                  "founder_level": row.get("founder_level"), "founder": row.get("founder"),
                  "municipality_id": place.id, "sector": sector.code}
        _count_upsert(ctx, org, values, lambda: Organization(
            region_id=ctx.region.id, inn=row.get("inn"), **values))


ORGANIZATIONS = Spec(
    "organizations", "Организации",
    "Справочник организаций социальной сферы региона: одна строка — одна организация.",
    (INN,
     Column("name", "Наименование", Text(500),
            aliases=("Полное наименование", "Наименование организации", "Организация"),
            help="полное наименование организации",
            example="ГБУК КК «Краевая универсальная научная библиотека им. А. С. Пушкина»"),
     SECTOR,
     Column("municipality", "Муниципальное образование", Place(),
            aliases=("МО", "ОКТМО", "Код ОКТМО", "Муниципальный район (городской округ)",
                     "Район"),
            help="код ОКТМО (8 цифр) или название, как его пишет субъект: «Кирово-Чепецкий "
                 "р-н», «г. Киров», «МО «Слободской район»», «Эрзинский кожуун»",
            example="03701000"),
     Column("type", "Тип организации", Text(100), aliases=("Тип", "Вид организации"),
            help="например, «школа», «библиотека», «больница»", example="библиотека"),
     Column("founder_level", "Уровень учредителя", Choice({
         "regional": ("региональный", "краевой", "областной", "республиканский",
                      "субъект РФ"),
         "municipal": ("муниципальный",)}), aliases=("Уровень",),
            help="«региональный» или «муниципальный»", example="региональный"),
     Column("founder", "Учредитель", Text(300), aliases=("Орган-учредитель",),
            help="орган, осуществляющий функции и полномочия учредителя",
            example="Министерство культуры Краснодарского края")),
    key=("inn",), key_doc="ИНН", apply=apply_organizations)


# ---------------------------------------------------------------- assessments

def _short(code: str) -> str:
    """«Пинф» from «Соответствие информации … (Пинф)»."""
    return INDICATOR_NAMES[code].rsplit("(", 1)[1].rstrip(")")


INDICATOR_EXAMPLES = {"p_inf": 92.5, "p_dist": 90, "p_otkr_ud": 94.1, "p_komf_usl": 100,
                      "p_ozhid": None, "p_komf_ud": 95.3, "p_org_dost": 60, "p_uslug_dost": 60,
                      "p_dost_ud": 88.9, "p_perv_kont_ud": 97.2, "p_okaz_uslug_ud": 97.8,
                      "p_vezhl_dist_ud": 96.0, "p_rekom": 94.7, "p_org_usl_ud": 95.0,
                      "p_ud": 95.6}
PUBLISHED = ("k1", "k2", "k3", "k4", "k5", "total")
# The computed scores of INDICATOR_EXAMPLES, as an operator would publish them.
PUBLISHED_EXAMPLES = {"k1": 92.4, "k2": 97.7, "k3": 68.7, "k4": 97.2, "k5": 95.2,
                      "total": 90.24}
# The headers regional sites and operators print over the scores: the criteria's names in
# order № 344н (and its sector wordings), the usual names of the total and of the rank.
CRITERION_HEADERS = {
    "k1": ("Открытость и доступность информации об организации",
           "Открытость и доступность информации об организации (учреждении)",
           "Показатели, характеризующие открытость и доступность информации об организации",
           "Открытость и доступность информации об организации социальной сферы"),
    "k2": ("Комфортность условий предоставления услуг",
           "Комфортность условий предоставления услуг, включая время ожидания предоставления "
           "услуги",
           "Комфортность условий предоставления услуг, в том числе время ожидания "
           "предоставления услуг",
           "Показатели, характеризующие комфортность условий предоставления услуг",
           "Комфортность условий, в которых осуществляется образовательная деятельность",
           "Комфортность условий оказания услуг"),
    "k3": ("Доступность услуг для инвалидов",
           "Показатели, характеризующие доступность услуг для инвалидов",
           "Доступность образовательной деятельности для инвалидов"),
    "k4": ("Доброжелательность, вежливость работников организации",
           "Доброжелательность, вежливость работников организации (учреждения)",
           "Показатели, характеризующие доброжелательность, вежливость работников организации",
           "Доброжелательность, вежливость работников"),
    "k5": ("Удовлетворенность условиями оказания услуг",
           "Показатели, характеризующие удовлетворенность условиями оказания услуг",
           "Удовлетворенность условиями осуществления образовательной деятельности",
           "Удовлетворенность условиями ведения образовательной деятельности",
           "Удовлетворенность условиями предоставления услуг"),
}
TOTAL_HEADERS = ("Итоговый показатель", "Общий показатель качества", "Итоговый балл оценки",
                 "Итоговый показатель оценки качества", "Показатель оценки качества",
                 "Итоговое значение", "Итоговая оценка", "Общий балл",
                 "Интегральный показатель", "Итоговый показатель по организации",
                 "Показатель оценки качества по организации", "Общий показатель",
                 "Итого", "Итог", "Итоговый балл (опубликовано)", "Итог (опубликовано)",
                 "Итоговый балл оператора", "Опубликованный итоговый балл")
RANK_HEADERS = ("Место", "Рейтинг", "Место в рейтинге организаций", "Рейтинговое место",
                "Место организации в рейтинге", "№ в рейтинге")


def _criterion_column(key: str) -> Column:
    label = CRITERION_SHORT[key]
    latin = f"K{key[1]}"
    return Column(f"published_{key}", label, Score(), required=False,
                  aliases=(CRITERION_NAMES[key], *CRITERION_HEADERS[key],
                           f"{label} (опубликовано)", f"{latin} (опубликовано)",
                           f"{label} оператора", f"Опубликованный {label}",
                           f"{label}, опубликовано", f"Критерий {key[1]}"),
                  help=f"«{CRITERION_HEADERS[key][0]}» ({label}), как опубликовано; пусто — "
                       "не опубликован",
                  example=PUBLISHED_EXAMPLES[key])


TOTAL = Column("published_total", "Итоговый балл", Score(), required=False,
               aliases=TOTAL_HEADERS,
               help="итоговый балл организации (показатель оценки качества), как опубликован; "
                    "пусто — среднее К1–К5", example=PUBLISHED_EXAMPLES["total"])
RANK = Column("rank", "Место в рейтинге", Integer(1, 1_000_000), required=False,
              aliases=RANK_HEADERS,
              help="место организации в опубликованном рейтинге: принимается, но не "
                   "хранится — панель ранжирует по итоговому баллу сама", example=12)


def _level(row: Row) -> str | None:
    """How detailed the row is (models.ASSESSMENT_LEVELS); None when it has no score."""
    if any(row.get(c) is not None for c in INDICATORS):
        return "indicators"
    if any(row.get(f"published_{k}") is not None for k in CRITERIA):
        return "criteria"
    return "total" if row.get("published_total") is not None else None


ORG_NAME = Column("org_name", "Наименование организации", Text(500), required=False,
                  aliases=("Наименование", "Организация", "Полное наименование",
                           "Наименование учреждения", "Наименование организации социальной "
                           "сферы", "Учреждение"),
                  help="наименование, как в справочнике организаций; нужно, если нет ИНН "
                       "(сайты регионов часто печатают рейтинг без ИНН)",
                  example="ГБУК КК «Краевая универсальная научная библиотека им. А. С. Пушкина»")


def _name_key(name) -> str:
    """An organization's name as a key: case, spaces, «ё» and the kind of quotes ignored."""
    return squash(re.sub(r"[«»\"“”„'’]", "", str(name or "")))


def _check_assessment(row: Row) -> list[tuple[str, str]]:
    out = []
    if row.get("inn") is None and not row.get("org_name"):
        out.append(("inn", "ИНН организации или её наименование (столбец «Наименование "
                           "организации»)"))
    disabled, respondents = row.get("disabled_respondents"), row.get("respondents")
    if disabled is not None and respondents is not None and disabled > respondents:
        out.append(("disabled_respondents", f"не больше числа респондентов ({respondents})"))
    level = _level(row)
    if level is None:
        out.append(("published_total", "итоговый балл, К1–К5 или показатели приказа № 344н: "
                                       "в строке нет ни одного балла"))
    elif level == "indicators":
        out.extend((c, f"значение {_short(c)}: в строке есть показатели, а К1–К5 "
                       "рассчитываются только по всем (или оставьте показатели пустыми и "
                       "укажите К1–К5 и итоговый балл, как опубликовано)")
                   for c in INDICATORS
                   if c not in OPTIONAL_INDICATORS and row.get(c) is None)
    elif row.get("published_total") is None:
        out.extend((f"published_{k}", f"значение {CRITERION_SHORT[k]} или итоговый балл: без "
                                      f"{CRITERION_SHORT[k]} итоговый балл не рассчитать")
                   for k in CRITERIA if row.get(f"published_{k}") is None)
    return out


def _computed(ctx: Context, row: Row, sector: Sector, year: int) -> dict[str, float] | None:
    """К1–К5 and the total from the row's indicators, or None (and an error)."""
    waiting = row.get("p_ozhid")
    if sector.has_waiting and waiting is None:
        ctx.error(row, "p_ozhid", f"значение Пожид: в сфере «{sector.name}» оно "
                                  "обязательно (К2 учитывает время ожидания)")
        return None
    if not sector.has_waiting and waiting is not None:
        ctx.error(row, "p_ozhid", f"пустая ячейка: в сфере «{sector.name}» время ожидания "
                                  "не оценивается")
        return None
    try:
        return score({c: row.get(c) for c in INDICATORS if row.get(c) is not None},
                     year).as_dict()
    except NoMethodology as error:
        ctx.error(row, "year", str(error))
    except ValueError as error:  # the columns were checked; kept for a clear message
        ctx.error(row, None, str(error))
    return None


def _discrepancies(ctx: Context, row: Row, org: Organization, year: int,
                   published: dict, computed: dict | None) -> float | None:
    """Flag the published figures that the computation does not bear out; returns how far
    the published total may lie from the mean of the published criteria by rounding."""
    if computed is not None:
        for key in PUBLISHED:
            if published[key] is not None and abs(published[key] - computed[key]) > DISCREPANCY:
                ctx.discrepancy(Discrepancy(row.number, org.inn, org.name, year, key,
                                            published[key], computed[key]))
    mean = mean_of_criteria({k: published[k] for k in CRITERIA})
    if mean is None or published["total"] is None:
        return None
    allowance = rounding_allowance(
        min(decimals(row.raw.get(f"published_{k}")) for k in CRITERIA),
        decimals(row.raw.get("published_total")))
    if abs(published["total"] - mean) > allowance + 1e-9:
        ctx.discrepancy(Discrepancy(row.number, org.inn, org.name, year, "total",
                                    published["total"], mean, basis="criteria",
                                    allowance=allowance))
    return allowance


def _organizations_by_name(ctx: Context) -> dict[str, list[Organization]]:
    out: dict[str, list[Organization]] = {}
    for org in ctx.session.scalars(select(Organization).where(
            Organization.region_id == ctx.region.id)):
        out.setdefault(_name_key(org.name), []).append(org)
    return out


def _organization_of(ctx: Context, row: Row, by_inn: dict, by_name: dict | None):
    """The row's organization by its INN or, without one, by its name; None and an error
    naming what was not found (with the closest names of the region)."""
    if row.get("inn") is not None:
        org = by_inn.get(row.get("inn"))
        if org is None:
            ctx.error(row, "inn", f"ИНН организации региона «{ctx.region.name}» (такой нет в "
                                  "справочнике: загрузите её видом «Организации»)")
        return org
    found = by_name.get(_name_key(row.get("org_name")), [])
    if len(found) == 1:
        return found[0]
    if found:
        ctx.error(row, "org_name", "одна организация: с таким наименованием их несколько "
                                   "(ИНН " + ", ".join(o.inn for o in found) + ") — укажите ИНН")
        return None
    near = difflib.get_close_matches(_name_key(row.get("org_name")), list(by_name), n=3,
                                     cutoff=0.6)
    names = [by_name[k][0].name for k in near]
    ctx.error(row, "org_name", f"наименование организации региона «{ctx.region.name}», как в "
                               "справочнике (такого нет"
              + ("; ближайшие: " + ", ".join(f"«{n}»" for n in names) if names else "")
              + "), или её ИНН")
    return None


def apply_assessments(ctx: Context, rows: Sequence[Row]) -> None:
    session = ctx.session
    orgs = {o.inn: o for o in _fetch(ctx, lambda c: select(Organization).where(
        Organization.inn.in_(c), Organization.region_id == ctx.region.id),
        (r.get("inn") for r in rows))}
    by_name = (_organizations_by_name(ctx) if any(r.get("inn") is None for r in rows)
               else None)
    matched = {row.number: _organization_of(ctx, row, orgs, by_name) for row in rows}
    orgs.update({o.inn: o for o in matched.values() if o is not None})
    sectors = {s.code: s for s in session.scalars(select(Sector))}
    assessments = {(a.organization_id, a.year): a for a in _fetch(
        ctx, lambda c: select(Assessment).where(Assessment.organization_id.in_(c)),
        (o.id for o in orgs.values()))}
    values_of: dict[int, dict[str, IndicatorValue]] = {}
    for iv in _fetch(ctx, lambda c: select(IndicatorValue).where(
            IndicatorValue.assessment_id.in_(c)), (a.id for a in assessments.values())):
        values_of.setdefault(iv.assessment_id, {})[iv.code] = iv
    operators = {o.inn: o for o in _fetch(ctx, lambda c: select(Operator).where(
        Operator.inn.in_(c)), (r.get("operator_inn") for r in rows))}
    created: list[tuple[Assessment, dict[str, float]]] = []

    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        org = matched[row.number]
        if org is None:
            continue
        year = row.get("year")
        if (org.id, year) in seen:  # a name and an INN may name one organization twice
            ctx.error(row, "org_name" if row.get("inn") is None else "inn",
                      f"одна строка на организацию и год; эта организация уже была в строке "
                      f"{seen[org.id, year]}")
            continue
        seen[org.id, year] = row.number
        if year > ctx.today.year:
            ctx.error(row, "year", f"год не позже текущего ({ctx.today.year})")
            continue
        level = _level(row)
        computed = None
        if level == "indicators":
            computed = _computed(ctx, row, sectors[org.sector], year)
            if computed is None:
                continue
        indicators = ({c: row.get(c) for c in INDICATORS if row.get(c) is not None}
                      if computed else {})
        published = {k: row.get(f"published_{k}") for k in PUBLISHED}
        existing = assessments.get((org.id, year))
        values = {"level": level, **official_scores(published, computed),
                  **{f"published_{k}": v for k, v in published.items()},
                  **{f"computed_{k}": computed[k] if computed else None for k in PUBLISHED}}
        if "respondents" in row:
            values["respondents"] = row.get("respondents")
        if "disabled_respondents" in row:
            values["disabled_respondents"] = row.get("disabled_respondents") or 0
        respondents = values.get("respondents", existing.respondents if existing else None)
        disabled = values.get("disabled_respondents",
                              existing.disabled_respondents if existing else 0)
        if respondents is not None and disabled > respondents:
            ctx.error(row, "respondents", f"не меньше числа респондентов-инвалидов ({disabled})")
            continue
        if "operator_inn" in row:
            operator = _operator(ctx, row, operators)
            if operator is False:
                continue
            values["operator_id"] = operator.id if operator else None
        values["published_rounding"] = _discrepancies(ctx, row, org, year, published, computed)
        if existing is None:
            assessment = Assessment(organization_id=org.id, year=year, **values)
            session.add(assessment)
            assessments[org.id, year] = assessment
            created.append((assessment, indicators))
            ctx.count("inserted")
            continue
        changed = assign(existing, values)
        changed = _sync_indicators(ctx, existing.id, values_of.get(existing.id, {}),
                                   indicators) or changed
        ctx.count("updated" if changed else "unchanged")
    if created:
        session.flush()  # the new assessments' ids
        session.add_all(IndicatorValue(assessment_id=a.id, code=c, value=v)
                        for a, indicators in created for c, v in indicators.items())


def _operator(ctx: Context, row: Row, operators: dict[str, Operator]):
    """The row's operator, created from its name if new; None if not given; False (and an
    error) if it cannot be found or made."""
    inn = row.get("operator_inn")
    if inn is None:
        return None
    operator = operators.get(inn)
    if operator is None:
        name = row.get("operator_name")
        if not name:
            ctx.error(row, "operator_inn", "ИНН оператора из справочника операторов или "
                                           "наименование нового оператора в столбце «Оператор»")
            return False
        operator = Operator(inn=inn, name=name)
        ctx.session.add(operator)
        ctx.session.flush()
        operators[inn] = operator
    return operator


def _sync_indicators(ctx: Context, assessment_id: int, current: dict[str, IndicatorValue],
                     new: dict[str, float]) -> bool:
    changed = False
    for code in INDICATORS:
        old, value = current.get(code), new.get(code)
        if value is None and old is not None:
            ctx.session.delete(old)
        elif value is not None and old is None:
            ctx.session.add(IndicatorValue(assessment_id=assessment_id, code=code, value=value))
        elif value is not None and not assign(old, {"value": float(value)}):
            continue
        elif value is None:
            continue
        changed = True
    return changed


ASSESSMENTS = Spec(
    "assessments", "Результаты оценки",
    "Результаты независимой оценки качества: одна строка — одна организация за год, с той "
    "подробностью, с какой они опубликованы. В строке либо показатели приказа Минтруда "
    "России № 344н (К1–К5 и итоговый балл рассчитываются по ним), либо критерии К1–К5 и "
    "итоговый балл, либо только итоговый балл. Опубликованные баллы хранятся как "
    "опубликованы и показываются на страницах; расчёт по показателям сверяется с ними: "
    "расхождение более 0,5 балла отмечается, но строка загружается. Итоговый балл, "
    "отличающийся от среднего опубликованных К1–К5 больше, чем объясняет их округление "
    "(у целых чисел — до 0,5), тоже отмечается. Без одного из критериев строка принимается, "
    "если есть итоговый балл.",
    (replace(INN, required=False,
             help="ИНН организации (юридического лица), 10 цифр; без него организация "
                  "находится по наименованию"), ORG_NAME, YEAR,
     Column("respondents", "Число респондентов", Integer(0, 1_000_000), required=False,
            aliases=("Респондентов", "Количество респондентов", "Опрошено",
                     "Число опрошенных", "Число получателей услуг, принявших участие",
                     "Количество опрошенных", "Число участников опроса"),
            help="получателей услуг, принявших участие в опросе (пусто — не опубликовано)",
            example=214),
     Column("disabled_respondents", "Из них инвалидов", Integer(0, 1_000_000),
            required=False, aliases=("Респондентов-инвалидов", "Число респондентов-инвалидов",
                                     "Инвалидов"),
            help="респондентов-инвалидов (пусто — 0)", example=11),
     Column("operator_inn", "ИНН оператора", Inn(), required=False,
            aliases=("ИНН организации-оператора",),
            help="ИНН организации-оператора; новый оператор добавляется, если указано его "
                 "наименование", example=EXAMPLE_OPERATOR_INN),
     Column("operator_name", "Оператор", Text(500), required=False,
            aliases=("Организация-оператор", "Наименование оператора"),
            help="наименование организации-оператора (нужно только для нового)",
            example="ООО «Центр социальных исследований»"),
     *(Column(code, _short(code), Score(), required=False,
              aliases=(INDICATOR_NAMES[code],),
              help=INDICATOR_NAMES[code].rsplit(" (", 1)[0]
              + f" ({CRITERION_SHORT[CRITERION_OF[code]]})"
              + ("; только для охраны здоровья и социального обслуживания, в остальных "
                 "сферах — пусто" if code in OPTIONAL_INDICATORS else
                 "; в строке с показателями обязателен"),
              example=INDICATOR_EXAMPLES[code])
       for code in INDICATORS),
     *(_criterion_column(k) for k in CRITERIA), TOTAL, RANK),
    key=("inn", "year"), key_doc="ИНН, год", apply=apply_assessments,
    check=_check_assessment,
    together=tuple(c for c in INDICATORS if c not in OPTIONAL_INDICATORS),
    one_of=(("inn", "org_name"), ("published_total", "published_k1", "p_inf")))


# ---------------------------------------------------------------- plans (resolution № 457)

def _check_progress(row: Row) -> list[tuple[str, str]]:
    status, actual = row.get("status"), row.get("actual_date")
    out = []
    if status == "done" and actual is None:
        out.append(("actual_date", "фактический срок: у выполненного мероприятия он "
                                   "обязателен"))
    if status in ("in_progress", "overdue") and actual is not None:
        out.append(("status", "«выполнено», раз указан фактический срок (или очистите "
                              "фактический срок)"))
    if status == "cancelled" and not row.get("cancel_reason"):
        out.append(("cancel_reason", "причина отмены: у отменённого мероприятия она "
                                     "обязательна"))
    return out


def _progress_values(row: Row, existing: PlanMeasure | None) -> dict:
    values = {f: row.get(f) for f in ("taken", "actual_date", "cancel_reason") if f in row}
    if row.get("status") is not None:
        values["status"] = row.get("status")
    elif "actual_date" in row and row.get("actual_date") is not None:
        values["status"] = "done"
    elif existing is None or ("actual_date" in row and existing.status == "done"):
        values["status"] = "in_progress"
    return values


def _measure_key(plan_id: int, criterion: str, shortcoming: str, measure: str) -> tuple:
    return plan_id, criterion, squash(shortcoming), squash(measure)


def _assessments_of(ctx: Context, rows: Sequence[Row]) -> dict[tuple[str, int], tuple]:
    """(INN, year) → (assessment, organization) for the rows' organizations in the region."""
    out = {}
    for chunk in _chunks(r.get("inn") for r in rows):
        for a, o in ctx.session.execute(
                select(Assessment, Organization)
                .join(Organization, Organization.id == Assessment.organization_id)
                .where(Organization.inn.in_(chunk), Organization.region_id == ctx.region.id)):
            out[o.inn, a.year] = (a, o)
    return out


def _plans_and_measures(ctx: Context, assessment_ids: Iterable[int]):
    plans = {p.assessment_id: p for p in _fetch(ctx, lambda c: select(ImprovementPlan).where(
        ImprovementPlan.assessment_id.in_(c)), assessment_ids)}
    measures = {_measure_key(m.plan_id, m.criterion, m.shortcoming, m.measure): m
                for m in _fetch(ctx, lambda c: select(PlanMeasure).where(
                    PlanMeasure.plan_id.in_(c)), (p.id for p in plans.values()))}
    return plans, measures


def _no_assessment(ctx: Context, rows: Sequence[Row], inn: str, year: int, what: str) -> None:
    more = f" (и ещё строк этого плана: {len(rows) - 1})" if len(rows) > 1 else ""
    ctx.error(rows[0], "inn", f"оценка организации ИНН {inn} за {year} год в базе ({what} по "
                              f"её результатам; сначала загрузите результаты оценки){more}")


def _one_value(ctx: Context, rows: Sequence[Row], name: str):
    """A plan-level column (approval date) must be the same on every row of the plan."""
    values = {r.get(name) for r in rows if r.get(name) is not None}
    if len(values) > 1:
        first = next(r for r in rows if r.get(name) is not None)
        for r in rows:
            if r.get(name) is not None and r.get(name) != first.get(name):
                ctx.error(r, name, f"то же значение, что в строке {first.number}: у плана "
                                   f"одна дата ({first.get(name):%d.%m.%Y})")
        return False, None
    return True, (values.pop() if values else None)


def _outside_sector(ctx: Context, rows: Sequence[Row], org: Organization) -> bool:
    """A ministry's account loads only its own sector's organizations: each row of another
    sector's organization is an error (and the whole file is not loaded)."""
    if ctx.only_sector is None or org.sector == ctx.only_sector:
        return False
    for row in rows:
        ctx.error(row, "inn", f"организация сферы вашего министерства («{ctx.only_sector}»); "
                              f"ИНН {org.inn} — организация сферы «{org.sector}», её планы "
                              "загружает своё министерство или администратор")
    return True


def apply_plans(ctx: Context, rows: Sequence[Row]) -> None:
    found = _assessments_of(ctx, rows)
    plans, measures = _plans_and_measures(ctx, (a.id for a, _ in found.values()))
    for (inn, year), plan_rows in group(rows, lambda r: (r.get("inn"), r.get("year"))).items():
        if (inn, year) not in found:
            _no_assessment(ctx, plan_rows, inn, year, "план составляется")
            continue
        assessment, org = found[inn, year]
        if _outside_sector(ctx, plan_rows, org):
            continue
        ok_approved, approved = _one_value(ctx, plan_rows, "approved_on")
        ok_due, due = _one_value(ctx, plan_rows, "due_date")
        if not (ok_approved and ok_due) or not all(
                _not_after_today(ctx, r, "actual_date") for r in plan_rows):
            continue
        plan_values = {}
        if "approved_on" in plan_rows[0]:
            plan_values["approved_on"] = approved
        if "due_date" in plan_rows[0] and due is not None:
            plan_values["due_date"] = due
        plan = plans.get(assessment.id)
        plan_changed = False
        if plan is None:
            plan = ImprovementPlan(assessment_id=assessment.id, organization_id=org.id,
                                   **{"due_date": dt.date(year, 12, 1), **plan_values})
            ctx.session.add(plan)
            ctx.session.flush()
            plans[assessment.id] = plan
        else:
            plan_changed = assign(plan, plan_values)
        before = ctx.result.updated + ctx.result.inserted
        for row in plan_rows:
            key = _measure_key(plan.id, row.get("criterion"), row.get("shortcoming"),
                               row.get("measure"))
            existing = measures.get(key)
            values = {"planned_date": row.get("planned_date"),
                      "responsible_name": row.get("responsible_name"),
                      "responsible_position": row.get("responsible_position"),
                      **_progress_values(row, existing)}
            measures[key] = _count_upsert(ctx, existing, values, lambda: PlanMeasure(
                plan_id=plan.id, criterion=row.get("criterion"),
                shortcoming=row.get("shortcoming"), measure=row.get("measure"), **values))
        if plan_changed and ctx.result.updated + ctx.result.inserted == before:
            ctx.result.unchanged -= 1  # the plan's own dates changed: its first row counts
            ctx.result.updated += 1


PLANS = Spec(
    "plans", "Планы по устранению недостатков",
    "План по устранению недостатков по форме постановления Правительства РФ № 457: одна "
    "строка — одно мероприятие. Графы 1–4 формы обязательны, графы 5а и 5б (ход "
    "реализации) — по желанию.",
    (INN, YEAR,
     Column("approved_on", "Дата утверждения плана", Date(), required=False,
            aliases=("Дата утверждения", "План утверждён"),
            help="дата утверждения плана учредителем (одна на все строки плана)",
            example=dt.date(2025, 11, 28)),
     Column("due_date", "Срок утверждения плана", Date(), required=False,
            aliases=("Срок утверждения",),
            help="до какой даты план должен быть утверждён; пусто — 01.12 года оценки",
            example=dt.date(2025, 12, 1)),
     CRITERION, SHORTCOMING, MEASURE,
     Column("planned_date", "Плановый срок", Date(),
            aliases=("Плановый срок реализации мероприятия", "Плановый срок реализации",
                     "Срок реализации"),
            help="графа 3: плановый срок реализации мероприятия",
            example=dt.date(2026, 6, 30)),
     Column("responsible_name", "Ответственный (ФИО)", Text(200),
            aliases=("ФИО ответственного", "Ответственный исполнитель", "Ответственный"),
            help="графа 4: фамилия, имя, отчество ответственного исполнителя",
            example="Иванова Мария Петровна"),
     Column("responsible_position", "Должность ответственного", Text(300),
            aliases=("Должность", "Должность ответственного исполнителя"),
            help="графа 4: его должность", example="заместитель директора"),
     STATUS, TAKEN, ACTUAL, CANCEL),
    key=("inn", "year", "criterion", "shortcoming", "measure"),
    key_doc="ИНН, год, критерий, недостаток, мероприятие", apply=apply_plans,
    check=_check_progress)


def apply_plan_progress(ctx: Context, rows: Sequence[Row]) -> None:
    found = _assessments_of(ctx, rows)
    plans, measures = _plans_and_measures(ctx, (a.id for a, _ in found.values()))
    for (inn, year), plan_rows in group(rows, lambda r: (r.get("inn"), r.get("year"))).items():
        if (inn, year) not in found:
            _no_assessment(ctx, plan_rows, inn, year, "ход исполнения плана отмечается")
            continue
        if _outside_sector(ctx, plan_rows, found[inn, year][1]):
            continue
        plan = plans.get(found[inn, year][0].id)
        for row in plan_rows:
            if plan is None:
                ctx.error(row, "inn", f"план организации ИНН {inn} за {year} год в базе (он не "
                                      "загружен: сначала загрузите план)")
                continue
            existing = measures.get(_measure_key(plan.id, row.get("criterion"),
                                                 row.get("shortcoming"), row.get("measure")))
            if existing is None:
                ctx.error(row, "measure", f"мероприятие из плана организации ИНН {inn} за "
                                          f"{year} год с этим критерием и недостатком (такого в "
                                          "плане нет: сверьте текст с планом)")
                continue
            if not _not_after_today(ctx, row, "actual_date"):
                continue
            ctx.count("updated" if assign(existing, _progress_values(row, existing))
                      else "unchanged")


PLAN_PROGRESS = Spec(
    "plan-progress", "Ход исполнения планов",
    "Отчёт о ходе исполнения планов (графы 5а и 5б формы № 457) по мероприятиям, уже "
    "загруженным планом: мероприятие находится по ИНН, году, критерию, недостатку и "
    "тексту мероприятия.",
    (INN, YEAR, CRITERION, SHORTCOMING, MEASURE,
     Column("status", "Статус", STATUS_MEASURE, aliases=STATUS.aliases, help=STATUS.help,
            example="выполнено"),
     TAKEN,
     Column("actual_date", "Фактический срок", Date(), required=False, present=True,
            aliases=ACTUAL.aliases, help=ACTUAL.help + " (столбец обязателен, ячейка — нет)",
            example=dt.date(2026, 5, 15)),
     CANCEL),
    key=("inn", "year", "criterion", "shortcoming", "measure"),
    key_doc="ИНН, год, критерий, недостаток, мероприятие", apply=apply_plan_progress,
    check=_check_progress)


# ---------------------------------------------------------------- recommendation reports

def apply_reports(ctx: Context, rows: Sequence[Row]) -> None:
    recommendations = list(ctx.session.scalars(select(Recommendation)))
    by_key = {(normalize(r.resolution), r.number): r for r in recommendations}
    latest = max((r.resolution_date, r.resolution) for r in recommendations)[1] \
        if recommendations else None
    existing = {(r.recommendation_id, r.sector, r.reported_on): r
                for r in ctx.session.scalars(select(RecommendationReport).where(
                    RecommendationReport.region_id == ctx.region.id))}
    seen: dict[tuple, int] = {}
    for row in rows:
        sector = ctx.sector(row, "ministry")
        resolution = row.get("resolution") or latest
        recommendation = by_key.get((normalize(resolution or ""), row.get("number")))
        if recommendation is None:
            known = ", ".join(f"{r.resolution} п. {r.number}" for r in recommendations[:12])
            ctx.error(row, "number", "номер рекомендации постановления "
                                     f"{resolution or '(в базе нет постановлений)'}"
                                     + (f"; в базе: {known}" if known else ""))
            continue
        if sector is None or not _not_after_today(ctx, row, "reported_on"):
            continue
        key = (recommendation.id, sector.code, row.get("reported_on"))
        if key in seen:
            ctx.error(row, "ministry", "одна строка на рекомендацию, министерство и дату "
                                       f"отчёта; такая уже была в строке {seen[key]}")
            continue
        seen[key] = row.number
        values = {"status": row.get("status"), "text": row.get("text")}
        _count_upsert(ctx, existing.get(key), values, lambda: RecommendationReport(
            recommendation_id=recommendation.id, region_id=ctx.region.id, sector=sector.code,
            reported_on=row.get("reported_on"), **values))


RECOMMENDATION_REPORTS = Spec(
    "recommendation-reports", "Отчёты по рекомендациям",
    "Отчёты министерств об исполнении рекомендаций постановления Законодательного Собрания "
    "(№ 184-П): одна строка — отчёт одного министерства по одной рекомендации на дату.",
    (Column("resolution", "Постановление", Text(50), required=False,
            aliases=("Номер постановления", "Постановление ЗСК"),
            help="номер постановления, например «№ 184-П»; пусто — последнее в базе",
            example="№ 184-П"),
     Column("number", "№ рекомендации", Integer(1, 99),
            aliases=("Номер рекомендации", "Рекомендация", "Пункт", "№"),
            help="номер рекомендации в пункте 2 постановления (1–9)", example=3),
     Column("ministry", "Министерство", Text(300),
            aliases=("Министерство (сфера)", "Исполнитель", "Сфера"),
            help="министерство-исполнитель или его сфера", example="Министерство культуры "
                                                                 "Краснодарского края"),
     Column("reported_on", "Дата отчёта", Date(),
            aliases=("Отчётная дата", "На дату", "Дата"),
            help="дата, на которую составлен отчёт", example=dt.date(2026, 6, 30)),
     Column("status", "Статус", Choice({
         "done": ("выполнено", "выполнена", "исполнено"),
         "in_progress": ("в работе", "выполняется", "в процессе"),
         "not_started": ("не начато", "не приступали", "не начата")}),
            aliases=("Состояние",), help="«выполнено», «в работе» или «не начато»",
            example="в работе"),
     Column("text", "Текст отчёта", Text(10000),
            aliases=("Отчёт", "Что сделано", "Информация о выполнении"),
            help="что сделано", example="Паспорта доступности обновлены в 120 организациях")),
    key=("resolution", "number", "ministry", "reported_on"),
    key_doc="постановление, № рекомендации, министерство, дата отчёта", apply=apply_reports)


# ---------------------------------------------------------------- municipalities

def apply_municipalities(ctx: Context, rows: Sequence[Row]) -> None:
    """Upsert by OKTMO; a code of another subject or a name another municipality of the
    subject already has is an error."""
    mine = list(ctx.session.scalars(select(Municipality).where(
        Municipality.region_id == ctx.region.id)))
    by_code = {m.oktmo: m for m in mine}
    by_name = {squash(m.name): m for m in mine}
    others = {m.oktmo: m for m in _fetch(ctx, lambda c: select(Municipality).where(
        Municipality.oktmo.in_(c), Municipality.region_id != ctx.region.id),
        (r.get("oktmo") for r in rows))}
    seen: dict[str, int] = {}
    for row in rows:
        code, name = row.get("oktmo"), row.get("name")
        if code in others:
            ctx.error(row, "oktmo", "код ОКТМО муниципального образования этого субъекта "
                                    "(такой код уже есть у другого субъекта)")
            continue
        namesake = by_name.get(squash(name))
        if namesake is not None and namesake.oktmo != code and code not in by_code and \
                is_placeholder(namesake.oktmo, ctx.region.code):
            # made from a boundary file with a made-up code: the real code replaces it
            by_code[code] = namesake
            namesake.oktmo = code
        if namesake is not None and namesake.oktmo != code or squash(name) in seen:
            where = (f"строке {seen[squash(name)]}" if squash(name) in seen
                     else f"справочнике с кодом {namesake.oktmo}")
            ctx.error(row, "name", f"название, которого нет у другого муниципального "
                                   f"образования субъекта (такое уже есть в {where})")
            continue
        seen[squash(name)] = row.number
        values = {"name": name, "kind": row.get("kind")}
        if "population" in row:
            values["population"] = row.get("population")
        existing = by_code.get(code)
        obj = _count_upsert(ctx, existing, values, lambda: Municipality(
            region_id=ctx.region.id, oktmo=code, **values))
        by_name[squash(name)] = obj


MUNICIPALITY_KIND = Choice({
    "urban_okrug": ("городской округ", "ГО", "город", "г.", "город-курорт"),
    "municipal_district": ("муниципальный район", "МР", "район", "р-н", "кожуун", "улус"),
    "municipal_okrug": ("муниципальный округ", "МО", "м.о."),
})

MUNICIPALITIES = Spec(
    "municipalities", "Муниципальные образования",
    "Справочник муниципальных образований верхнего уровня субъекта (городские округа, "
    "муниципальные районы и округа): одна строка — одно образование. Нужен до загрузки "
    "организаций: организация указывает своё образование кодом ОКТМО или названием.",
    (Column("oktmo", "ОКТМО", Oktmo(), aliases=("Код ОКТМО", "Код по ОКТМО"),
            help="код по ОКТМО, 8 цифр", example="33615000"),
     Column("name", "Наименование", Text(200),
            aliases=("Название", "Муниципальное образование",
                     "Наименование муниципального образования"),
            help="название, как его пишет субъект", example="Кирово-Чепецкий район"),
     Column("kind", "Вид", MUNICIPALITY_KIND,
            aliases=("Вид муниципального образования", "Тип", "Тип муниципального образования"),
            help="«городской округ», «муниципальный район» (в том числе кожуун, улус) или "
                 "«муниципальный округ»", example="муниципальный район"),
     Column("population", "Население", Integer(0, 20_000_000), required=False,
            aliases=("Численность населения", "Численность", "Население, чел."),
            help="численность населения, человек (для сравнения с похожими)", example=19800)),
    key=("oktmo",), key_doc="ОКТМО", apply=apply_municipalities)


# ---------------------------------------------------------------- coverage plans

def apply_coverage(ctx: Context, rows: Sequence[Row]) -> None:
    existing = {(c.sector, c.year): c for c in ctx.session.scalars(select(CoveragePlan).where(
        CoveragePlan.region_id == ctx.region.id))}
    seen: dict[tuple, int] = {}
    for row in rows:
        sector = ctx.sector(row, "sector")
        if sector is None:
            continue
        key = (sector.code, row.get("year"))
        if key in seen:
            ctx.error(row, "sector", "одна строка на сферу и год; такая уже была в строке "
                                     f"{seen[key]}")
            continue
        seen[key] = row.number
        _count_upsert(ctx, existing.get(key), {"planned": row.get("planned")},
                      lambda: CoveragePlan(region_id=ctx.region.id, sector=sector.code,
                                           year=row.get("year"), planned=row.get("planned")))


COVERAGE_PLANS = Spec(
    "coverage-plans", "Плановый охват",
    "Плановые значения охвата независимой оценкой: сколько организаций сферы запланировано "
    "оценить в году.",
    (YEAR, SECTOR,
     Column("planned", "Запланировано к оценке", Integer(0, 1_000_000),
            aliases=("Плановое значение", "План", "Запланировано", "Плановый охват",
                     "Количество организаций по плану"),
            help="число организаций, запланированных к оценке", example=310)),
    key=("year", "sector"), key_doc="год, сфера", apply=apply_coverage)


# ---------------------------------------------------------------- milestones

def apply_milestones(ctx: Context, rows: Sequence[Row]) -> None:
    existing = {(m.year, m.step): m for m in ctx.session.scalars(select(Milestone).where(
        Milestone.region_id == ctx.region.id))}
    for row in rows:
        if not _not_after_today(ctx, row, "done_on"):
            continue
        values = {f: row.get(f) for f in ("title", "result", "responsible", "deadline")}
        if "done_on" in row:
            values["done_on"] = row.get("done_on")
        _count_upsert(ctx, existing.get((row.get("year"), row.get("step"))), values,
                      lambda: Milestone(region_id=ctx.region.id, year=row.get("year"),
                                        step=row.get("step"), **values))


MILESTONES = Spec(
    "milestones", "График этапов",
    "Этапы годового цикла независимой оценки: срок, ответственный и дата выполнения.",
    (Column("year", "Год", Integer(2013, 2100), aliases=("Год оценки", "Год цикла"),
            help="год оценки, которому служит этап (перечень на 2026 год составляется в "
                 "2025-м)", example=2026),
     Column("step", "№ этапа", Integer(1, 99),
            aliases=("Номер этапа", "№ п/п", "Шаг"),
            help="порядковый номер этапа в цикле", example=6),
     Column("title", "Этап", Text(500),
            aliases=("Наименование этапа", "Наименование мероприятия", "Мероприятие"),
            help="что делается", example="Размещение результатов независимой оценки на сайте "
                                         "bus.gov.ru"),
     Column("result", "Результат", Text(300), help="чем этап заканчивается",
            example="Баллы на bus.gov.ru"),
     Column("responsible", "Ответственный", Text(500),
            aliases=("Ответственный исполнитель",), help="кто отвечает",
            example="Общественные советы при министерствах-учредителях"),
     Column("deadline", "Срок", Date(), aliases=("Срок исполнения", "Крайний срок"),
            help="крайний срок", example=dt.date(2026, 8, 28)),
     Column("done_on", "Дата выполнения", Date(), required=False,
            aliases=("Выполнено", "Фактическая дата", "Дата исполнения"),
            help="когда этап выполнен; пусто — не выполнен", example=dt.date(2026, 8, 25))),
    key=("year", "step"), key_doc="год, № этапа", apply=apply_milestones)


# ---------------------------------------------------------------- summaries to the coordinator

def _check_summary(row: Row) -> list[tuple[str, str]]:
    """A summary on year Y is due within Y or early in Y + 1."""
    year, due = row.get("year"), row.get("due_date")
    if year is not None and due is not None and due.year not in (year, year + 1):
        return [("due_date", f"срок в {year} или {year + 1} году (сводка за {year} год)")]
    return []


def apply_summaries(ctx: Context, rows: Sequence[Row]) -> None:
    existing = {(m.sector, m.due_date): m for m in ctx.session.scalars(
        select(MinistrySummary).where(MinistrySummary.region_id == ctx.region.id))}
    seen: dict[tuple, int] = {}
    for row in rows:
        sector = ctx.sector(row, "ministry")
        if sector is None or not _not_after_today(ctx, row, "received_on"):
            continue
        key = (sector.code, row.get("due_date"))
        if key in seen:
            ctx.error(row, "ministry", "одна строка на министерство и срок; такая уже была в "
                                       f"строке {seen[key]}")
            continue
        seen[key] = row.number
        values = {f: row.get(f) for f in ("year", "title")}
        for optional in ("received_on", "note"):
            if optional in row:
                values[optional] = row.get(optional)
        _count_upsert(ctx, existing.get(key), values, lambda: MinistrySummary(
            region_id=ctx.region.id, sector=sector.code, due_date=row.get("due_date"),
            **values))


MINISTRY_SUMMARIES = Spec(
    "ministry-summaries", "Сводки координирующему министерству",
    "Сводная информация о проведении независимой оценки, которую министерства-учредители "
    "представляют координирующему министерству (министерству труда и социального развития): "
    "что представляется, срок и дата поступления.",
    (Column("year", "Год", Integer(2013, 2100), aliases=("Год оценки", "Отчётный год"),
            help="год независимой оценки, о котором сводка", example=2026),
     Column("ministry", "Министерство", Text(300),
            aliases=("Министерство (сфера)", "Исполнитель", "Сфера", "Представляет"),
            help="министерство-учредитель, представляющее сводку, или его сфера",
            example="Министерство культуры Краснодарского края"),
     Column("title", "Сводка", Text(300),
            aliases=("Что представляется", "Наименование сводки", "Документ",
                     "Сводная информация"),
            help="что представляется", example="Сводная информация о результатах независимой "
                                               "оценки качества и утверждённых планах"),
     Column("due_date", "Срок", Date(), aliases=("Срок представления", "Крайний срок"),
            help="срок представления: в году сводки или в начале следующего",
            example=dt.date(2026, 12, 5)),
     Column("received_on", "Дата поступления", Date(), required=False,
            aliases=("Поступила", "Дата представления", "Представлена"),
            help="когда сводка поступила; пусто — не поступила", example=dt.date(2026, 12, 3)),
     Column("note", "Примечание", Text(2000), required=False, aliases=("Комментарий",),
            help="что важно знать о сводке")),
    key=("ministry", "due_date"), key_doc="министерство, срок", apply=apply_summaries,
    check=_check_summary)


KINDS: dict[str, Spec] = {s.kind: s for s in (
    MUNICIPALITIES, ORGANIZATIONS, ASSESSMENTS, PLANS, PLAN_PROGRESS, RECOMMENDATION_REPORTS, COVERAGE_PLANS,
    MILESTONES, MINISTRY_SUMMARIES)}
