"""Builders of the Methodology page («Методика»): how every figure is computed, the quality
bands, where the data came from. Pure: numbers and frames in, components out; no queries.

The formulas are written from data_access.methodology (codes, names, bands); the weights, which
methodology.score() keeps inline, are written out here once as FORMULAS and a unit test checks
them against score() on unit vectors, so the page cannot drift from the computation.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import format as fmt
from dashboard import theme
from dashboard.components import data_table
from dashboard.wording import KRAI, Words
from dashboard.effects import PLAN_CAVEAT, PLAN_DEFINITION, REC_DEFINITION, TOO_FEW
from data_access import methodology
from data_access.imports.core import DISCREPANCY_POINTS
from data_access.comparison_queries import PEER_COUNT
from data_access.methodology import (
    CRITERIA, CRITERION_NAMES, CRITERION_SHORT, INDICATOR_NAMES, Band,
)
from data_access.reference.sectors import SECTORS
from data_access.settings import Settings

WAITING_SECTORS = ", ".join(s.name.lower() for s in SECTORS if s.has_waiting)
QUEUE_FREE_SECTORS = ", ".join(s.name.lower() for s in SECTORS if not s.has_waiting)


@dataclass(frozen=True)
class Formula:
    """One criterion as a weighted sum of its indicators (one variant of it, for К2)."""
    criterion: str
    weights: dict[str, float]       # indicator code → weight, in the order of the appendix
    variant: str | None = None      # who the variant applies to


FORMULAS: tuple[Formula, ...] = (
    Formula("k1", {"p_inf": 0.3, "p_dist": 0.3, "p_otkr_ud": 0.4}),
    Formula("k2", {"p_komf_usl": 0.3, "p_ozhid": 0.4, "p_komf_ud": 0.3},
            f"с учётом времени ожидания: {WAITING_SECTORS}"),
    Formula("k2", {"p_komf_usl": 0.5, "p_komf_ud": 0.5},
            f"без времени ожидания: {QUEUE_FREE_SECTORS}"),
    Formula("k3", {"p_org_dost": 0.3, "p_uslug_dost": 0.4, "p_dost_ud": 0.3}),
    Formula("k4", {"p_perv_kont_ud": 0.4, "p_okaz_uslug_ud": 0.4, "p_vezhl_dist_ud": 0.2}),
    Formula("k5", {"p_rekom": 0.3, "p_org_usl_ud": 0.2, "p_ud": 0.5}),
)

# Indicators built from counts: points per item present, capped at 100 (methodology.points).
POINTS_PER_ITEM: dict[str, int] = {"p_dist": 30, "p_komf_usl": 20, "p_org_dost": 20,
                                   "p_uslug_dost": 20}
_SURVEY = "доля удовлетворённых среди ответивших на вопрос: удовлетворённые / ответившие · 100"
_POINTS = "{n} баллов за каждое {what}, не более 100"

INDICATOR_RULES: dict[str, str] = {
    "p_inf": "0,5 · (сведения на стенде / требуемые на стенде + сведения на сайте / "
             "требуемые на сайте) · 100",
    "p_dist": _POINTS.format(n=POINTS_PER_ITEM["p_dist"], what="действующее дистанционное "
                             "средство связи (телефон, электронная почта, форма на сайте, "
                             "раздел «Часто задаваемые вопросы» и др.)"),
    "p_otkr_ud": "0,5 · (удовлетворённые информацией на стенде / ответившие + удовлетворённые "
                 "информацией на сайте / ответившие) · 100",
    "p_komf_usl": _POINTS.format(n=POINTS_PER_ITEM["p_komf_usl"],
                                 what="имеющееся комфортное условие"),
    "p_ozhid": "среднее из двух величин: баллы за среднее время ожидания и доля получивших "
               "услугу в срок среди ответивших · 100",
    "p_komf_ud": _SURVEY,
    "p_org_dost": _POINTS.format(n=POINTS_PER_ITEM["p_org_dost"],
                                 what="имеющееся условие доступности помещений и территории"),
    "p_uslug_dost": _POINTS.format(n=POINTS_PER_ITEM["p_uslug_dost"],
                                   what="имеющееся условие, позволяющее инвалидам получать "
                                        "услуги наравне с другими"),
    "p_dost_ud": "удовлетворённые инвалиды / опрошенные инвалиды · 100",
    "p_perv_kont_ud": _SURVEY,
    "p_okaz_uslug_ud": _SURVEY,
    "p_vezhl_dist_ud": "удовлетворённые / пользовавшиеся дистанционными способами "
                       "взаимодействия · 100",
    "p_rekom": _SURVEY,
    "p_org_usl_ud": _SURVEY,
    "p_ud": _SURVEY,
}

BAND_SETTINGS: dict[str, str] = {"excellent": "band_excellent", "good": "band_good",
                                 "satisfactory": "band_satisfactory",
                                 "below_average": "band_below_average"}
ROUNDING_EXAMPLE = 89.245
IMPORT_RESULTS = {"applied": "применён", "rejected": "отклонён",
                  "dry_run": "проверка без записи в базу"}


# ---------------------------------------------------------------- formulas

def symbol(code: str) -> str:
    """The indicator's symbol from its name: «Пинф»."""
    found = re.search(r"\(([^()]+)\)\s*$", INDICATOR_NAMES[code])
    return found.group(1) if found else code


