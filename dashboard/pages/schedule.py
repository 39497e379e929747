"""График: the year's cycle of the independent assessment as a timeline of milestones, each
done on time, done late, pending or overdue, with the responsible body."""
from __future__ import annotations

import dash
from dash import Input, Output, callback

from dashboard import format as fmt
from dashboard import schedule, wording
from dashboard.cache import cached
from dashboard.components import chart_block, loading, page, page_header, section
from dashboard.tables import Table, download_buttons, register
from data_access import queries, summary_queries
from data_access.filters import Filters

dash.register_page(__name__, path="/schedule", name="График", title="График · НОК-монитор",
                   order=70)

register(Table("schedule-milestones", "График этапов",
               lambda f: schedule.milestone_rows(queries.milestones(f), queries.period_end(f)),
               schedule.COLUMNS),
         Table("schedule-summaries", "Сводки координирующему министерству",
               lambda f: schedule.summary_rows(summary_queries.ministry_summaries(f)),
               schedule.SUMMARY_COLUMNS))


def _is_today(f: Filters, on) -> bool:
    as_of = cached(queries.data_info)(f.region).get("data_as_of")
    return as_of is not None and fmt.date(as_of) == fmt.date(on)


def layout(**query):
    f = queries.resolve_filters(query, schedule=True)
    on = queries.period_end(f)
    when = "сегодня" if _is_today(f, on) else "на конец года"
    line = "«сегодня» — дата данных" if when == "сегодня" else "конец года"
    return page(f, [
        page_header(f"График независимой оценки на {f.year} год",
                    f"Этапы годового цикла, их сроки и ответственные · состояние {when}, "
                    f"{fmt.date(on)}"),
        loading("schedule-headline", minHeight="130px"),
        # the milestones' downloads once, under their table: two buttons with one id
        section("Этапы на шкале времени", chart_block("schedule-timeline", height=600),
                description=f"Маркер — срок этапа; полоса — опоздание; пунктирная линия — {line}. "
                            f"График общий для {wording.words(f.region).of}: фильтры сферы и "
                            "муниципального образования "
                            "к нему не применяются."),
        section("Этапы графика", loading("schedule-table"),
                downloads=download_buttons("schedule-milestones")),
        section("Сводки координирующему министерству", loading("schedule-summaries"),
                downloads=download_buttons("schedule-summaries"),
                description="Сводная информация о проведении независимой оценки, которую "
                            "министерства-учредители представляют министерству труда и "
                            "социального развития, координирующему оценку (распоряжение "
                            "№ 287-р, п. 2). Фильтр сферы выбирает министерство; фильтры "
                            "муниципального образования и учредителя к сводкам не применяются."),
    ])


@callback(Output("schedule-headline", "children"), Output("schedule-timeline", "figure"),
          Output("schedule-timeline-table", "children"), Output("schedule-table", "children"),
          Input("page-filters", "data"))
def _schedule(data):
    f = Filters(**data)
    df, on = cached(queries.milestones)(f), cached(queries.period_end)(f)
    return (schedule.headline(df, f.year),
            schedule.timeline(df, on, f.year, today=_is_today(f, on)),
            schedule.chart_table(df, on, f.year), schedule.milestones_table(df, on, f.year))


@callback(Output("schedule-summaries", "children"), Input("page-filters", "data"))
def _summaries(data):
    f = Filters(**data)
    return schedule.summaries_table(cached(summary_queries.ministry_summaries)(f), f.year)
