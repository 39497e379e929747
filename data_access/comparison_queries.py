"""Fair comparison: units against the region's mean with control limits (funnel plots), and
a municipality's peers. The means, counts and the region's spread are aggregated in SQL; the
limits and the words come from methodology.Funnel, applied here to the small per-unit frame.

The region's mean and spread are taken over the organizations assessed in the year within
the global filters except the municipality (the sector and any other filter of `_scope`
apply), so that a municipality or an organization is compared with the rest of its region
in the same scope.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, case, func, select

from data_access import queries
from data_access.filters import Filters
from data_access.methodology import (
    Z95, Z998, Funnel, organizations_funnel, respondent_funnel, standing_label,
)
from data_access.models import Assessment, Municipality, Organization
from data_access.queries import SCORE_COLUMNS, _frame, _scope, subject_by

LIMIT_COLUMNS = ("lower998", "lower95", "upper95", "upper998")
PEER_COUNT = 5


def region_spread(f: Filters, engine: Engine | None = None) -> dict:
    """n, and for each of К1–К5 and the total its mean and the mean of its square over the
    region's organizations assessed in the year; inverse_respondents: the mean of
    1/respondents over those with any (for the respondent funnel)."""
    inverse = case((Assessment.respondents > 0, 1.0 / Assessment.respondents))
    stmt = (select(func.count(Assessment.id).label("n"),
                   *(func.avg(getattr(Assessment, c)).label(c) for c in SCORE_COLUMNS),
                   *(func.avg(getattr(Assessment, c) * getattr(Assessment, c)).label(f"{c}_sq")
                     for c in SCORE_COLUMNS),
                   func.avg(inverse).label("inverse_respondents"))
            .join(Organization, Organization.id == Assessment.organization_id)
            .where(_scope(f, municipality=False), Assessment.year == f.year))
    row = _frame(stmt, engine).iloc[0].to_dict()
    return {k: (int(v) if k == "n" else (math.nan if v is None else float(v)))
            for k, v in row.items()}


def funnel(spread: dict, score: str = "total") -> Funnel:
    """Limits for a mean of organizations' scores (`score`: a criterion or the total)."""
    return organizations_funnel(spread["n"], spread[score], spread[f"{score}_sq"])


def with_standings(df: pd.DataFrame, spread: dict, *, size: str = "n",
                   scores: Sequence[str] = SCORE_COLUMNS, by: str = "по краю") -> pd.DataFrame:
    """The per-unit frame (a mean per score and `size`, the organizations assessed) with
    standing_<score> for each score (a key of STANDING_LABELS or None), and for the total
    the target, sigma, tau, the four limits at the unit's size and the standing in words
    (`by`: the subject's «по краю», queries.subject_by)."""
    out = df.copy()
    for score in scores:
        limits = funnel(spread, score)
        out[f"standing_{score}"] = [limits.standing(m, x) for m, x in zip(out[score], out[size])]
        out[f"standing_label_{score}"] = [standing_label(k, by)
                                          for k in out[f"standing_{score}"]]
    total = funnel(spread)
    out["target"], out["sigma"], out["tau"] = total.target, total.sigma, total.tau
    _add_limits(out, total, out[size])
    out["standing"] = out["standing_total"] if "standing_total" in out else None
    out["standing_label"] = [standing_label(k, by) if isinstance(k, str) else None
                             for k in out["standing"]]
    return out


def _add_limits(out: pd.DataFrame, limits: Funnel, sizes: pd.Series) -> None:
    """lower998, lower95, upper95, upper998 at each unit's size (NaN where none)."""
    rows = []
    for x in sizes:
        if not limits.usable or not x or x <= 0:
            rows.append([math.nan] * 4)
            continue
        low95, high95 = limits.limits(x, Z95)
        low998, high998 = limits.limits(x, Z998)
        rows.append([low998, low95, high95, high998])
    frame = pd.DataFrame(rows, columns=list(LIMIT_COLUMNS), index=out.index, dtype=float)
    for column in LIMIT_COLUMNS:
        out[column] = frame[column]