def indicator_title(code: str) -> str:
    """The indicator's name without the symbol."""
    return re.sub(r"\s*\([^()]+\)\s*$", "", INDICATOR_NAMES[code])


def weight(value: float) -> str:
    return fmt.number(value, 1)


def formula_text(formula: Formula) -> str:
    """«К1 = 0,3 · Пинф + 0,3 · Пдист + 0,4 · Поткр.уд»."""
    terms = " + ".join(f"{weight(w)} · {symbol(code)}" for code, w in formula.weights.items())
    return f"{CRITERION_SHORT[formula.criterion]} = {terms}"


def total_formula() -> str:
    return f"S = ({' + '.join(CRITERION_SHORT[k] for k in CRITERIA)}) / {len(CRITERIA)}"


def weights_frame() -> pd.DataFrame:
    """Every indicator of every formula: criterion, variant, code, symbol, name, weight, rule."""
    rows = [{"criterion": CRITERION_SHORT[f.criterion],
             "criterion_name": CRITERION_NAMES[f.criterion], "variant": f.variant or "", "code": code, "symbol": symbol(code),
             "name": indicator_title(code), "weight": w, "rule": INDICATOR_RULES[code]}
            for f in FORMULAS for code, w in f.weights.items()]
    return pd.DataFrame(rows)


WEIGHTS_COLUMNS = {"criterion": "Критерий", "criterion_name": "Наименование критерия",
                   "variant": "Вариант", "code": "Код", "symbol": "Обозначение",
                   "name": "Показатель", "weight": "Вес", "rule": "Как вычисляется"}


def _formula_box(formula: Formula) -> html.Div:
    children = [html.Div(formula_text(formula), className="formula")]
    if formula.variant:
        children.insert(0, html.Div(formula.variant.capitalize(), className="formula-variant"))
    return html.Div(children, className="formula-box")


def criterion_block(criterion: str) -> html.Div:
    """A criterion: its formula (both variants for К2) and its indicators with weights."""
    variants = [f for f in FORMULAS if f.criterion == criterion]
    weight_heads = (["Вес"] if len(variants) == 1
                    else [f"Вес {'с ожиданием' if 'p_ozhid' in f.weights else 'без ожидания'}"
                          for f in variants])
    head = html.Thead(html.Tr([html.Th("Обозначение"), html.Th("Показатель"),
                               *(html.Th(h, className="num") for h in weight_heads),
                               html.Th("Как вычисляется")]))
    rows = [html.Tr([
        html.Td(symbol(code), className="ind-symbol"),
        html.Td(indicator_title(code)),
        *(html.Td(weight(f.weights[code]) if code in f.weights else "—", className="num")
          for f in variants),
        html.Td(INDICATOR_RULES[code], className="ind-rule")])
        for code in CRITERIA[criterion]]
    return html.Div([
        html.H3(theme.criterion_label(criterion), className="criterion-title"),
        html.Div([_formula_box(f) for f in variants], className="formula-row"),
        html.Table([head, html.Tbody(rows)], className="data-table indicator-table"),
    ], className="criterion-block", id=f"methodology-{criterion}")


