"""Plan queries against the hand-counted region of tests/data/conftest.py: as of 1.11.2024
school 1's plan (2023) has measures done 1, overdue 1, in progress 1, cancelled 1; the
library's plan (2022) has its one measure done."""
import pytest

from data_access import plan_queries as pq
from data_access.filters import Filters

F = Filters(region="23", year=2024)


def test_completion_by_plan_year_counts_states_per_assessment_year(small):
    df = pq.completion_by_plan_year(F, small).set_index("plan_year")
    assert list(df.index) == [2022, 2023]
    assert df.loc[2022, ["overdue", "in_progress", "done", "cancelled", "total"]].tolist() == [
        0, 0, 1, 0, 1]
    assert df.loc[2023, ["overdue", "in_progress", "done", "cancelled", "total"]].tolist() == [
        1, 1, 1, 1, 4]
    assert df.loc[2023, "overdue_share"] == pytest.approx(25.0)
    assert df.loc[2023, "done_share"] == pytest.approx(25.0)
    assert df.loc[2022, "done_share"] == pytest.approx(100.0)


def test_measure_states_by_sector_municipality_and_criterion(small):
    s = pq.measure_states(F, "sector", small).set_index("sector")
    assert s.loc["education", ["overdue", "in_progress", "done", "cancelled"]].tolist() == [
        1, 1, 1, 1]
    assert s.loc["culture", "done"] == 1 and s.loc["culture", "total"] == 1
    m = pq.measure_states(F, "municipality", small).set_index("municipality_name")
    assert m.loc["Город А", "total"] == 4 and m.loc["Район Б", "total"] == 1
    c = pq.measure_states(F, "criterion", small).set_index("criterion")
    # k3: school's done and overdue, the library's done.
    assert c.loc["k3", ["overdue", "done", "total"]].tolist() == [1, 2, 3]
    assert c.loc["k2", "cancelled"] == 1 and c.loc["k1", "in_progress"] == 1


def test_filters_narrow_and_earlier_years_judge_at_their_end(small):
    culture = pq.completion_by_plan_year(F.replace(sector="culture"), small)
    assert culture["plan_year"].tolist() == [2022] and culture["total"].tolist() == [1]
    # At 31.12.2023 nothing of school 1's plan is due yet and the measure done on
    # 20.02.2024 is not done yet: three in progress, one cancelled.
    y23 = pq.completion_by_plan_year(F.replace(year=2023), small).set_index("plan_year")
    assert y23.loc[2023, ["overdue", "in_progress", "done", "cancelled"]].tolist() == [
        0, 3, 0, 1]
    assert pq.completion_by_plan_year(F.replace(municipality="00000000"), small).empty
