"""The meeting brief («Справка», /report): the brief's data (data_access.brief) as one
document — numbered sections, each with findings stated in words, compact tables and a few
charts — and that document on screen. The PDF (brief_pdf) and the XLSX render the same
document, so the three say the same thing in the same words."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import wording
from dashboard.wording import KRAI, Words
from dashboard import effects, schedule
from dashboard import format as fmt
from dashboard import theme
from dashboard.figures import base, coverage_plan_fact, empty_figure
from data_access.methodology import CRITERIA, CRITERION_NAMES, CRITERION_OF, CRITERION_SHORT
from data_access.methodology import INDICATOR_NAMES, band
from data_access.reference.sectors import SECTORS

SECTOR_ORDER = [s.code for s in SECTORS]
MINISTRIES = {s.code: s.ministry for s in SECTORS}
CHART_WIDTH = 680   # px: the text width of an A4 page with 15 mm margins (180 mm at 96 dpi)
CHART_HEIGHT = 330
WEAK_INDICATORS = 5
REC_STATES = {"done": "выполнено", "in_progress": "в работе", "not_started": "не начато",
              "no_report": "нет отчёта"}
DEMO_LABEL = "Демонстрационные данные"
PLAIN_COLUMNS = ("Год", "№")  # numbers written without a thousands separator
SIGNED_COLUMNS = ("Изм", "Разница")  # headers of changes: written with a sign
WIDE_TABLE = 7  # columns from which a table is set smaller on screen


# ------------------------------------------------------------------ the document

@dataclass
class Block:
    """A table of the brief: Russian headers, raw values (numbers stay numbers for XLSX).
    decimals: per column (default: 0 for integer columns, 1 for other numbers);
    row_decimals: per row, for a table whose rows are different measures."""
    caption: str | None
    df: pd.DataFrame
    decimals: dict[str, int] = field(default_factory=dict)
    row_decimals: list[int] | None = None
    bold_last: bool = False  # the «all» row

    def cell(self, row: int, column: str) -> str:
        value = self.df.iloc[row][column]
        if isinstance(value, (dt.date, pd.Timestamp)):
            return fmt.date(value)
        if isinstance(value, str):
            return value
        if fmt.missing(value) or value is pd.NaT:
            return "—"
        if column in PLAIN_COLUMNS:
            return str(int(value))
        decimals = (self.row_decimals[row] if self.row_decimals is not None
                    else self.decimals.get(column, 0 if pd.api.types.is_integer_dtype(
                        self.df[column]) else 1))
        if column.startswith(SIGNED_COLUMNS):
            return fmt.signed(value, decimals)
        return fmt.number(value, decimals)

    def numeric(self, column: str) -> bool:
        s = self.df[column]
        return (pd.api.types.is_numeric_dtype(s) or column.startswith(SIGNED_COLUMNS)
                or (s.dtype == object and s.map(lambda v: isinstance(v, (int, float))).all()
                    and len(s) > 0))


@dataclass
class Section:
    number: int
    title: str
    sheet: str                 # the XLSX sheet of the section
    findings: list[str]
    tables: list[Block] = field(default_factory=list)
    figures: list[go.Figure] = field(default_factory=list)
    note: str | None = None


@dataclass
class Document:
    title: str
    subtitle: str
    meta: list[str]
    is_demo: bool
    sections: list[Section]
    year: int
    as_of: str                 # «данные на 23.11.2026»
    place: str = ""            # «Краснодарский край», «Сочи»: in the file's name

    @property
    def file_stem(self) -> str:
        """«Справка_Ставропольский_край_2026»: two regions' briefs in one folder differ."""
        place = re.sub(r"[^\w-]+", "_", self.place).strip("_")
        return "_".join(p for p in ("Справка", place, str(self.year)) if p)

    def figures(self) -> list[go.Figure]:
        return [fig for s in self.sections for fig in s.figures]

    def sheets(self) -> dict[str, list[pd.DataFrame]]:
        """The XLSX: the text of the brief first, then one sheet per section."""
        text = [self.title, self.subtitle, *self.meta, ""]
        for s in self.sections:
            text += [f"{s.number}. {s.title}", *s.findings, ""]
        out: dict[str, list[pd.DataFrame]] = {"Справка": [pd.DataFrame({"Справка": text})]}
        for s in self.sections:
            out[s.sheet] = [b.df for b in s.tables]
        return out


# ------------------------------------------------------------------ words

def _organizations(n: int) -> str:
    return fmt.plural(n, "организация", "организации", "организаций")


