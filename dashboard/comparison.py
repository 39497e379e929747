"""Builders of the fair comparison: the funnel plot (each unit's mean against its size, the
region's mean and control limits), the list of units outside the limits, a unit's standing
in words, and the table of a municipality against its peers. Frames from
data_access.comparison_queries in; figures and components out; no queries here."""
from __future__ import annotations

from urllib.parse import urlencode

import dash_mantine_components as dmc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import format as fmt
from dashboard import theme
from dashboard.components import band_cell_style, data_table, empty
from dashboard.figures import base, empty_figure
from dashboard.plot_text import escape
from dashboard.wording import KRAI, Words
from data_access.places import without_kind
from data_access.methodology import (
    CRITERIA, CRITERION_SHORT, STANDINGS, Z95, Z998, Funnel, bands,
)

# Best to worst, as STANDINGS; «within» is neutral grey: chance is not a verdict.
STANDING_COLORS = {
    "higher": "#1a7f37",
    "maybe_higher": "#74b95a",
    "within": "#8a939c",
    "maybe_lower": "#e8853a",
    "lower": "#b42318",
}
STANDING_TINTS = {
    "higher": "#d7f0dc", "maybe_higher": "#eaf5d8", "within": "#f1f3f5",
    "maybe_lower": "#fde3cf", "lower": "#f8d4d0",
}
OUTSIDE = ("lower", "maybe_lower", "maybe_higher", "higher")
MAX_LABELS = 10
LOG_TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000)


def standing_text(key, w: Words = KRAI) -> str:
    """The words of a standing key; «мало данных…» where none could be computed."""
    return w.standing(key)


# ---------------------------------------------------------------- funnel plot

MUNICIPALITIES = {"name": "municipality_name", "id": "municipality", "size": "n",
                  "size_title": "Оценено организаций", "unit": "муниципальное образование"}
ORGANIZATIONS = {"name": "name", "id": "id", "size": "respondents",
                 "size_title": "Опрошено получателей услуг", "unit": "организация"}

FUNNEL_COLUMNS = {"municipality_name": "Муниципальное образование", "name": "Организация",
                  "n": "Оценено организаций", "respondents": "Опрошено",
                  "total": "Итоговый балл", "target": "Среднее {by}",
                  "lower998": "Нижняя граница 99,8 %", "lower95": "Нижняя граница 95 %",
                  "upper95": "Верхняя граница 95 %", "upper998": "Верхняя граница 99,8 %",
                  "standing_label": "Отличие от среднего {by}"}


def funnel_views(df: pd.DataFrame, shown: pd.DataFrame, f, w: Words = KRAI) -> tuple:
    """The funnel section's outputs under the filters `f`: the figure, its numbers as a
    table (`shown`: the frame with Russian headers) and the named outliers, in the subject's
    words `w`."""
    return (funnel_figure(df, region_label=theme.region_label(f.founder, w), w=w),
            data_table(shown), outliers(df, query="?" + urlencode(f.as_query()), w=w))


def funnel_kind(df: pd.DataFrame) -> dict:
    """Which units the frame holds: municipalities (by organizations assessed) or
    organizations (by respondents)."""
    return ORGANIZATIONS if "respondents" in df.columns else MUNICIPALITIES


def limits_of(df: pd.DataFrame) -> Funnel | None:
    if df.empty:
        return None
    f = Funnel(float(df["target"].iloc[0]), float(df["sigma"].iloc[0]),
               float(df["tau"].iloc[0]))
    return f if f.usable else None


def _curve_x(low: float, high: float, points: int = 120) -> np.ndarray:
    """Sizes spaced evenly on a log scale: the limits bend most at small sizes."""
    return np.geomspace(max(low, 0.5), max(high, low + 1), points)


