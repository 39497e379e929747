"""The global filters (region, year, sector, municipality, founder) as one validated value
object."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from data_access.models import FOUNDER_LEVELS, SECTORS


@dataclass(frozen=True)
class Options:
    """What the filters may take: read from the database, see queries.filter_options."""
    regions: tuple[str, ...]        # subject codes, the default first
    years: tuple[int, ...]          # years with assessments, ascending
    municipalities: tuple[str, ...]  # OKTMO codes of the chosen region

    @property
    def default_year(self) -> int:
        """The latest assessed year; the current one for a subject with no results yet."""
        return self.years[-1] if self.years else dt.date.today().year


@dataclass(frozen=True)
class Filters:
    region: str
    year: int
    sector: str | None = None        # None: all sectors
    municipality: str | None = None  # OKTMO; None: the whole region
    # founder level (models.FOUNDER_LEVELS): «municipal» with a municipality chosen is what
    # that district's administration founded (seed 004); None: every founder
    founder: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, object], options: Options) -> Filters:
        """Anything unknown, malformed or absent falls back to the default view."""
        region = str(query.get("region") or "")
        if region not in options.regions:
            region = options.regions[0] if options.regions else ""
        try:
            year = int(str(query.get("year")))
        except ValueError:
            year = -1
        if year not in options.years:
            year = options.default_year
        sector = query.get("sector")
        sector = sector if sector in SECTORS else None
        municipality = query.get("municipality")
        municipality = municipality if municipality in options.municipalities else None
        founder = query.get("founder")
        founder = founder if founder in FOUNDER_LEVELS else None
        return cls(region, year, sector, municipality, founder)

    def as_query(self) -> dict[str, str]:
        """The URL query of this view; defaults are left out to keep links short."""
        return {k: str(v) for k, v in asdict(self).items() if v is not None}

    def replace(self, **changes) -> Filters:
        return Filters(**{**asdict(self), **changes})
