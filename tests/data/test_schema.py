"""The migrations build exactly the schema of models.py, and its constraints hold."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError

from data_access.models import Assessment, Base, IndicatorValue, Municipality, Organization
from tests.data.conftest import build_small


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_filter_columns_are_indexed(engine):
    indexed = {(t, c) for t in ("organization", "assessment", "plan_measure", "coverage_plan")
               for ix in inspect(engine).get_indexes(t) for c in ix["column_names"]}
    for column in [("organization", "region_id"), ("organization", "sector"),
                   ("organization", "municipality_id"), ("assessment", "year"),
                   ("plan_measure", "status"), ("coverage_plan", "year")]:
        assert column in indexed


def _assessment(**overrides):
    row = dict(id=99, organization_id=5, year=2024, k1=90, k2=90, k3=60, k4=95, k5=95,
               total=86, respondents=100, disabled_respondents=5)
    return {**row, **overrides}


@pytest.mark.parametrize("table, row", [
    (Assessment, _assessment(k3=140)),                      # score above 100
    (Assessment, _assessment(total=-1)),                    # negative score
    (Assessment, _assessment(organization_id=1)),           # a second assessment in 2024
    (Assessment, _assessment(organization_id=777)),         # no such organization
    (Assessment, _assessment(disabled_respondents=101)),    # more disabled than respondents
    (IndicatorValue, dict(assessment_id=1, code="p_bogus", value=50)),
    (IndicatorValue, dict(assessment_id=1, code="p_dist", value=101)),
    (Organization, dict(id=50, region_id=1, municipality_id=1, sector="sport", inn="2300000050",
                        name="x", type="x", founder_level="municipal", founder="x")),
    (Organization, dict(id=50, region_id=1, municipality_id=1, sector="culture", inn="23000",
                        name="x", type="x", founder_level="municipal", founder="x")),
    (Organization, dict(id=50, region_id=1, municipality_id=1, sector="culture",
                        inn="2300000050", name="x", type="x", founder_level="federal",
                        founder="x")),
    (Municipality, dict(id=9, region_id=1, oktmo="0370", name="x", kind="urban_okrug")),
    (Municipality, dict(id=9, region_id=1, oktmo="03799000", name="x", kind="village")),
])
def test_constraints_reject_bad_rows(engine, table, row):
    build_small(engine)
    with pytest.raises(IntegrityError):
        with engine.begin() as conn:
            conn.execute(insert(table), [row])
