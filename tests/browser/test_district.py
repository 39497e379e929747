"""The district profile in a real browser: it loads, follows the municipality filter, and
leads back to the region and on to an organization."""
from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
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


def test_district_fair_comparison_and_peers_in_the_url(dash_duo, demo_app):
    """The standing in words, the organizations' funnel, and the peers: removing one goes
    into the URL and survives a reload; «Как было» brings back the automatic choice."""
    def peers_in_url():
        query = parse_qs(urlparse(dash_duo.driver.current_url).query)
        return query.get("peers", [None])[0]

    def peer_rows():
        return dash_duo.driver.find_elements(By.CSS_SELECTOR, "#district-peers-table tbody tr")

    dash_duo.start_server(demo_app)
    url = dash_duo.server_url + f"/district/03621000?year={AS_OF.year - 1}"
    dash_duo.driver.get(url)
    dash_duo.wait_for_text_to_equal(".page-title", "Кореновский район", timeout=30)
    badge = dash_duo.wait_for_element(".standing-badge", timeout=30).text
    assert "среднего по краю" in badge or "случайных колебаний" in badge or "мало данных" in badge
    dash_duo.wait_for_element("#district-funnel .scatterlayer .point", timeout=30)
    dash_duo.wait_for_element("#district-peers-table table", timeout=30)
    wait = WebDriverWait(dash_duo.driver, 30)
    wait.until(lambda d: len(peer_rows()) == 7)  # the district, 5 peers, their mean
    first_peer = peer_rows()[1].find_element(By.CSS_SELECTOR, "td").text
    pill = next(p for p in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".mantine-MultiSelect-pill") if p.text.strip() == first_peer)
    pill.find_element(By.CSS_SELECTOR, "button").click()
    wait.until(lambda d: len(peer_rows()) == 6)
    wait.until(lambda d: peers_in_url() is not None and len(peers_in_url().split(",")) == 4)
    assert first_peer not in [r.text for r in peer_rows()]
    dash_duo.driver.get(dash_duo.driver.current_url)  # a copied link restores the choice
    wait.until(lambda d: len(peer_rows()) == 6)
    dash_duo.find_element("#district-peers-reset").click()
    wait.until(lambda d: len(peer_rows()) == 7 and peers_in_url() is None)
    dash_duo.driver.get(dash_duo.driver.current_url + "&peers=03703000")
    wait.until(lambda d: len(peer_rows()) == 3)  # the district, Анапа, their mean
    choose(dash_duo, "f-municipality", "Армавир")  # another district: its own peers
    dash_duo.wait_for_text_to_equal(".page-title", "Армавир", timeout=30)
    wait.until(lambda d: len(peer_rows()) == 7 and peers_in_url() is None)
    assert console_errors(dash_duo) == []