def _of_organizations(n: int) -> str:
    """After «из», «у»: «из 21 организации», «из 4 060 организаций»."""
    n = abs(int(n))
    return "организации" if n % 10 == 1 and n % 100 != 11 else "организаций"


def _assessed_verb(n: int) -> str:
    return fmt.plural(n, "Оценена", "Оценены", "Оценено")


def _change_words(change, previous_year: int, previous, decimals: int = 1) -> str:
    """«вырос на 1,4 (в 2025 году — 89,93)»; words for no change or no data."""
    if fmt.missing(change) or fmt.missing(previous):
        return f"за {previous_year} год сравнить не с чем"
    before = f"(в {previous_year} году — {fmt.score(previous)})"
    if round(float(change), decimals) == 0:
        return f"не изменился {before}"
    verb = "вырос" if change > 0 else "снизился"
    return f"{verb} на {fmt.number(abs(change), decimals)} {before}"


def _sector_quoted(code) -> str:
    return f"«{theme.sector_name(code)}»"


def headline_findings(h: pd.DataFrame, year: int, on: dt.date, w: Words = KRAI) -> list[str]:
    if year not in h.index or not h.loc[year, "assessed"]:
        return [f"За {year} год нет результатов оценки для выбранных фильтров."]
    now = h.loc[year]
    before = h.loc[year - 1] if year - 1 in h.index else None
    n = int(now["assessed"])
    if fmt.missing(now["planned"]):
        first = (f"{_assessed_verb(n)} {fmt.number(n)} {_organizations(n)}; план охвата "
                 f"утверждается {w.by} в целом.")
    else:
        first = (f"{_assessed_verb(n)} {fmt.number(n)} {_organizations(n)} из "
                 f"{fmt.number(now['planned'])} по плану ({fmt.percent(now['coverage_share'])}).")
    prev_total = before["mean_total"] if before is not None and before["assessed"] else None
    change = now["mean_total"] - prev_total if prev_total is not None else None
    lines = [
        first,
        f"Средний итоговый балл — {fmt.score(now['mean_total'])}, уровень "
        f"«{band(now['mean_total'])}»; за год он {_change_words(change, year - 1, prev_total)}.",
    ]
    covered, orgs = int(now["covered"]), int(now["organizations"])
    missed = orgs - covered
    rule = (f"За три года ({year - 2}–{year}) {_assessed_verb(covered).lower()} "
            f"{fmt.number(covered)} из {fmt.number(orgs)} {_of_organizations(orgs)} "
            f"({fmt.percent(now['three_year_share'])})")
    rule += (f"; не оценены в эти годы — {fmt.number(missed)}." if missed
             else "; правило «не реже раза в три года» выполнено для всех.")
    lines.append(rule)
    respondents, surveyed = int(now["respondents"]), int(now.get("surveyed", n))
    if surveyed:
        lines.append(f"Опрошено {fmt.number(respondents)} "
                     f"{fmt.plural(respondents, 'получатель', 'получателя', 'получателей')} "
                     f"услуг, в среднем {fmt.number(respondents / surveyed)} на организацию"
                     + (f" (сведения об опросе — у {fmt.number(surveyed)} из {fmt.number(n)})"
                        if surveyed < n else "") + ".")
    else:
        lines.append("Число опрошенных получателей услуг в загруженных результатах не "
                     "указано.")
    overdue = int(now["overdue_measures"])
    lines.append(f"На {fmt.date(on)} "
                 f"{fmt.plural(overdue, 'просрочено', 'просрочены', 'просрочено')} "
                 f"{fmt.number(overdue)} "
                 f"{fmt.plural(overdue, 'мероприятие', 'мероприятия', 'мероприятий')} планов "
                 "по устранению недостатков.")
    return lines


HEADLINE_ROWS = (("organizations", "Организаций в перечне", 0),
                 ("planned", "Запланировано к оценке", 0),
                 ("assessed", "Оценено", 0),
                 ("coverage_share", "Выполнение плана, %", 1),
                 ("mean_total", "Средний итоговый балл", 1),
                 ("three_year_share", "Оценены за три года, %", 1),
                 ("respondents", "Опрошено получателей услуг", 0),
                 ("overdue_measures", "Просрочено мероприятий", 0))


def headline_table(h: pd.DataFrame, year: int) -> Block:
    years = [y for y in (year - 1, year) if y in h.index]
    rows = {"Показатель": [label for _, label, _ in HEADLINE_ROWS]}
    for y in years:
        rows[str(y)] = [float(h.loc[y, key]) if not fmt.missing(h.loc[y, key]) else float("nan")
                        for key, _, _ in HEADLINE_ROWS]
    df = pd.DataFrame(rows)
    if len(years) == 2:
        df[f"Изменение к {year - 1}"] = df[str(year)] - df[str(year - 1)]
    return Block(None, df, row_decimals=[d for _, _, d in HEADLINE_ROWS])


def coverage_findings(c: pd.DataFrame, year: int, w: Words = KRAI) -> list[str]:
    if c.empty or not c["assessed"].fillna(0).sum():
        return [f"За {year} год нет оценок для выбранных фильтров."]
    if c["planned"].isna().all():
        parts = [f"{_sector_quoted(r.sector)} — {fmt.number(r.assessed)} из "
                 f"{fmt.number(r.organizations)}" for r in c.itertuples()]
        return [f"Плановые значения охвата утверждаются {w.by}; оценено организаций: "
                + "; ".join(parts) + "."]
    planned = c.dropna(subset=["planned"])
    if len(planned) == 1:
        r = planned.iloc[0]
        return [f"Сфера {_sector_quoted(r['sector'])}: оценено {fmt.number(r['assessed'])} из "
                f"{fmt.number(r['planned'])} по плану ({fmt.percent(r['share'])})."]
    done = planned[planned["share"] >= 100]
    short = planned[planned["share"] < 100].sort_values("share")
    lines = []
    if short.empty:
        lines.append("План охвата выполнен во всех сферах.")
    else:
        if len(done):
            lines.append("План выполнен полностью: " + ", ".join(
                f"{_sector_quoted(s)}" for s in done["sector"]) + ".")
        worst = short.iloc[0]
        lines.append(f"Меньше всего выполнен план в сфере {_sector_quoted(worst['sector'])}: "
                     f"{fmt.number(worst['assessed'])} из {fmt.number(worst['planned'])} "
                     f"({fmt.percent(worst['share'])}).")
    return lines


def coverage_table(c: pd.DataFrame) -> Block:
    df = pd.DataFrame({
        "Сфера": [theme.sector_name(s) for s in c["sector"]],
        "Организаций": c["organizations"].astype(int),
        "По плану": c["planned"].astype("Float64"),
        "Оценено": c["assessed"].fillna(0).astype(int),
        "Выполнение плана, %": c["share"].astype(float),
    })
    return Block(None, df, decimals={"По плану": 0})


def sector_findings(s: pd.DataFrame, year: int) -> list[str]:
    by_sector = s[s["sector"].notna() & (s["n"] > 0)] if len(s) else s
    if by_sector.empty:
        return [f"За {year} год нет оценок для выбранных фильтров."]
    if len(by_sector) == 1:
        r = by_sector.iloc[0]
        return [f"Итоговый балл сферы {_sector_quoted(r['sector'])} — "
                f"{fmt.score(r['total'])}, уровень «{band(r['total'])}»; за год он "
                f"{_change_words(r['change'], year - 1, r['previous_total'])}."]
    ranked = by_sector.sort_values("total", ascending=False)
    top, low = ranked.iloc[0], ranked.iloc[-1]
    lines = [f"Выше всего итоговый балл в сфере {_sector_quoted(top['sector'])} — "
             f"{fmt.score(top['total'])}, ниже всего — {_sector_quoted(low['sector'])}: "
             f"{fmt.score(low['total'])}."]
    changes = by_sector.dropna(subset=["change"])
    up = changes[changes["change"].round(1) > 0]
    down = changes[changes["change"].round(1) < 0]
    if len(changes) and len(up) == len(changes):
        best = changes.sort_values("change", ascending=False).iloc[0]
        lines.append(f"По сравнению с {year - 1} годом балл вырос во всех сферах, больше всего — "
                     f"{_sector_quoted(best['sector'])} ({fmt.signed(best['change'])}).")
    elif len(changes):
        parts = []
        if len(up):
            parts.append(f"вырос в {len(up)} {fmt.plural(len(up), 'сфере', 'сферах', 'сферах')}")
        if len(down):
            parts.append(f"снизился в {len(down)} "
                         f"{fmt.plural(len(down), 'сфере', 'сферах', 'сферах')} ("
                         + ", ".join(f"{_sector_quoted(r.sector)}: {fmt.signed(r.change)}"
                                     for r in down.itertuples()) + ")")
        if not parts:
            parts.append("почти не изменился")
        lines.append(f"По сравнению с {year - 1} годом балл " + ", ".join(parts) + ".")
    return lines


