"""Every downloadable table under the filters of the hand-counted region."""
import pytest

from dashboard import tables
from data_access import db
from data_access.filters import Filters
from data_access.settings import get_settings

F = Filters(region="23", year=2024)


@pytest.fixture
def default_engine(small, monkeypatch):
    """Point the app's default engine at the small region (tables use the default)."""
    monkeypatch.setattr(db, "get_engine", lambda: small)
    import data_access.queries as q
    monkeypatch.setattr(q, "get_engine", lambda: small)
    yield small
    get_settings.cache_clear()


def test_sector_scores_table(default_engine):
    df = tables.TABLES["overview-sectors"].frame(F)
    assert list(df.columns)[:3] == ["Сфера", "Оценено", "К1"]
    assert df.set_index("Сфера").loc["Образование", "Итоговый балл"] == pytest.approx(83.5)
    assert df["Сфера"].tolist()[-1] == "Все сферы"


def test_unassessed_table(default_engine):
    df = tables.TABLES["attention-unassessed"].frame(F)
    assert df["Организация"].tolist() == ["Школа № 3"]
    assert df["Сфера"].tolist() == ["Образование"]


@pytest.mark.parametrize("key", sorted(tables.TABLES))
def test_every_table_has_russian_headers(default_engine, key):
    df = tables.TABLES[key].frame(F)
    assert all(any("а" <= ch.lower() <= "я" for ch in str(c)) for c in df.columns)