def total_block(w: Words = KRAI) -> html.Div:
    example = fmt.number(ROUNDING_EXAMPLE, 2)
    return html.Div([
        html.H3("Итоговый балл и средние", className="criterion-title"),
        html.Div(html.Div(total_formula(), className="formula"), className="formula-box"),
        html.Ul([
            html.Li("Итоговый балл организации S — простое среднее пяти критериев, без весов."),
            html.Li(f"Балл сферы, муниципального образования и {w.of} — простое среднее итоговых "
                    "баллов (и каждого критерия) по организациям, оценённым в выбранном году; "
                    "организации не взвешиваются ни по числу опрошенных, ни по размеру."),
            html.Li("Каждый показатель и каждый критерий — от 0 до 100 баллов; показатели, "
                    "считаемые в баллах за условие, ограничены сверху 100."),
            html.Li(["Внутри расчёта ничего не округляется; округление — только при показе, "
                     "до двух знаков после запятой, как баллы публикуют источники (на "
                     "подписях графиков — до одного), по правилу «половина вверх»: ",
                     html.Span(f"{str(ROUNDING_EXAMPLE).replace('.', ',')} → {example}",
                               className="nowrap"), "."]),
            html.Li("Изменение к прошлому году — разность средних выбранного и предыдущего "
                    "года, каждое — по организациям, оценённым в своём году; у отдельной "
                    "организации — разность с её предыдущей оценкой."),
        ], className="rules-list"),
    ], className="criterion-block", id="methodology-total")


LEVEL_COLUMNS = {"year": "Год", "version": "Редакция приказа № 344н",
                 "indicators": "С показателями", "criteria": "С К1–К5 и итогом",
                 "total": "Только итоговый балл"}


def versions_frame(levels: pd.DataFrame) -> pd.DataFrame:
    """Per year in the data: the version of the order its indicators are scored by, and how
    many assessments came at each level of detail."""
    df = levels.copy()
    df["version"] = [_version_name(int(y)) for y in df["year"]]
    return df[list(LEVEL_COLUMNS)]


def _version_name(year: int) -> str:
    try:
        return methodology.version(year).act
    except methodology.NoMethodology:
        return f"до {methodology.FIRST_YEAR} года — не применяется (только итоговый балл)"


def versions_block(levels: pd.DataFrame) -> html.Div:
    """Which text of the order each year used, and what the official figures are."""
    items = [html.Li(f"С оценок {v.since} года — {v.act}.") for v in methodology.VERSIONS]
    df = versions_frame(levels)
    return html.Div([
        html.Ul(items, className="rules-list"),
        html.Ul([
            html.Li("Показываются официальные баллы — опубликованные оператором. Где файл "
                    "дал только показатели, К1–К5 и итоговый балл рассчитаны по ним по "
                    "редакции приказа, действовавшей в год оценки."),
            html.Li("Расчёт по показателям — проверка опубликованного: расхождение больше "
                    f"{fmt.number(DISCREPANCY_POINTS, 1)} балла попадает в «Расхождения» "
                    "на странице «Загрузка данных». Итоговый балл сверяется и со средним "
                    "опубликованных К1–К5 — с допуском на их округление: у критериев, "
                    "напечатанных целыми числами, — до 0,5 балла."),
            html.Li("Где опубликован только итоговый балл или нет одного из критериев, "
                    "графики и таблицы критериев обходятся без этих организаций и говорят "
                    "сколько их; пропуск никогда не считается нулём."),
        ], className="rules-list"),
        data_table(df.rename(columns=LEVEL_COLUMNS).astype({"Год": str})) if len(df) else None,
    ])


def formulas_block(w: Words = KRAI) -> html.Div:
    return html.Div([criterion_block(k) for k in CRITERIA] + [total_block(w)],
                    className="criteria")


# ---------------------------------------------------------------- quality bands

def _bound(value: float) -> str:
    return fmt.number(value) if float(value).is_integer() else fmt.number(value, 2)


