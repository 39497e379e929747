"""Builders of «Действуют ли планы» (the Plans page), the recommendations' before/after by
ministry (the Recommendations page) and the brief's section on both: the frames of
data_access.effect_queries in, words, tables and a figure out. No queries here."""
from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard import format as fmt
from dashboard import theme
from dashboard.figures import base, empty_figure
from dashboard.recommendations import status_label, target_label
from data_access.methodology import (
    BEFORE_YEARS, CRITERIA, CRITERION_NAMES, CRITERION_SHORT, EFFECT_CLASSES, too_few,
)
from data_access.reference.sectors import SECTORS

CLASS_ORDER = ("on_time", "late", "not_done", "no_measures")
CLASS_COLORS = {"on_time": theme.GOOD, "late": "#b35c00", "not_done": theme.BAD,
                "no_measures": "#868e96"}
MINISTRIES = {s.code: s.ministry for s in SECTORS}
SECTOR_ORDER = [s.code for s in SECTORS]
SHORT = {"on_time": "В срок", "late": "С опозданием", "not_done": "Не выполнены",
         "no_measures": "Без мероприятий"}
TOO_FEW = "слишком мало организаций, чтобы делать выводы"
NO_PAIRS = "Нет организаций, оценённых повторно после плана, по выбранным фильтрам"

PLAN_DEFINITION = (
    "Берутся организации, оценённые повторно после плана по устранению недостатков. Для "
    "каждого критерия, по которому в плане были мероприятия, изменение — балл критерия при "
    "следующей оценке минус балл при оценке, по которой составлен план. Мероприятия критерия "
    "«выполнены в срок» — все выполнены до начала года следующей оценки и не позже планового "
    "срока; «с опозданием» — все выполнены до начала того года, но хотя бы одно позже срока; "
    "«не выполнены» — хотя бы одно не выполнено к началу того года. Отменённые мероприятия не "
    "учитываются. «Мероприятий не было» — критерии тех же организаций, по которым в плане "
    "ничего не намечалось: для сравнения.")
PLAN_CAVEAT = (
    "Баллы растут и там, где мероприятия не выполнены: в план попадают критерии, которые при "
    "оценке оказались ниже обычного, и при следующей оценке они отчасти возвращаются к "
    "среднему. О действии мероприятий говорит разница между группами, а не сам рост.")
REC_DEFINITION = (
    f"Средние связанных с рекомендацией показателей по оценкам {BEFORE_YEARS} лет до "
    "постановления (включая год постановления) и лет после него, до выбранного года, — по "
    "организациям сферы каждого министерства. Министерства делятся на отчитавшихся о "
    "выполнении рекомендации (последний отчёт на конец периода) и остальных; разница их "
    "изменений («разность разностей») показывает, выросли ли показатели у выполнивших больше, "
    "чем у остальных. Министерство без оценок до или после постановления в сравнение групп "
    "не входит.")


def _orgs(n: int) -> str:
    return f"{fmt.number(n)} {fmt.plural(n, 'организация', 'организации', 'организаций')}"


def caution(n, minimum: int) -> str:
    """«» or the words that say the figure stands on too few organizations."""
    return TOO_FEW if too_few(n, minimum) else ""


# ------------------------------------------------------------------ plans

