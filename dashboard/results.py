"""Builders of the Results page («Результаты»): К1–К5 by sector, trends, the distribution of
totals with the quality bands, municipalities against the region's mean, and the ranking
grid. DataFrames in, figures and components out; no queries here."""
from __future__ import annotations

from urllib.parse import urlencode

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard import format as fmt
from dashboard import theme
from dashboard.plot_text import escape
from dashboard.components import criteria_gap_text
from dashboard.wording import KRAI, Words
from dashboard.figures import base, empty_figure
from data_access.methodology import (
    CRITERIA, CRITERION_SHORT, STANDINGS, bands,
)

SCORE_KEYS = (*CRITERIA, "total")
SCORE_LABELS = {**CRITERION_SHORT, "total": "Итог"}
REGION_LABEL = KRAI.mean()
ACCENT = "#0b5cad"
NO_YEAR_DATA = "За выбранный год оценок по этим фильтрам нет"


def year_empty_text(year: int) -> str:
    return f"В {year} году по выбранным фильтрам оценок нет"


def _score_text(value) -> str:
    return fmt.number(value, 1)


# ---------------------------------------------------------------- К1–К5 by sector

CRITERIA_COLUMNS = {"label": "Сфера", "n": "Оценено",
                    **{k: CRITERION_SHORT[k] for k in CRITERIA}, "total": "Итоговый балл"}


def criteria_frame(by_sector: pd.DataFrame, region: pd.DataFrame,
                   region_label: str = REGION_LABEL) -> pd.DataFrame:
    """Sectors in the order of their colours, then the region's row (sector None) named
    `region_label` (theme.region_label: what the region's mean covers)."""
    order = {s: i for i, s in enumerate(theme.SECTOR_COLORS)}
    sectors = by_sector[by_sector["n"] > 0].sort_values(
        "sector", key=lambda s: s.map(order)).assign(label=lambda d: d["sector"].map(
            theme.sector_name))
    region = region[region["n"] > 0].assign(sector=None, label=region_label)
    counts = [f"{k}_n" for k in CRITERIA if f"{k}_n" in region.columns]
    columns = ["sector", "label", "n", *SCORE_KEYS, *counts]
    if sectors.empty:
        return pd.DataFrame(columns=columns)
    return pd.concat([sectors[columns], region[columns]], ignore_index=True)


