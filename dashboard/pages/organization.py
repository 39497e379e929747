"""Organization profile: scores over the years against sector and region, criteria,
shortcomings, and the improvement plan with its measures."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import dash
import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import figures, profile, wording
from dashboard import format as fmt
from dashboard.components import page, page_header, section
from data_access import queries

dash.register_page(__name__, path_template="/organization/<org_id>",
                   title="Организация · НОК-монитор")


def layout(org_id: str | None = None, **query):
    # a database id is a positive 32-bit integer: anything else is simply not found
    valid = re.fullmatch(r"[0-9]{1,10}", str(org_id)) is not None and 0 < int(org_id) < 2**31
    card = queries.organization(int(org_id)) if valid else {}
    if not card:
        return page(None, [page_header("Организация не найдена",
                                       f"Нет организации с номером «{str(org_id)[:40]}»."),
                           dcc.Link("← На сводку", href="/", className="back-link")])
    f = queries.resolve_filters({**query, "region": card["region"]})
    on = queries.period_end(f)
    history = queries.organization_history(card["id"])
    measures = queries.organization_measures(card["id"], on)
    latest = history.iloc[-1] if len(history) else None
    back = "?" + urlencode(f.as_query())
    return page(f, [
        profile.back_link(back, card["region_name"]),
        page_header(fmt.quotes(card["name"]), profile.card_line(card, wording.words(f.region))),
        dmc.Text(f"Учредитель: {card['founder']}", size="md"),
        profile.headline(history, measures),
        html.Div([
            section("Итоговый балл по годам",
                    dcc.Graph(figure=figures.score_history(history, card["name"], card["sector"],
                                                           wording.words(f.region)),
                              config=figures.GRAPH_CONFIG),
                    description="Сравнение со средним по сфере и "
                                f"{wording.words(f.region).by} в те же годы."),
            section(f"Критерии, {int(latest['year'])}" if latest is not None else "Критерии",
                    dcc.Graph(figure=figures.criteria_comparison(latest, card["sector"])
                              if latest is not None else figures.empty_figure(
                                  "Организация ещё не оценивалась"),
                              config=figures.GRAPH_CONFIG),
                    description="К1–К5 организации и средние по её сфере."),
        ], className="two-col"),
        section("Выявленные недостатки", profile.shortcomings(
            queries.organization_shortcomings(card["id"]))),
        section("План по устранению недостатков", profile.measures_table(measures),
                description=f"Состояние мероприятий на {fmt.date(on)} "
                            "(форма постановления Правительства РФ № 457)."),
    ])

