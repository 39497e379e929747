"""Builders of the federal overview («Россия»): the country's headline from the subjects'
rows, the map of subjects (polygons or tiles: the map page's builders with subject codes in
the place of OKTMO codes), the comparison grid and the sector × subject heat map.
DataFrames in (federal_queries), components and figures out; no queries here."""
from __future__ import annotations

from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard import map_view, theme
from dashboard.components import change_badge, empty, kpi_card
from dashboard.figures import base, empty_figure
from dashboard.results import (
    CHANGE_STYLE, LOCALE_TEXT, SIGNED, _js_number, _total_style, shown_rank,
)
from data_access.methodology import CRITERIA, CRITERION_SHORT
from data_access.reference.sectors import SECTORS

NO_SUBJECTS = "В базе нет данных ни по одному субъекту за выбранный год"


def as_places(df: pd.DataFrame, geojson: dict | None = None) -> pd.DataFrame:
    """Subjects in the shape the map builders take: the code as the area's key; with
    `geojson`, a row without values for each outlined subject the frame lacks, so that the
    whole country is drawn (those without data grey)."""
    places = df.rename(columns={"code": "oktmo"})
    if not geojson:
        return places
    known = set(places["oktmo"])
    extra = pd.DataFrame([{"oktmo": f["id"], "name": f["properties"]["name"]}
                          for f in geojson["features"] if f["id"] not in known],
                         columns=["oktmo", "name"])
    if extra.empty:
        return places
    return pd.concat([places, extra.reindex(columns=places.columns)], ignore_index=True)


def country(df: pd.DataFrame) -> dict:
    """The country's figures from the subjects' rows: sums of counts, and means weighted by
    the counts they are means of (so the country's mean total is the plain mean over all
    organizations assessed, as for a region)."""
    def weighted(column: str, weights: str) -> float:
        w = df[weights].where(df[column].notna(), 0)
        return float((df[column].fillna(0) * w).sum() / w.sum()) if w.sum() else float("nan")

    organizations = int(df["organizations"].sum())
    measures = int(df["measures"].sum())
    total = weighted("total", "assessed")
    previous = weighted("previous_total", "previous_assessed")
    return {
        "subjects": int((df["organizations"] > 0).sum()),
        "organizations": organizations,
        "assessed": int(df["assessed"].sum()),
        "previous_assessed": int(df["previous_assessed"].sum()),
        "total": total, "change": total - previous,
        "year_share": df["year_covered"].sum() / organizations * 100 if organizations else None,
        "three_year_share": df["covered"].sum() / organizations * 100 if organizations else None,
        "overdue": int(df["overdue"].sum()), "measures": measures,
        "overdue_share": df["overdue"].sum() / measures * 100 if measures else None,
    }


def headline_cards(df: pd.DataFrame, year: int) -> dmc.SimpleGrid | dmc.Alert:
    if df.empty or not df["organizations"].sum():
        return empty(NO_SUBJECTS)
    c = country(df)
    below = int((df["three_year_share"] < 100 - 1e-9).sum())
    return dmc.SimpleGrid([
        kpi_card("Субъектов с данными", fmt.number(c["subjects"]),
                 detail=f"организаций — {fmt.number(c['organizations'])}"),
        kpi_card(f"Оценено в {year} году", fmt.number(c["assessed"]),
                 detail=f"{fmt.percent(c['year_share'])} организаций",
                 delta=change_badge(c["assessed"] - c["previous_assessed"], decimals=0,
                                    reference=f"к {year - 1}")),
        kpi_card("Средний итоговый балл", fmt.score(c["total"]),
                 detail="среднее по всем оценённым организациям",
                 delta=change_badge(c["change"], reference=f"к {year - 1}")),
        kpi_card("Оценены за три года", fmt.percent(c["three_year_share"]),
                 detail=f"правило трёх лет не выполнено в {fmt.number(below)} "
                        f"{fmt.plural(below, 'субъекте', 'субъектах', 'субъектах')}"),
        kpi_card("Просроченные мероприятия", fmt.percent(c["overdue_share"]),
                 detail=f"{fmt.number(c['overdue'])} из {fmt.number(c['measures'])}"),
    ], cols={"base": 1, "sm": 2, "lg": 5}, spacing="md")


