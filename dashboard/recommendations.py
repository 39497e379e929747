"""Builders of the page «Рекомендации» (DOMAIN.md §5): the nine recommendations of resolution
№ 184-П, the ministries' reported status as badges, and the trend of each recommendation's
linked indicators before and after the resolution. DataFrames in, figures and components out."""
from __future__ import annotations

import datetime as dt

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import format as fmt
from dashboard import theme
from dashboard.components import data_table, empty
from dashboard.figures import GRAPH_CONFIG, base, empty_figure
from data_access.methodology import CRITERIA, INDICATOR_NAMES
from data_access.reference.sectors import SECTORS

BODY = "Законодательного Собрания Краснодарского края"
# Reported status: label and colour (differ in lightness too, and the label is always written).
STATUSES = {
    "done": ("выполнено", "#1a7f37"),
    "in_progress": ("в работе", "#0b5cad"),
    "not_started": ("не начато", "#b35c00"),
    "no_report": ("нет отчёта", "#6c757d"),
}
MINISTRIES = {s.code: s.ministry for s in SECTORS}
SECTOR_ORDER = [s.code for s in SECTORS]
LINE_COLORS = ("#0b5cad", "#b35c00", "#1a7f37", "#6f42c1")
LINE_DASHES = ("solid", "dash", "dot", "dashdot")
TEASER = 220  # characters of a recommendation's text shown before «Полный текст»

STATUS_COLUMNS = {"number": "№", "title": "Рекомендация", "ministry": "Министерство",
                  "status_label": "Состояние", "reported_on": "Дата отчёта",
                  "text": "Содержание отчёта"}
TREND_COLUMNS = {"recommendations": "Рекомендации", "target_label": "Показатель",
                 "year": "Год", "value": "Значение", "n": "Оценок"}


# ------------------------------------------------------------------ words and numbers

def status_label(status: str) -> str:
    return STATUSES.get(status, STATUSES["no_report"])[0]


def status_badge(status: str) -> html.Span:
    label, color = STATUSES.get(status, STATUSES["no_report"])
    return html.Span(label, className=f"status-badge rec-status rec-{status}",
                     style={"color": color, "borderColor": color})


def target_label(target: str) -> str:
    """«К3 Доступность услуг для инвалидов», an indicator's name, or the respondents' measures."""
    if target in CRITERIA:
        return theme.criterion_label(target)
    if target == "respondents":
        return "Респондентов на организацию"
    if target == "disabled_share":
        return "Доля респондентов-инвалидов, %"
    return INDICATOR_NAMES.get(target, target)


def targets_of(value) -> list[str]:
    """The stored «p_inf,p_otkr_ud» as a list."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return [t.strip() for t in str(value or "").split(",") if t.strip()]


def all_targets(recs: pd.DataFrame) -> list[str]:
    seen: list[str] = []
    for value in recs.get("targets", []):
        seen += [t for t in targets_of(value) if t not in seen]
    return seen


def _as_date(value) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def resolution_x(on) -> float:
    """The resolution's date as a fractional year on a yearly axis: 13.12.2022 → 2022.95."""
    on = _as_date(on)
    days = (dt.date(on.year + 1, 1, 1) - dt.date(on.year, 1, 1)).days
    return round(on.year + (on.timetuple().tm_yday - 1) / days, 2)


def resolution_title(recs: pd.DataFrame) -> str:
    """«Постановление Законодательного Собрания Краснодарского края от 13.12.2022 № 184-П»."""
    if recs.empty:
        return f"Постановление {BODY}"
    row = recs.iloc[0]
    return f"Постановление {BODY} от {fmt.date(row['resolution_date'])} {row['resolution']}"


def not_addressed(place: str, recs: pd.DataFrame) -> dmc.Alert:
    """A region whose ministries never reported: the resolution is not theirs."""
    title = resolution_title(recs)
    return empty(f"{place}: отчётов министерств о выполнении рекомендаций нет — "
                 f"{title[0].lower()}{title[1:]} адресовано министерствам Краснодарского края.")


def _span(years) -> str:
    years = sorted(int(y) for y in years)
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def before_after(trend: pd.DataFrame, on) -> dict:
    """One target's yearly values split at the resolution: the years up to its year are
    «before», the later ones «after». Means are of the yearly values; n sums the assessments.
    change = after_mean − before_mean (None when either side is empty)."""
    year = _as_date(on).year
    trend = trend.dropna(subset=["value"])
    before, after = trend[trend["year"] <= year], trend[trend["year"] > year]

    def side(df):
        return (float(df["value"].mean()) if len(df) else None, int(df["n"].sum()),
                _span(df["year"]))
    b_mean, b_n, b_span = side(before)
    a_mean, a_n, a_span = side(after)
    change = a_mean - b_mean if a_mean is not None and b_mean is not None else None
    return {"before_mean": b_mean, "before_n": b_n, "before_years": b_span,
            "after_mean": a_mean, "after_n": a_n, "after_years": a_span, "change": change}


