"""The Coverage page: charts render, a sector filter narrows them, the table view opens."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def test_coverage_loads_and_sector_filter_narrows(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/coverage")
    dash_duo.wait_for_text_to_equal(".page-title", f"Охват оценкой в {AS_OF.year} году")
    dash_duo.wait_for_element("#coverage-plan .xtick")
    dash_duo.wait_for_contains_text("#coverage-year", "Абинский район")
    ticks = [t.text for t in dash_duo.find_elements("#coverage-plan .xtick") if t.text]
    assert ticks == ["Культура", "Образование", "Охрана здоровья", "Социальное обслуживание"]
    choose(dash_duo, "f-sector", "Культура")
    dash_duo.wait_for_contains_text(".page-header", "культура")
    assert "sector=culture" in dash_duo.driver.current_url
    WebDriverWait(dash_duo.driver, 10).until(lambda d: d.find_element(
        By.CSS_SELECTOR, "#coverage-plan-table tbody td").get_attribute("textContent")
        == "Культура")
    assert [t.text for t in dash_duo.find_elements("#coverage-plan .xtick") if t.text] == [
        "Культура"]
    assert console_errors(dash_duo) == []


def test_chart_numbers_as_a_table(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + f"/coverage?year={AS_OF.year - 1}")
    dash_duo.wait_for_element("#coverage-plan-table table", timeout=30)
    dash_duo.find_element("#coverage-plan-table").find_element(
        "xpath", "..").find_element("tag name", "summary").click()
    dash_duo.wait_for_contains_text("#coverage-plan-table", "Выполнение плана, %")
    assert "Образование" in dash_duo.find_element("#coverage-plan-table").text
    assert console_errors(dash_duo) == []