def effect_rows(df: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """plan_effect by criterion in reading order (К1–К5, classes as in the legend) with the
    criterion as «К1», the class in words and the caution: the chart's table and download."""
    order = {c: i for i, c in enumerate(CLASS_ORDER)}
    df = df.sort_values(["criterion", "effect_class"], key=lambda s: s.map(order)
                        if s.name == "effect_class" else s).reset_index(drop=True)
    return df.assign(criterion_label=df["criterion"].map(CRITERION_SHORT),
                     class_label=df["effect_class"].map(EFFECT_CLASSES),
                     caution=[caution(n, minimum) for n in df["organizations"]])


def effect_wide(df: pd.DataFrame, by: str, minimum: int) -> pd.DataFrame:
    """Rows of plan_effect (one per group and class) → one row per group: for each class the
    mean change and the organizations; the difference «on time − not done»; a caution where
    either of the two stands on fewer than `minimum` organizations."""
    keys = {"criterion": ["criterion"], "sector": ["sector"],
            "municipality": ["municipality", "municipality_name"]}[by]
    if df.empty:
        return pd.DataFrame(columns=["label", *keys, *_wide_columns(), "gap", "caution"])
    wide = df.pivot_table(index=keys, columns="effect_class",
                          values=["change", "organizations"], aggfunc="first")
    out = wide.index.to_frame(index=False)
    for c in CLASS_ORDER:
        out[f"{c}_change"] = (wide["change"][c].values if c in wide["change"]
                              else float("nan"))
        n = wide["organizations"][c] if c in wide["organizations"] else None
        out[f"{c}_n"] = (n.fillna(0).astype(int).values if n is not None else 0)
    out["gap"] = out["on_time_change"] - out["not_done_change"]
    out["caution"] = [caution(min(a, b), minimum) for a, b in
                      zip(out["on_time_n"], out["not_done_n"])]
    if by == "criterion":
        out["label"] = [f"{CRITERION_SHORT[k]} {CRITERION_NAMES[k]}" for k in out["criterion"]]
        out = out.sort_values("criterion")
    elif by == "sector":
        out["label"] = out["sector"].map(MINISTRIES)
        out = out.sort_values("sector", key=lambda s: s.map(SECTOR_ORDER.index))
    else:
        out["label"] = out["municipality_name"]
        out = out.sort_values("label")
    return out.reset_index(drop=True)


def _wide_columns() -> list[str]:
    return [f"{c}_{part}" for c in CLASS_ORDER for part in ("change", "n")]


def effect_columns(by: str) -> dict[str, str]:
    """Headers of an effect_wide table grouped by `by`."""
    first = {"criterion": "Критерий", "sector": "Министерство",
             "municipality": "Муниципальное образование"}[by]
    columns = {"label": first}
    for c in CLASS_ORDER:
        name = EFFECT_CLASSES[c].capitalize()
        columns[f"{c}_change"] = f"{name}: изменение"
        columns[f"{c}_n"] = f"{name}: организаций"
    columns["gap"] = "Разница «в срок» и «не выполнены»"
    columns["caution"] = "Замечание"
    return columns


def effect_figure(df: pd.DataFrame, minimum: int) -> go.Figure:
    """Mean change of each criterion by class of its measures, grouped bars per criterion; the
    organizations under each bar; bars on fewer than `minimum` organizations pale."""
    if df.empty:
        return empty_figure(NO_PAIRS)
    fig = go.Figure()
    axis = [CRITERION_SHORT[k] for k in CRITERIA]
    for c in CLASS_ORDER:
        mine = df[df["effect_class"] == c].set_index("criterion").reindex(list(CRITERIA))
        n = mine["organizations"].fillna(0).astype(int)
        few = [too_few(v, minimum) for v in n]
        fig.add_bar(
            x=axis, y=mine["change"], name=EFFECT_CLASSES[c],
            marker={"color": CLASS_COLORS[c], "opacity": [0.35 if f else 1 for f in few],
                    "line": {"color": CLASS_COLORS[c], "width": 1.5}},
            text=[f"{fmt.signed(v)}<br><span style='font-size:11px'>{fmt.number(k)}</span>"
                  if not fmt.missing(v) else "" for v, k in zip(mine["change"], n)],
            textposition="outside", cliponaxis=False,
            customdata=[[fmt.signed(v), _orgs(k), " — " + TOO_FEW if f else ""]
                        for v, k, f in zip(mine["change"], n, few)],
            hovertemplate="%{x}: %{customdata[0]} (%{customdata[1]})%{customdata[2]}"
                          f"<extra>{EFFECT_CLASSES[c]}</extra>")
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_yaxes(zeroline=True, zerolinecolor="#adb5bd", ticksuffix="")
    return base(fig, height=420, y_title="Изменение балла")


def plan_findings(total: pd.DataFrame, minimum: int) -> list[str]:
    """What the plans did, in words, from plan_effect(by=()): one row per class."""
    if total.empty:
        return [NO_PAIRS + "."]
    rows = total.set_index("effect_class")
    parts = []
    for c in ("on_time", "late", "not_done"):
        if c in rows.index:
            r = rows.loc[c]
            words = (f"{EFFECT_CLASSES[c]} — {fmt.signed(r['change'])} "
                     f"({_orgs(int(r['organizations']))}")
            words += f"; {TOO_FEW})" if too_few(r["organizations"], minimum) else ")"
            parts.append(words)
    lines = ["Изменение балла критерия от оценки, по которой составлен план, к следующей "
             "оценке организации, в среднем: мероприятия " + "; ".join(parts) + "."]
    if "no_measures" in rows.index:
        lines.append(f"Критерии тех же организаций без мероприятий: "
                     f"{fmt.signed(rows.loc['no_measures', 'change'])}.")
    if {"on_time", "not_done"} <= set(rows.index):
        a, b = rows.loc["on_time"], rows.loc["not_done"]
        if too_few(min(a["organizations"], b["organizations"]), minimum):
            lines.append(f"Сравнить выполненные в срок и невыполненные нельзя: {TOO_FEW}.")
        else:
            gap = a["change"] - b["change"]
            if round(gap, 1):
                lines.append(f"Где мероприятия выполнены в срок, балл изменился на "
                             f"{fmt.number(abs(gap), 1)} {'больше' if gap > 0 else 'меньше'}, "
                             "чем где они не выполнены.")
            else:
                lines.append("Выполненные в срок и невыполненные мероприятия дали одинаковое "
                             "изменение.")
    return lines


def plan_caveat_view(lines: list[str]) -> html.Div:
    return html.Div([html.Ul([html.Li(x) for x in lines], className="effect-findings"),
                     html.P(PLAN_CAVEAT, className="muted effect-caveat")])


# ------------------------------------------------------------------ recommendations

REC_COLUMNS = {"number": "№", "target_label": "Показатель", "row_label": "Министерства",
               "status_label": "Состояние", "before_years": "Годы до", "before": "До",
               "after_years": "Годы после", "after": "После", "change": "Изменение",
               "before_organizations": "Организаций до", "after_organizations": "Организаций после",
               "caution": "Замечание"}
GROUPS = {"done": "Отчитались о выполнении", "other": "Не отчитались о выполнении"}


def rec_rows(df: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """recommendation_effect with Russian labels: the ministry (or group) and its status, a
    caution where a side stands on fewer than `minimum` organizations."""
    out = df.copy()
    if out.empty:
        return out.assign(**{c: [] for c in ("target_label", "row_label", "status_label",
                                              "caution")})
    out["target_label"] = out["target"].map(target_label)
    out["row_label"] = [MINISTRIES.get(s, s) if level == "ministry"
                        else f"{GROUPS[g]} ({fmt.number(m)})"
                        for level, s, g, m in zip(out["level"], out["sector"], out["group"],
                                                  out["ministries"])]
    out["status_label"] = [status_label(s) if level == "ministry" else ""
                           for level, s in zip(out["level"], out["status"])]
    out["caution"] = [caution(min(a, b), minimum) for a, b in
                      zip(out["before_organizations"], out["after_organizations"])]
    return out


def did_text(df: pd.DataFrame, target: str, minimum: int) -> str:
    """One target of one recommendation: the change of those who reported it done against the
    others, and the difference, in words."""
    groups = df[(df["target"] == target) & (df["level"] == "group")].set_index("group")

    def side(g):
        r = groups.loc[g]
        n = int(min(r["before_organizations"], r["after_organizations"]))
        return (f"{fmt.signed(r['change'])} ({fmt.number(r['before'], 1)} → "
                f"{fmt.number(r['after'], 1)}, {_orgs(n)})")
    label = target_label(target)
    if groups.empty:
        return f"{label}: нет оценок до и после постановления по выбранным фильтрам."
    if "done" not in groups.index:
        return (f"{label}: ни одно министерство не отчиталось о выполнении; у остальных "
                f"{side('other')}.")
    if "other" not in groups.index:
        return (f"{label}: все министерства с оценками отчитались о выполнении — сравнить не с "
                f"кем; изменение {side('done')}.")
    done, other = groups.loc["done"], groups.loc["other"]
    text = (f"{label}: у отчитавшихся о выполнении {side('done')}, у остальных "
            f"{side('other')}")
    n = min(done["before_organizations"], done["after_organizations"],
            other["before_organizations"], other["after_organizations"])
    if too_few(n, minimum):
        return text + f"; {TOO_FEW}."
    gap = done["change"] - other["change"]
    if not round(gap, 1):
        return text + "; разницы нет."
    return text + (f"; разница {fmt.signed(gap)} в пользу "
                   + ("отчитавшихся." if gap > 0 else "не отчитавшихся."))


def rec_table(df: pd.DataFrame) -> html.Table:
    """One recommendation's targets before and after, per ministry and per group."""
    heads = ["Министерства", "Состояние", "Показатель", "До", "После", "Изменение",
             "Организаций до / после"]
    rows = []
    for r in df.itertuples():
        rows.append(html.Tr([
            html.Td(r.row_label), html.Td(r.status_label), html.Td(r.target_label),
            html.Td(fmt.number(r.before, 1), className="num"),
            html.Td(fmt.number(r.after, 1), className="num"),
            html.Td(fmt.signed(r.change), className="num"),
            html.Td([f"{fmt.number(r.before_organizations)} / "
                     f"{fmt.number(r.after_organizations)}",
                     html.Div(r.caution, className="effect-caution") if r.caution else None],
                    className="num")],
            className="effect-group" if r.level == "group" else None))
    return html.Table([html.Thead(html.Tr([html.Th(h) for h in heads])), html.Tbody(rows)],
                      className="data-table compact rec-effect-table")


def rec_effect_view(df: pd.DataFrame, targets: list[str], minimum: int) -> html.Div:
    """The block of a recommendation's card: the difference in differences of each target in
    words, and the table by ministry folded under it."""
    if df.empty:
        return html.P("Нет оценок до и после постановления по выбранным фильтрам.",
                      className="muted")
    rows = rec_rows(df, minimum)
    years = df.iloc[0]
    return html.Div([
        html.Ul([html.Li(did_text(df, t, minimum)) for t in targets], className="rec-changes"),
        html.Details([html.Summary(f"По министерствам: до ({years['before_years']}) и после "
                                   f"({years['after_years'] or 'оценок ещё нет'})"),
                      html.Div(rec_table(rows), className="table-scroll")],
                     className="chart-data"),
    ], className="rec-effect")


def note(minimum: int) -> dmc.Text:
    return dmc.Text(f"Где за цифрой меньше {fmt.number(minimum)} организаций, стоит "
                    f"замечание «{TOO_FEW}».", size="sm", c="dimmed")


# ------------------------------------------------------------------ the brief

def _comparison(df: pd.DataFrame, target: str) -> str:
    """comparable | all_done | none_done | no_data for one target's groups."""
    groups = set(df.loc[(df["target"] == target) & (df["level"] == "group"), "group"])
    if not groups:
        return "no_data"
    if groups == {"done", "other"}:
        return "comparable"
    return "all_done" if groups == {"done"} else "none_done"


def _first_target(targets) -> str | None:
    items = [t.strip() for t in str(targets or "").split(",") if t.strip()]
    return items[0] if items else None


def _rose(change: float) -> str:
    """«выросли на 8,6», «снизились на 0,4», «не изменились» (the scores, plural)."""
    if round(float(change), 1) == 0:
        return "не изменились"
    return f"{'выросли' if change > 0 else 'снизились'} на {fmt.number(abs(change), 1)}"


def _plan_conclusions(total: pd.DataFrame, minimum: int) -> list[str]:
    """The plans for a committee member: how the criteria's scores moved where the measures
    were done on time, late, not at all, and what the difference says."""
    if total.empty:
        return [NO_PAIRS + "."]
    rows = total.set_index("effect_class")

    def group(c: str, words: str) -> str:
        r = rows.loc[c]
        n = int(r["organizations"])
        few = " — слишком мало, чтобы судить" if too_few(n, minimum) else ""
        return f"{words} — {_rose(r['change'])} ({_orgs(n)}{few})"
    parts = [group(c, w) for c, w in (("on_time", "где мероприятия выполнены в срок"),
                                      ("late", "где с опозданием"),
                                      ("not_done", "где не выполнены"))
             if c in rows.index]
    lines = []
    if parts:
        lines.append("К следующей оценке организации баллы критериев, по которым были планы, "
                     "в среднем изменились так: " + "; ".join(parts) + ".")
    if "no_measures" in rows.index:
        lines.append(f"Для сравнения: по критериям тех же организаций без мероприятий баллы "
                     f"{_rose(rows.loc['no_measures', 'change'])}.")
    if {"on_time", "not_done"} <= set(rows.index):
        a, b = rows.loc["on_time"], rows.loc["not_done"]
        if too_few(min(a["organizations"], b["organizations"]), minimum):
            lines.append(f"Сказать, помогло ли выполнение мероприятий, нельзя: в одной из групп "
                         f"меньше {fmt.number(minimum)} организаций — {TOO_FEW}.")
        else:
            gap = round(float(a["change"] - b["change"]), 1)
            if gap > 0:
                lines.append(f"Выполнение мероприятий в срок добавило к баллу около "
                             f"{fmt.number(gap, 1)} сверх роста там, где они не выполнены. Сам "
                             "рост не говорит о пользе мероприятий: в план попадают критерии с "
                             "заниженным баллом, и при следующей оценке он отчасти "
                             "выправляется сам.")
            elif gap < 0:
                lines.append(f"Где мероприятия выполнены в срок, балл вырос на "
                             f"{fmt.number(-gap, 1)} меньше, чем где они не выполнены: пользы "
                             "от выполнения по этим данным не видно.")
            else:
                lines.append("Выполнение мероприятий в срок не изменило балл по сравнению с "
                             "невыполненными: пользы от выполнения по этим данным не видно.")
    return lines


def _numbers(items: list[str]) -> str:
    return f"{'рекомендациям' if len(items) > 1 else 'рекомендации'} № {', '.join(items)}"


def brief_findings(total: pd.DataFrame, rec: pd.DataFrame, recs: pd.DataFrame,
                   minimum: int) -> list[str]:
    """Section 8 of the brief in plain conclusions: the plans, then the recommendations
    grouped by what their first target shows — a higher rise where the ministries reported
    them done, none, or too few organizations to tell; the figures are in the tables."""
    lines = _plan_conclusions(total, minimum)
    helped, no_gain, few = [], [], []
    rest: dict[str, list[str]] = {"all_done": [], "none_done": [], "no_data": []}
    for r in recs.itertuples():
        target = _first_target(r.targets)
        mine = rec[rec["number"] == r.number]
        kind = _comparison(mine, target) if target else "no_data"
        if kind != "comparable":
            rest[kind].append(str(r.number))
            continue
        groups = mine[(mine["target"] == target) & (mine["level"] == "group")].set_index(
            "group")
        n = groups[["before_organizations", "after_organizations"]].min().min()
        gap = round(float(groups.loc["done", "change"] - groups.loc["other", "change"]), 1)
        if too_few(n, minimum):
            few.append(str(r.number))
        elif gap > 0:
            helped.append(f"по рекомендации № {r.number} («{target_label(target)}») — на "
                          f"{fmt.number(gap, 1)}")
        else:
            no_gain.append(str(r.number))
    if helped:
        lines.append("Где министерства выполнили рекомендацию, связанный с ней показатель вырос "
                     "больше, чем у остальных: " + "; ".join(helped) + ".")
    if no_gain:
        lines.append(f"По {_numbers(no_gain)} выполнившие министерства не опередили остальных.")
    if few:
        lines.append(f"По {_numbers(few)} за цифрами меньше {fmt.number(minimum)} организаций — "
                     f"{TOO_FEW}.")
    words = {"all_done": "все министерства с оценками отчитались о выполнении, сравнить не "
                         "с кем",
             "none_done": "ни одно министерство не отчиталось о выполнении",
             "no_data": "нет оценок до и после постановления"}
    for kind, numbers in rest.items():
        if numbers:
            lines.append(f"По {_numbers(numbers)} {words[kind]}.")
    return lines


PLAN_HEADS = {"on_time": "мероприятия выполнены в срок",
              "late": "мероприятия выполнены с опозданием",
              "not_done": "мероприятия не выполнены",
              "no_measures": "мероприятий не было"}
REC_CHANGE_DONE = "Изменение показателя: министерства выполнили рекомендацию"
REC_CHANGE_OTHER = "Изменение показателя: остальные министерства"
REC_GAP = "Разница: выполнившие минус остальные"


def brief_plan_table(by_criterion: pd.DataFrame) -> pd.DataFrame:
    """Criteria × classes: the mean change and the organizations behind it."""
    wide = effect_wide(by_criterion, "criterion", 0)
    out = pd.DataFrame({"Критерий": wide["criterion"].map(CRITERION_SHORT).values})
    for c in CLASS_ORDER:
        out[f"Изменение балла: {PLAN_HEADS[c]}"] = wide[f"{c}_change"].astype(float).values
        if c != "no_measures":  # the reference: its organizations are those above
            out[f"Организаций: {PLAN_HEADS[c]}"] = wide[f"{c}_n"].astype(int).values
    return out


def brief_rec_table(rec: pd.DataFrame, recs: pd.DataFrame) -> pd.DataFrame:
    """Per recommendation's first target: the change of the ministries that reported it done,
    of the others, the organizations (the fewer of before and after) and the difference."""
    rows = []
    for r in recs.itertuples():
        target = _first_target(r.targets)
        groups = rec[(rec["number"] == r.number) & (rec["target"] == target)
                     & (rec["level"] == "group")].set_index("group")

        def pick(g, column):
            return groups.loc[g, column] if g in groups.index else float("nan")

        def n(g):
            return (int(min(pick(g, "before_organizations"), pick(g, "after_organizations")))
                    if g in groups.index else None)
        rows.append({"№": int(r.number), "Показатель": target_label(target) if target else "—",
                     REC_CHANGE_DONE: pick("done", "change"),
                     "Организаций у выполнивших": n("done"),
                     REC_CHANGE_OTHER: pick("other", "change"),
                     "Организаций у остальных": n("other"),
                     REC_GAP: pick("done", "change") - pick("other", "change")})
    out = pd.DataFrame(rows)
    for column in ("Организаций у выполнивших", "Организаций у остальных"):
        if column in out:
            out[column] = out[column].astype("Int64")
    return out


def rec_effect_blocks(df: pd.DataFrame, recs: pd.DataFrame, minimum: int) -> html.Div:
    """Every recommendation: its title and rec_effect_view, linked to its card above."""
    if recs.empty:
        return html.P("Рекомендации не загружены.", className="muted")
    items = [html.Div([
        html.H3([html.A(f"№ {r.number}", href=f"#rec-{r.number}"), f". {r.title}"],
                className="effect-sub"),
        rec_effect_view(df[df["number"] == r.number],
                        [t.strip() for t in str(r.targets or "").split(",") if t.strip()],
                        minimum)], className="rec-effect-item") for r in recs.itertuples()]
    return html.Div([*items, note(minimum)], className="rec-effects")


def effect_table(wide: pd.DataFrame, by: str, minimum: int) -> html.Div:
    """effect_wide on screen: a class's cell holds the change and, under it, the
    organizations; a cell on fewer than `minimum` organizations is pale and marked."""
    if wide.empty:
        return html.P(NO_PAIRS + ".", className="muted")
    first = effect_columns(by)["label"]
    head = html.Tr([html.Th(first), *(html.Th(SHORT[c], className="num") for c in CLASS_ORDER),
                    html.Th("Разница: в срок − не выполнены", className="num")])

    def cell(change, n):
        if fmt.missing(change):
            return html.Td("—", className="num")
        few = too_few(n, minimum)
        return html.Td([html.Div(fmt.signed(change)),
                        html.Div(f"{fmt.number(n)} орг." + (" *" if few else ""),
                                 className="effect-n")],
                       className="num effect-few" if few else "num",
                       title=TOO_FEW if few else None)
    rows = [html.Tr([html.Td(r["label"]),
                     *(cell(r[f"{c}_change"], r[f"{c}_n"]) for c in CLASS_ORDER),
                     html.Td(fmt.signed(r["gap"]), title=r["caution"] or None,
                             className="num effect-few" if r["caution"] else "num")])
            for _, r in wide.iterrows()]
    return html.Div([
        html.Div(html.Table([html.Thead(head), html.Tbody(rows)],
                            className="data-table compact effect-table"),
                 className="table-scroll"),
        dmc.Text(f"* и бледный цвет — меньше {fmt.number(minimum)} организаций: {TOO_FEW}.",
                 size="sm", c="dimmed")])