def funnel_figure(df: pd.DataFrame, *, selected=None, height: int = 520,
                  region_label: str | None = None, w: Words = KRAI) -> go.Figure:
    """Each unit's mean total against its size, the region's mean as a line and the limits
    at 95 % (dashed) and 99.8 % (solid) around it; units coloured by their standing, those
    outside 95 % named. Points carry the unit's id (customdata) for a click."""
    kind = funnel_kind(df)
    limits = limits_of(df)
    d = df[df[kind["size"]].fillna(0) > 0] if len(df) else df
    if d.empty:
        return empty_figure("За выбранный год оценок по этим фильтрам нет")
    if limits is None:
        return empty_figure("Оценено слишком мало организаций, чтобы судить о случайных "
                            "колебаниях")
    region_label = region_label or w.mean()
    size = d[kind["size"]].astype(float)
    xs = _curve_x(size.min() * 0.8, size.max() * 1.1)
    fig = go.Figure()
    for z, name, dash in ((Z998, "Границы 99,8 %", "solid"), (Z95, "Границы 95 %", "dash")):
        for side, sign in (("нижняя", -1), ("верхняя", 1)):
            ys = [limits.target + sign * z * limits.se(x) for x in xs]
            fig.add_scatter(x=xs, y=ys, mode="lines", name=name, legendgroup=name,
                            showlegend=sign < 0, hoverinfo="skip",
                            line={"color": "#6c757d", "width": 1.6 if z == Z998 else 1.3,
                                  "dash": dash})
    fig.add_scatter(x=[xs[0], xs[-1]], y=[limits.target] * 2, mode="lines",
                    name=f"{region_label}: {fmt.number(limits.target, 1)}",
                    line={"color": theme.REGION_COLOR, "width": 2.5}, hoverinfo="skip")
    labelled = _labelled(d, limits, kind)
    for key in STANDINGS:
        part = d[d["standing"] == key]
        if part.empty:
            continue
        fig.add_scatter(
            x=part[kind["size"]], y=part["total"], mode="markers+text",
            name=standing_text(key, w),
            text=[escape(_short(n, municipal=kind is MUNICIPALITIES)) if i in labelled else ""
                  for i, n in zip(part.index, part[kind["name"]])],
            # a named unit lies outside the limits: its name goes on the side away from the
            # mean, where no curve runs, rather than across the limit line next to it
            textposition=_label_positions(part, limits.target, kind, size.max()),
            textfont={"size": 13, "color": STANDING_COLORS[key]}, cliponaxis=False,
            customdata=list(part[kind["id"]]), hovertext=_hover(part, kind, key, w),
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": [15 if u == selected else 10 for u in part[kind["id"]]],
                    "color": STANDING_COLORS[key],
                    "line": {"color": [theme.REGION_COLOR if u == selected else "#ffffff"
                                       for u in part[kind["id"]]],
                             "width": [3 if u == selected else 1 for u in part[kind["id"]]]}})
    low = min(d["total"].min(), limits.target - Z998 * limits.se(float(size.median())))
    high = max(d["total"].max(), limits.target + Z998 * limits.se(float(size.median())))
    pad = max(1.5, (high - low) * 0.08)
    fig.update_yaxes(range=[max(0, low - pad), min(100 + pad, high + pad)])
    log = size.max() / size.min() > 20
    ticks = [t for t in LOG_TICKS if xs[0] <= t <= xs[-1]] if log else None
    fig.update_xaxes(title=kind["size_title"], type="log" if log else "linear",
                     tickvals=ticks, ticktext=[fmt.number(t) for t in ticks] if log else None,
                     showgrid=True, gridcolor="#f1f3f5")
    fig = base(fig, height=height, y_title="Итоговый балл").update_layout(
        legend={"y": -0.2}, margin={"t": 24}, clickmode="event")
    unsized = len(df) - len(d)  # published without the survey's size: nowhere to put them
    if unsized:
        fig.add_annotation(
            text=f"Без числа опрошенных не показаны: {fmt.number(unsized)} "
                 f"{fmt.plural(unsized, 'организация', 'организации', 'организаций')}",
            xref="paper", yref="paper", x=1, y=1.02, xanchor="right", yanchor="bottom",
            showarrow=False, font={"size": 13, "color": theme.MUTED})
    return fig


def _labelled(d: pd.DataFrame, limits: Funnel, kind: dict) -> set:
    """The rows named on the chart: outside 99.8 %, the farthest first, at most MAX_LABELS
    (those outside 95 % only are named in the table under it: on the chart they crowd)."""
    outside = d[d["standing"].isin(("lower", "higher"))]
    z = (outside["total"] - limits.target).abs() / [limits.se(x) for x in outside[kind["size"]]]
    # organizations' names are long: fewer of them fit
    most = MAX_LABELS if kind is MUNICIPALITIES else MAX_LABELS // 2
    return set(z.sort_values(ascending=False).index[:most])


