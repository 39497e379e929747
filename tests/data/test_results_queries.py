"""The Results page's histogram of totals against the hand-counted region of conftest.py.

2024 totals: Школа № 1 89, Школа № 2 78, Библиотека 78, Больница 93 (2023: Школа № 1 86)."""
from sqlalchemy import insert

from data_access import results_queries as rq
from data_access.filters import Filters
from data_access.models import Assessment

F = Filters(region="23", year=2024)


def rows(df):
    return [tuple(r) for r in df[["bin", "band", "n"]].itertuples(index=False)]


def test_histogram_counts_whole_bins_by_band(small):
    assert rows(rq.total_histogram(F, engine=small)) == [
        (78, "satisfactory", 2), (89, "good", 1), (93, "excellent", 1)]


def test_histogram_follows_the_filters(small):
    assert rows(rq.total_histogram(F.replace(sector="education"), engine=small)) == [
        (78, "satisfactory", 1), (89, "good", 1)]
    assert rows(rq.total_histogram(F.replace(municipality="03601000"), engine=small)) == [
        (78, "satisfactory", 1), (93, "excellent", 1)]
    assert rows(rq.total_histogram(F.replace(year=2023), engine=small)) == [(86, "good", 1)]
    assert rq.total_histogram(F.replace(year=2021), engine=small).empty


def test_fractional_totals_are_floored_not_rounded(small):
    """80.6 belongs to the bin 80–81 and to «удовлетворительно» (below 81), on PostgreSQL
    too, where CAST rounds; 100 goes to the last bin."""
    with small.begin() as conn:
        conn.execute(insert(Assessment), [
            dict(id=7, organization_id=5, year=2024, k1=90, k2=90, k3=43, k4=90, k5=90,
                 total=80.6, respondents=10, disabled_respondents=0),
            dict(id=8, organization_id=5, year=2023, k1=100, k2=100, k3=100, k4=100, k5=100,
                 total=100, respondents=10, disabled_respondents=0)])
    assert rows(rq.total_histogram(F, engine=small)) == [
        (78, "satisfactory", 2), (80, "satisfactory", 1), (89, "good", 1), (93, "excellent", 1)]
    assert rows(rq.total_histogram(F.replace(year=2023), engine=small)) == [
        (86, "good", 1), (99, "excellent", 1)]


def test_histogram_with_other_band_thresholds(small):
    thresholds = {"excellent": 90, "good": 80, "satisfactory": 70, "below_average": 50}
    assert rows(rq.total_histogram(F, thresholds, engine=small)) == [
        (78, "satisfactory", 2), (89, "good", 1), (93, "excellent", 1)]
    thresholds = {"excellent": 88.5, "good": 78.5, "satisfactory": 70, "below_average": 50}
    assert rows(rq.total_histogram(F, thresholds, engine=small)) == [
        (78, "satisfactory", 2), (89, "excellent", 1), (93, "excellent", 1)]
