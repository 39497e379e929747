"""The Methodology page in a real browser: formulas, bands and sources load clean, and the
year filter moves the date measure states are judged at."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def test_methodology_loads_with_formulas_bands_sources_and_no_console_errors(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/methodology")
    dash_duo.wait_for_text_to_equal(".page-title", "Методика")
    dash_duo.wait_for_contains_text("#methodology-k1 .formula",
                                    "К1 = 0,3 · Пинф + 0,3 · Пдист + 0,4 · Поткр.уд")
    assert len(dash_duo.find_elements("#methodology-k2 .formula")) == 2
    dash_duo.wait_for_contains_text(".bands-table", "81–90,99")
    dash_duo.wait_for_text_to_equal("#methodology-status-date", AS_OF.strftime("%d.%m.%Y"))
    dash_duo.wait_for_contains_text(".source-card", "Демонстрационные данные")
    dash_duo.wait_for_contains_text(".source-card", AS_OF.strftime("%d.%m.%Y"))
    # the session's demo database may already hold an import made by the import page's test
    WebDriverWait(dash_duo.driver, 10).until(lambda d: any(
        words in d.find_element(By.ID, "methodology-sources").text
        for words in ("Импорт ещё не выполнялся", "Результат")))
    assert "© участники OpenStreetMap" in dash_duo.find_element(".page").text
    assert console_errors(dash_duo) == []


def test_year_filter_moves_the_date_of_measure_states(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/methodology")
    dash_duo.wait_for_text_to_equal("#methodology-status-date", AS_OF.strftime("%d.%m.%Y"))
    year = AS_OF.year - 2
    choose(dash_duo, "f-year", str(year))
    # a past year is judged at its 31 December, and its three-year window moves with it
    dash_duo.wait_for_text_to_equal("#methodology-status-date", f"31.12.{year}")
    dash_duo.wait_for_contains_text("#methodology-rules", f"{year - 2}–{year}")
    assert f"year={year}" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []
