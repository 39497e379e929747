"""Builders of the Overview page («Сводка»): DataFrames in, components out."""
from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import format as fmt
from dashboard import theme
from dashboard.tables import download_buttons
from dashboard.wording import KRAI, Words
from dashboard.components import (
    band_cell_style, change_badge, criteria_gap_text, empty, kpi_card, ranked_list,
)
from data_access.methodology import CRITERIA, CRITERION_SHORT, band, bands


def headline_cards(h: pd.DataFrame, year: int, w: Words = KRAI) -> html.Div | dmc.Alert:
    """Five headline figures of the year with the change on the year before."""
    if year not in h.index or not h.loc[year, "assessed"]:
        return empty(f"За {year} год нет результатов оценки для выбранных фильтров.")
    now = h.loc[year]
    before = h.loc[year - 1] if year - 1 in h.index else None
    ref = f"к {year - 1}"

    def delta(column, **kw):
        if before is None or fmt.missing(before[column]):
            return change_badge(None)
        return change_badge(now[column] - before[column], reference=ref, **kw)

    planned = now["planned"]
    assessed_detail = (f"из {fmt.number(planned)} по плану · {fmt.percent(now['coverage_share'])}"
                       if not fmt.missing(planned) else f"план охвата утверждается {w.by}")
    cards = [
        kpi_card("Средний итоговый балл", fmt.score(now["mean_total"]),
                 detail=f"уровень «{band(now['mean_total'])}»", delta=delta("mean_total")),
        kpi_card("Оценено организаций", fmt.number(now["assessed"]), detail=assessed_detail,
                 delta=delta("assessed", decimals=0)),
        kpi_card("Охват за три года", fmt.percent(now["three_year_share"]),
                 detail=f"{fmt.number(now['covered'])} из {fmt.number(now['organizations'])} "
                        f"организаций оценены в {year - 2}–{year}",
                 delta=delta("three_year_share", suffix=" п.п.")),
        kpi_card("Просроченные мероприятия", fmt.number(now["overdue_measures"]),
                 detail="планов по устранению недостатков",
                 delta=delta("overdue_measures", decimals=0, higher_is_better=False)),
        _respondents_card(now, delta),
    ]
    return html.Div(cards, className="kpi-grid")


def _respondents_card(now, delta) -> dmc.Paper:
    """Published results often leave out the survey's size: say so rather than show 0."""
    surveyed = int(now.get("surveyed", now["assessed"]))
    if not surveyed:
        return kpi_card("Опрошено получателей услуг", "—",
                        detail="число опрошенных в загруженных результатах не указано")
    detail = f"в среднем {fmt.number(now['respondents'] / surveyed)} на организацию"
    if surveyed < now["assessed"]:
        detail += (f" (сведения об опросе — у {fmt.number(surveyed)} из "
                   f"{fmt.number(now['assessed'])})")
    return kpi_card("Опрошено получателей услуг", fmt.number(now["respondents"]),
                    detail=detail, delta=delta("respondents", decimals=0))


def sector_table(df: pd.DataFrame, year: int) -> html.Table | dmc.Alert:
    """Sectors × criteria: means of the year, cells tinted by quality band, change of total."""
    if df.empty or not df["n"].sum():
        return empty(f"За {year} год нет оценок для выбранных фильтров.")
    ordered = bands()
    score_keys = [*CRITERIA, "total"]
    head = html.Thead(html.Tr(
        [html.Th("Сфера"), html.Th("Оценено", className="num")]
        + [html.Th(CRITERION_SHORT[k], title=theme.criterion_label(k), className="num")
           for k in CRITERIA]
        + [html.Th("Итог", className="num"), html.Th(f"Изм. к {year - 1}", className="num")]))
    body = []
    for row in df.itertuples():
        is_all = row.sector is None or fmt.missing(row.sector)
        name = "Все сферы" if is_all else theme.sector_name(row.sector)
        marker = (html.Span(className="sector-dot",
                            style={"backgroundColor": theme.SECTOR_COLORS[row.sector]})
                  if not is_all else None)
        cells = [html.Td([marker, name], className="row-head"),
                 html.Td(fmt.number(row.n), className="num")]
        cells += [html.Td(fmt.score(getattr(row, k)), className="num score",
                          style=band_cell_style(getattr(row, k), ordered)) for k in score_keys]
        change = row.change
        cls = "num " + ("" if fmt.missing(change) or round(change, 1) == 0
                        else "delta-good" if change > 0 else "delta-bad")
        cells.append(html.Td(fmt.signed(change), className=cls))
        body.append(html.Tr(cells, className="row-all" if is_all else None))
    legend = html.Div([html.Span("Цвет ячейки — уровень качества: ", className="legend-title")]
                      + [html.Span(f"{b.label} (от {fmt.number(b.lower)})" if b.lower else b.label,
                                   className="legend-item",
                                   style={"backgroundColor": theme.BAND_TINTS[b.key]})
                         for b in ordered], className="band-legend")
    overall = df[df["sector"].isna()]
    gap = criteria_gap_text((overall if len(overall) else df).iloc[0]) if len(df) else None
    return html.Div([html.Table([head, html.Tbody(body)], className="data-table"), legend,
                     *([html.P(gap, className="criteria-gap")] if gap else [])])


def attention_lists(a: dict[str, pd.DataFrame], year: int, query: str = "") -> html.Div:
    """Four lists of organizations that need attention, each linking to the profile (the
    query keeps the filters for the way back)."""
    def org(row) -> str:
        return f"/organization/{row.id}{query}"

    lowest = [(org(r), r.name, fmt.score(r.total)) for r in a["lowest"].itertuples()]
    falls = [(org(r), r.name, fmt.signed(r.change)) for r in a["falls"].itertuples()]
    overdue = [(org(r), r.name, f"{r.overdue} {fmt.plural(r.overdue, 'мера', 'меры', 'мер')}")
               for r in a["overdue"].itertuples()]
    unassessed_df = a["unassessed"]
    unassessed = [(org(r), r.name,
                   f"посл. {int(r.last_year)}" if not fmt.missing(r.last_year) else "не оценивалась")
                  for r in unassessed_df.head(10).itertuples()]
    more = len(unassessed_df) - len(unassessed)
    blocks = [
        ("attention-lowest", "Самые низкие баллы", f"итоговый балл в {year} году", lowest,
         "Нет оценок за этот год."),
        ("attention-falls", "Наибольшее снижение", "изменение балла с прошлой оценки", falls,
         "Ни у одной организации балл не снизился."),
        ("attention-overdue", "Просроченные мероприятия", "организации с наибольшим числом", overdue,
         "Просроченных мероприятий нет."),
        ("attention-unassessed", "Не оценены три года", f"нет оценки в {year - 2}–{year} "
                                f"({fmt.number(len(unassessed_df))} всего)", unassessed,
         "Все организации оценены в последние три года."),
    ]
    cards = []
    for key, title, caption, items, none in blocks:
        children = [dmc.Group([dmc.Title(title, order=3, className="attention-title"),
                               download_buttons(key)], justify="space-between", wrap="nowrap",
                              align="flex-start"),
                    dmc.Text(caption, c="dimmed", size="sm"),
                    ranked_list(items, empty_text=none)]
        if title.startswith("Не оценены") and more > 0:
            children.append(dmc.Text(f"и ещё {fmt.number(more)}", c="dimmed", size="sm"))
        cards.append(dmc.Paper(children, withBorder=True, radius="md", p="md",
                               className="attention-card"))
    return html.Div(cards, className="attention-grid")
