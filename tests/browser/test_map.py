"""The Map page in a real browser. The demo database has no boundaries, so the page draws the
tile cartogram; the last test stores two square «boundaries» and checks the choropleth."""
import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors

KRASNODAR, ABINSKY = "03701000", "03601000"


def legend_title(dash_duo) -> str:
    """The colour bar's title; the lines of a two-line title joined with a space (read in
    one script, as the title is redrawn when the measure changes)."""
    return dash_duo.driver.execute_script("""
        const title = document.querySelector('#map-graph .cbtitle text');
        if (!title) { return ''; }
        const lines = title.querySelectorAll('tspan.line');
        return lines.length ? Array.from(lines, l => l.textContent).join(' ')
                            : title.textContent;""")


def wait_for_legend(dash_duo, text, timeout=30):
    WebDriverWait(dash_duo.driver, timeout).until(lambda _: text in legend_title(dash_duo))


def click_at(dash_duo, fx: float, fy: float) -> None:
    """Click the plot area at fractions of its width and height from the top left."""
    area = dash_duo.find_element("#map-graph .nsewdrag, #map-graph .maplibregl-canvas")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", area)
    size = area.size
    ActionChains(dash_duo.driver).move_to_element(area).move_by_offset(
        int(size["width"] * (fx - 0.5)), int(size["height"] * (fy - 0.5))).click().perform()


def test_cartogram_measure_goes_to_the_url_and_back(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/map")
    dash_duo.wait_for_text_to_equal(".page-title",
                                    f"Карта муниципальных образований, {AS_OF.year} год",
                                    timeout=40)
    wait_for_legend(dash_duo, "Итоговый балл, баллы")
    dash_duo.wait_for_contains_text("#map-graph", "Краснодар", timeout=30)
    note = dash_duo.find_element(".map-note").text
    assert "плиткой" in note and "python" not in note  # no command lines for a reader
    assert "Итоговый балл" in dash_duo.find_element("#map-table th:last-child").text
    assert len(dash_duo.find_elements("#map-table tbody tr")) == 44

    choose(dash_duo, "map-measure", "К3 Доступность услуг для инвалидов")
    wait_for_legend(dash_duo, "К3, баллы")
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "measure=k3" in d.current_url)
    dash_duo.wait_for_contains_text("#map-table th:last-child", "К3, баллы", timeout=30)
    downloads = dash_duo.find_element("#map-downloads button").get_attribute("id")
    assert "map-k3" in downloads

    # a global filter re-renders the page and keeps the measure
    choose(dash_duo, "f-sector", "Культура")
    dash_duo.wait_for_contains_text(".page-header", "культура", timeout=30)
    WebDriverWait(dash_duo.driver, 30).until(
        lambda d: "sector=culture" in d.current_url and "measure=k3" in d.current_url)
    wait_for_legend(dash_duo, "К3, баллы")

    choose(dash_duo, "map-measure", "Просроченные мероприятия планов, %")
    wait_for_legend(dash_duo, "Просрочено мероприятий, %")
    WebDriverWait(dash_duo.driver, 30).until(lambda d: "measure=overdue" in d.current_url)
    assert console_errors(dash_duo) == []


def test_link_with_measure_restores_it(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + f"/map?year={AS_OF.year - 1}&measure=k3")
    dash_duo.wait_for_text_to_equal(".page-title",
                                    f"Карта муниципальных образований, {AS_OF.year - 1} год",
                                    timeout=40)
    wait_for_legend(dash_duo, "К3, баллы")
    assert dash_duo.find_element("#map-measure").get_attribute("value") == (
        "К3 Доступность услуг для инвалидов")
    # an unknown measure falls back to the mean total
    dash_duo.driver.get(dash_duo.server_url + "/map?measure=nonsense")
    wait_for_legend(dash_duo, "Итоговый балл, баллы", timeout=40)
    assert console_errors(dash_duo) == []


def test_clicking_a_tile_opens_the_district(dash_duo, demo_app):
    from data_access.reference.krasnodar_tiles import COLUMNS, ROWS, TILES
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/map?sector=culture")
    wait_for_legend(dash_duo, "Итоговый балл, баллы", timeout=40)
    dash_duo.wait_for_contains_text("#map-graph", "Краснодар", timeout=30)
    col, row = TILES[KRASNODAR]
    click_at(dash_duo, (col + 0.5) / COLUMNS, (row + 0.5) / ROWS)
    WebDriverWait(dash_duo.driver, 30).until(
        lambda d: f"/district/{KRASNODAR}" in d.current_url)
    url = dash_duo.driver.current_url
    assert f"year={AS_OF.year}" in url and "sector=culture" in url


def square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_choropleth_from_stored_boundaries(dash_duo, demo_app, tmp_path):
    """Two squares side by side (Абинский west, Краснодар east) stored as the region's
    boundaries: the page draws the polygon map, with the OSM attribution, and a click on the
    west square opens Абинский район."""
    from sqlalchemy import delete

    from data_access import boundaries, db
    from data_access.models import Boundary
    path = tmp_path / "two.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": "Абинский район"},
         "geometry": square(38, 44.5)},
        {"type": "Feature", "properties": {"district": "Краснодар"},
         "geometry": square(39, 44.5)}]}, ensure_ascii=False), encoding="utf-8")
    engine = db.get_engine()
    report = boundaries.load(engine, path, "23")
    assert report.matched == 2
    try:
        dash_duo.start_server(demo_app)
        dash_duo.driver.get(dash_duo.server_url + "/map?measure=coverage")
        dash_duo.wait_for_element("#map-graph .maplibregl-canvas", timeout=40)
        wait_for_legend(dash_duo, "Оценены за 3 года, %", timeout=40)
        note = dash_duo.find_element(".map-note").text
        assert "© участники OpenStreetMap" in note and "Нет границ:" in note
        choose(dash_duo, "map-measure", "Средний итоговый балл")
        wait_for_legend(dash_duo, "Итоговый балл, баллы")
        WebDriverWait(dash_duo.driver, 30).until(lambda d: "measure" not in d.current_url)
        dash_duo.driver.implicitly_wait(0)
        WebDriverWait(dash_duo.driver, 30, ignored_exceptions=(Exception,)).until(
            lambda d: (click_at(dash_duo, 0.3, 0.5) or True)
            and f"/district/{ABINSKY}" in d.current_url)
        assert console_errors(dash_duo) == []
    finally:
        with engine.begin() as conn:
            conn.execute(delete(Boundary))