def sector_table(s: pd.DataFrame, year: int) -> Block:
    rows = s[s["n"] > 0] if len(s) else s
    if rows["sector"].notna().sum() <= 1:  # one sector: the «all» row would repeat it
        rows = rows[rows["sector"].notna()]
    df = pd.DataFrame({"Сфера": [theme.sector_name(x) if isinstance(x, str) else "Все сферы"
                                 for x in rows["sector"]],
                       "Оценено": rows["n"].astype(int)})
    for k in CRITERIA:
        df[CRITERION_SHORT[k]] = rows[k].astype(float).values
    df["Итог"] = rows["total"].astype(float).values
    df[f"Изм. к {year - 1}"] = rows["change"].astype(float).values
    has_all = len(rows) and rows["sector"].isna().iloc[-1]
    return Block("К1–К5 — критерии приказа Минтруда России № 344н; «Итог» — средний итоговый "
                 "балл организаций.", df.reset_index(drop=True), bold_last=bool(has_all))


def _span_change(series: pd.Series) -> tuple[int, float, int, float] | None:
    series = series.dropna().sort_index()
    if len(series) < 2:
        return None
    return int(series.index[0]), float(series.iloc[0]), int(series.index[-1]), float(series.iloc[-1])


def _moved(v0: float, v1: float) -> str:
    """«вырос с 84,6 до 91,3 (+6,7)», «снизился …», «не изменился (88,0)»."""
    d = round(v1 - v0, 1)
    if d == 0:
        return f"не изменился ({fmt.score(v1)})"
    return (f"{'вырос' if d > 0 else 'снизился'} с {fmt.score(v0)} до {fmt.score(v1)} "
            f"({fmt.signed(v1 - v0)})")


def trend_findings(trend: pd.DataFrame, region: pd.DataFrame, sector: str | None,
                   founder: str | None = None, w: Words = KRAI) -> list[str]:
    lines = []
    if sector:
        span = _span_change(trend[trend["sector"] == sector].set_index("year")["total"])
        if span:
            y0, v0, y1, v1 = span
            lines.append(f"С {y0} по {y1} год балл сферы {_sector_quoted(sector)} "
                         f"{_moved(v0, v1)}.")
    span = _span_change(region.set_index("year")["total"]) if len(region) else None
    if span:
        y0, v0, y1, v1 = span
        lines.append(f"{theme.region_label(founder, w, f'Средний балл {w.by} (все сферы)')} "
                     f"с {y0} по {y1} год {_moved(v0, v1)}.")
    if not sector and len(trend):
        changes = []
        for code in SECTOR_ORDER:
            span = _span_change(trend[trend["sector"] == code].set_index("year")["total"])
            if span:
                changes.append((span[3] - span[1], code, span))
        if len(changes) > 1:
            best = max(changes)
            worst = min(changes)
            lines.append(f"Больше всего за эти годы вырос балл сферы {_sector_quoted(best[1])} "
                         f"({fmt.signed(best[0])}), меньше всего — {_sector_quoted(worst[1])} "
                         f"({fmt.signed(worst[0])}).")
    return lines or ["Оценок за прошлые годы для выбранных фильтров нет."]


def trend_table(trend: pd.DataFrame, region: pd.DataFrame, founder: str | None = None,
                w: Words = KRAI) -> Block:
    years = sorted(set(int(y) for y in trend["year"]) | set(int(y) for y in region["year"]))
    df = pd.DataFrame({"Год": years})
    for code in SECTOR_ORDER:
        own = trend[trend["sector"] == code]
        if len(own):
            df[theme.sector_name(code)] = df["Год"].map(
                own.set_index(own["year"].astype(int))["total"].astype(float))
    df[theme.region_label(founder, w)] = df["Год"].map(
        region.set_index(region["year"].astype(int))["total"].astype(float))
    return Block("Средний итоговый балл организаций, оценённых в году.", df,
                 decimals={"Год": 0})


def trend_figure(trend: pd.DataFrame, region: pd.DataFrame, founder: str | None = None,
                 w: Words = KRAI) -> go.Figure:
    """The total per year: one line per sector in its colour, the region's mean dashed."""
    if trend.empty and region.empty:
        return empty_figure("Оценок за прошлые годы нет")
    fig = go.Figure()
    for code in SECTOR_ORDER:
        df = trend[trend["sector"] == code].sort_values("year")
        if df.empty:
            continue
        fig.add_scatter(x=df["year"].astype(int), y=df["total"], name=theme.sector_name(code),
                        mode="lines+markers", line={"color": theme.SECTOR_COLORS[code],
                                                    "width": 2.5}, marker={"size": 6},
                        hovertemplate="%{x}: %{y:.2f}<extra>" + theme.sector_name(code)
                                      + "</extra>")
    if len(region):
        df = region.sort_values("year")
        name = theme.region_label(founder, w)
        fig.add_scatter(x=df["year"].astype(int), y=df["total"], name=name,
                        mode="lines+markers", line={"color": theme.REGION_COLOR, "width": 2,
                                                    "dash": "dash"}, marker={"size": 5},
                        hovertemplate="%{x}: %{y:.2f}<extra>" + name + "</extra>")
    years = sorted(set(int(y) for y in trend["year"]) | set(int(y) for y in region["year"]))
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years])
    return _sized(base(fig, height=CHART_HEIGHT, y_title="Итоговый балл"))


