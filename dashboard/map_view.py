"""Builders of the map page («Карта»): the measures a map can show, the choropleth over stored
polygons, the tile cartogram used when no polygons are loaded, and the table of values.
DataFrames (from map_queries.municipality_measures) and GeoJSON in; figures and frames out;
no queries here.

Municipalities with no value are drawn grey in the same trace as the others: their z is the
colour scale's minimum, and the scale's first 0.1 % is grey (a sliver nobody sees in the
colour bar). One trace means the polygons are sent once and a measure change patches only
z, the scale and the texts (`restyle`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from dashboard import format as fmt
from dashboard import theme
from dashboard.plot_text import escape
from dashboard.figures import base, empty_figure
from data_access.methodology import (
    CRITERIA, CRITERION_NAMES, CRITERION_SHORT, NOT_ENOUGH,
)

NO_DATA = "нет данных"
NO_DATA_COLOR = "#c8cdd2"
NO_VALUES = "Нет данных для выбранных фильтров: все муниципальные образования серые"
NO_MUNICIPALITIES = "В базе нет муниципальных образований выбранного субъекта"
# Low is bad: warm at the bottom, cool at the top (red–yellow–blue: readable with
# colour-blindness and on a projector). Overdue measures use it reversed.
GOOD_HIGH = ["#d73027", "#fc8d59", "#fee090", "#91bfdb", "#4575b4"]
_GREY_PART = 0.001
COLOR_NOTE = ("Цвет балла — его уровень качества, одинаковый на всех картах и во всех "
              "субъектах; доли — от 0 до 100 %, тёплый цвет — хуже, холодный — лучше; "
              "серый — нет данных.")
HEIGHT = 560


@dataclass(frozen=True)
class Measure:
    key: str            # in the URL: ?measure=k3
    label: str          # in the selector and the hover
    column: str         # of map_queries.municipality_measures
    legend: str         # the colour bar's title, with units
    group: str          # the selector's group
    header: str         # the value's column in the table beside the map
    percent: bool = False
    higher_is_better: bool = True


MEASURES: dict[str, Measure] = {m.key: m for m in (
    Measure("total", "Средний итоговый балл", "total", "Итоговый<br>балл, баллы", "Баллы",
            "Итоговый балл"),
    *(Measure(k, f"{CRITERION_SHORT[k]} {CRITERION_NAMES[k]}", k,
              f"{CRITERION_SHORT[k]}, баллы", "Баллы", f"{CRITERION_SHORT[k]}, баллы")
      for k in CRITERIA),
    Measure("coverage", "Оценены за три года, %", "three_year_share",
            "Оценены<br>за 3 года, %", "Охват", "За 3 года, %", percent=True),
    Measure("coverage_year", "Оценены в году, %", "year_share",
            "Оценены<br>в году, %", "Охват", "В году, %", percent=True),
    Measure("overdue", "Просроченные мероприятия планов, %", "overdue_share",
            "Просрочено<br>мероприятий, %", "Планы", "Просрочено, %", percent=True,
            higher_is_better=False),
)}
DEFAULT_MEASURE = "total"


def measure(key: str | None) -> Measure:
    """The measure of a URL key; an unknown or missing key gives the default."""
    return MEASURES.get(str(key), MEASURES[DEFAULT_MEASURE])


def selector_data() -> list[dict]:
    """The measures for a grouped Select: [{group, items: [{value, label}]}]."""
    groups: dict[str, list] = {}
    for m in MEASURES.values():
        groups.setdefault(m.group, []).append({"value": m.key, "label": m.label})
    return [{"group": g, "items": items} for g, items in groups.items()]


# ---------------------------------------------------------------- values and colours

def value_text(value, m: Measure) -> str:
    """A score as published (two decimals): rounded to one, 90,96 would read «91,0» on a
    tile coloured «хорошо»; a share with one."""
    if fmt.missing(value):
        return NO_DATA
    return fmt.percent(value, 1) if m.percent else fmt.score(value)


def _detail(row, m: Measure) -> str:
    """What the value is made of, for the hover: counts a reader can check."""
    if m.column == "overdue_share":
        return (f"{fmt.number(row.overdue)} из {fmt.number(row.measures)} "
                f"{fmt.plural(row.measures, 'мероприятия', 'мероприятий', 'мероприятий')}")
    if m.percent:
        covered = _covered(row, m)
        return (f"{fmt.number(covered)} из {fmt.number(row.organizations)} "
                f"{fmt.plural(row.organizations, 'организации', 'организаций', 'организаций')}")
    return (f"оценено {fmt.number(row.assessed)} "
            f"{fmt.plural(row.assessed, 'организация', 'организации', 'организаций')}")


def _covered(row, m: Measure) -> int:
    share = getattr(row, m.column)
    return 0 if fmt.missing(share) else int(round(share * row.organizations / 100))


def hover_texts(df: pd.DataFrame, m: Measure) -> list[str]:
    """Name, value and what it is made of; for a score, whether its difference from the
    region's mean is beyond chance (the colour alone cannot say)."""
    texts = []
    for row in df.itertuples(index=False):
        value = getattr(row, m.column)
        head = f"<b>{escape(row.name)}</b>"  # names come from imports now
        if fmt.missing(value):
            texts.append(f"{head}<br>{m.label}: {NO_DATA}")
            continue
        # in the subject's words («… среднего по области»): comparison_queries.with_standings
        label = getattr(row, f"standing_label_{m.column}", None)
        words = (f"<br>{label if isinstance(label, str) else NOT_ENOUGH}"
                 if f"standing_label_{m.column}" in df.columns else "")
        texts.append(f"{head}<br>{m.label}: <b>{value_text(value, m)}</b>"
                     f"<br>{_detail(row, m)}{words}")
    return texts