def _assessments(n: int) -> str:
    """«по 5 167 оценкам»."""
    return f"по {fmt.number(n)} {fmt.plural(n, 'оценке', 'оценкам', 'оценкам')}"


def change_text(split: dict) -> str:
    """«после постановления: +3,4 по сравнению с 2019–2022 (58,7 по 5 167 оценкам →
    2023–2026: 62,1 по 5 337 оценкам)»; words when a side has no data."""
    if split["after_mean"] is None and split["before_mean"] is None:
        return "нет оценок для выбранных фильтров"
    if split["after_mean"] is None:
        return (f"после постановления оценок ещё нет; до него ({split['before_years']}): "
                f"{fmt.number(split['before_mean'], 1)} {_assessments(split['before_n'])}")
    if split["before_mean"] is None:
        return (f"до постановления оценок нет; после него ({split['after_years']}): "
                f"{fmt.number(split['after_mean'], 1)} {_assessments(split['after_n'])}")
    return (f"после постановления: {fmt.signed(split['change'], 1)} по сравнению с "
            f"{split['before_years']} ({fmt.number(split['before_mean'], 1)} "
            f"{_assessments(split['before_n'])} → {split['after_years']}: "
            f"{fmt.number(split['after_mean'], 1)} {_assessments(split['after_n'])})")


# ------------------------------------------------------------------ figure

def trend_figure(trend: pd.DataFrame, targets: list[str], on, resolution: str = "№ 184-П"
                 ) -> go.Figure:
    """One line per target by year, a dashed vertical line at the resolution's date."""
    trend = trend[trend["target"].isin(targets)].dropna(subset=["value"])
    if trend.empty:
        return empty_figure("Нет оценок для выбранных фильтров", height=240)
    fig = go.Figure()
    shown = [t for t in targets if t in set(trend["target"])]
    # A share of a few per cent beside 0–100 scores would lie flat: give it its own axis.
    right = {"disabled_share", "respondents"} & set(shown) if len(shown) > 1 else set()
    for i, target in enumerate(shown):
        df = trend[trend["target"] == target].sort_values("year")
        label = target_label(target)
        fig.add_scatter(x=df["year"].astype(int), y=df["value"], name=label,
                        yaxis="y2" if target in right else "y",
                        mode="lines+markers", customdata=df["n"],
                        line={"color": LINE_COLORS[i % 4], "dash": LINE_DASHES[i % 4], "width": 2.5},
                        marker={"size": 7},
                        hovertemplate="%{x}: %{y:.2f} (оценок: %{customdata})"
                                      f"<extra>{label[:40]}</extra>")
    x = resolution_x(on)
    years = sorted(int(y) for y in trend["year"].unique())
    # the resolution line as a plain shape and note: add_vline costs plotly ~10 ms a chart
    layout = {
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0,
                    "y1": 1, "line": {"color": theme.MUTED, "dash": "dash", "width": 1.5}}],
        "annotations": [{"text": f"Постановление {resolution}", "xref": "x", "yref": "paper",
                         "x": x, "y": 1, "xanchor": "right", "yanchor": "bottom",
                         "showarrow": False, "font": {"size": 13, "color": theme.MUTED}}],
        "xaxis": {"tickmode": "array", "tickvals": years, "ticktext": [str(y) for y in years],
                  "range": [min(years[0], x) - 0.4, max(years[-1], x) + 0.4]},
        "margin": {"l": 48, "r": 48 if right else 12, "t": 28, "b": 24},
        "legend": {"y": -0.15, "font": {"size": 13}}, "showlegend": True,
    }
    if right:
        layout["yaxis2"] = {"overlaying": "y", "side": "right", "showgrid": False,
                            "title": {"text": "%" if "disabled_share" in right else ""},
                            "tickformat": ".1f"}
    fig.update_layout(layout)
    return base(fig, height=300)


# ------------------------------------------------------------------ tables

def status_rows(status: pd.DataFrame) -> pd.DataFrame:
    """Recommendation × ministry with the status in words: what the matrix shows and the
    download holds (source column names; tables.Table renames them)."""
    df = status.copy()
    df["ministry"] = df["sector"].map(MINISTRIES)
    df["status_label"] = df["status"].map(status_label)
    return df


def trend_rows(trend: pd.DataFrame, recs: pd.DataFrame) -> pd.DataFrame:
    """Every target's yearly values with the recommendations it follows and a Russian label."""
    if trend.empty:
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    by_target: dict[str, list[str]] = {}
    for row in recs.itertuples():
        for t in targets_of(row.targets):
            by_target.setdefault(t, []).append(str(row.number))
    df = trend.copy()
    df["recommendations"] = df["target"].map(lambda t: ", ".join(by_target.get(t, [])))
    df["target_label"] = df["target"].map(target_label)
    df["value"] = df["value"].astype(float).round(1)
    df["year"] = df["year"].astype(int)
    df["n"] = df["n"].astype(int)
    return df