def _sized(fig: go.Figure) -> go.Figure:
    """A fixed size: the same on screen, on paper and in the PDF."""
    return fig.update_layout(width=CHART_WIDTH, autosize=False,
                             margin={"l": 60, "r": 16, "t": 24, "b": 40},
                             legend={"y": -0.16, "font": {"size": 13}},
                             font={"size": 13})


def coverage_figure(c: pd.DataFrame) -> go.Figure:
    """The coverage page's plan/fact bars at the brief's size: level sector names, the legend
    above the bars."""
    fig = _sized(coverage_plan_fact(c))
    if len(c) and c["assessed"].fillna(0).sum():
        names = [theme.sector_name(s) for s in c["sector"]]
        fig.update_xaxes(tickangle=0, tickmode="array", tickvals=names,
                         ticktext=[n.replace(" ", "<br>") for n in names])
        fig.update_layout(legend={"y": 1.02, "yanchor": "bottom", "x": 0},
                          margin={"t": 40, "b": 50}, uniformtext={"minsize": 11, "mode": "show"})
        fig.update_traces(textfont={"size": 12})
    return fig


def criteria_findings(c: pd.DataFrame, ind: pd.DataFrame, year: int) -> list[str]:
    c = c.dropna(subset=["value"])
    if c.empty:
        return [f"За {year} год нет оценок для выбранных фильтров."]
    ranked = c.sort_values("value")
    low, high = ranked.iloc[0], ranked.iloc[-1]
    change = ("" if fmt.missing(low["change"])
              else f" ({fmt.signed(low['change'])} к {year - 1} году)")
    lines = [f"Ниже всего — {CRITERION_SHORT[low['criterion']]} "
             f"«{CRITERION_NAMES[low['criterion']]}»: {fmt.score(low['value'])}{change}; "
             f"выше всего — {CRITERION_SHORT[high['criterion']]} "
             f"«{CRITERION_NAMES[high['criterion']]}»: {fmt.score(high['value'])}."]
    weak = ind.dropna(subset=["value"]).sort_values("value").head(3)
    if len(weak):
        lines.append("Самые низкие показатели: " + "; ".join(
            f"{_indicator(r.code)} — {fmt.score(r.value)}" for r in weak.itertuples())
            + ".")
        with_indicators, assessed = int(ind["n"].max()), int(c["n"].max() if "n" in c else 0)
        if assessed > with_indicators:  # the rest were published as К1–К5 or a total only
            lines.append(f"Показатели опубликованы у {fmt.number(with_indicators)} из "
                         f"{fmt.number(assessed)} оценённых организаций; по остальным известны "
                         "только критерии или итоговый балл.")
    return lines


def _indicator(code: str) -> str:
    """«Оборудование помещений для инвалидов» (Порг.дост, К3)."""
    name = INDICATOR_NAMES.get(code, code)
    if name.endswith(")") and " (" in name:
        text, short = name[:-1].rsplit(" (", 1)
        return f"«{text}» ({short}, {CRITERION_SHORT[CRITERION_OF[code]]})"
    return f"«{name}»"


def criteria_tables(c: pd.DataFrame, ind: pd.DataFrame, year: int) -> list[Block]:
    c = c.dropna(subset=["value"]).sort_values("value")
    crit = pd.DataFrame({
        "Критерий": [f"{CRITERION_SHORT[k]} {CRITERION_NAMES[k]}" for k in c["criterion"]],
        str(year): c["value"].astype(float).values,
        str(year - 1): c["previous"].astype(float).values,
        f"Изм. к {year - 1}": c["change"].astype(float).values,
    })
    weak = ind.dropna(subset=["value"]).sort_values("value").head(WEAK_INDICATORS)
    indicators = pd.DataFrame({
        "Показатель": [INDICATOR_NAMES.get(k, k) for k in weak["code"]],
        "Критерий": [CRITERION_SHORT[CRITERION_OF[k]] for k in weak["code"]],
        "Среднее": weak["value"].astype(float).values,
        "Оценок": weak["n"].astype(int).values,
    })
    return [Block("Критерии — от самого низкого.", crit),
            Block(f"{WEAK_INDICATORS} самых низких показателей {year} года.", indicators)]