# ---------------------------------------------------------------- map

def subject_map(df: pd.DataFrame, geojson: dict | None, m: map_view.Measure,
                tiles: dict[str, tuple[int, int]], labels: dict[str, str],
                height: int = 600) -> go.Figure:
    """The subjects coloured by the measure: over polygons when stored, else as tiles. The
    map spans the page's width, not the map page's nine columns."""
    if df.empty:
        return empty_figure(NO_SUBJECTS)
    places = as_places(df, geojson)
    if geojson:
        return map_view.choropleth(places, geojson, m, height=height, width=1080)
    return map_view.cartogram(places, tiles, m, labels=labels, height=height)


# ---------------------------------------------------------------- comparison grid

def region_href(code: str, query: dict) -> str:
    """The subject's own overview with the year and sector kept."""
    keep = {k: v for k, v in query.items() if k in ("year", "sector")}
    return "/?" + urlencode({"region": code, **keep})


def comparison_rows(df: pd.DataFrame, query: dict) -> list[dict]:
    """One grid row per subject with data; the rank by mean total (1 — best)."""
    shown = df[df["organizations"] > 0].copy()
    shown["rank"] = shown_rank(shown["total"])
    rows = []
    for r in shown.itertuples(index=False):
        name = r.name.replace("[", "\\[").replace("]", "\\]")
        rows.append({
            "code": r.code, "name": r.name, "link": f"[{name}]({region_href(r.code, query)})",
            "rank": None if pd.isna(r.rank) else int(r.rank),
            "organizations": int(r.organizations), "assessed": int(r.assessed),
            "year_share": _round(r.year_share), "three_year_share": _round(r.three_year_share),
            "total": _round(r.total), "change": _round(r.change),
            **{k: _round(getattr(r, k)) for k in CRITERIA},
            "overdue_share": _round(r.overdue_share), "overdue": int(r.overdue),
        })
    return rows


def _round(value, decimals: int = 2):
    return None if fmt.missing(value) else round(float(value), decimals)


def comparison_column_defs(thresholds=None) -> list[dict]:
    # Sized to fit a 1440-px screen without scrolling sideways; sorting by a header click
    # is the comparison's tool, so only the name has a filter.
    number = {"type": "rightAligned", "filter": False, "valueFormatter": _js_number(1),
              "minWidth": 58, "flex": 0.55}
    count = {**number, "valueFormatter": _js_number(0), "minWidth": 84, "flex": 0.75}
    return [
        {"field": "rank", "headerName": "Место", "filter": False, "type": "rightAligned",
         "width": 88, "minWidth": 88, "maxWidth": 96, "sort": "asc",
         "headerTooltip": "Место по среднему итоговому баллу (1 — лучший)"},
        {"field": "link", "colId": "name", "headerName": "Субъект РФ", "cellRenderer": "markdown",
         "filter": "agTextColumnFilter", "wrapText": True, "autoHeight": True, "minWidth": 200,
         "flex": 2.2, "filterValueGetter": {"function": "params.data.name"},
         "getQuickFilterText": {"function": "params.data.name"},
         "comparator": {"function": "(a, b, na, nb) => (na.data.name || '').localeCompare("
                                    "nb.data.name || '', 'ru')"}},
        {"field": "organizations", "headerName": "Органи­заций", **count},
        {"field": "assessed", "headerName": "Оценено в году", **count},
        {"field": "three_year_share", "headerName": "За 3 года, %", **number,
         "minWidth": 76, "headerTooltip": "Доля организаций, оценённых за три года"},
        {"field": "total", "headerName": "Итог", **number, "cellStyle": _total_style(thresholds),
         "headerTooltip": "Средний итоговый балл; цвет — уровень качества"},
        {"field": "change", "headerName": "Изменение", **number, "valueFormatter": SIGNED,
         "cellStyle": CHANGE_STYLE, "minWidth": 100,
         "headerTooltip": "Изменение среднего итогового балла к прошлому году"},
        *({"field": k, "headerName": CRITERION_SHORT[k], **number,
           "headerTooltip": theme.criterion_label(k)} for k in CRITERIA),
        {"field": "overdue_share", "headerName": "Просро­чено, %", **number, "minWidth": 84,
         "headerTooltip": "Доля просроченных мероприятий планов на дату данных субъекта"},
    ]


