"""Small helpers to drive Mantine controls with selenium."""
from selenium.webdriver.common.by import By


def choose(dash_duo, select_id: str, label: str) -> None:
    """Open a Mantine Select and click the option with this label."""
    dash_duo.find_element(f"#{select_id}").click()
    dash_duo.wait_for_element('[role="option"]')
    for option in dash_duo.driver.find_elements(By.CSS_SELECTOR, '[role="option"]'):
        if option.text.strip() == label:
            option.click()
            return
    raise AssertionError(f"no option «{label}» in #{select_id}")


def console_errors(dash_duo) -> list:
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