def criteria_figure(df: pd.DataFrame) -> go.Figure:
    """Grouped bars: К1–К5 and the total per sector in its colour, and the region's mean
    as the last bar of each group, hollow with a dark edge."""
    if df.empty:
        return empty_figure(NO_YEAR_DATA)
    x = [SCORE_LABELS[k] for k in SCORE_KEYS]
    hover = [theme.criterion_label(k) for k in SCORE_KEYS]
    sectors = df[df["sector"].notna()]
    fig = go.Figure()
    for row in sectors.itertuples(index=False):
        values = [getattr(row, k) for k in SCORE_KEYS]
        fig.add_bar(x=x, y=values, name=row.label, marker_color=theme.SECTOR_COLORS[row.sector],
                    text=[_score_text(v) for v in values], textposition="outside",
                    textfont={"size": 13}, cliponaxis=False, customdata=hover,
                    hovertemplate="%{customdata}<br>" + row.label
                    + ": %{y:.2f}<extra></extra>")
    region = df[df["sector"].isna()]
    if len(region):
        values = [region.iloc[0][k] for k in SCORE_KEYS]
        name = region.iloc[0]["label"]
        fig.add_bar(x=x, y=values, name=name, marker={
                        "color": "#ffffff", "line": {"color": theme.REGION_COLOR, "width": 2.5}},
                    text=[_score_text(v) for v in values], textposition="outside",
                    textfont={"size": 13, "color": theme.REGION_COLOR}, cliponaxis=False,
                    customdata=hover,
                    hovertemplate="%{customdata}<br>" + name + ": %{y:.2f}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.18, bargroupgap=0.06)
    fig.update_yaxes(range=[0, 108], dtick=20)
    fig = base(fig, height=420, y_title="Балл").update_layout(
        legend={"y": -0.12}, margin={"t": 24})
    gap = criteria_gap_text(region.iloc[0]) if len(region) else None
    if gap:  # the bars of К1–К5 stand on fewer organizations than the total's
        fig.add_annotation(text=gap, xref="paper", yref="paper", x=0, y=-0.24,
                           xanchor="left", showarrow=False, font={"size": 13})
        fig.update_layout(legend={"y": -0.1}, margin={"b": 96})
    return fig


# ---------------------------------------------------------------- trends

CRITERION_CHOICES = [{"value": k, "label": SCORE_LABELS[k]} for k in ("total", *CRITERIA)]


def crit_key(value) -> str:
    """The chosen criterion of the trend chart from the URL; anything unknown is the total."""
    return value if value in SCORE_KEYS else "total"


def trend_frame(by_year_sector: pd.DataFrame, region_by_year: pd.DataFrame) -> pd.DataFrame:
    """year, sector (None for the region's mean), n, К1–К5, total."""
    columns = ["year", "sector", "n", *SCORE_KEYS]
    parts = [by_year_sector.reindex(columns=columns),
             region_by_year.assign(sector=None).reindex(columns=columns)]
    df = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(
        len(p) for p in parts) else pd.DataFrame(columns=columns)
    df = df[df["n"] > 0]
    return df.astype({"year": int}).sort_values(["year"], kind="stable").reset_index(drop=True)


def _last_only(values: pd.Series) -> list[str]:
    """A line's label at its last point only, to the right where no other line runs: labels
    above every point were crossed by the lines near them."""
    texts = [""] * len(values)
    if len(values):
        texts[-1] = _score_text(values.iloc[-1])
    return texts


def trend_figure(df: pd.DataFrame, crit: str = "total", region_label: str = REGION_LABEL
                 ) -> go.Figure:
    """One line per sector in its colour and the region's mean (named `region_label`) as a
    dark dashed line, years up to the chosen one."""
    crit = crit_key(crit)
    sectors = [s for s in theme.SECTOR_COLORS if s in set(df["sector"].dropna())]
    if df.empty or not sectors:
        return empty_figure("Оценок по выбранным фильтрам нет")
    label = theme.criterion_label(crit)
    fig = go.Figure()
    for s in sectors:
        d = df[df["sector"] == s]
        name = theme.sector_name(s)
        fig.add_scatter(x=d["year"], y=d[crit], name=name, mode="lines+markers+text",
                        text=_last_only(d[crit]), textposition="middle right",
                        textfont={"size": 13, "color": theme.SECTOR_COLORS[s]},
                        line={"color": theme.SECTOR_COLORS[s], "width": 3}, marker={"size": 9},
                        customdata=d["n"],
                        hovertemplate=f"{name}, %{{x}}: %{{y:.2f}} "
                        "(оценено %{customdata})<extra></extra>")
    region = df[df["sector"].isna()]
    if len(region):
        fig.add_scatter(x=region["year"], y=region[crit], name=region_label,
                        mode="lines+markers+text", text=_last_only(region[crit]),
                        textposition="middle right", textfont={"size": 13,
                                                               "color": theme.REGION_COLOR},
                        line={"color": theme.REGION_COLOR, "width": 3, "dash": "dash"},
                        marker={"size": 8, "color": theme.REGION_COLOR},
                        hovertemplate=f"{region_label}, %{{x}}: %{{y:.2f}}<extra></extra>")
    years = sorted(df["year"].unique())
    # room at the right for the last year's labels
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                     range=[years[0] - 0.3, years[-1] + 0.3 + 0.08 * max(len(years), 3)])
    low, high = df[crit].min(), df[crit].max()
    pad = max(2.0, (high - low) * 0.15)
    fig.update_yaxes(range=[max(0, low - pad), min(100, high + pad) + 1])
    fig.update_layout(title={"text": label, "x": 0, "xanchor": "left", "y": 0.98,
                             "font": {"size": 17}})
    return base(fig, height=420, y_title=f"{SCORE_LABELS[crit]}, балл").update_layout(
        margin={"t": 44})


