"""The district profile in a real browser: it loads, follows the municipality filter, and
leads back to the region and on to an organization."""
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def test_district_profile_loads_and_follows_the_municipality_filter(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + f"/district/03705000?year={AS_OF.year}")
    dash_duo.wait_for_text_to_equal(".page-title", "Армавир", timeout=30)
    dash_duo.wait_for_contains_text(".page-header", "Городской округ", timeout=30)
    dash_duo.wait_for_contains_text(".kpi-grid", "Средний итоговый балл", timeout=30)
    dash_duo.wait_for_element("#district-history .xtick", timeout=30)
    dash_duo.wait_for_element("#district-organizations table", timeout=30)
    assert dash_duo.find_element("#f-municipality").get_attribute("value") == "Армавир"
    choose(dash_duo, "f-municipality", "Анапа")
    dash_duo.wait_for_text_to_equal(".page-title", "Анапа", timeout=30)
    assert "/district/03703000" in dash_duo.driver.current_url
    assert f"year={AS_OF.year}" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_district_links_to_organizations_and_back_to_the_region(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    year = AS_OF.year - 1
    dash_duo.driver.get(dash_duo.server_url + f"/district/03703000?year={year}")
    dash_duo.wait_for_element("#district-organizations table a", timeout=30)
    link = dash_duo.find_element("#district-organizations table a")
    name = link.text
    link.click()
    dash_duo.wait_for_text_to_equal(".page-title", name, timeout=30)
    assert "/organization/" in dash_duo.driver.current_url
    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal(".page-title", "Анапа", timeout=30)
    dash_duo.driver.execute_script("window.scrollTo(0, 0)")  # back restores the scroll
    dash_duo.find_element(".back-link").click()
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {year} год", timeout=30)
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: "municipality" not in d.current_url and f"year={year}" in d.current_url)
    assert console_errors(dash_duo) == []


def test_unknown_district_says_so(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/district/00000000")
    dash_duo.wait_for_text_to_equal(".page-title", "Муниципальное образование не найдено")
    assert console_errors(dash_duo) == []