def status_matrix(status: pd.DataFrame, recs: pd.DataFrame) -> html.Div:
    """Rows: recommendations 1–9; columns: the addressed ministries; cells: status badges."""
    if recs.empty or status.empty:
        return empty("Рекомендации и отчёты по ним не загружены")
    sectors = [s for s in SECTOR_ORDER if s in set(status["sector"])]
    cell = {(int(r.number), r.sector): r for r in status.itertuples()}
    head = html.Thead(html.Tr([html.Th("№"), html.Th("Рекомендация")]
                              + [html.Th(MINISTRIES[s], className="ministry") for s in sectors]))
    rows = []
    for rec in recs.itertuples():
        tds = [html.Td(str(rec.number), className="num"),
               html.Td(html.A(rec.title, href=f"#rec-{rec.number}"), className="rec-title")]
        for s in sectors:
            r = cell.get((int(rec.number), s))
            st = r.status if r is not None else "no_report"
            when = (f"отчёт от {fmt.date(r.reported_on)}"
                    if r is not None and not fmt.missing(r.reported_on) else "")
            tds.append(html.Td([status_badge(st), html.Div(when, className="rec-when")],
                               className="status-cell"))
        rows.append(html.Tr(tds))
    counts = status["status"].value_counts()
    legend = html.P("Всего: " + "; ".join(
        f"{label} — {fmt.number(int(counts.get(k, 0)))}" for k, (label, _) in STATUSES.items()),
        className="muted")
    return html.Div([html.Table([head, html.Tbody(rows)], className="data-table rec-matrix"),
                     legend], className="table-scroll")


# ------------------------------------------------------------------ cards

def _text_block(text: str) -> html.Div:
    text = text or ""
    if len(text) <= TEASER:
        return html.Div(html.P(text, className="rec-text"))
    teaser = text[:TEASER].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return html.Div([html.P(teaser, className="rec-text"),
                     html.Details([html.Summary("Полный текст рекомендации"),
                                   html.P(text, className="rec-text")], className="rec-full")])


def ministry_reports(status: pd.DataFrame) -> html.Div:
    """The addressed ministries of one recommendation, each with its badge and latest report."""
    if status.empty:
        return empty("Нет министерств для выбранной сферы")
    items = []
    for r in status.sort_values("sector", key=lambda s: s.map(SECTOR_ORDER.index)).itertuples():
        has = not fmt.missing(r.reported_on)
        items.append(html.Li([
            html.Div([html.Span(MINISTRIES.get(r.sector, r.sector), className="rec-ministry"),
                      status_badge(r.status)], className="rec-ministry-row"),
            html.Div(f"Отчёт от {fmt.date(r.reported_on)}: {r.text or '—'}" if has
                     else "Отчёта нет.", className="rec-report"),
        ]))
    return html.Ul(items, className="rec-ministries")


def card(rec, status: pd.DataFrame, trend: pd.DataFrame) -> dmc.Paper:
    """One recommendation: number, title, text, ministries with status, and the trend."""
    targets = targets_of(rec["targets"])
    own = trend[trend["target"].isin(targets)]
    splits = [html.Li([html.Strong(target_label(t) + ": "),
                       change_text(before_after(own[own["target"] == t], rec["resolution_date"]))])
              for t in targets]
    table = trend_rows(own, pd.DataFrame([rec]))
    chart = html.Div([
        dcc.Graph(figure=trend_figure(own, targets, rec["resolution_date"], rec["resolution"]),
                  config=GRAPH_CONFIG, className="rec-graph"),
        html.Ul(splits, className="rec-changes"),
        html.Details([html.Summary("Данные графика в виде таблицы"),
                      data_table(table[[c for c in TREND_COLUMNS if c != "recommendations"]]
                                 .rename(columns=TREND_COLUMNS))], className="chart-data"),
    ], className="rec-trend")
    return dmc.Paper([
        html.Div([html.Span(f"№ {rec['number']}", className="rec-number"),
                  dmc.Title(rec["title"], order=3, className="rec-card-title")],
                 className="rec-card-head"),
        html.Div([
            html.Div([_text_block(rec["text"]),
                      html.H4("Министерства и их отчёты", className="rec-sub"),
                      ministry_reports(status)], className="rec-left"),
            html.Div([html.H4("Связанные показатели по годам", className="rec-sub"), chart],
                     className="rec-right"),
        ], className="rec-card-body"),
    ], withBorder=True, radius="md", p="md", className="section rec-card",
        id=f"rec-{rec['number']}")


def cards(recs: pd.DataFrame, status: pd.DataFrame, trend: pd.DataFrame) -> list:
    if recs.empty:
        return [empty("Рекомендации не загружены")]
    if trend.empty:
        trend = pd.DataFrame(columns=["year", "target", "value", "n"])
    return [card(rec, status[status["number"] == rec["number"]], trend)
            for _, rec in recs.iterrows()]