def trend_table(df: pd.DataFrame, crit: str = "total", region_label: str = REGION_LABEL
                ) -> pd.DataFrame:
    """Years as rows, a column per sector and the region's mean: the chosen criterion."""
    crit = crit_key(crit)
    if df.empty:
        return pd.DataFrame()
    sectors = [s for s in theme.SECTOR_COLORS if s in set(df["sector"].dropna())]
    names = {s: theme.sector_name(s) for s in sectors}
    wide = (df.assign(col=df["sector"].map(names).fillna(region_label))
            .pivot(index="year", columns="col", values=crit)
            .reindex(columns=[*names.values(), region_label]).round(2))
    wide = wide.reset_index().rename(columns={"year": "Год"})
    wide.columns.name = None
    wide["Год"] = wide["Год"].astype(str)  # a year is a label, not «2 024»
    return wide


# ---------------------------------------------------------------- distribution

HISTOGRAM_COLUMNS = {"interval": "Итоговый балл", "band_label": "Уровень качества",
                     "n": "Организаций"}


def histogram_rows(df: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """The bins with a readable interval («89–90» for [89, 90)) and the band's label."""
    labels = {b.key: b.label for b in bands(thresholds)}
    out = df.copy()
    out["interval"] = [f"{b} – {b + 1}" if b < 99 else "99 – 100" for b in out["bin"]]
    out["band_label"] = out["band"].map(labels)
    return out


def band_totals(df: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """Organizations per band (zeros kept), best first, with the share of all in %."""
    ordered = bands(thresholds)
    n = (df.groupby("band")["n"].sum() if len(df) else pd.Series(dtype=int)).reindex(
        [b.key for b in ordered], fill_value=0).astype(int)
    total = int(n.sum())
    return pd.DataFrame({"band": [b.key for b in ordered], "label": [b.label for b in ordered],
                         "lower": [b.lower for b in ordered], "n": n.values,
                         "share": [100 * v / total if total else float("nan") for v in n.values]})


def band_range(ordered, i: int) -> str:
    """«91 и выше», «81 – 91», «до 51»."""
    b = ordered[i]
    if i == 0:
        return f"{fmt.number(b.lower, 0 if float(b.lower).is_integer() else 1)} и выше"
    upper = ordered[i - 1].lower
    up = fmt.number(upper, 0 if float(upper).is_integer() else 1)
    if i == len(ordered) - 1:
        return f"ниже {up}"
    low = fmt.number(b.lower, 0 if float(b.lower).is_integer() else 1)
    return f"{low} – {up}"


def histogram_figure(df: pd.DataFrame, thresholds=None) -> go.Figure:
    """Totals in 1-point bins, bars coloured by quality band, the band thresholds marked."""
    if df.empty or not df["n"].sum():
        return empty_figure(NO_YEAR_DATA)
    ordered = bands(thresholds)
    totals = band_totals(df, thresholds).set_index("band")
    fig = go.Figure()
    for i, b in enumerate(ordered):
        d = df[df["band"] == b.key]
        if d.empty:
            continue
        n = int(totals.loc[b.key, "n"])
        fig.add_bar(x=d["bin"] + 0.5, y=d["n"], width=0.92, name=f"{b.label}: {fmt.number(n)}",
                    marker_color=theme.BAND_COLORS[b.key],
                    customdata=[f"{x} – {x + 1}" for x in d["bin"]],
                    hovertemplate="Балл %{customdata}: %{y} орг.<extra>" + b.label
                    + "</extra>")
    low = int(df["bin"].min()) - 1
    for b in ordered[:-1]:
        if low < b.lower < 100:
            fig.add_vline(x=b.lower, line={"color": theme.REGION_COLOR, "width": 1.5,
                                           "dash": "dot"},
                          annotation={"text": fmt.number(b.lower, 0 if float(b.lower)
                                                         .is_integer() else 1),
                                      "font": {"size": 14, "color": theme.REGION_COLOR},
                                      "yanchor": "bottom"},
                          annotation_position="top")
    fig.update_layout(barmode="stack", bargap=0)
    fig.update_xaxes(range=[low, 100], dtick=5 if 100 - low > 20 else 1,
                     title="Итоговый балл")
    return base(fig, height=380, y_title="Организаций").update_layout(
        margin={"t": 36}, legend={"y": -0.25})


def band_summary(df: pd.DataFrame, thresholds=None) -> html.Div:
    """Counts per band as a row of chips on the band scale (zeros kept)."""
    ordered = bands(thresholds)
    totals = band_totals(df, thresholds)
    chips = []
    for i, row in enumerate(totals.itertuples(index=False)):
        chips.append(html.Div([
            html.Div(row.label, className="band-chip-label"),
            html.Div(fmt.number(row.n), className="band-chip-value"),
            html.Div(f"{band_range(ordered, i)} · {fmt.percent(row.share, 0)}",
                     className="band-chip-detail"),
        ], className="band-chip", style={"borderLeftColor": theme.BAND_COLORS[row.band],
                                         "backgroundColor": theme.BAND_TINTS[row.band]}))
    return html.Div(chips, className="band-chips")


# ---------------------------------------------------------------- municipalities

MUNICIPALITY_COLUMNS = {"municipality_name": "Муниципальное образование", "n": "Оценено",
                        "total": "Средний итоговый балл",
                        "difference": "Отклонение от среднего {by}",
                        "standing_label": "С учётом случайных колебаний"}


def municipality_frame(by_municipality: pd.DataFrame, region: pd.DataFrame) -> pd.DataFrame:
    """Municipalities by mean total, best first, with the region's mean and the difference."""
    region_total = region["total"].iloc[0] if len(region) and region["n"].iloc[0] else None
    df = by_municipality[by_municipality["n"] > 0].copy()
    df["region_total"] = region_total
    df["difference"] = df["total"] - df["region_total"] if region_total is not None else None
    return df.sort_values(["total", "municipality_name"], ascending=[False, True]
                          ).reset_index(drop=True)


def municipality_figure(df: pd.DataFrame, *, selected: str | None = None,
                        sector: str | None = None, region_label: str = REGION_LABEL,
                        w: Words = KRAI) -> go.Figure:
    """A sorted dot plot: each municipality's mean total (best at the top), the number of
    organizations in its label, the region's mean as a vertical line. Dots carry the OKTMO
    code (customdata) for a click to open the district's profile."""
    if df.empty:
        return empty_figure(NO_YEAR_DATA)
    d = df.sort_values(["total", "municipality_name"], ascending=[True, False])
    color = theme.SECTOR_COLORS.get(sector, ACCENT)
    labels = [f"{name} <span style='color:{theme.MUTED}'>({fmt.number(n)})</span>"
              for name, n in zip(d["municipality_name"].map(escape), d["n"])]
    chosen = (d["municipality"] == selected).tolist()
    standing = list(d["standing"]) if "standing" in d.columns else [None] * len(d)
    words = ([w.standing(k) for k in standing] if "standing" in d.columns
             else [""] * len(d))
    # only a difference beyond chance is written beside the dot: the rest is noise
    text = [_score_text(v) + (" · " + STANDINGS[k].replace(" среднего", "") if k in (
        "higher", "lower") else "") for v, k in zip(d["total"], standing)]
    fig = go.Figure(go.Scatter(
        x=d["total"], y=labels, mode="markers+text", name="Муниципальное образование",
        # each label on the side away from the region's mean: the dashed line ran through
        # the labels of the dots just right of it
        text=text, textposition=[
            "middle left" if not fmt.missing(d["region_total"].iloc[0])
            and v < d["region_total"].iloc[0] else "middle right" for v in d["total"]],
        hovertext=words, textfont={"size": 13}, customdata=d["municipality"],
        marker={"size": [17 if c else 13 for c in chosen], "color": color,
                "line": {"color": [theme.REGION_COLOR if c else "#ffffff" for c in chosen],
                         "width": [3 if c else 1 for c in chosen]}},
        hovertemplate="%{y}: %{x:.2f}<br>%{hovertext}<br>нажмите, чтобы открыть профиль"
                      "<extra></extra>",
        showlegend=False))
    region_total = d["region_total"].iloc[0]
    xs = list(d["total"])
    if not fmt.missing(region_total):
        xs.append(region_total)
        fig.add_vline(x=region_total, line={"color": theme.REGION_COLOR, "width": 2.5,
                                            "dash": "dash"},
                      annotation={"text": f"{region_label}: {_score_text(region_total)}",
                                  "font": {"size": 15, "color": theme.REGION_COLOR},
                                  "bgcolor": "#ffffff", "yanchor": "top"},
                      annotation_position="bottom")
    low, high = min(xs), max(xs)
    pad = max(1.0, (high - low) * 0.08)
    # room for «95,3 · значимо выше» beside the best dot
    right = pad * (5.5 if any(k in ("higher", "lower") for k in standing) else 1.6)
    fig.update_xaxes(range=[low - pad * 1.6, high + right], side="top", showgrid=True,
                     gridcolor="#e9ecef", title=None)
    fig.update_yaxes(showgrid=True, gridcolor="#f1f3f5", tickfont={"size": 14})
    return base(fig, height=max(320, 24 * len(d) + 110)).update_layout(
        margin={"l": 16, "r": 16, "t": 72, "b": 40}, clickmode="event",
        yaxis={"automargin": True})


def district_href(oktmo: str, query: dict) -> str:
    """The district profile's address with the global filters kept (the district chosen)."""
    return f"/district/{oktmo}?" + urlencode({**query, "municipality": oktmo})


def organization_href(org_id, query: dict) -> str:
    """The organization's profile with the global filters kept."""
    return f"/organization/{int(org_id)}?" + urlencode(query)


# ---------------------------------------------------------------- ranking

RANKING_COLUMNS = {"rank": "Место", "name": "Организация", "type": "Тип", "sector_name": "Сфера",
                   "municipality": "Муниципальное образование",
                   **{k: CRITERION_SHORT[k] for k in CRITERIA}, "total": "Итоговый балл",
                   "band": "Уровень качества", "previous_total": "Предыдущий балл",
                   "change": "Изменение"}
SORTABLE = ("rank", "name", "type", "sector_name", "municipality", *SCORE_KEYS, "change")
DEFAULT_SORT = "rank:asc"
PAGE_SIZES = (25, 50, 100)
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~"})


def parse_sort(value) -> tuple[str, str]:
    """«total:desc» from the URL as (column, direction); anything unknown is the default."""
    col, _, direction = str(value or "").partition(":")
    if col in SORTABLE and direction in ("asc", "desc"):
        return col, direction
    return tuple(DEFAULT_SORT.split(":"))  # type: ignore[return-value]


# The grid shows totals as published (two decimals); the rank follows what is shown.
RANK_DECIMALS = fmt.SCORE_DECIMALS


def shown_rank(totals: pd.Series) -> pd.Series:
    """1 — the best; totals equal as shown share a place and the next takes the place after
    them (three «100,00» are 1st, the next is 4th): a reader cannot see a difference that
    only the unrounded scores have."""
    shown = totals.map(lambda v: None if fmt.missing(v) else float(
        fmt.number(v, RANK_DECIMALS).replace("\u00a0", "").replace(",", ".")))
    return shown.astype(float).rank(method="min", ascending=False).astype("Int64")


def ranking_rows(df: pd.DataFrame, query: dict, thresholds=None) -> list[dict]:
    """Grid rows: the ranking with the sector's name, the band's label and a markdown link
    to each organization's profile that keeps the global filters."""
    if df.empty:
        return []
    ordered = bands(thresholds)
    suffix = "?" + urlencode(query) if query else ""

    def band(total):
        return next((b.label for b in ordered if total >= b.lower), ordered[-1].label)

    out = df.copy()
    out["sector_name"] = out["sector"].map(theme.sector_name)
    out["band"] = out["total"].map(band)
    # the screen's typography; the download keeps the name as the operator's file wrote it
    out["link"] = [f"[{fmt.quotes(str(n)).translate(_MD_SPECIAL)}](/organization/{i}{suffix})"
                   for n, i in zip(out["name"], out["id"])]
    out["rank"] = shown_rank(out["total"])
    out["row_id"] = out["id"].astype(str)
    keep = ["id", "row_id", "link", *RANKING_COLUMNS]
    out = out[keep].astype(object).where(out[keep].notna(), None)
    return out.to_dict("records")


def ranking_download(rows: list[dict] | None) -> pd.DataFrame:
    """What the grid shows (after search, filters and sort) with Russian headers; only the
    known columns of the rows are kept."""
    df = pd.DataFrame(rows or [], columns=list(RANKING_COLUMNS))
    df = df[list(RANKING_COLUMNS)].rename(columns=RANKING_COLUMNS)
    for column in [RANKING_COLUMNS[k] for k in (*SCORE_KEYS, "previous_total", "change")]:
        df[column] = pd.to_numeric(df[column], errors="coerce").round(2)
    return df


def _js_number(decimals: int = 1) -> dict:
    return {"function": "params.value == null ? '—' : Number(params.value).toLocaleString("
                        f"'ru-RU', {{minimumFractionDigits: {decimals}, "
                        f"maximumFractionDigits: {decimals}}})"}


SIGNED = {"function": "params.value == null ? '—' : (Math.abs(params.value) < 0.05 ? '0,0' : "
                      "(params.value > 0 ? '+' : '−') + Math.abs(params.value).toLocaleString("
                      "'ru-RU', {minimumFractionDigits: 1, maximumFractionDigits: 1}))"}

LOCALE_TEXT = {
    "page": "Страница", "of": "из", "to": "–", "more": "больше",
    "pageSizeSelectorLabel": "Строк на странице:", "ariaPageSizeSelectorLabel": "Строк на странице",
    "firstPage": "Первая страница", "lastPage": "Последняя страница",
    "nextPage": "Следующая страница", "previousPage": "Предыдущая страница",
    "pageLastRowUnknown": "?", "noRowsToShow": "Нет организаций, подходящих под условия",
    "noMatchingRows": "Нет совпадений", "loadingOoo": "Загрузка…", "exportingOoo": "Выгрузка…",
    "searchOoo": "Поиск…", "filterOoo": "Фильтр…", "empty": "Выберите условие",
    "equals": "Равно", "notEqual": "Не равно", "lessThan": "Меньше", "greaterThan": "Больше",
    "lessThanOrEqual": "Меньше или равно", "greaterThanOrEqual": "Больше или равно",
    "inRange": "Между", "inRangeStart": "От", "inRangeEnd": "До",
    "contains": "Содержит", "notContains": "Не содержит", "startsWith": "Начинается с",
    "endsWith": "Заканчивается на", "blank": "Пусто", "notBlank": "Не пусто",
    "andCondition": "И", "orCondition": "ИЛИ", "applyFilter": "Применить",
    "resetFilter": "Сбросить", "clearFilter": "Очистить", "cancelFilter": "Отмена",
    "selectAll": "Выбрать все", "selectAllSearchResults": "Выбрать все найденные",
    "textFilter": "Текстовый фильтр", "numberFilter": "Числовой фильтр",
    "filterSummaryInactive": "все", "filterSummaryContains": "содержит",
    "filterSummaryNotContains": "не содержит", "filterSummaryTextEquals": "равно",
    "filterSummaryTextNotEqual": "не равно", "filterSummaryStartsWith": "начинается с",
    "filterSummaryEndsWith": "заканчивается на", "filterSummaryBlank": "пусто",
    "filterSummaryNotBlank": "не пусто", "filterSummaryInRange": "между",
    "columnFilter": "Фильтр столбца", "columnMenu": "Меню столбца",
    "pinColumn": "Закрепить столбец", "pinLeft": "Закрепить слева", "pinRight": "Закрепить справа",
    "noPin": "Не закреплять", "sortAscending": "По возрастанию", "sortDescending": "По убыванию",
    "sortUnSort": "Без сортировки", "autosizeThisColumn": "Подобрать ширину",
    "autosizeAllColumns": "Подобрать ширину всех", "resetColumns": "Сбросить столбцы",
    "columns": "Столбцы", "filters": "Фильтры", "ariaFilterInput": "Поле фильтра",
    "ariaColumnFiltered": "Столбец отфильтрован",
    "ariaFilterColumn": "Нажмите CTRL ENTER, чтобы открыть фильтр",
    "ariaFilteringOperator": "Условие фильтра",
    "ariaMenuColumn": "Нажмите ALT DOWN, чтобы открыть меню столбца",
    "thousandSeparator": "\u00a0", "decimalSeparator": ",",
}


def _total_style(thresholds=None) -> dict:
    ordered = bands(thresholds)
    return {"styleConditions": [
        {"condition": f"params.value != null && params.value >= {b.lower:g}",
         "style": {"backgroundColor": theme.BAND_TINTS[b.key], "fontWeight": "700"}}
        for b in ordered]}


CHANGE_STYLE = {"styleConditions": [
    {"condition": "params.value != null && params.value >= 0.05",
     "style": {"color": theme.GOOD, "fontWeight": "600"}},
    {"condition": "params.value != null && params.value <= -0.05",
     "style": {"color": theme.BAD, "fontWeight": "600"}}]}


def ranking_column_defs(sort: tuple[str, str] = ("rank", "asc"), thresholds=None
                        ) -> list[dict]:
    """Columns sized to fit a 1440-px screen without scrolling sideways: names wrap, the
    filters sit in a row under the headers."""
    number = {"type": "rightAligned", "filter": "agNumberColumnFilter",
              "valueFormatter": _js_number(fmt.SCORE_DECIMALS), "width": 62, "minWidth": 62,
              "maxWidth": 90,
              "flex": 0.5}
    text = {"filter": "agTextColumnFilter", "wrapText": True, "autoHeight": True}
    defs = [
        {"field": "rank", "headerName": "Место", "filter": False, "type": "rightAligned",
         "width": 80, "minWidth": 80, "maxWidth": 90,
         "headerTooltip": "Место по итоговому баллу (1 — лучший; равные баллы — одно место)"},
        {"field": "link", "colId": "name", "headerName": "Организация", **text,
         "cellRenderer": "markdown", "minWidth": 150, "flex": 3,
         "filterValueGetter": {"function": "params.data.name"},
         "getQuickFilterText": {"function": "params.data.name"},
         "comparator": {"function": "(a, b, na, nb) => (na.data.name || '').localeCompare("
                                    "nb.data.name || '', 'ru')"}},
        {"field": "type", "headerName": "Тип", **text, "minWidth": 108, "flex": 1.2},
        {"field": "sector_name", "headerName": "Сфера", **text, "minWidth": 112, "flex": 1},
        {"field": "municipality", "headerName": "Муниципальное образование", **text,
         "minWidth": 108, "flex": 1.2},
        *({"field": k, "headerName": CRITERION_SHORT[k], **number,
           "headerTooltip": theme.criterion_label(k)} for k in CRITERIA),
        {"field": "total", "headerName": "Итог", **number, "width": 62, "minWidth": 62,
         "cellStyle": _total_style(thresholds), "tooltipField": "band",
         "headerTooltip": "Итоговый балл; цвет — уровень качества"},
        # one word that must not break: «Изме-нение» read as two
        {"field": "change", "headerName": "Изменение", **number, "width": 104,
         "minWidth": 104, "maxWidth": 120, "valueFormatter": SIGNED, "cellStyle": CHANGE_STYLE,
         "headerTooltip": "Изменение итогового балла к предыдущей оценке организации"},
    ]
    col, direction = sort
    for d in defs:
        if d.get("colId", d["field"]) == col:
            d["sort"] = direction
    return defs


def ranking_grid(grid_id: str, *, search: str = "", sort: tuple[str, str] = ("rank", "asc"),
                 thresholds=None) -> dag.AgGrid:
    """The ranking grid (rows filled by a callback): quick search, column filters, sort,
    pages of 25/50/100, Russian texts and numbers, the total tinted by band."""
    return dag.AgGrid(
        id=grid_id, rowData=[], columnDefs=ranking_column_defs(sort, thresholds),
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True,
                       "wrapHeaderText": True, "autoHeaderHeight": True},
        getRowId="params.data.row_id",
        dashGridOptions={"pagination": True, "paginationPageSize": PAGE_SIZES[0],
                         "paginationPageSizeSelector": list(PAGE_SIZES),
                         "quickFilterText": search or "", "localeText": LOCALE_TEXT,
                         "animateRows": False, "tooltipShowDelay": 300,
                         "domLayout": "autoHeight", "enableCellTextSelection": True,
                         "rowHeight": 40},
        className="results-grid", style={"width": "100%"},
        dangerously_allow_code=False,
    )


def sort_transform() -> str:
    """JavaScript: the grid's columnState → «col:dir» of the first sorted column."""
    return ("(function(s){var c=(s||[]).filter(function(x){return x.sort;})"
            ".sort(function(a,b){return (a.sortIndex||0)-(b.sortIndex||0);})[0];"
            "return c ? c.colId + ':' + c.sort : '';})(v)")
