"""From the attention list to an organization's profile and back, in a real browser."""
from tests.browser.conftest import AS_OF
from tests.browser.helpers import console_errors


def test_attention_link_opens_profile_and_back_keeps_filters(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    year = AS_OF.year - 1
    dash_duo.driver.get(dash_duo.server_url + f"/?year={year}")
    dash_duo.wait_for_element(".ranked-list .ranked-name")
    link = dash_duo.find_element(".ranked-list .ranked-name")
    name = link.text
    link.click()
    dash_duo.wait_for_text_to_equal(".page-title", name)
    assert "/organization/" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text(".kpi-grid", "Итоговый балл")
    dash_duo.wait_for_element(".js-plotly-plot")
    dash_duo.wait_for_contains_text("body", "План по устранению недостатков")
    dash_duo.find_element(".back-link").click()
    dash_duo.wait_for_text_to_equal(".page-title", f"Сводка за {year} год")
    assert console_errors(dash_duo) == []


def test_unknown_organization_says_so(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/organization/99999999")
    dash_duo.wait_for_text_to_equal(".page-title", "Организация не найдена")
    dash_duo.driver.get(dash_duo.server_url + "/organization/abc")
    dash_duo.wait_for_text_to_equal(".page-title", "Организация не найдена")
    assert console_errors(dash_duo) == []
