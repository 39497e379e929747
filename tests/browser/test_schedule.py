"""The schedule page in a real browser: loads clean, the year filter changes the cycle shown."""
from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def deadlines(dash_duo) -> list[str]:
    """The milestones' deadlines (not the due dates of the summaries below them)."""
    return [e.text for e in dash_duo.find_elements(
        ".schedule-table tr:not(.summary-row) td.deadline")]


def test_schedule_loads_with_timeline_table_and_no_console_errors(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/schedule")
    dash_duo.wait_for_text_to_equal(".page-title",
                                    f"График независимой оценки на {AS_OF.year} год")
    dash_duo.wait_for_element(".schedule-table")
    assert len(deadlines(dash_duo)) == 10
    dash_duo.wait_for_element("#schedule-timeline .scatterlayer")
    dash_duo.wait_for_contains_text("#schedule-timeline", f"сегодня, {AS_OF:%d.%m.%Y}")
    assert len(dash_duo.find_elements(".schedule-kpi")) == 4
    assert console_errors(dash_duo) == []


def test_year_filter_changes_the_cycle_and_the_url(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/schedule")
    dash_duo.wait_for_element(".schedule-table")
    assert any(d.endswith(str(AS_OF.year)) for d in deadlines(dash_duo))
    choose(dash_duo, "f-year", "2024")
    dash_duo.wait_for_text_to_equal(".page-title", "График независимой оценки на 2024 год")
    dash_duo.wait_for_contains_text(".schedule-table", "2024")
    assert "year=2024" in dash_duo.driver.current_url
    assert {d[-4:] for d in deadlines(dash_duo)} == {"2023", "2024"}
    dash_duo.wait_for_contains_text("#schedule-timeline", "на конец года, 31.12.2024")
    assert console_errors(dash_duo) == []