def _label_positions(part: pd.DataFrame, target: float, kind: dict,
                     right: float) -> list[str]:
    """Above the dot when it is above the mean, below when below; the largest unit's name
    reads leftwards so that it stays inside the plot."""
    return [f"{'top' if total >= target else 'bottom'} {'left' if size >= right else 'center'}"
            for total, size in zip(part["total"], part[kind["size"]])]


def _short(name: str, width: int = 28, municipal: bool = False) -> str:
    """A name that fits on the chart: a municipality's long name loses the words of its kind
    («муниципальный округ», «район») before it is cut."""
    if municipal and len(name) > width:
        name = without_kind(name)
    return name if len(name) <= width else name[:width - 1] + "…"


def _hover(part: pd.DataFrame, kind: dict, key: str, w: Words = KRAI) -> list[str]:
    texts = []
    for row in part.to_dict("records"):
        size = row[kind["size"]]
        what = (f"оценено {fmt.number(size)} "
                f"{fmt.plural(size, 'организация', 'организации', 'организаций')}"
                if kind is MUNICIPALITIES else
                f"опрошено {fmt.number(size)} "
                f"{fmt.plural(size, 'человек', 'человека', 'человек')}")
        texts.append(f"<b>{escape(row[kind['name']])}</b><br>Итоговый балл: "
                     f"<b>{fmt.score(row['total'])}</b> ({what})<br>{w.mean()} "
                     f"{fmt.score(row['target'])}, границы случайных колебаний "
                     f"{fmt.number(row['lower95'], 1)}–{fmt.number(row['upper95'], 1)}"
                     f"<br>{standing_text(key, w).capitalize()}")
    return texts


def outliers(df: pd.DataFrame, *, query: str = "", w: Words = KRAI) -> html.Div:
    """The units outside the 95 % limits, by name: those below first (the farthest first),
    then those above; a sentence when there are none."""
    kind = funnel_kind(df)
    if df.empty or limits_of(df) is None:
        return html.Div()
    d = df[df["standing"].isin(OUTSIDE)].copy()
    plural = ("муниципальные образования" if kind is MUNICIPALITIES else "организации")
    if d.empty:
        return dmc.Text(f"Все {plural} — в пределах случайных колебаний: их отличия от "
                        f"среднего {w.by} объясняются случаем.", className="funnel-none")
    d["difference"] = d["total"] - d["target"]
    d["order"] = d["standing"].map({k: i for i, k in enumerate(("lower", "maybe_lower",
                                                                "maybe_higher", "higher"))})
    d = d.sort_values(["order", "difference"], ascending=[True, True])
    rows = []
    for row in d.to_dict("records"):
        href = (f"/district/{row['municipality']}{query}" if kind is MUNICIPALITIES
                else f"/organization/{row['id']}{query}")
        rows.append(html.Tr([
            html.Td(dcc.Link(row[kind["name"]], href=href)),
            html.Td(fmt.number(row[kind["size"]]), className="num"),
            html.Td(fmt.score(row["total"]), className="num"),
            html.Td(fmt.signed(row["difference"]), className="num"),
            html.Td(standing_text(row["standing"], w), className="standing-cell",
                    style={"backgroundColor": STANDING_TINTS[row["standing"]]}),
        ]))
    head = html.Thead(html.Tr([
        html.Th(kind["unit"].capitalize()), html.Th(kind["size_title"], className="num"),
        html.Th("Итоговый балл", className="num"),
        html.Th(f"К среднему {w.by}", className="num"), html.Th("Вывод")]))
    return html.Div([
        dmc.Text(f"За пределами границ 95 %: {fmt.number(len(d))} {_units(kind, len(d))}",
                 fw=600, size="sm"),
        html.Div(html.Table([head, html.Tbody(rows)], className="data-table compact"),
                 className="table-scroll")], className="funnel-outliers")


def _units(kind: dict, n: int) -> str:
    if kind is MUNICIPALITIES:
        return fmt.plural(n, "муниципальное образование", "муниципальных образования",
                          "муниципальных образований")
    return fmt.plural(n, "организация", "организации", "организаций")


# ---------------------------------------------------------------- a unit's standing

