"""The Plans page: loads without console errors; a sector filter narrows the charts."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def ticks(dash_duo, graph):
    return [t.text for t in dash_duo.find_elements(f"#{graph} .xtick") if t.text]


def test_plans_load_and_sector_filter_narrows(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/plans")
    # the page draws four charts and a long table: the browser is busy for a while
    dash_duo.wait_for_text_to_equal(".page-title",
                                    f"Планы по устранению недостатков на {AS_OF:%d.%m.%Y}",
                                    timeout=40)
    dash_duo.wait_for_element("#plans-sectors .xtick", timeout=30)
    assert ticks(dash_duo, "plans-sectors") == [
        "Культура", "Образование", "Охрана здоровья", "Социальное обслуживание"]
    assert ticks(dash_duo, "plans-criteria") == ["К1", "К2", "К3", "К4", "К5"]
    dash_duo.wait_for_contains_text("#plans-headline", "Просрочено")
    # «Действуют ли планы»: the findings, the chart by criterion, the tables by ministry
    dash_duo.wait_for_contains_text("#plans-effect-findings", "выполнены в срок", timeout=30)
    dash_duo.wait_for_element("#plans-effect .xtick", timeout=30)
    assert ticks(dash_duo, "plans-effect") == ["К1", "К2", "К3", "К4", "К5"]
    dash_duo.wait_for_contains_text("#plans-effect-sectors", "Министерство культуры")
    dash_duo.wait_for_element("#plans-effect-municipalities table")
    dash_duo.wait_for_element("#plans-overdue a[href^='/organization/']")
    choose(dash_duo, "f-sector", "Культура")
    dash_duo.wait_for_contains_text(".page-header", "культура", timeout=30)
    assert "sector=culture" in dash_duo.driver.current_url
    WebDriverWait(dash_duo.driver, 30).until(lambda d: [
        t.text for t in d.find_elements(By.CSS_SELECTOR, "#plans-sectors .xtick") if t.text]
        == ["Культура"])
    link = dash_duo.find_element("#plans-overdue a[href^='/organization/']")
    assert "sector=culture" in link.get_attribute("href")
    assert console_errors(dash_duo) == []
