"""The federal overview in a real browser: the demo holds two subjects (Krasnodar and
Stavropol) and no stored subject boundaries, so the page draws the whole country from the
shipped outline, the 83 subjects without data grey."""
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def test_subjects_side_by_side_and_a_click_opens_one(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/russia")
    dash_duo.wait_for_text_to_equal(".page-title", f"Россия: субъекты РФ, {AS_OF.year} год",
                                    timeout=40)
    dash_duo.wait_for_contains_text("#russia-headline", "Субъектов с данными", timeout=30)
    assert dash_duo.find_element("#russia-headline .kpi-value").text == "2"
    dash_duo.wait_for_contains_text(".shell-region", "Российская Федерация", timeout=30)
    # every subject of the shipped outline is drawn; only the two in the database have values
    WebDriverWait(dash_duo.driver, 30).until(lambda d: d.execute_script(
        "const g = document.querySelector('#russia-map .js-plotly-plot');"
        "return g && g.data && g.data[0].locations.length") == 85)
    trace = dash_duo.driver.execute_script(
        "const t = document.querySelector('#russia-map .js-plotly-plot').data[0];"
        "return {locations: t.locations, z: t.z, zmin: t.zmin};")
    with_values = {loc for loc, z in zip(trace["locations"], trace["z"]) if z > trace["zmin"]}
    assert with_values == {"23", "26"}
    note = dash_duo.find_element(".map-note").text
    assert "Natural Earth" in note and "python" not in note
    # the comparison grid: one row a subject, ranked
    dash_duo.wait_for_element("#russia-table .ag-row", timeout=30)
    names = {e.text for e in dash_duo.find_elements("#russia-table .ag-row [col-id=name]")}
    assert names == {"Краснодарский край", "Ставропольский край"}
    dash_duo.wait_for_contains_text("#russia-sectors", "Образование", timeout=30)

    # the measure goes to the URL, the map's values change in place
    choose(dash_duo, "russia-measure", "Оценены за три года, %")
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "measure=coverage" in d.current_url)
    dash_duo.wait_for_contains_text("#russia-map", "%", timeout=30)
    assert console_errors(dash_duo) == []

    # the navigation offers the page; the subject's link opens its own overview
    assert dash_duo.find_element('a.nav-link[href^="/russia"]').text == "Россия"
    link = dash_duo.find_element('#russia-table .ag-row [col-id=name] a[href*="region=26"]')
    link.click()
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "region=26" in d.current_url)
    dash_duo.wait_for_contains_text(".shell-region", "Ставропольский край", timeout=30)
    assert console_errors(dash_duo) == []
