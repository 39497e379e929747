"""The Results page in a real browser: it loads without console errors, the ranking search
narrows the grid and goes into the URL, the criterion switch changes the trend and the URL,
a copied link restores search, sort and criterion, a filter change keeps them, a year with no
assessments says so in words, and a municipality's dot opens its profile."""
from urllib.parse import parse_qs, urlparse

import pytest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors

WAIT = 40


def query(dash_duo) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(dash_duo.driver.current_url).query).items()}


def wait(dash_duo, condition, timeout=WAIT):
    return WebDriverWait(dash_duo.driver, timeout).until(lambda d: condition())


def rows(dash_duo) -> list:
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, "#results-grid .ag-center-cols-container .ag-row")


def cells(dash_duo, col: str) -> list[str]:
    return [c.get_attribute("textContent") for c in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, f"#results-grid .ag-center-cols-container .ag-cell[col-id='{col}']")]


def number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(",", "."))


def open_results(dash_duo, demo_app, suffix=""):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/results" + suffix)
    dash_duo.wait_for_contains_text(".page-title", "Результаты оценки", timeout=WAIT)


def test_results_load_and_search_narrows_the_ranking(dash_duo, demo_app):
    open_results(dash_duo, demo_app)
    dash_duo.wait_for_text_to_equal(".page-title", f"Результаты оценки {AS_OF.year} года",
                                    timeout=WAIT)
    dash_duo.wait_for_element("#results-criteria .xtick", timeout=WAIT)
    dash_duo.wait_for_element("#results-trend .scatterlayer .trace", timeout=WAIT)
    dash_duo.wait_for_element("#results-distribution .barlayer .trace", timeout=WAIT)
    dash_duo.wait_for_element("#results-municipalities .scatterlayer .point", timeout=WAIT)
    dash_duo.wait_for_contains_text("#results-count", "Всего", timeout=WAIT)
    total = dash_duo.find_element("#results-count").text
    assert len(rows(dash_duo)) == 25  # the first page
    assert dash_duo.find_element("#results-grid .ag-paging-panel").text.count("Страница") == 1
    # the first rows go in rank order, and the total is formatted the Russian way
    totals = [number(t) for t in cells(dash_duo, "total")[:5]]
    assert totals == sorted(totals, reverse=True)
    assert "," in cells(dash_duo, "total")[0]

    dash_duo.find_element("#results-search").send_keys("Сочи")
    dash_duo.wait_for_contains_text("#results-count", "Показано", timeout=WAIT)
    wait(dash_duo, lambda: query(dash_duo).get("q") == "Сочи")
    assert dash_duo.find_element("#results-count").text != total
    visible = [r.get_attribute("textContent") for r in rows(dash_duo)]
    assert visible and all("Сочи" in "".join(
        c.get_attribute("textContent") for c in dash_duo.driver.find_elements(
            By.CSS_SELECTOR, f"#results-grid .ag-row[row-index='{r.get_attribute('row-index')}']"))
        for r in rows(dash_duo))
    assert console_errors(dash_duo) == []


def test_criterion_switch_changes_trend_and_url(dash_duo, demo_app):
    open_results(dash_duo, demo_app)
    dash_duo.wait_for_contains_text("#results-trend .gtitle", "Итоговый балл", timeout=WAIT)
    dash_duo.driver.find_element(By.XPATH, "//*[@id='results-crit']//label[normalize-space()='К3']").click()
    dash_duo.wait_for_contains_text("#results-trend .gtitle", "К3 Доступность", timeout=WAIT)
    wait(dash_duo, lambda: query(dash_duo).get("crit") == "k3")
    dash_duo.find_element("#results-trend-table").find_element(
        "xpath", "..").find_element("tag name", "summary").click()
    dash_duo.wait_for_contains_text("#results-trend-table", "Среднее по краю", timeout=WAIT)
    assert console_errors(dash_duo) == []


def test_link_restores_search_sort_and_criterion(dash_duo, demo_app):
    open_results(dash_duo, demo_app, "?q=%D0%A1%D0%BE%D1%87%D0%B8&sort=total:asc&crit=k2")
    dash_duo.wait_for_contains_text("#results-count", "Показано", timeout=WAIT)
    assert dash_duo.find_element("#results-search").get_attribute("value") == "Сочи"
    dash_duo.wait_for_contains_text("#results-trend .ytitle", "К2", timeout=WAIT)
    header = dash_duo.find_element("#results-grid .ag-header-cell[col-id='total']")
    assert header.get_attribute("aria-sort") == "ascending"
    totals = [number(t) for t in cells(dash_duo, "total")]
    assert len(totals) > 1 and totals == sorted(totals)
    # sorting by another column rewrites the link
    dash_duo.find_element("#results-grid .ag-header-cell[col-id='k3'] .ag-header-cell-label").click()
    wait(dash_duo, lambda: query(dash_duo).get("sort") == "k3:asc")
    assert query(dash_duo)["q"] == "Сочи" and query(dash_duo)["crit"] == "k2"
    assert console_errors(dash_duo) == []


