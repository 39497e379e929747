"""The brief (/report): loads without console errors, shows its nine sections, and a sector
filter changes its heading."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF
from tests.browser.helpers import choose, console_errors


def test_report_loads_and_sector_filter_changes_heading(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/report")
    dash_duo.wait_for_text_to_equal(".brief-title", "Справка к заседанию", timeout=40)
    dash_duo.wait_for_contains_text(".brief-subtitle", "организациями социальной сферы",
                                    timeout=30)
    heads = [h.text for h in dash_duo.find_elements(".brief-section-title")]
    assert heads == ["1. Основные показатели", "2. Охват оценкой", "3. Баллы по сферам",
                     "4. Динамика итогового балла", "5. Слабые критерии и показатели",
                     "6. Просроченные мероприятия планов", "7. Исполнение рекомендаций",
                     "8. Действуют ли планы и рекомендации",
                     "9. Сводки координирующему министерству"]
    assert "выполнены в срок" in dash_duo.find_element("#brief-8 .brief-findings li").text
    assert "6 сводок: в срок" in dash_duo.find_element("#brief-9 .brief-findings li").text
    assert f"Данные на {AS_OF:%d.%m.%Y}" in dash_duo.find_element(".brief-head").text
    assert "Демонстрационные данные" in dash_duo.find_element(".brief-head").text
    assert "по плану" in dash_duo.find_element("#brief-1 .brief-findings li").text
    dash_duo.wait_for_element("#brief-4 .brief-chart .xtick", timeout=30)
    dash_duo.find_element("#report-print")
    # the downloads are made on the server: the PDF button shows it is busy, then no error
    dash_duo.find_element("#report-xlsx").click()
    dash_duo.find_element("#report-pdf").click()
    WebDriverWait(dash_duo.driver, 40).until(lambda d: d.find_element(
        By.ID, "report-pdf").get_attribute("data-loading") is None)
    assert dash_duo.find_element("#report-message").text == ""

    choose(dash_duo, "f-sector", "Культура")
    dash_duo.wait_for_contains_text(".brief-subtitle", "организациями сферы «Культура»",
                                    timeout=30)
    assert "sector=culture" in dash_duo.driver.current_url
    assert "культура" in dash_duo.find_element(".brief-meta").text
    assert console_errors(dash_duo) == []
