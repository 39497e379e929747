"""Russian number and date formats; the global filters' parsing from a URL query."""
import datetime as dt

import pytest

from dashboard import format as fmt
from data_access.filters import Filters, Options

NB = "\u00a0"
OPTIONS = Options(regions=("23", "26"), years=(2019, 2020, 2024),
                  municipalities=("03701000", "03726000"))


@pytest.mark.parametrize("value, decimals, text", [
    (1234567.891, 1, f"1{NB}234{NB}567,9"), (85, 1, "85,0"), (0.05, 1, "0,1"),
    (999, 0, "999"), (89.25, 1, "89,3"), (-2.5, 0, "-3"), (None, 1, "—"), (float("nan"), 1, "—"),
])
def test_number(value, decimals, text):
    assert fmt.number(value, decimals) == text


def test_signed_uses_a_true_minus_and_plus():
    assert fmt.signed(1.25) == "+1,3"
    assert fmt.signed(-0.44) == "−0,4"
    assert fmt.signed(0.01) == "0,0"


def test_percent_and_dates():
    assert fmt.percent(96.14) == f"96,1{NB}%"
    assert fmt.date(dt.date(2026, 3, 9)) == "09.03.2026"
    assert fmt.date("2026-12-01") == "01.12.2026"
    assert fmt.date_long(dt.date(2026, 12, 1)) == f"1 декабря 2026{NB}г."


@pytest.mark.parametrize("n, word", [(1, "мера"), (2, "меры"), (5, "мер"), (11, "мер"),
                                     (21, "мера"), (104, "меры"), (112, "мер")])
def test_plural(n, word):
    assert fmt.plural(n, "мера", "меры", "мер") == word


def test_filters_from_a_full_query():
    f = Filters.from_query({"region": "26", "year": "2020", "sector": "health",
                            "municipality": "03726000"}, OPTIONS)
    assert f == Filters("26", 2020, "health", "03726000")
    assert f.as_query() == {"region": "26", "year": "2020", "sector": "health",
                            "municipality": "03726000"}


@pytest.mark.parametrize("query", [
    {}, {"year": "1900"}, {"year": "20x4"}, {"year": "9" * 400}, {"sector": "<script>"},
    {"sector": "' OR 1=1 --"}, {"municipality": "99999999"}, {"region": "77"},
])
def test_unknown_values_give_the_default_view(query):
    f = Filters.from_query(query, OPTIONS)
    assert (f.region, f.year) == ("23", 2024)
    assert f.sector is None and f.municipality is None


def test_filters_with_no_data_loaded():
    # a subject with no results yet shows the current year, empty, never a year 0
    f = Filters.from_query({"year": "2024"}, Options((), (), ()))
    assert (f.region, f.year) == ("", dt.date.today().year)
