"""Two regions in one installation (the demo seeds Krasnodar Krai and Stavropol Krai): the
region selector switches the header, the filters' choices and the pages; Stavropol's overview
shows its own data, its schedule reaches back to the 2017 order (seed 001), and its
recommendations page says that Krasnodar's resolution is not addressed to it."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import func, select

from dashboard import format as fmt
from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def _options(dash_duo, select_id: str) -> list[str]:
    dash_duo.find_element(f"#{select_id}").click()
    dash_duo.wait_for_element('[role="option"]')
    options = [o.text for o in dash_duo.driver.find_elements(By.CSS_SELECTOR, '[role="option"]')
               if o.is_displayed()]
    dash_duo.find_element(f"#{select_id}").click()  # close it
    return options


def test_region_selector_switches_the_whole_view(dash_duo, demo_app):
    from data_access.reference import stavropol
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/coverage?region=26")
    dash_duo.wait_for_contains_text(".region-name", "Ставропольский край", timeout=30)
    dash_duo.wait_for_contains_text("#shell-as-of", fmt.date(AS_OF))
    dash_duo.wait_for_contains_text(".page-header", "Ставропольский край", timeout=30)
    assert _options(dash_duo, "f-region") == ["Краснодарский край", "Ставропольский край"]
    municipalities = _options(dash_duo, "f-municipality")
    assert municipalities[0] == "Весь край"
    assert sorted(municipalities[1:]) == sorted(m.name for m in stavropol.MUNICIPALITIES)
    choose(dash_duo, "f-region", "Краснодарский край")
    WebDriverWait(dash_duo.driver, 30).until(
        lambda d: "region=23" in d.current_url and d.current_url.split("?")[0].endswith("/"))
    dash_duo.wait_for_contains_text(".region-name", "Краснодарский край", timeout=30)
    dash_duo.wait_for_contains_text(".page-header", "Краснодарский край", timeout=30)
    assert "Абинский район" in _options(dash_duo, "f-municipality")
    assert console_errors(dash_duo) == []


def test_choosing_stavropol_opens_its_overview(dash_duo, demo_app):
    """The overview's count of assessed organizations is Stavropol's own, counted here."""
    from data_access import db
    from data_access.models import Assessment, Organization, Region
    with db.get_engine().connect() as conn:
        assessed = conn.execute(select(func.count(Assessment.id)).where(
            Assessment.organization_id == Organization.id,
            Organization.region_id == Region.id, Region.code == "26",
            Assessment.year == AS_OF.year)).scalar_one()
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_contains_text(".region-name", "Краснодарский край", timeout=30)
    choose(dash_duo, "f-region", "Ставропольский край")
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "region=26" in d.current_url)
    dash_duo.wait_for_contains_text(".page-header", f"Сводка за {AS_OF.year} год", timeout=30)
    dash_duo.wait_for_contains_text(".page-header", "Ставропольский край", timeout=30)
    dash_duo.wait_for_element(".kpi-value")
    assert fmt.number(assessed) in [e.text for e in dash_duo.find_elements(".kpi-value")]
    assert console_errors(dash_duo) == []


def test_stavropol_schedule_of_2017_from_the_order(dash_duo, demo_app):
    """2017 is offered on the schedule page only (no assessments that year): the seven items
    of the order with their deadlines and executors."""
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/schedule?region=26&year=2017")
    dash_duo.wait_for_contains_text(".page-header", "График независимой оценки на 2017 год",
                                    timeout=30)
    dash_duo.wait_for_element(".schedule-table")
    rows = dash_duo.find_elements(".schedule-table tbody tr")
    assert len(rows) == 7
    assert "14.03.2017" in rows[0].text and "01.12.2017" in rows[-1].text
    assert all("минсоцзащиты края" in r.text for r in rows)
    assert "2017" in _options(dash_duo, "f-year")
    dash_duo.driver.get(dash_duo.server_url + "/?region=26&year=2017")  # elsewhere: the default
    dash_duo.wait_for_contains_text(".page-header", f"Сводка за {AS_OF.year} год", timeout=30)
    assert "2017" not in _options(dash_duo, "f-year")
    assert console_errors(dash_duo) == []


def test_stavropol_recommendations_say_the_resolution_is_not_theirs(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/recommendations?region=26")
    dash_duo.wait_for_contains_text(
        ".empty-state", "Ставропольский край: отчётов министерств о выполнении рекомендаций нет",
        timeout=30)
    assert dash_duo.find_elements(".ministry") == []  # no matrix of «нет отчёта» badges
    assert console_errors(dash_duo) == []
