"""Every downloadable table, described once: a key, a title, the query that fills it under
the filters, and the Russian headers. The download callback serves any of them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import export, theme, wording
from dashboard.cache import cached
from dashboard.components import data_table
from data_access import queries
from data_access.filters import Filters
from data_access.settings import get_settings
from data_access.methodology import CRITERIA, CRITERION_SHORT


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    fetch: Callable[[Filters], pd.DataFrame]
    columns: dict[str, str]  # source column → header, in order

    def __post_init__(self):
        """`fetch` cached per filters and data version (dashboard/cache.py)."""
        object.__setattr__(self, "fetch", cached(self.fetch, name=f"table:{self.key}"))

    def frame(self, f: Filters) -> pd.DataFrame:
        return self.present(self.fetch(f), f)

    def present(self, df: pd.DataFrame, f: Filters | None = None) -> pd.DataFrame:
        """The fetched frame as shown and downloaded: chosen columns, Russian headers; «{by}»
        in a header is the subject's «по краю» / «по области» (dashboard/wording.py)."""
        df = df[[c for c in self.columns if c in df.columns]].copy()
        if "sector" in df.columns:
            df["sector"] = df["sector"].map(theme.sector_name)
        w = wording.words(f.region if f else None)
        return df.rename(columns={k: v.replace("{by}", w.by) for k, v in self.columns.items()})


SCORES = {k: CRITERION_SHORT[k] for k in CRITERIA} | {"total": "Итоговый балл"}
TABLES: dict[str, Table] = {}


def _size() -> int:
    """The attention lists' length, the same on screen and in the download."""
    return get_settings().attention_size


def register(*tables: Table) -> None:
    for t in tables:
        TABLES[t.key] = t


register(
    Table("overview-headline", "Показатели года",
          lambda f: queries.headline(f).reset_index(),
          {"year": "Год", "organizations": "Организаций", "planned": "Запланировано к оценке",
           "assessed": "Оценено", "coverage_share": "Выполнение плана, %",
           "mean_total": "Средний итоговый балл", "covered": "Оценены за 3 года",
           "three_year_share": "Охват за 3 года, %", "overdue_measures": "Просрочено мероприятий",
           "respondents": "Опрошено"}),
    Table("overview-sectors", "Баллы по сферам", queries.sector_summary,
          {"sector": "Сфера", "n": "Оценено", **SCORES, "previous_total": "Итог прошлого года",
           "change": "Изменение"}),
    Table("attention-lowest", "Самые низкие баллы", lambda f: queries.lowest_scores(f, _size()),
          {"name": "Организация", "sector": "Сфера", "municipality": "Муниципальное образование",
           "total": "Итоговый балл"}),
    Table("attention-falls", "Наибольшее снижение", lambda f: queries.biggest_falls(f, _size()),
          {"name": "Организация", "sector": "Сфера", "municipality": "Муниципальное образование",
           "previous_total": "Предыдущий балл", "total": "Итоговый балл", "change": "Изменение"}),
    Table("attention-overdue", "Просроченные мероприятия",
          lambda f: queries.overdue_by_organization(f, _size()),
          {"name": "Организация", "sector": "Сфера", "municipality": "Муниципальное образование",
           "overdue": "Просрочено мероприятий", "earliest": "Самый ранний срок"}),
    Table("attention-unassessed", "Не оценены три года", queries.not_assessed_three_years,
          {"name": "Организация", "sector": "Сфера", "municipality": "Муниципальное образование",
           "founder": "Учредитель", "last_year": "Год последней оценки"}),
)


def download_buttons(key: str) -> html.Div:
    """XLSX and CSV of the table `key` under the page's filters."""
    return html.Div([
        html.Button(fmt.upper(), id={"type": "export", "table": key, "fmt": fmt},
                    className="dl-btn", title=f"Скачать «{TABLES[key].title}» в {fmt.upper()}")
        for fmt in ("xlsx", "csv")], className="downloads")


def download_target() -> dcc.Download:
    return dcc.Download(id="download")


@callback(Output("download", "data"),
          Input({"type": "export", "table": ALL, "fmt": ALL}, "n_clicks"),
          State("page-filters", "data"), prevent_initial_call=True)
def _download(_clicks, data):
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered[0]["value"] or not data:
        return no_update  # buttons appearing with a new page are not clicks
    table = TABLES[trigger["table"]]
    f = Filters(**data)
    df = table.frame(f)
    name = f"{table.title} {f.year}".replace(" ", "_")
    if trigger["fmt"] == "csv":
        return dcc.send_bytes(export.to_csv(df), f"{name}.csv")
    return dcc.send_bytes(export.to_xlsx(df, table.title), f"{name}.xlsx")


COVERAGE_CELLS = {"sector": "Сфера", "municipality_name": "Муниципальное образование",
                  "organizations": "Организаций", "assessed": "Оценено", "share": "Доля, %"}
register(
    Table("coverage-plan", "План и факт по сферам", queries.coverage_by_sector,
          {"sector": "Сфера", "organizations": "Организаций", "planned": "По плану",
           "assessed": "Оценено", "share": "Выполнение плана, %"}),
    Table("coverage-year", "Оценены в году",
          lambda f: queries.three_year_coverage(f, by="sector,municipality", window=1),
          COVERAGE_CELLS),
    Table("coverage-three-years", "Оценены за три года",
          lambda f: queries.three_year_coverage(f, by="sector,municipality", window=3),
          COVERAGE_CELLS),
)


def chart_callback(key: str, figure: Callable[[pd.DataFrame], object]) -> None:
    """Fill the chart_block `key` (its figure and its table) from the registered table `key`
    under the page's filters: one query, one builder. Both are cached like the query
    (dashboard/cache.py), the figure as its plain JSON dict: building a Plotly figure costs
    more than reading the cached frame, and a dict needs no validation when it comes back."""
    table = TABLES[key]

    def build(f: Filters) -> tuple:
        df = table.fetch(f)
        fig = figure(df)
        return (fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig,
                data_table(table.present(df, f)))

    build = cached(build, name=f"chart:{key}")

    @callback(Output(key, "figure"), Output(f"{key}-table", "children"),
              Input("page-filters", "data"))
    def _fill(data):
        return build(Filters(**data))


def outliers_callback(key: str, views: Callable[[pd.DataFrame, pd.DataFrame, Filters], tuple]
                      ) -> None:
    """Fill the chart_block `key` and the component `{key}-outliers` from the registered
    table `key`: views(frame, frame as shown, the filters) gives the figure, the table and
    the list (comparison.funnel_views)."""
    table = TABLES[key]

    @callback(Output(key, "figure"), Output(f"{key}-table", "children"),
              Output(f"{key}-outliers", "children"), Input("page-filters", "data"))
    def _fill(data):
        f = Filters(**data)
        df = table.fetch(f)
        return views(df, table.present(df, f), f, wording.words(f.region))
