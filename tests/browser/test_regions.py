"""Two regions in one installation: the region selector appears, the header and the
municipality choices follow the region in the URL, and choosing a region opens its overview."""
import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import delete, insert, select

from tests.browser.helpers import choose, console_errors


@pytest.fixture
def second_region(demo_app):
    """Stavropol Krai with one district, one school and its 2026 assessment, removed after."""
    from data_access import db
    from data_access.models import Assessment, Municipality, Organization, Region
    engine = db.get_engine()
    with engine.begin() as conn:
        region = conn.execute(insert(Region).values(
            code="26", name="Ставропольский край", is_demo=True,
            data_as_of=dt.date(2026, 11, 1)).returning(Region.id)).scalar_one()
        muni = conn.execute(insert(Municipality).values(
            region_id=region, oktmo="07701000", name="Ставрополь", kind="urban_okrug",
            population=450_000).returning(Municipality.id)).scalar_one()
        org = conn.execute(insert(Organization).values(
            region_id=region, municipality_id=muni, sector="education", inn="2634000019",
            name="Школа № 1 г. Ставрополя", type="школа", founder_level="municipal",
            founder="Комитет образования").returning(Organization.id)).scalar_one()
        conn.execute(insert(Assessment).values(
            organization_id=org, year=2026, respondents=100, k1=90, k2=90, k3=70, k4=95,
            k5=95, total=88))
    yield
    with engine.begin() as conn:
        conn.execute(delete(Assessment).where(Assessment.organization_id == org))
        conn.execute(delete(Organization).where(Organization.id == org))
        conn.execute(delete(Municipality).where(Municipality.id == muni))
        conn.execute(delete(Region).where(Region.id == region))
        assert conn.execute(select(Region.code)).scalars().all() == ["23"]


def test_region_selector_switches_the_whole_view(dash_duo, demo_app, second_region):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/coverage?region=26")
    dash_duo.wait_for_contains_text(".region-name", "Ставропольский край", timeout=30)
    dash_duo.wait_for_contains_text("#shell-as-of", "01.11.2026")
    dash_duo.wait_for_contains_text(".page-header", "Ставропольский край", timeout=30)
    dash_duo.find_element("#f-municipality").click()
    dash_duo.wait_for_element('[role="option"]')
    options = [o.text for o in dash_duo.driver.find_elements(By.CSS_SELECTOR, '[role="option"]')
               if o.is_displayed()]
    assert options == ["Весь край", "Ставрополь"]
    dash_duo.find_element("#f-municipality").click()  # close it
    choose(dash_duo, "f-region", "Краснодарский край")
    WebDriverWait(dash_duo.driver, 30).until(
        lambda d: "region=23" in d.current_url and d.current_url.split("?")[0].endswith("/"))
    dash_duo.wait_for_contains_text(".region-name", "Краснодарский край", timeout=30)
    dash_duo.wait_for_contains_text(".page-header", "Краснодарский край", timeout=30)
    assert console_errors(dash_duo) == []


def test_one_region_has_no_selector(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_contains_text(".region-name", "Краснодарский край", timeout=30)
    assert not dash_duo.find_element("#f-region").is_displayed()
    assert console_errors(dash_duo) == []