def bands_frame(bands: tuple[Band, ...]) -> pd.DataFrame:
    """Each band, best first: key, label, lower, range («81–90,99»), condition
    («81 ≤ S < 91»), the environment variable of its lower bound and its default."""
    fields = Settings.model_fields
    rows = []
    for i, b in enumerate(bands):
        upper = bands[i - 1].lower if i else None
        shown = f"{_bound(b.lower)}–{fmt.number(upper - 0.01, 2) if upper else '100'}"
        if upper is None:
            condition = f"S ≥ {_bound(b.lower)}"
        elif b.lower:
            condition = f"{_bound(b.lower)} ≤ S < {_bound(upper)}"
        else:
            condition = f"S < {_bound(upper)}"
        setting = BAND_SETTINGS.get(b.key)
        rows.append({
            "key": b.key, "label": b.label, "lower": b.lower, "range": shown,
            "condition": condition,
            "variable": fields[setting].alias if setting else "",
            "default": fields[setting].default if setting else None})
    return pd.DataFrame(rows)


# The settings' names are the administrator's (README «Настройки»), not a reader's.
BANDS_COLUMNS = {"label": "Уровень качества", "lower": "Нижняя граница, включительно",
                 "range": "Итоговый балл", "condition": "Условие",
                 "default": "Значение по умолчанию"}


def bands_block(bands: tuple[Band, ...]) -> html.Div:
    df = bands_frame(bands)
    head = html.Thead(html.Tr([html.Th("Уровень качества"), html.Th("Итоговый балл"),
                               html.Th("Условие"), html.Th("Нижняя граница")]))
    rows = []
    for r in df.itertuples():
        lower = ("0" if not r.variable else
                 [_bound(r.lower),
                  html.Span(f" (по умолчанию {_bound(r.default)})", className="muted")
                  if r.default != r.lower else ""])
        rows.append(html.Tr([
            html.Td(html.Span(r.label, className="band-chip",
                              style={"backgroundColor": theme.BAND_TINTS[r.key],
                                     "borderColor": theme.BAND_COLORS[r.key]})),
            html.Td(r.range, className="band-range"),
            html.Td(r.condition, className="nowrap"),
            html.Td(lower)]))
    return html.Div([
        html.Table([head, html.Tbody(rows)], className="data-table bands-table"),
        html.P("Ни один федеральный акт не устанавливает границы уровней качества: это "
               "настройка программы, её задаёт администратор панели. Границы — нижние, "
               "включительно; сравнивается неокруглённый итоговый балл S. Цвета уровней — те "
               "же, что на картах и в таблицах всех страниц.", className="note"),
    ])


# ---------------------------------------------------------------- derived figures