def municipality_funnel(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Each municipality of the region with assessments in the year (the municipality filter
    ignored): municipality (OKTMO), municipality_name, n (organizations assessed), К1–К5 and
    total (plain means), their standings, the region's mean (target) and the limits."""
    g = f.replace(municipality=None)
    df = queries.scores(g, by=("municipality",), engine=engine)
    df = df[df["n"] > 0].reset_index(drop=True)
    return with_standings(df, region_spread(g, engine), by=subject_by(f.region, engine))


def municipality_standing(f: Filters, engine: Engine | None = None) -> str | None:
    """The chosen municipality's standing by its mean total (a key of STANDING_LABELS)."""
    df = municipality_funnel(f, engine)
    row = df[df["municipality"] == f.municipality]
    return None if row.empty else row["standing"].iloc[0]


def organization_funnel(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """The organizations assessed in the year within the filters (a municipality's, when it
    is chosen): id, name, sector, municipality_name, respondents, total, the standing of the
    total against the region's mean given the number of respondents, and the limits."""
    stmt = (select(Organization.id, Organization.name, Organization.sector,
                   Municipality.name.label("municipality_name"), Assessment.respondents,
                   Assessment.total)
            .join(Organization, Organization.id == Assessment.organization_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(_scope(f), Assessment.year == f.year)
            .order_by(Assessment.total, Organization.name))
    df = _frame(stmt, engine)
    spread = region_spread(f, engine)
    limits = respondent_funnel(spread["n"], spread["total"], spread["total_sq"],
                               spread["inverse_respondents"])
    df["standing"] = [limits.standing(m, x) for m, x in zip(df["total"], df["respondents"])]
    by = subject_by(f.region, engine)
    df["standing_label"] = [standing_label(k, by) if isinstance(k, str) else None
                            for k in df["standing"]]
    df["target"], df["sigma"], df["tau"] = limits.target, limits.sigma, limits.tau
    _add_limits(df, limits, df["respondents"])
    return df


# ---------------------------------------------------------------- peers

URBAN = "urban_okrug"


def choose_peers(municipalities: pd.DataFrame, oktmo: str, n: int = PEER_COUNT) -> list[str]:
    """The n municipalities most like `oktmo`: urban okrugs among urban okrugs, districts and
    municipal okrugs among themselves, nearest by the logarithm of population (a town of
    20 000 is as far from one of 40 000 as 200 000 from 400 000); without a population, by
    the number of organizations. `municipalities`: queries.municipalities' frame."""
    df = municipalities.set_index("oktmo")
    if oktmo not in df.index:
        return []
    me = df.loc[oktmo]
    urban = me["kind"] == URBAN
    same = df[(df["kind"] == URBAN) == urban].drop(index=oktmo)

    def size(row) -> float:
        for column in ("population", "organizations"):
            value = row.get(column)
            if value is not None and not pd.isna(value) and value > 0:
                return math.log(float(value))
        return math.nan

    mine = size(me)
    distance = same.apply(lambda r: abs(size(r) - mine), axis=1) if len(same) else pd.Series(
        dtype=float)
    ranked = same.assign(distance=distance.fillna(math.inf)).reset_index().sort_values(
        ["distance", "name"])
    return list(ranked["oktmo"].head(n))


def peers(f: Filters, n: int = PEER_COUNT, engine: Engine | None = None) -> list[str]:
    """The automatic peers of the chosen municipality (see choose_peers)."""
    return choose_peers(queries.municipalities(f.region, engine), f.municipality, n)


PEER_MEAN = "Среднее по похожим"


def peer_comparison(f: Filters, chosen: Sequence[str], engine: Engine | None = None
                    ) -> pd.DataFrame:
    """The chosen municipality (first) and the peers in `chosen` in the year: oktmo, name,
    kind, population, n (organizations assessed), К1–К5, total, their standing against the
    region, organizations, covered (assessed in the three years) and coverage (%); then a
    row of the peers together (is_mean): scores over all their organizations assessed,
    coverage over all their organizations."""
    g = f.replace(municipality=None)
    codes = [f.municipality, *[c for c in dict.fromkeys(chosen) if c != f.municipality]]
    munis = queries.municipalities(g.region, engine).set_index("oktmo")
    codes = [c for c in codes if c in munis.index]
    base = munis.loc[codes, ["name", "kind", "population"]].rename_axis("oktmo").reset_index()
    scores = municipality_funnel(g, engine).rename(columns={"municipality": "oktmo"})
    cover = queries.three_year_coverage(g, by="municipality", engine=engine).rename(
        columns={"municipality": "oktmo", "assessed": "covered", "share": "coverage"})
    df = (base.merge(scores[["oktmo", "n", *SCORE_COLUMNS, "standing", "standing_label"]],
                     on="oktmo", how="left")
          .merge(cover[["oktmo", "organizations", "covered", "coverage"]], on="oktmo",
                 how="left"))
    for count in ("n", "organizations", "covered"):
        df[count] = df[count].fillna(0).astype(int)
    df["is_mean"] = False
    others = df.iloc[1:]
    if len(others):
        weights = others["n"]
        row = {"oktmo": None, "name": PEER_MEAN, "kind": None, "population": math.nan,
               "n": int(weights.sum()), "organizations": int(others["organizations"].sum()),
               "covered": int(others["covered"].sum()), "is_mean": True,
               "standing": None, "standing_label": None}
        for score in SCORE_COLUMNS:
            row[score] = ((others[score] * weights).sum() / weights.sum()
                          if weights.sum() else math.nan)
        row["coverage"] = (row["covered"] / row["organizations"] * 100
                           if row["organizations"] else math.nan)
        df = pd.concat([df, pd.DataFrame([row])], ignore_index=True)
    return df
