"""The Recommendations page: loads with nine cards, the sector filter narrows the ministries."""
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.helpers import choose, console_errors

MINISTRIES = "#recommendations-matrix th.ministry"


def texts(dash_duo, selector: str) -> list[str]:
    """Texts read in one go in the page (a re-render cannot leave stale elements)."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector)


def test_recommendations_load_and_sector_filter_narrows_ministries(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/recommendations")
    dash_duo.wait_for_contains_text(".page-header", "от 13.12.2022 № 184-П")
    dash_duo.wait_for_element("#recommendations-cards .rec-card")
    assert len(dash_duo.find_elements(".rec-card")) == 9
    dash_duo.wait_for_element("#rec-3 .js-plotly-plot")
    assert "после постановления" in dash_duo.find_element("#rec-3 .rec-changes").text
    assert len(dash_duo.find_elements(MINISTRIES)) == 4
    # «Действуют ли рекомендации»: a block per recommendation, its targets in words
    dash_duo.wait_for_element("#recommendations-effect .rec-effect-item", timeout=30)
    assert len(dash_duo.find_elements("#recommendations-effect .rec-effect-item")) == 9
    assert "К3 Доступность услуг для инвалидов" in dash_duo.find_element(
        "#recommendations-effect").text
    choose(dash_duo, "f-sector", "Культура")
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: texts(dash_duo, MINISTRIES) == ["Министерство культуры"])
    assert "sector=culture" in dash_duo.driver.current_url
    dash_duo.wait_for_element("#rec-1 .rec-ministries")
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: texts(dash_duo, "#rec-1 .rec-ministry") == ["Министерство культуры"])
    assert len(dash_duo.find_elements(".rec-card")) == 9
    assert console_errors(dash_duo) == []