def rules_block(year: int, on: dt.date, attention_size: int, w: Words = KRAI) -> html.Div:
    """How coverage, the 3-year rule, measure states and the attention list are derived, with
    the date the chosen year's states are judged at."""
    window = f"{year - 2}–{year}"
    return html.Div([
        html.Div([html.Span(f"Для {year} года состояния определены на "),
                  html.Strong(fmt.date(on), id="methodology-status-date")],
                 className="status-date"),
        html.H3("Состояние мероприятий плана по устранению недостатков", className="rule-title"),
        html.P("Состояние выводится из дат на дату расчёта, а не берётся из отметки в файле, "
               "поэтому просрочка не «устаревает»:"),
        html.Ul([
            html.Li([_state("cancelled"), " — мероприятие отменено (с указанием причины);"]),
            html.Li([_state("done"), " — фактическая дата выполнения (графа 5б формы плана) "
                     "заполнена и не позже даты расчёта;"]),
            html.Li([_state("overdue"), " — не выполнено и не отменено, а плановый срок "
                     "(графа 3) раньше даты расчёта;"]),
            html.Li([_state("in_progress"), " — остальные: плановый срок ещё не наступил."]),
        ], className="rules-list"),
        html.P("Дата расчёта — дата данных, если она приходится на выбранный год; для прошлых "
               "лет — 31 декабря выбранного года. Учитываются планы по оценкам выбранного и "
               "предыдущих лет. План считается утверждённым в срок, если дата утверждения не "
               "позже установленного срока (1 декабря года оценки); «нет плана» — срок прошёл, "
               "а план не утверждён."),
        html.H3("Охват и правило трёх лет", className="rule-title"),
        _terms([
            ("Выполнение плана охвата", f"число организаций, оценённых в {year} году, / "
             f"плановое число на {year} год по сфере · 100. Плановые значения утверждаются "
             f"{w.by}, поэтому для отдельного муниципального образования выполнение плана не "
             "рассчитывается."),
            ("Правило трёх лет", "каждая организация оценивается не чаще одного раза в год и "
             "не реже одного раза в три года (392-ФЗ)."),
            ("Охват за три года", f"доля организаций, имеющих оценку в {window} годах, среди "
             "всех организаций перечня (с учётом выбранных сферы и муниципального "
             "образования)."),
        ]),
        html.H3("Список «Требует внимания»", className="rule-title"),
        _terms([
            ("Самые низкие баллы", f"{attention_size} организаций с наименьшим итоговым "
             f"баллом в {year} году."),
            ("Наибольшее снижение", f"{attention_size} организаций, у которых итоговый балл "
             f"{year} года ниже, чем при их предыдущей оценке, с наибольшим снижением."),
            ("Просроченные мероприятия", f"{attention_size} организаций с наибольшим числом "
             "мероприятий, просроченных на дату расчёта."),
            ("Не оценены три года", f"все организации без оценки в {window} годах: сначала "
             "никогда не оценивавшиеся, затем — с самой давней последней оценкой."),
        ]),
        html.P("При равенстве значений организации упорядочены по наименованию.",
               className="muted"),
    ])


def comparison_block(w: Words = KRAI) -> html.Div:
    """How the dashboard says whether a difference is beyond chance and how peers are
    chosen."""
    z95, z998 = fmt.number(methodology.Z95, 2), fmt.number(methodology.Z998, 2)
    labels = {k: w.standing(k) for k in methodology.STANDINGS}
    return html.Div([
        html.H3(f"Отличие от среднего {w.by}: «воронка»", className="rule-title"),
        html.P("Средний балл муниципального образования, в котором оценено немного "
               "организаций, сильно колеблется от года к году случайно. Поэтому он "
               f"сравнивается со средним {w.by} с учётом числа организаций n: границы "
               f"случайных колебаний — {w.mean(False)} ± z · s / √n, где s — стандартное "
               f"отклонение итоговых баллов между организациями {w.of} (за тот же год и с теми "
               f"же фильтрами), z = {z95} для 95 % и z = {z998} для 99,8 %."),
        _terms([
            (labels["lower"].capitalize() + " / " + labels["higher"],
             "балл за границей 99,8 %: случайностью такое отличие объяснить нельзя;"),
            (labels["maybe_lower"].capitalize() + " / " + labels["maybe_higher"],
             "между границами 95 % и 99,8 %: при 40 образованиях двое-трое окажутся здесь "
             "случайно, поэтому вывод — только вместе с другими годами;"),
            (labels["within"].capitalize(), "внутри границы 95 %."),
        ]),
        html.P("Для организаций внутри муниципального образования размер — число опрошенных "
               "получателей услуг: к разбросу, который даёт сам опрос (балл как доля "
               "довольных), добавляется разброс между организациями, не объяснимый размером "
               "опроса (Spiegelhalter, 2005). Цвет на карте и точки на графиках показывают "
               "отличие, а подпись — выходит ли оно за случайные колебания."),
        html.H3("Похожие муниципальные образования", className="rule-title"),
        html.P(f"Городской округ сравнивается с городскими округами, район или муниципальный "
               f"округ — с районами и округами; из них выбираются {PEER_COUNT} "
               "ближайших по численности населения (по её логарифму: 20 и 40 тысяч жителей так "
               "же далеки, как 200 и 400 тысяч). Набор можно изменить в профиле "
               "муниципального образования; выбор сохраняется в адресе страницы."),
    ])