def test_sector_filter_narrows_and_keeps_page_state(dash_duo, demo_app):
    open_results(dash_duo, demo_app, "?crit=k3&q=%D0%9C%D0%91%D0%A3%D0%9A")  # q=МБУК
    dash_duo.wait_for_contains_text("#results-count", "Показано", timeout=WAIT)
    choose(dash_duo, "f-sector", "Культура")
    dash_duo.wait_for_contains_text(".page-header", "культура", timeout=WAIT)
    wait(dash_duo, lambda: query(dash_duo).get("sector") == "culture")
    assert query(dash_duo).get("q") == "МБУК" and query(dash_duo).get("crit") == "k3"
    dash_duo.wait_for_contains_text("#results-trend .ytitle", "К3", timeout=WAIT)
    wait(dash_duo, lambda: [t.text for t in dash_duo.find_elements("#results-trend .legendtext")]
         == ["Культура", "Среднее по краю"])
    wait(dash_duo, lambda: set(cells(dash_duo, "sector_name")) == {"Культура"})
    assert console_errors(dash_duo) == []


def test_filter_change_after_typing_keeps_the_search(dash_duo, demo_app):
    open_results(dash_duo, demo_app)
    dash_duo.wait_for_contains_text("#results-count", "Всего", timeout=WAIT)
    dash_duo.find_element("#results-search").send_keys("МБУК")
    wait(dash_duo, lambda: query(dash_duo).get("q") == "МБУК")
    choose(dash_duo, "f-sector", "Культура")
    wait(dash_duo, lambda: query(dash_duo).get("sector") == "culture", timeout=15)
    assert query(dash_duo).get("q") == "МБУК"


def _combination_without_assessments():
    """A municipality and sector with no assessment in the year (found in the demo data)."""
    from data_access import queries
    from data_access.filters import Filters
    region = queries.regions()["code"].iloc[0]
    for oktmo in queries.municipalities(region)["oktmo"]:
        for sector in ("health", "social", "culture"):
            f = Filters(region, AS_OF.year, sector, oktmo)
            if queries.ranking(f).empty:
                return sector, oktmo
    raise AssertionError("every combination has assessments")


def test_no_assessments_says_so_in_words(dash_duo, demo_app):
    sector, oktmo = _combination_without_assessments()
    open_results(dash_duo, demo_app, f"?sector={sector}&municipality={oktmo}")
    dash_duo.wait_for_contains_text("#results-empty", "оценок нет", timeout=WAIT)
    assert not dash_duo.find_element("#results-grid-wrap").is_displayed()
    dash_duo.wait_for_contains_text("#results-criteria", "оценок", timeout=WAIT)
    assert console_errors(dash_duo) == []


def test_municipality_dot_opens_district(dash_duo, demo_app):
    open_results(dash_duo, demo_app, f"?year={AS_OF.year - 1}")
    dash_duo.wait_for_element("#results-municipalities .scatterlayer .point", timeout=WAIT)
    point = dash_duo.find_elements("#results-municipalities .scatterlayer .point")[-1]
    ActionChains(dash_duo.driver).move_to_element(point).pause(0.5).click().perform()
    wait(dash_duo, lambda: "/district/" in dash_duo.driver.current_url)
    assert query(dash_duo)["year"] == str(AS_OF.year - 1)
    assert console_errors(dash_duo) == []


def test_funnel_names_the_outliers_and_leads_to_their_profiles(dash_duo, demo_app):
    """The municipalities' funnel is drawn with its limits; a named municipality outside them
    opens its profile; with a municipality chosen the funnel shows its organizations."""
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + f"/results?year={AS_OF.year - 1}")
    dash_duo.wait_for_element("#results-funnel .scatterlayer .point", timeout=WAIT)
    legend = dash_duo.find_element("#results-funnel .legend").text
    assert "Границы 99,8 %" in legend and "Границы 95 %" in legend
    outliers = dash_duo.wait_for_element("#results-funnel-outliers", timeout=WAIT)
    links = outliers.find_elements(By.CSS_SELECTOR, "a")
    if links:  # the demo data usually has some; the words say so otherwise
        name = links[0].text
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                                       links[0])
        links[0].click()
        dash_duo.wait_for_text_to_equal(".page-title", name, timeout=WAIT)
        assert "/district/" in dash_duo.driver.current_url
        dash_duo.driver.back()
    else:
        assert "в пределах случайных колебаний" in outliers.text
    dash_duo.driver.get(dash_duo.server_url
                        + f"/results?year={AS_OF.year - 1}&municipality=03621000")
    dash_duo.wait_for_contains_text("#results-funnel .xtitle", "Опрошено", timeout=WAIT)
    assert console_errors(dash_duo) == []