def standing_badge(key, *, total=None, target=None, n=None, scope: str | None = None,
                   w: Words = KRAI) -> html.Div:
    """«Средний итоговый балл 83,5 при среднем по краю 84,5: в пределах случайных
    колебаний» as a tinted line for a profile's header."""
    words = standing_text(key, w)
    parts = []
    if not fmt.missing(total) and not fmt.missing(target):
        within = f" ({scope})" if scope else ""  # e.g. the founder filter's organizations
        parts.append(f"Средний итоговый балл {fmt.score(total)} при среднем {w.by} "
                     f"{fmt.score(target)}{within}")
    if not fmt.missing(n) and n:
        parts.append(f"оценено {fmt.number(n)} "
                     f"{fmt.plural(n, 'организация', 'организации', 'организаций')}")
    detail = ", ".join(parts)
    return html.Div([html.B(words.capitalize()), html.Span(f" · {detail}" if detail else "")],
                    className="standing-badge",
                    style={"borderLeftColor": STANDING_COLORS.get(key, "#adb5bd"),
                           "backgroundColor": STANDING_TINTS.get(key, "#f8f9fa")})


# ---------------------------------------------------------------- peers

KIND_GROUPS = {"urban_okrug": "Городские округа", "municipal_district": "Муниципальные районы",
               "municipal_okrug": "Муниципальные округа"}


def peer_options(munis: pd.DataFrame, oktmo: str) -> list[dict]:
    """The region's other municipalities for a MultiSelect, grouped by kind."""
    groups = []
    for kind, label in KIND_GROUPS.items():
        part = munis[(munis["kind"] == kind) & (munis["oktmo"] != oktmo)].sort_values("name")
        if len(part):
            groups.append({"group": label,
                           "items": [{"value": o, "label": n}
                                     for o, n in zip(part["oktmo"], part["name"])]})
    return groups


def parse_peers(value, allowed) -> list[str] | None:
    """Peers from the URL («03701000,03601000»): known codes only, at most 12; None when
    the key is absent (the automatic choice)."""
    if value is None:
        return None
    allowed = set(allowed)
    codes = [c for c in dict.fromkeys(str(value).split(",")) if c in allowed]
    return codes[:12]


PEER_COLUMNS = {"name": "Муниципальное образование", "population": "Население",
                "n": "Оценено", **{k: CRITERION_SHORT[k] for k in CRITERIA},
                "total": "Итоговый балл", "coverage": "Оценены за 3 года, %",
                "standing_label": "Отличие от среднего {by}"}


def peer_table(df: pd.DataFrame, query: str = "", w: Words = KRAI) -> html.Div | dmc.Alert:
    """The municipality (first, bold), its peers and the peers together: scores, coverage
    and each one's standing against the region; totals tinted by band."""
    if df.empty:
        return empty("Нет данных муниципального образования")
    if len(df) == 1:
        return empty("Выберите муниципальные образования для сравнения")
    thresholds = bands()
    head = html.Thead(html.Tr([
        html.Th("Муниципальное образование"), html.Th("Население", className="num"),
        html.Th("Оценено", className="num"),
        *(html.Th(CRITERION_SHORT[k], className="num", title=theme.criterion_label(k))
          for k in CRITERIA),
        html.Th("Итог", className="num"), html.Th("Оценены за 3 года", className="num"),
        html.Th(f"Отличие от среднего {w.by}")]))
    rows = []
    for i, r in enumerate(df.to_dict("records")):
        name = (r["name"] if i == 0 or r["is_mean"] else
                dcc.Link(r["name"], href=f"/district/{r['oktmo']}{query}"))
        standing = ("" if r["is_mean"] else standing_text(r["standing"], w))
        rows.append(html.Tr([
            html.Td(name), html.Td(fmt.number(r["population"]), className="num"),
            html.Td(fmt.number(r["n"]), className="num"),
            *(html.Td(fmt.score(r[k]), className="num") for k in CRITERIA),
            html.Td(html.B(fmt.score(r["total"])), className="num",
                    style=band_cell_style(r["total"], thresholds)),
            html.Td(fmt.percent(r["coverage"], 0), className="num"),
            html.Td(standing, className="standing-cell",
                    style={"backgroundColor": STANDING_TINTS[r["standing"]]}
                    if isinstance(r["standing"], str) else None),
        ], className="peer-self" if i == 0 else ("peer-mean" if r["is_mean"] else None)))
    return html.Div(html.Table([head, html.Tbody(rows)], className="data-table peer-table"),
                    className="table-scroll")


AUTO_PEERS = ("Похожие выбраны автоматически: того же вида (городские округа — с городскими "
              "округами, районы и муниципальные округа — между собой) и ближайшие по "
              "численности населения. Список можно изменить; «Как было» вернёт "
              "автоматический выбор.")
