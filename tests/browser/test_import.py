"""The import page in a real browser, logged in as the administrator: loads clean; an uploaded
CSV shows its preview counts; «Применить» loads it and the journal shows who imported it."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import update

from tests.browser.conftest import ADMIN, AS_OF, log_in
from tests.browser.helpers import choose, console_errors

COVERAGE = ("Год;Сфера;Запланировано к оценке\r\n"
            "2030;Культура;310\r\n2030;Образование;1 250\r\n2030;Охрана здоровья;70\r\n")


@pytest.fixture
def keeps_data_date(demo_app):
    """An applied import moves the region's data date to today; the other browser tests of the
    shared demo database expect AS_OF, so it is put back."""
    yield
    from data_access import db
    from data_access.models import Region
    with db.get_engine().begin() as conn:
        conn.execute(update(Region).values(data_as_of=AS_OF))


def upload(dash_duo, path) -> None:
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#import-upload input[type=file]") \
        .send_keys(str(path))


def test_import_page_loads_with_template_buttons_and_no_console_errors(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    log_in(dash_duo, ADMIN, "/import")
    dash_duo.wait_for_text_to_equal(".page-title", "Загрузка данных")
    dash_duo.wait_for_contains_text("#import-kind-help", "Обязательные столбцы")
    dash_duo.wait_for_element("#import-template-xlsx")
    dash_duo.wait_for_contains_text(".import-waiting", "Загрузите файл")
    assert dash_duo.find_element("#import-apply").get_attribute("disabled") is not None
    assert console_errors(dash_duo) == []


def test_upload_preview_then_apply_records_it_in_the_journal(dash_duo, demo_app, tmp_path,
                                                             keeps_data_date):
    path = tmp_path / "охват_2030.csv"
    path.write_bytes(COVERAGE.encode("cp1251"))
    dash_duo.start_server(demo_app)
    log_in(dash_duo, ADMIN, "/import")
    dash_duo.wait_for_text_to_equal(".page-title", "Загрузка данных")
    choose(dash_duo, "import-kind", "Плановый охват")
    dash_duo.wait_for_contains_text("#import-kind-help", "Запланировано к оценке")
    upload(dash_duo, path)
    dash_duo.wait_for_contains_text(".import-status", "Проверка без записи: будет строк — 3",
                                    timeout=20)
    counts = [e.text for e in dash_duo.find_elements(".import-counts .kpi-value")]
    assert counts == ["3", "0", "0"]
    dash_duo.wait_for_contains_text(".import-history", "проверка")

    dash_duo.wait_for_element("#import-apply:not([disabled])").click()
    dash_duo.wait_for_contains_text(".import-status", "Загружено строк — 3: новых — 3",
                                    timeout=20)
    dash_duo.wait_for_contains_text(".import-history", "применён")
    first = dash_duo.find_elements(".import-history tbody tr")[0].text
    assert "охват_2030.csv" in first and "admin" in first and "применён" in first
    assert dash_duo.find_element("#import-apply").get_attribute("disabled") is not None
    assert console_errors(dash_duo) == []


def test_a_bad_file_shows_its_errors_and_cannot_be_applied(dash_duo, demo_app, tmp_path):
    path = tmp_path / "картинка.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    dash_duo.start_server(demo_app)
    log_in(dash_duo, ADMIN, "/import")
    dash_duo.wait_for_text_to_equal(".page-title", "Загрузка данных")
    upload(dash_duo, path)
    dash_duo.wait_for_contains_text(".import-issues", "таблица XLSX или CSV", timeout=20)
    assert "изображение PNG" in dash_duo.find_element(".import-issues").text
    assert dash_duo.find_element("#import-apply").get_attribute("disabled") is not None
    assert console_errors(dash_duo) == []
