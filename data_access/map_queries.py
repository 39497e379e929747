"""Queries of the map page («Карта»): every measure the map can show, one row per municipal
formation of the region, and the stored boundary polygons.

The municipality filter does not narrow the map: a map of one district says nothing, so all
the region's municipalities are returned and the page highlights the chosen one. The sector
filter applies to every measure. Each part is aggregated in SQL by an existing query of
`queries` / `plan_queries` (the same figures as on the other pages), joined here on OKTMO.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data_access import boundaries, comparison_queries, plan_queries, queries
from data_access.db import get_engine
from data_access.filters import Filters
from data_access.methodology import CRITERIA

COLUMNS = ("oktmo", "name", "kind", "organizations", "assessed", "total", *CRITERIA,
           "year_share", "three_year_share", "measures", "overdue", "overdue_share",
           *(f"standing_{c}" for c in queries.SCORE_COLUMNS), "standing_label",
           *(f"standing_label_{c}" for c in queries.SCORE_COLUMNS))


def municipality_measures(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per municipality of the region, by name: oktmo, name, kind; organizations in scope
    (the sector filter applied), assessed (assessments in the year), the mean total and
    К1–К5 of those assessments; year_share and three_year_share: % of the organizations
    assessed in the year and in the three years up to it; measures (plan measures in plans
    up to the year), overdue (at the period's end) and overdue_share (% of measures).
    A measure with nothing to average is NaN: no organizations, no assessments, no plans.
    standing_<score>: the mean of К1–К5 or the total against the region's beyond chance or
    not (comparison_queries), standing_label and standing_label_<score>: in words, the
    subject's («ниже среднего по области»)."""
    g = f.replace(municipality=None)
    munis = queries.municipalities(g.region, engine)[["oktmo", "name", "kind"]]
    scores = queries.scores(g, by=("municipality",), engine=engine)
    scores = (comparison_queries.with_standings(
        scores[scores["n"] > 0], comparison_queries.region_spread(g, engine),
        by=queries.subject_by(g.region, engine))
        .rename(columns={"municipality": "oktmo", "n": "assessed"})
        .drop(columns=["municipality_name"]))
    year = (queries.three_year_coverage(g, by="municipality", window=1, engine=engine)
            .rename(columns={"municipality": "oktmo", "share": "year_share"})
            [["oktmo", "organizations", "year_share"]])
    three = (queries.three_year_coverage(g, by="municipality", window=3, engine=engine)
             .rename(columns={"municipality": "oktmo", "share": "three_year_share"})
             [["oktmo", "three_year_share"]])
    plans = (plan_queries.measure_states(g, "municipality", engine)
             .rename(columns={"municipality": "oktmo", "total": "measures"})
             [["oktmo", "measures", "overdue", "overdue_share"]])
    df = munis
    for part in (year, three, scores, plans):
        df = df.merge(part, on="oktmo", how="left")
    for count in ("organizations", "assessed", "measures", "overdue"):
        df[count] = df[count].fillna(0).astype(int)
    return df[list(COLUMNS)].reset_index(drop=True)


def geometry(region: str, engine: Engine | None = None) -> dict | None:
    """The region's stored boundary polygons as a GeoJSON FeatureCollection whose feature
    ids are OKTMO codes; None when none are loaded (the page then draws tiles)."""
    return boundaries.feature_collection(engine or get_engine(), region)
