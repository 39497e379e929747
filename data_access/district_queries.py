"""Queries of the district profile (/district/<oktmo>): the municipality's card, its scores
over the years against the region, its place among the region's municipalities, and the
shortcomings found most often in its organizations."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.filters import Filters
from data_access.methodology import CRITERIA
from data_access.models import Assessment, Municipality, Organization, Region, Shortcoming
from data_access.queries import SCORE_COLUMNS, _frame, _scope, scores


def district(oktmo: str, engine: Engine | None = None) -> dict:
    """oktmo, name, kind, population, region code and name, organizations; {} if unknown."""
    orgs = (select(func.count(Organization.id)).where(Organization.municipality_id
                                                       == Municipality.id)
            .correlate(Municipality).scalar_subquery())
    stmt = (select(Municipality.oktmo, Municipality.name, Municipality.kind,
                   Municipality.population, Region.code.label("region"),
                   Region.name.label("region_name"), orgs.label("organizations"))
            .join(Region, Region.id == Municipality.region_id)
            .where(Municipality.oktmo == oktmo))
    df = _frame(stmt, engine)
    return df.iloc[0].to_dict() if len(df) else {}


def history(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """Per year up to the chosen one: the district's n, К1–К5 and total (within the sector
    filter), the region's mean total in the same sector scope (region_total) and, when a
    sector is chosen, the region's mean over all sectors (all_total)."""
    own = scores(f, by=("year",), all_years=True, engine=engine)
    region = scores(f.replace(municipality=None), by=("year",), all_years=True, engine=engine)
    df = own.merge(region[["year", *SCORE_COLUMNS]].rename(
        columns={c: f"region_{c}" for c in SCORE_COLUMNS}), on="year", how="left")
    if f.sector:
        every = scores(f.replace(municipality=None, sector=None), by=("year",),
                       all_years=True, engine=engine)
        df = df.merge(every[["year", "total"]].rename(columns={"total": "all_total"}),
                      on="year", how="left")
    return df[df["n"] > 0].reset_index(drop=True)


def standing(f: Filters, engine: Engine | None = None) -> dict:
    """The district's place by mean total among the region's municipalities in the year
    (1 = best; ties share the better place), out of how many were assessed."""
    df = scores(f.replace(municipality=None), by=("municipality",), engine=engine)
    df = df[df["n"] > 0]
    if f.municipality not in set(df["municipality"]):
        return {"place": None, "of": len(df)}
    places = df["total"].rank(method="min", ascending=False).astype(int)
    place = int(places[df["municipality"] == f.municipality].iloc[0])
    return {"place": place, "of": len(df)}


def frequent_shortcomings(f: Filters, engine: Engine | None = None) -> pd.DataFrame:
    """criterion, indicator, the number of shortcomings found in the year's assessments and of
    organizations they were found in; the most frequent first."""
    orgs = func.count(func.distinct(Assessment.organization_id)).label("organizations")
    stmt = (select(Shortcoming.criterion, Shortcoming.indicator,
                   func.count(Shortcoming.id).label("n"), orgs)
            .join(Assessment, Assessment.id == Shortcoming.assessment_id)
            .join(Organization, Organization.id == Assessment.organization_id)
            .where(_scope(f), Assessment.year == f.year)
            .group_by(Shortcoming.criterion, Shortcoming.indicator)
            .order_by(func.count(Shortcoming.id).desc(), Shortcoming.criterion,
                      Shortcoming.indicator))
    df = _frame(stmt, engine)
    order = {c: i for i, c in enumerate(CRITERIA)}
    return df.sort_values(["n", "criterion"], ascending=[False, True],
                          key=lambda s: s.map(order) if s.name == "criterion" else s,
                          kind="stable").reset_index(drop=True)
