"""Accessibility, measured: axe-core (bundled by axe-selenium-python) finds no serious or
critical violation on any page, in both regions, with a sector and a municipality chosen; and
the keyboard alone reaches the navigation, the filters and a table."""
from axe_selenium_python import Axe
from selenium.common.exceptions import JavascriptException, TimeoutException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

SOCHI, STAVROPOL = "03726000", "07701000"
PAGES = ["/", "/coverage", "/results", "/map", "/plans", "/recommendations", "/schedule",
         "/report", "/methodology", "/russia", "/district/{oktmo}", "/login", "/import"]
VIEWS = [("23", "", ""), ("26", "culture", STAVROPOL)]


def _settled(driver) -> bool:
    """The page drawn and no Dash callback waiting."""
    return driver.execute_script(
        "return !!document.querySelector('.page-title, .brief-doc, .login-card, .fatal')"
        " && !document.querySelector('[data-dash-is-loading=\"true\"]')"
        " && !document.querySelector('._dash-loading');")


def _serious(driver) -> list[str]:
    axe = Axe(driver)
    axe.inject()
    result = axe.run()
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_no_serious_or_critical_axe_violation_on_any_page(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    found = {}
    for region, sector, municipality in VIEWS:
        oktmo = municipality or SOCHI
        query = "&".join(p for p in (f"region={region}", sector and f"sector={sector}",
                                     municipality and f"municipality={municipality}") if p)
        for page in PAGES:
            url = page.format(oktmo=oktmo) + "?" + query
            dash_duo.driver.get(dash_duo.server_url + url)
            try:
                WebDriverWait(dash_duo.driver, 60, poll_frequency=0.5,
                              ignored_exceptions=(TimeoutException, JavascriptException)
                              ).until(_settled)
            except TimeoutException:
                found[url] = ["the page did not finish loading"]
                continue
            problems = _serious(dash_duo.driver)
            if problems:
                found[url] = problems
    assert found == {}


def _focused(driver) -> str:
    return driver.execute_script("""
        const e = document.activeElement;
        if (!e) { return ''; }
        if (e.closest('.nav')) { return 'nav:' + (e.getAttribute('href') || ''); }
        if (e.closest('.filter-bar')) { return 'filter:' + (e.id || e.getAttribute('aria-label') || ''); }
        if (e.closest('.ag-root')) { return 'grid'; }
        if (e.closest('.data-table')) { return 'table'; }
        return e.tagName.toLowerCase();""")


def test_the_keyboard_reaches_navigation_filters_and_tables(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/results?region=23")
    WebDriverWait(dash_duo.driver, 60, poll_frequency=0.5,
                  ignored_exceptions=(TimeoutException, JavascriptException)).until(_settled)
    dash_duo.wait_for_element("#results-grid .ag-row", timeout=30)
    # from the top of the page, as a keyboard user starts: the logo is the first stop
    dash_duo.driver.execute_script("document.querySelector('.logo').closest('a').focus()")
    seen = []
    for _ in range(120):
        dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
        seen.append(_focused(dash_duo.driver))
        if "grid" in seen:
            break
    assert any(s.startswith("nav:/coverage") for s in seen)
    assert "filter:f-year" in seen and "filter:f-sector" in seen
    assert "grid" in seen  # the ranking's cells take the focus

    # a filter chosen with the keyboard alone
    year = dash_duo.find_element("#f-year")
    year.click()
    year.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "year=" in d.current_url)

    # a navigation link followed with Enter
    link = dash_duo.find_element('a.nav-link[href^="/coverage"]')
    dash_duo.driver.execute_script("arguments[0].focus()", link)
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text(".page-title", "Охват", timeout=30)