def overdue_findings(o: pd.DataFrame, on: dt.date) -> list[str]:
    total = int(o["total"].sum()) if len(o) else 0
    if not total:
        return [f"Мероприятий планов по устранению недостатков на {fmt.date(on)} нет."]
    overdue = int(o["overdue"].sum())
    if not overdue:
        return [f"На {fmt.date(on)} просроченных мероприятий нет (всего мероприятий — "
                f"{fmt.number(total)})."]
    orgs = int(o["organizations"].sum())
    lines = [f"На {fmt.date(on)} {fmt.plural(overdue, 'просрочено', 'просрочены', 'просрочено')} "
             f"{fmt.number(overdue)} "
             f"{fmt.plural(overdue, 'мероприятие', 'мероприятия', 'мероприятий')} из "
             f"{fmt.number(total)} ({fmt.percent(100 * overdue / total)}) у {fmt.number(orgs)} "
             f"{_of_organizations(orgs)}."]
    if len(o) > 1:
        worst = o.sort_values(["overdue_share", "overdue"], ascending=False).iloc[0]
        lines.append(f"Наибольшая доля просроченных — {MINISTRIES[worst['sector']]}: "
                     f"{fmt.number(worst['overdue'])} из {fmt.number(worst['total'])} "
                     f"({fmt.percent(worst['overdue_share'])}).")
    return lines


def overdue_tables(o: pd.DataFrame, top: pd.DataFrame) -> list[Block]:
    o = o.set_index("sector").reindex([s for s in SECTOR_ORDER if s in set(o["sector"])])
    by_ministry = pd.DataFrame({
        "Министерство": [MINISTRIES[s] for s in o.index],
        "Мероприятий": o["total"].astype(int).values,
        "Выполнено": o["done"].astype(int).values,
        "В работе": o["in_progress"].astype(int).values,
        "Просрочено": o["overdue"].astype(int).values,
        "Доля просроченных, %": o["overdue_share"].astype(float).values,
        "Организаций с просрочкой": o["organizations"].astype(int).values,
    })
    orgs = pd.DataFrame({
        "Организация": top["name"].astype(str).values,
        "Сфера": [theme.sector_name(s) for s in top["sector"]],
        "Муниципальное образование": top["municipality"].astype(str).values,
        "Просрочено": top["overdue"].astype(int).values,
        "Самый ранний срок": [pd.Timestamp(d).date() if not fmt.missing(d) else None
                              for d in top["earliest"]],
    })
    blocks = [Block("По министерствам (планы по оценкам до выбранного года включительно).",
                    by_ministry)]
    if len(orgs):
        blocks.append(Block(f"Организации с наибольшим числом просроченных мероприятий "
                            f"(первые {len(orgs)}).", orgs))
    return blocks


def recommendation_findings(r: pd.DataFrame, recs: pd.DataFrame, on: dt.date) -> list[str]:
    if r.empty or recs.empty:
        return ["Рекомендации и отчёты по ним не загружены."]
    counts = r["status"].value_counts()
    first = recs.iloc[0]
    lines = [f"По {fmt.number(len(recs))} "
             f"{fmt.plural(len(recs), 'рекомендации', 'рекомендациям', 'рекомендациям')} "
             f"постановления {first['resolution']} от {fmt.date(first['resolution_date'])} "
             f"на {fmt.date(on)}: "
             + ", ".join(f"{label} — {fmt.number(int(counts.get(k, 0)))}"
                         for k, label in REC_STATES.items()) + "."]
    open_ = r[r["status"] != "done"]
    if open_.empty:
        lines.append("Все рекомендации выполнены всеми министерствами.")
        return lines
    parts = []
    for sector in [s for s in SECTOR_ORDER if s in set(open_["sector"])]:
        mine = open_[open_["sector"] == sector]["status"].value_counts()
        detail = ", ".join(f"{REC_STATES[k]} — {fmt.number(int(mine[k]))}"
                           for k in REC_STATES if k in mine.index)
        parts.append(f"{MINISTRIES[sector]} — {fmt.number(int(mine.sum()))} ({detail})")
    lines.append("Не выполнены: " + "; ".join(parts) + ".")
    return lines


