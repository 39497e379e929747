"""The founder filter: chosen in the shell, kept in the URL and by the navigation, narrowing a
district's results to the organizations its administration founded; the Schedule page's
summaries to the coordinating ministry."""
from tests.browser.helpers import choose, console_errors


def test_founder_filter_in_the_url_and_the_navigation(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/results?municipality=03705000")
    dash_duo.wait_for_contains_text(".page-header", "Армавир", timeout=40)
    assert dash_duo.find_element("#f-founder").get_attribute("value") == "Все учредители"
    choose(dash_duo, "f-founder", "Администрации МО")
    dash_duo.wait_for_contains_text(".page-header", "муниципальные организации", timeout=30)
    url = dash_duo.driver.current_url
    assert "founder=municipal" in url and "municipality=03705000" in url
    dash_duo.wait_for_contains_text("#results-trend", "Среднее по краю, муниципальные "
                                                      "организации", timeout=30)
    plans = dash_duo.find_element('a.nav-link[href^="/plans"]')
    assert "founder=municipal" in plans.get_attribute("href")
    plans.click()
    dash_duo.wait_for_contains_text(".page-header", "муниципальные организации", timeout=40)
    assert dash_duo.find_element("#f-founder").get_attribute("value") == "Администрации МО"
    assert console_errors(dash_duo) == []


def test_schedule_lists_the_summaries_to_the_coordinator(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/schedule")
    dash_duo.wait_for_contains_text("#schedule-summaries", "Министерство культуры", timeout=40)
    text = dash_duo.find_element("#schedule-summaries").text
    assert "сводки" in text or "сводок" in text
    assert console_errors(dash_duo) == []