def effects_block(minimum: int) -> html.Div:
    """How «Действуют ли планы» and «Действуют ли рекомендации» are computed."""
    return html.Div([
        html.H3("Действуют ли планы", className="rule-title"),
        html.P(PLAN_DEFINITION),
        _terms([
            ("Изменение", "среднее по парам «план — критерий» разностей «балл критерия при "
             "следующей оценке организации минус балл при оценке, по которой составлен план»; "
             "следующая оценка — первая после года плана, не позже выбранного года."),
            ("Организаций", "число разных организаций за цифрой (у организации может быть "
             "несколько планов за годы)."),
            ("Разница «в срок» и «не выполнены»", "изменение при выполненных в срок "
             "мероприятиях минус изменение при невыполненных."),
        ]),
        html.P(PLAN_CAVEAT, className="muted"),
        html.H3("Действуют ли рекомендации", className="rule-title"),
        html.P(REC_DEFINITION),
        html.P(["Средние «до» и «после» — по оценкам, без усреднения лет; доля "
                "респондентов-инвалидов — все опрошенные инвалиды к всем опрошенным. Группа "
                "министерств объединяет их оценки, а не средние. Это сопоставление, а не "
                "доказательство: министерства различаются не только отчётами."]),
        html.P(f"Меньше {fmt.number(minimum)} организаций за цифрой — пометка «{TOO_FEW}» "
               "(порог — настройка программы).", className="muted"),
    ])


def _terms(items: list[tuple[str, str]], class_name: str = "rules-list") -> html.Ul:
    """A list of «term — its definition»."""
    return html.Ul([html.Li([html.Strong(term), f" — {definition}"])
                    for term, definition in items], className=class_name)


def _state(key: str) -> html.Span:
    label, color = theme.MEASURE_STATES[key]
    return html.Span(label, className="status-badge", style={"color": color})


# ---------------------------------------------------------------- sources and freshness

def datetime_text(value) -> str:
    """«23.11.2026 09:44»; «—» when missing."""
    if fmt.missing(value) or value is pd.NaT:
        return "—"
    value = pd.Timestamp(value)
    return f"{fmt.date(value)} {value:%H:%M}"


def _years(row) -> str:
    if fmt.missing(row.first_year) or row.first_year is pd.NA:
        return "оценок нет"
    first, last = int(row.first_year), int(row.last_year)
    return f"{first}–{last}" if first != last else str(first)


def _facts(items: list[tuple[str, object]]) -> html.Dl:
    return html.Dl([part for label, value in items
                    for part in (html.Dt(label), html.Dd(value))], className="facts")


def region_card(row, files: pd.DataFrame, *, public: bool = False) -> dmc.Paper:
    """One region's data: its date, whether it is demonstration data, what it holds, and where
    its boundaries came from (`public`: reading without a login — not the files' names)."""
    if row.is_demo:
        kind = html.Div([
            html.Span("Демонстрационные данные", className="demo-badge"),
            html.Span(" сгенерированы программой для показа и обучения; это не результаты "
                      "независимой оценки.", className="demo-note")])
    else:
        kind = "рабочие данные, загруженные из файлов операторов и министерств"
    mine = files[files["region"] == row.code]
    if mine.empty:
        bounds: object = "не загружены — карта недоступна"
    else:
        bounds = html.Div([
            html.Div(f"у {fmt.number(row.with_boundaries)} из {fmt.number(row.municipalities)} "
                     "муниципальных образований")]
            + [html.Div([("" if public else f"файл «{r.source}», ")
                         + f"загружен{'ы' if public else ''} {datetime_text(r.loaded_at)} "
                         f"({fmt.number(r.municipalities)} "
                         f"{fmt.plural(r.municipalities, 'полигон', 'полигона', 'полигонов')})"],
                        className="muted") for r in mine.itertuples()])
    return dmc.Paper([
        html.H3(f"{row.name} (код {row.code})", className="criterion-title"),
        _facts([
            ("Данные на", html.Strong(fmt.date(row.data_as_of), className="source-date")),
            ("Вид данных", kind),
            ("Организаций в перечне", fmt.number(row.organizations)),
            ("Муниципальных образований", fmt.number(row.municipalities)),
            ("Оценок в базе", f"{fmt.number(row.assessments)} за {_years(row)} гг."
             if row.assessments else "оценок нет"),
            ("Последний год оценки", str(int(row.last_year)) if row.assessments else "—"),
            ("Границы", bounds),
        ]),
    ], withBorder=True, radius="md", p="md", className="source-card")


