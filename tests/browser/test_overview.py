"""The Overview page in a real browser: loads clean, filters change figures and the URL."""
from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def kpi_values(dash_duo) -> list[str]:
    return [e.text for e in dash_duo.find_elements(".kpi-value")]


def test_overview_loads_with_figures_and_no_console_errors(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {AS_OF.year} год")
    dash_duo.wait_for_element(".kpi-value")
    assert len(kpi_values(dash_duo)) == 5
    dash_duo.wait_for_contains_text(".data-table", "Все сферы")
    dash_duo.wait_for_contains_text(".attention-grid", "Самые низкие баллы")
    assert "Демонстрационные данные" in dash_duo.find_element(".demo-badge").text
    assert console_errors(dash_duo) == []


def test_year_filter_changes_figures_and_url(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_element(".kpi-value")
    before = kpi_values(dash_duo)
    year = AS_OF.year - 2
    choose(dash_duo, "f-year", str(year))
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {year} год")
    dash_duo.wait_for_contains_text(".data-table", f"Изм. к {year - 1}")
    assert f"year={year}" in dash_duo.driver.current_url
    dash_duo.wait_for_element(".kpi-value")
    assert kpi_values(dash_duo) != before
    assert console_errors(dash_duo) == []


def test_link_with_sector_reproduces_the_view(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + f"/?year={AS_OF.year - 1}&sector=health")
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {AS_OF.year - 1} год")
    dash_duo.wait_for_contains_text(".page-header", "охрана здоровья")
    rows = [r.text for r in dash_duo.find_elements(".data-table tbody .row-head")]
    assert rows == ["Охрана здоровья", "Все сферы"]
    assert dash_duo.find_element("#f-sector").get_attribute("value") == "Охрана здоровья"
    assert console_errors(dash_duo) == []


def test_municipality_filter_narrows_the_view(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_element(".kpi-value")
    choose(dash_duo, "f-municipality", "Сочи")
    dash_duo.wait_for_contains_text(".page-header", "Сочи")
    assert "municipality=03726000" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_unknown_query_values_give_the_default_view(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/?year=1900&sector=<script>&municipality=x")
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {AS_OF.year} год")
    assert console_errors(dash_duo) == []