def recommendation_tables(r: pd.DataFrame, recs: pd.DataFrame) -> list[Block]:
    if r.empty:
        return []
    sectors = [s for s in SECTOR_ORDER if s in set(r["sector"])]
    per = pd.DataFrame({"Министерство": [MINISTRIES[s] for s in sectors]})
    for k, label in REC_STATES.items():
        per[label.capitalize()] = [int(((r["sector"] == s) & (r["status"] == k)).sum())
                                   for s in sectors]
    per["Всего"] = per[[label.capitalize() for label in REC_STATES.values()]].sum(axis=1)
    cell = {(int(x.number), x.sector): REC_STATES.get(x.status, x.status)
            for x in r.itertuples()}
    matrix = pd.DataFrame({"№": [int(n) for n in recs["number"]],
                           "Рекомендация": recs["title"].astype(str).values})
    for s in sectors:
        matrix[theme.sector_name(s)] = [cell.get((int(n), s), "нет отчёта")
                                        for n in recs["number"]]
    return [Block("Состояние по последнему отчёту министерства.", per),
            Block("По рекомендациям (столбцы — сферы ведения министерств).", matrix)]


def effect_section(number: int, b: dict[str, Any]) -> Section:
    """Did the plans and the recommendations improve anything: words, then two tables."""
    m = b["effect_minimum"]
    findings = effects.brief_findings(b["plan_effect_total"], b["recommendation_effect"],
                                      b["resolution"], m)
    tables = [Block("Как изменился балл критерия к следующей оценке организации — по тому, "
                    "выполнены ли мероприятия плана по этому критерию; «мероприятий не было» — "
                    "критерии тех же организаций без плана, для сравнения.",
                    effects.brief_plan_table(b["plan_effect"]))]
    if len(b["resolution"]):
        tables.append(Block(f"Как изменился первый связанный с рекомендацией показатель после "
                            f"постановления (среднее за {effects.BEFORE_YEARS} "
                            f"{fmt.plural(effects.BEFORE_YEARS, 'год', 'года', 'лет')} до него и "
                            "за годы после) — у министерств, отчитавшихся о выполнении "
                            "рекомендации, и у остальных.",
                            effects.brief_rec_table(b["recommendation_effect"],
                                                    b["resolution"])))
    return Section(number, "Действуют ли планы и рекомендации", "Действие", findings, tables,
                   note=f"Меньше {fmt.number(m)} организаций за цифрой — "
                        f"{effects.TOO_FEW}.")


def summary_findings(df: pd.DataFrame, year: int) -> list[str]:
    """How many summaries the ministries owe the coordinating ministry and which are missing
    or late (seed 000, item 2)."""
    if df.empty:
        return [schedule.no_summaries(year)]
    lines = [schedule.summary_counts(df) + "."]
    rows = schedule.summary_rows(df)
    for state, words in (("overdue", "Не поступила"), ("late", "Поступила с опозданием")):
        for r in rows[rows["state"] == state].itertuples():
            lines.append(f"{words}: {r.ministry} — {r.title} (срок {fmt.date(r.due_date)}"
                         + (f", опоздание {int(r.days_late)} дн.)" if state == "late"
                            else f", просрочена на {int(r.days_late)} дн.)"))
    return lines


def summary_table(df: pd.DataFrame) -> list[Block]:
    if df.empty:
        return []
    rows = schedule.summary_rows(df)
    return [Block(None, pd.DataFrame({
        "Министерство": rows["ministry"].values, "Сводка": rows["title"].values,
        "Срок": rows["due_date"].values, "Поступила": rows["received_on"].values,
        "Состояние": rows["status"].values}))]


# ------------------------------------------------------------------ assembling

def _founder_words(founder: str, w: Words) -> str:
    """«краевыми», «муниципальными» (… организациями)."""
    return "муниципальными" if founder == "municipal" else w.adjective[:-1] + "ми"