# Reading without a login (NOK_PUBLIC_READ): what the latest import did, not who loaded
# which file or what the file held (a rejected file's message quotes its cells).
PUBLIC_IMPORT_KEYS = ("started_at", "finished_at", "result", "inserted", "updated",
                      "unchanged", "batches")


def import_block(last: dict, *, public: bool = False) -> html.Div:
    if public:
        last = {k: v for k, v in last.items() if k in PUBLIC_IMPORT_KEYS}
    if not last:
        return html.Div([html.Strong("Импорт ещё не выполнялся"),
                         ": в базу не загружено ни одного файла через страницу «Загрузка "
                         "данных»."], className="import-none")
    counts = (f"добавлено {fmt.number(last['inserted'])}, обновлено "
              f"{fmt.number(last['updated'])}, без изменений {fmt.number(last['unchanged'])}")
    items = [
        *([("Файл", f"«{last['file_name']}»")] if last.get("file_name") else []),
        ("Когда", datetime_text(last["finished_at"] if not fmt.missing(last.get("finished_at"))
                                else last["started_at"])),
        ("Результат", f"{IMPORT_RESULTS.get(last['result'], last['result'])}; {counts}"),
    ]
    if last.get("user_login"):
        items.append(("Пользователь", last["user_login"]))
    if last.get("message"):
        items.append(("Сообщение", last["message"]))
    items.append(("Всего загрузок", fmt.number(last["batches"])))
    return _facts(items)


def sources_block(regions: pd.DataFrame, files: pd.DataFrame, last_import: dict, *,
                  public: bool = False) -> html.Div:
    """Per region its card, then the latest import; `public`: for a reader without a login,
    no logins, file names or file contents."""
    cards = ([region_card(r, files, public=public) for r in regions.itertuples()]
             if len(regions)
             else [dmc.Alert("В базе нет ни одного субъекта: данные не загружены.", color="red")])
    return html.Div([
        html.Div(cards, className="source-cards"),
        html.H3("Последний импорт данных", className="rule-title"),
        import_block(last_import, public=public),
    ])


# ---------------------------------------------------------------- legal basis and licences

LEGAL_BASIS: tuple[tuple[str, str], ...] = (
    ("Федеральный закон от 05.12.2017 № 392-ФЗ",
     "о совершенствовании проведения независимой оценки качества условий оказания услуг "
     "организациями в сфере культуры, охраны здоровья, образования, социального обслуживания"),
    ("Приказ Минтруда России от 31.05.2018 № 344н (с изменениями, внесёнными приказом № 408н)",
     "Единый порядок расчёта показателей, характеризующих общие критерии оценки качества "
     "условий оказания услуг: формулы критериев К1–К5"),
    ("Постановление Правительства Российской Федерации от 17.04.2018 № 457",
     "форма плана по устранению недостатков, выявленных в ходе независимой оценки"),
    ("Постановление Законодательного Собрания Краснодарского края от 13.12.2022 № 184-П",
     "о результатах независимой оценки за 2021 год: девять рекомендаций министерствам края"),
)


def legal_block() -> html.Ul:
    return _terms([(title, f"{what}.") for title, what in LEGAL_BASIS], "rules-list legal-list")


def licence_block() -> html.Div:
    return html.Div([
        html.P([html.Strong("Границы муниципальных образований: © участники OpenStreetMap. "),
                "Данные OpenStreetMap распространяются на условиях лицензии Open Database "
                "License (ODbL) 1.0 (opendatacommons.org/licenses/odbl/1-0/); подробнее — "
                "openstreetmap.org/copyright. Подпись «© участники OpenStreetMap» "
                "показывается под каждой картой, построенной по этим данным."]),
        html.P([html.Strong("Контуры субъектов Российской Федерации"), " (если используются на "
                "картах) — Natural Earth, общественное достояние (public domain)."]),
        html.P("Файлы границ не входят в состав программы: их указывают при установке, а "
               "программа сопоставляет объекты с муниципальными образованиями по названию и "
               "упрощает контуры при загрузке.", className="muted"),
    ])