def colorscale(m: Measure) -> list:
    """Grey for no data at the very bottom, then the measure's colours: a score's quality
    level (theme.score_colorscale), or warm (bad) to cool (good) for a share."""
    if m.percent:
        colors = GOOD_HIGH if m.higher_is_better else GOOD_HIGH[::-1]
        n = len(colors) - 1
        scale = [[i / n, c] for i, c in enumerate(colors)]
    else:
        scale = theme.score_colorscale()
    # no data sits at 0 and the lowest value at _GREY_PART, both clear of the step between
    stops = [[0.0, NO_DATA_COLOR], [_GREY_PART / 2, NO_DATA_COLOR]]
    stops += [[_GREY_PART + (1 - _GREY_PART) * p, c] for p, c in scale]
    stops[-1][0] = 1.0
    return stops


def paint(df: pd.DataFrame, m: Measure, *, horizontal: bool = False) -> dict:
    """z per row (no data at zmin, hence grey), zmin, zmax, the scale and colour bar
    (at the right, or under the figure when `horizontal`). The scale is fixed, never the
    view's own range: a score is placed at its quality level (the bar names the levels), a
    share on 0–100 %, so one colour means one thing in every region and on every page."""
    values = pd.to_numeric(df[m.column], errors="coerce")
    if m.percent:
        lo, hi = 0.0, 100.0
        z = [None if pd.isna(v) else float(v) for v in values]
        ticks = {"ticksuffix": " %"}
    else:
        lo, hi = 0.0, float(len(theme.SCORE_LEVELS))
        z = [theme.score_z(float(v)) if not pd.isna(v) else None for v in values]
        tickvals, ticktext = theme.score_ticks(wrap=True)
        ticks = {"tickvals": tickvals, "ticktext": ticktext, "ticks": ""}
    zmin = lo - (hi - lo) * _GREY_PART / (1 - _GREY_PART)
    bar = {"title": {"text": m.legend, "font": {"size": 14}}, "thickness": 14,
           "tickfont": {"size": 13}, "outlinewidth": 0, **ticks}
    if horizontal:
        bar.update(orientation="h", len=0.7, x=1.0, xanchor="right", y=-0.02, yanchor="top",
                   title={**bar["title"], "text": m.legend.replace("<br>", " "),
                          "side": "top"})
    elif m.percent:  # tick labels under their ticks, so the top one clears the two-line title
        bar.update(len=0.7, x=1.0, xanchor="left", y=0.45, ticklabelposition="outside bottom")
    else:
        bar.update(len=0.8, x=1.0, xanchor="left", y=0.45)
    return {"z": [zmin if v is None else v for v in z],
            "zmin": zmin, "zmax": hi, "colorscale": colorscale(m), "colorbar": bar}


def annotations(df: pd.DataFrame, m: Measure) -> list[dict]:
    """A message over the map when no municipality has a value: say so in words."""
    if df[m.column].notna().any():
        return []
    return [{"text": NO_VALUES, "showarrow": False, "xref": "paper", "yref": "paper",
             "x": 0.5, "y": 0.98, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.9)",
             "font": {"size": 17, "color": theme.MUTED}}]


