"""Планы: the improvement plans (resolution № 457) — measures by state at the period's end per
ministry, municipality and criterion, the overdue measures, plans missing or approved late,
and how the plans of each assessment year have been carried out."""
from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, callback, html

from dashboard import wording
from dashboard import format as fmt
from dashboard import effects, plans, theme
from dashboard.cache import cached
from dashboard.components import chart_block, loading, page, page_header, section
from dashboard.tables import TABLES, Table, chart_callback, download_buttons, register
from data_access import effect_queries, plan_queries, queries
from data_access.filters import Filters
from data_access.settings import get_settings

dash.register_page(__name__, path="/plans", name="Планы", title="Планы · НОК-монитор",
                   order=50)


def _by(by: str):
    return lambda f: plans.label_groups(plan_queries.measure_states(f, by), by)


register(
    Table("plans-states", "Мероприятия по состояниям",
          lambda f: plans.state_totals(queries.measures_by_status(f, by=())),
          plans.STATE_TOTAL_COLUMNS),
    Table("plans-sectors", "Мероприятия по министерствам", _by("sector"),
          plans.state_columns("sector")),
    Table("plans-municipalities", "Мероприятия по муниципальным образованиям",
          lambda f: plans.sort_by_overdue(_by("municipality")(f)),
          plans.state_columns("municipality")),
    Table("plans-criteria", "Мероприятия по критериям", _by("criterion"),
          plans.state_columns("criterion")),
    Table("plans-overdue", "Просроченные мероприятия",
          lambda f: plans.overdue_rows(queries.overdue_measures(f)), plans.OVERDUE_COLUMNS),
    Table("plans-approval", "Планы не утверждены или с опозданием",
          lambda f: plans.approval_problems(plans.approval_rows(queries.plan_approval(f),
                                                                queries.period_end(f))),
          plans.APPROVAL_COLUMNS),
    Table("plans-completion", "Выполнение планов по годам оценки",
          lambda f: plans.label_groups(plan_queries.completion_by_plan_year(f), "plan_year"),
          plans.state_columns("plan_year")),
)


def _minimum() -> int:
    return get_settings().effect_min_organizations


def _effect_by(by: str):
    return lambda f: effects.effect_wide(effect_queries.plan_effect(f, (by,)), by, _minimum())


register(
    Table("plans-effect", "Изменение критериев после планов",
          lambda f: effects.effect_rows(effect_queries.plan_effect(f, ("criterion",)),
                                        _minimum()),
          {"criterion_label": "Критерий", "class_label": "Мероприятия", "before": "Балл до",
           "after": "Балл при следующей оценке", "change": "Изменение",
           "organizations": "Организаций", "pairs": "Пар «план — критерий»",
           "caution": "Замечание"}),
    Table("plans-effect-sectors", "Действие планов по министерствам", _effect_by("sector"),
          effects.effect_columns("sector")),
    Table("plans-effect-municipalities", "Действие планов по муниципальным образованиям",
          _effect_by("municipality"), effects.effect_columns("municipality")),
)


def layout(**query):
    f = queries.resolve_filters(query)
    on = queries.period_end(f)
    place = queries.place_name(f)
    return page(f, [
        page_header(f"Планы по устранению недостатков на {fmt.date(on)}",
                    f"{place} · {theme.scope_name(f.sector, f.founder, wording.words(f.region))} · планы по оценкам "
                    f"до {f.year} года включительно"),
        section("Мероприятия по состояниям", loading("plans-headline", minHeight="120px"),
                downloads=download_buttons("plans-states"),
                description="Выполнено — есть дата исполнения; просрочено — плановый срок "
                            "прошёл, а отметки об исполнении нет; отменено — с указанием "
                            "причины."),
        section("По министерствам", chart_block("plans-sectors"),
                downloads=download_buttons("plans-sectors"),
                description="Министерство — учредитель организаций своей сферы и отвечает "
                            "за контроль исполнения планов."),
        section("По муниципальным образованиям", chart_block("plans-municipalities",
                                                              height=600),
                downloads=download_buttons("plans-municipalities"),
                description="Доли мероприятий по состояниям; сначала — с наибольшей долей "
                            "просроченных. Число мероприятий — в таблице."),
        section("По критериям", chart_block("plans-criteria"),
                downloads=download_buttons("plans-criteria"),
                description="Разделы плана I–V соответствуют критериям К1–К5."),
        section("Просроченные мероприятия", loading("plans-overdue"),
                downloads=download_buttons("plans-overdue"),
                description="Дольше всех просроченные — сверху."),
        section(f"Утверждение планов по оценкам {f.year} года", loading("plans-approval"),
                downloads=download_buttons("plans-approval"),
                description=f"План по оценке {f.year} года утверждается учредителем "
                            f"до 1 декабря {f.year} года."),
        section("Выполнение планов по годам оценки", chart_block("plans-completion"),
                downloads=download_buttons("plans-completion"),
                description=f"Доля мероприятий каждого года в каждом состоянии на "
                            f"{fmt.date(on)}."),
        section("Действуют ли планы", [
            loading("plans-effect-findings", minHeight="80px"),
            chart_block("plans-effect", height=420),
            html.H3("По министерствам", className="effect-sub"),
            loading("plans-effect-sectors"), download_buttons("plans-effect-sectors"),
            html.H3("По муниципальным образованиям", className="effect-sub"),
            loading("plans-effect-municipalities"),
            download_buttons("plans-effect-municipalities"),
        ], downloads=download_buttons("plans-effect"),
            description=f"{effects.PLAN_DEFINITION} Повторные оценки — до {f.year} года "
                        "включительно; мелкое число над столбцом — организаций за цифрой, "
                        f"бледный столбец — их меньше {_minimum()}: {effects.TOO_FEW}."),
    ])


def _query(f: Filters) -> str:
    return "?" + urlencode(f.as_query())


@callback(Output("plans-headline", "children"), Input("page-filters", "data"))
def _headline(data):
    f = Filters(**data)
    return plans.headline(TABLES["plans-states"].fetch(f), cached(queries.period_end)(f))


for _key, _figure in (("plans-sectors", plans.states_figure),
                      ("plans-municipalities", plans.municipality_figure),
                      ("plans-criteria", plans.criterion_figure),
                      ("plans-completion", plans.completion_figure)):
    chart_callback(_key, _figure)


chart_callback("plans-effect", lambda df: effects.effect_figure(df, _minimum()))


@callback(Output("plans-effect-findings", "children"), Input("page-filters", "data"))
def _effect_findings(data):
    total = cached(effect_queries.plan_effect)(Filters(**data), ())
    return effects.plan_caveat_view(effects.plan_findings(total, _minimum()))


for _key, _group in (("plans-effect-sectors", "sector"),
                     ("plans-effect-municipalities", "municipality")):
    @callback(Output(_key, "children"), Input("page-filters", "data"))
    def _effect_table(data, _table=TABLES[_key], _group=_group):
        return effects.effect_table(_table.fetch(Filters(**data)), _group, _minimum())


@callback(Output("plans-overdue", "children"), Input("page-filters", "data"))
def _overdue(data):
    f = Filters(**data)
    return plans.overdue_table(cached(queries.overdue_measures)(f), _query(f))


@callback(Output("plans-approval", "children"), Input("page-filters", "data"))
def _approval(data):
    f = Filters(**data)
    rows = plans.approval_rows(cached(queries.plan_approval)(f), cached(queries.period_end)(f))
    return plans.approval_view(rows, f.year, _query(f))