def document(b: dict[str, Any]) -> Document:
    f = b["filters"]
    w = wording.WORDS.get(b.get("region_kind"), KRAI)
    year, on = f.year, b["period_end"]
    sector_words = (f"организациями сферы «{theme.sector_name(f.sector)}»" if f.sector
                    else "организациями социальной сферы")
    if f.founder:
        sector_words = f"{_founder_words(f.founder, w)} {sector_words}"
    place = b["place"] or b["region_name"]
    if f.municipality and b["region_name"]:
        place = f"{b['region_name']}, {place}"
    as_of = (f"данные на {fmt.date(b['data_as_of'])}" if b["data_as_of"] is not None
             else "дата данных не указана")
    meta = [f"{place} · {theme.scope_name(f.sector, f.founder, w)} · {year} год",
            as_of.capitalize() + (f" · {DEMO_LABEL}" if b["is_demo"] else "")]
    h, cov = b["headline"], b["coverage"]
    sections = [
        Section(1, "Основные показатели", "Показатели",
                headline_findings(h, year, on, w), [headline_table(h, year)]),
        Section(2, "Охват оценкой", "Охват", coverage_findings(cov, year, w),
                [coverage_table(cov)], [coverage_figure(cov)]),
        Section(3, "Баллы по сферам", "Сферы", sector_findings(b["sectors"], year),
                [sector_table(b["sectors"], year)]),
        Section(4, "Динамика итогового балла", "Динамика",
                trend_findings(b["trend"], b["region_trend"], f.sector, f.founder, w),
                [trend_table(b["trend"], b["region_trend"], f.founder, w)],
                [trend_figure(b["trend"], b["region_trend"], f.founder, w)],
                note="Линии — средний балл сфер; пунктир — "
                     f"{theme.region_label(f.founder, w, w.mean(False) + ' (все сферы)')}."),
        Section(5, "Слабые критерии и показатели", "Слабые критерии",
                criteria_findings(b["criteria"], b["indicators"], year),
                criteria_tables(b["criteria"], b["indicators"], year)),
        Section(6, "Просроченные мероприятия планов", "Просроченные",
                overdue_findings(b["overdue"], on),
                overdue_tables(b["overdue"], b["overdue_top"]),
                note="Просрочено — плановый срок прошёл, отметки об исполнении нет "
                     "(постановление Правительства РФ № 457)."),
        Section(7, "Исполнение рекомендаций", "Рекомендации",
                recommendation_findings(b["recommendations"], b["resolution"], on),
                recommendation_tables(b["recommendations"], b["resolution"])),
        effect_section(8, b),
        Section(9, "Сводки координирующему министерству", "Сводки",
                summary_findings(b["summaries"], year), summary_table(b["summaries"]),
                note="Сводки министерств для министерства труда и социального развития "
                     "(координирующего проведение оценки); состояние — на дату расчёта."),
    ]
    return Document(
        title="Справка к заседанию",
        subtitle=(f"о результатах независимой оценки качества условий оказания услуг "
                  f"{sector_words} в {year} году"),
        meta=meta, is_demo=b["is_demo"], sections=sections, year=year, as_of=as_of,
        place=place)


# ------------------------------------------------------------------ on screen

def table_view(block: Block) -> html.Div:
    df = block.df
    numeric = {c: block.numeric(c) for c in df.columns}
    head = html.Thead(html.Tr([html.Th(c, className="num" if numeric[c] else None)
                               for c in df.columns]))
    rows = []
    for i in range(len(df)):
        cls = "row-all" if block.bold_last and i == len(df) - 1 else None
        rows.append(html.Tr([html.Td(block.cell(i, c), className="num" if numeric[c] else None)
                             for c in df.columns], className=cls))
    wide = " brief-table-wide" if len(df.columns) >= WIDE_TABLE else ""
    children = [html.Table([head, html.Tbody(rows)],
                           className="data-table compact brief-table" + wide)]
    if block.caption:
        children.insert(0, html.Div(block.caption, className="brief-caption"))
    return html.Div(children, className="brief-block")


CHART_CONFIG = {"displayModeBar": False, "responsive": False}


def section_view(s: Section) -> html.Section:
    """The heading, the findings and the first chart (or table) in one block that print keeps
    on one page; the rest follows."""
    parts = [html.Div(dcc.Graph(figure=fig, config=CHART_CONFIG), className="brief-chart")
             for fig in s.figures]
    parts += [table_view(b) for b in s.tables]
    lead = html.Div([html.H2(f"{s.number}. {s.title}", className="brief-section-title"),
                     html.Ul([html.Li(line) for line in s.findings], className="brief-findings"),
                     *parts[:1]], className="brief-lead")
    children = [lead, *parts[1:]]
    if s.note:
        children.append(html.P(s.note, className="brief-note"))
    return html.Section(children, className="brief-section", id=f"brief-{s.number}")


def view(doc: Document) -> html.Article:
    head = [html.H1(doc.title, className="brief-title"),
            html.Div(doc.subtitle, className="brief-subtitle")]
    head += [html.Div(line, className="brief-meta") for line in doc.meta]
    if doc.is_demo:
        head.append(html.Div("Справка составлена по демонстрационным данным и не отражает "
                             "фактических результатов оценки.", className="brief-demo"))
    return html.Article([html.Header(head, className="brief-head"),
                         *[section_view(s) for s in doc.sections]], className="brief-doc")


def error(message: str) -> dmc.Alert:
    return dmc.Alert(message, color="red", variant="light", className="brief-error")