# ---------------------------------------------------------------- choropleth

def choropleth(df: pd.DataFrame, geojson: dict, m: Measure, *, selected: str | None = None,
               height: int = HEIGHT, width: int = 780) -> go.Figure:
    """The region's municipalities coloured by the measure over the stored polygons (feature
    ids are OKTMO codes); no tiles, so nothing is fetched from the network."""
    if df.empty:
        return empty_figure(NO_MUNICIPALITIES)
    chosen = [o == selected for o in df["oktmo"]]
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, featureidkey="id", locations=list(df["oktmo"]),
        customdata=list(df["oktmo"]), hovertext=hover_texts(df, m),
        hovertemplate="%{hovertext}<extra></extra>",
        marker={"opacity": 0.95, "line": {"width": [3.5 if c else 0.8 for c in chosen],
                                          "color": ["#111111" if c else "#ffffff"
                                                    for c in chosen]}},
        **paint(df, m)))
    center, zoom = view(geojson, width=width, height=height)
    fig.update_layout(map={"style": "white-bg", "center": center, "zoom": zoom},
                      annotations=annotations(df, m), uirevision="map")
    return base(fig, height=height).update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _positions(part)


def bounds(geojson: dict) -> tuple[float, float, float, float]:
    """west, south, east, north of every feature."""
    xs, ys = [], []
    for feature in geojson.get("features", []):
        for lon, lat, *_ in _positions(feature["geometry"]["coordinates"]):
            xs.append(lon)
            ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)


def view(geojson: dict, *, width: int = 780, height: int = HEIGHT) -> tuple[dict, float]:
    """Centre and zoom that fit the polygons into a map of about width × height pixels
    (Web Mercator, 512-pixel tiles as MapLibre draws them)."""
    west, south, east, north = bounds(geojson)

    def y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    zoom_x = math.log2(width * 360 / (512 * max(east - west, 1e-6)))
    zoom_y = math.log2(height * 2 * math.pi / (512 * max(y(north) - y(south), 1e-9)))
    mid = math.degrees(2 * math.atan(math.exp((y(north) + y(south)) / 2)) - math.pi / 2)
    return {"lon": (west + east) / 2, "lat": mid}, round(min(zoom_x, zoom_y) - 0.08, 2)


# ---------------------------------------------------------------- tile cartogram

_KIND = re.compile(r"\s+(район|муниципальный округ|городской округ)$")


def short_name(name: str) -> str:
    """A tile's label: «Приморско-Ахтарский муниципальный округ» → «Приморско-<br>Ахтарский»."""
    text = _KIND.sub("", name.strip())
    if len(text) > 11:
        if "-" in text:
            head, tail = text.split("-", 1)
            return f"{head}-<br>{tail}"
        if " " in text:
            return text.replace(" ", "<br>", 1)
    return text