def comparison_grid(grid_id: str, rows: list[dict], thresholds=None) -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id, rowData=rows, columnDefs=comparison_column_defs(thresholds),
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True,
                       "wrapHeaderText": True, "autoHeaderHeight": True},
        getRowId="params.data.code",
        dashGridOptions={"pagination": len(rows) > 30, "paginationPageSize": 30,
                         "paginationPageSizeSelector": [30, 90], "localeText": LOCALE_TEXT,
                         "animateRows": False, "tooltipShowDelay": 300,
                         "domLayout": "autoHeight", "enableCellTextSelection": True,
                         "rowHeight": 38},
        className="results-grid", style={"width": "100%"}, dangerously_allow_code=False)


COMPARISON_COLUMNS = {
    "name": "Субъект РФ", "organizations": "Организаций", "assessed": "Оценено в году",
    "year_share": "Оценены в году, %", "three_year_share": "Оценены за 3 года, %",
    "total": "Итоговый балл", "previous_total": "Итоговый балл в прошлом году",
    "change": "Изменение", **{k: CRITERION_SHORT[k] for k in CRITERIA},
    "measures": "Мероприятий планов", "overdue": "Просрочено", "overdue_share": "Просрочено, %",
}


# ---------------------------------------------------------------- sectors × subjects

def sector_matrix(long: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Wide: one row per subject (name), one column per sector's mean total; rows in
    `order` (subject names, best first) when given."""
    if long.empty:
        return pd.DataFrame(columns=["name", *(s.code for s in SECTORS)])
    wide = long.pivot_table(index="name", columns="sector", values="total", aggfunc="first")
    wide = wide.reindex(columns=[s.code for s in SECTORS])
    if order:
        wide = wide.reindex([n for n in order if n in wide.index]
                            + [n for n in wide.index if n not in order])
    return wide.reset_index()


def sector_heatmap(long: pd.DataFrame, order: list[str] | None = None) -> go.Figure:
    """Subjects × sectors, the cell the sector's mean total in the subject (its count in the
    hover), coloured by its quality level as on the maps."""
    wide = sector_matrix(long, order)
    if wide.empty:
        return empty_figure(NO_SUBJECTS)
    counts = long.pivot_table(index="name", columns="sector", values="n", aggfunc="first")
    codes = [s.code for s in SECTORS]
    counts = counts.reindex(index=wide["name"], columns=codes)
    z = wide[codes].to_numpy(dtype=float)
    text = [[fmt.number(v, 1) if not fmt.missing(v) else "—" for v in row] for row in z]
    hover = [[f"<b>{name}</b><br>{s.name}: "
              + (f"<b>{fmt.number(v, 1)}</b><br>оценено {fmt.number(n)}"
                 if not fmt.missing(v) else "нет оценок")
              for s, v, n in zip(SECTORS, row, counts_row)]
             for name, row, counts_row in zip(wide["name"], z, counts.to_numpy())]
    tickvals, ticktext = theme.score_ticks()
    fig = go.Figure(go.Heatmap(
        z=[[theme.score_z(v) for v in row] for row in z], x=[s.name for s in SECTORS],
        y=list(wide["name"]), text=text, texttemplate="%{text}", textfont={"size": 13},
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        colorscale=theme.score_colorscale(), zmin=0, zmax=len(theme.SCORE_LEVELS),
        xgap=2, ygap=2, colorbar={"title": {"text": "Итоговый<br>балл"}, "thickness": 14,
                                  "tickvals": tickvals, "ticktext": ticktext, "ticks": "",
                                  "tickfont": {"size": 12}, "lenmode": "pixels",
                                  "len": min(260, 26 * max(len(wide), 7)), "y": 1,
                                  "yanchor": "top"}))
    # tall enough for the five levels of the colour bar even with two subjects
    fig = base(fig, height=max(300, 120 + 26 * len(wide)))
    fig.update_yaxes(autorange="reversed", tickfont={"size": 13}, gridcolor=None)
    fig.update_xaxes(side="top", tickfont={"size": 14})
    return fig.update_layout(margin={"l": 8, "r": 8, "t": 40, "b": 8})


SECTOR_COLUMNS = {"name": "Субъект РФ", **{s.code: s.name for s in SECTORS}}
