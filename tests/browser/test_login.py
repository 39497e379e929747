"""Access in a real browser: reading without a login (public mode, as `make run`), the login
form, the user box and «Выйти», the import page by role, no banner, a clean console under
the Content-Security-Policy (the map with maplibre: test_map.py)."""
from __future__ import annotations

import urllib.request

from selenium.webdriver.common.by import By

from tests.browser.conftest import MINISTRY, log_in
from tests.browser.helpers import console_errors


def nav_names(dash_duo) -> list[str]:
    return [e.text for e in dash_duo.find_elements(".nav-link")]


def test_public_mode_reads_without_login_and_offers_to_log_in(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_text_to_equal(".user-login", "Войти")
    assert "Сводка" in nav_names(dash_duo) and "Загрузка данных" not in nav_names(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_contains_text(".import-no-rights", "доступна после входа")
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#import-upload")
    assert console_errors(dash_duo) == []


def test_wrong_password_is_refused_on_the_login_page(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/login")
    dash_duo.wait_for_element("#login").send_keys(MINISTRY[0])
    dash_duo.find_element("#password").send_keys("not-the-password")
    dash_duo.driver.find_element(By.CSS_SELECTOR, ".login-card button[type=submit]").click()
    dash_duo.wait_for_contains_text(".login-error", "Неверный логин или пароль")


def test_ministry_logs_in_sees_its_imports_and_logs_out(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    log_in(dash_duo, MINISTRY, "/import")
    dash_duo.wait_for_contains_text(".user-role", "министерство")
    dash_duo.wait_for_contains_text(".import-sector-note", "Образование")
    assert "Загрузка данных" in nav_names(dash_duo)
    dash_duo.wait_for_contains_text("#import-kind-help", "Обязательные столбцы")
    assert dash_duo.find_element("#import-kind").get_attribute("value") == \
        "Планы по устранению недостатков"
    assert console_errors(dash_duo) == []
    dash_duo.find_element(".user-logout").click()
    dash_duo.wait_for_text_to_equal(".user-login", "Войти", timeout=15)
    assert "Загрузка данных" not in nav_names(dash_duo)


def test_no_server_banner_and_security_headers(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    with urllib.request.urlopen(dash_duo.server_url + "/login") as response:
        headers = response.headers
    assert "Werkzeug" not in (headers.get("Server") or "")
    assert "Python" not in (headers.get("Server") or "")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