def place_tiles(oktmos, tiles: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Each municipality's (column, row): from the grid, and for any the grid lacks, cells
    of extra rows below it, in the given order."""
    placed = {o: tiles[o] for o in oktmos if o in tiles}
    columns = max((c for c, _ in tiles.values()), default=-1) + 1 or 8
    row = max((r for _, r in tiles.values()), default=-2) + 2
    extra = [o for o in oktmos if o not in tiles]
    for i, o in enumerate(extra):
        placed[o] = (i % columns, row + i // columns)
    return placed


def _grid(df: pd.DataFrame, cells: dict[str, tuple[int, int]], values: list,
          empty=None) -> list[list]:
    """values (one per row of df) laid out as rows × columns; `empty` where no tile is."""
    columns = max(c for c, _ in cells.values()) + 1
    rows = max(r for _, r in cells.values()) + 1
    grid = [[empty] * columns for _ in range(rows)]
    for oktmo, value in zip(df["oktmo"], values):
        col, row = cells[oktmo]
        grid[row][col] = value
    return grid


def tile_style(df: pd.DataFrame, tiles: dict[str, tuple[int, int]], m: Measure,
               labels: dict[str, str] | None = None) -> dict:
    """The cartogram trace's properties that change with the measure: a tile's text is its
    short name (`labels`, else short_name) over the value."""
    labels = labels or {}
    cells = place_tiles(list(df["oktmo"]), tiles)
    painted = paint(df, m, horizontal=True)
    text = [f"{labels.get(o) or short_name(escape(n))}<br><b>{value_text(v, m) if not fmt.missing(v) else '—'}</b>"
            for o, n, v in zip(df["oktmo"], df["name"], df[m.column])]
    return {**painted, "z": _grid(df, cells, painted["z"]),
            "text": _grid(df, cells, text, empty=""),
            "hovertext": _grid(df, cells, hover_texts(df, m), empty="")}


def cartogram(df: pd.DataFrame, tiles: dict[str, tuple[int, int]], m: Measure, *,
              labels: dict[str, str] | None = None, selected: str | None = None,
              height: int = HEIGHT) -> go.Figure:
    """One equal tile per municipality, laid out by approximate geography, coloured by the
    measure and labelled with a short name and the value."""
    if df.empty:
        return empty_figure(NO_MUNICIPALITIES)
    cells = place_tiles(list(df["oktmo"]), tiles)
    fig = go.Figure(go.Heatmap(
        customdata=_grid(df, cells, list(df["oktmo"])), xgap=4, ygap=4, hoverongaps=False,
        texttemplate="%{text}", textfont={"size": 12},
        hovertemplate="%{hovertext}<extra></extra>", **tile_style(df, tiles, m, labels)))
    if selected in cells:
        col, row = cells[selected]
        fig.add_shape(type="rect", x0=col - 0.5, x1=col + 0.5, y0=row - 0.5, y1=row + 0.5,
                      line={"color": "#111111", "width": 4})
    fig = base(fig, height=height)
    # Tiles fill the width (equal, not necessarily square): long names need the room.
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, autorange="reversed", fixedrange=True)
    return fig.update_layout(annotations=annotations(df, m), plot_bgcolor="#ffffff",
                             margin={"l": 4, "r": 4, "t": 4, "b": 64}, uirevision="map")


# ---------------------------------------------------------------- restyle and click

def restyle(kind: str, df: pd.DataFrame, m: Measure,
            tiles: dict[str, tuple[int, int]] | None = None,
            labels: dict[str, str] | None = None) -> tuple[dict, list]:
    """What a measure change alters: the trace's properties and the layout's annotations
    (for a dash.Patch; the polygons stay where they are)."""
    if kind == "tiles":
        trace = tile_style(df, tiles or {}, m, labels)
    else:
        trace = {**paint(df, m), "hovertext": hover_texts(df, m)}
    return trace, annotations(df, m)


def restyle_patch(kind: str, df: pd.DataFrame, m: Measure,
                  tiles: dict[str, tuple[int, int]] | None = None,
                  labels: dict[str, str] | None = None) -> Patch:
    """`restyle` as a dash.Patch of the figure: the geometry in the browser stays."""
    trace, notes = restyle(kind, df, m, tiles, labels)
    patch = Patch()
    for name, value in trace.items():
        patch["data"][0][name] = value
    patch["layout"]["annotations"] = notes
    return patch


def clicked_oktmo(click: dict | None) -> str | None:
    """The OKTMO code of the clicked area (its location) or tile (its customdata)."""
    points = (click or {}).get("points") or []
    if not points:
        return None
    code = points[0].get("location") or points[0].get("customdata")
    return str(code) if code and str(code).isdigit() else None


# ---------------------------------------------------------------- tables

def table_columns(m: Measure) -> dict[str, str]:
    """The values table of a measure (what the map shows): source column → header. The
    counts behind each value are in the table of all measures and in the hover."""
    return {"name": "Муниципальное образование", "value": m.header}


def values_table(df: pd.DataFrame, m: Measure) -> pd.DataFrame:
    """The map's numbers: one row per municipality, the weakest first (lowest score or
    coverage, highest overdue share), those with no data last."""
    out = df.assign(value=df[m.column])
    out = out.sort_values(["value", "name"], ascending=[m.higher_is_better, True],
                          na_position="last", kind="stable")
    return out[list(table_columns(m))].reset_index(drop=True)


ALL_COLUMNS = {
    "name": "Муниципальное образование", "organizations": "Организаций",
    "assessed": "Оценено в году", "total": "Итоговый балл",
    **{k: CRITERION_SHORT[k] for k in CRITERIA},
    "year_share": "Оценены в году, %", "three_year_share": "Оценены за 3 года, %",
    "measures": "Мероприятий планов", "overdue": "Просрочено",
    "overdue_share": "Просрочено, %",
    "standing_label": "Итоговый балл с учётом случайных колебаний",
}
