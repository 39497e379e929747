"""Browser tests: dash.testing with Debian's chromium on a seeded demo database."""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil

import pytest

AS_OF = dt.date(2026, 11, 23)
# Users of the demo app (the dashboard itself reads without a login: NOK_PUBLIC_READ=1)
ADMIN = ("admin", "admin-password-1")
MINISTRY = ("minobr", "ministry-password-1")


# dash.testing stops each test's server by raising an exception inside the server's thread. A
# thread stopped while it logs a request keeps the logging handler's lock forever, and the next
# test to log anything hangs (seen: the whole run stuck in ThreadedRunner.start). Requests and
# start-up messages are not logged, so the thread is almost never inside logging when stopped.
QUIET_LOGGERS = ("werkzeug", "dash", "dash.dash")


def _quiet_servers() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _import_ahead() -> None:
    """The same danger with imports: plotly imports its classes on first use and the boundary
    loader imports geopandas late; a server thread stopped inside such an import keeps that
    module's lock, and the test thread's next import of it hangs (seen: test_map waiting in
    boundaries._read). So everything they would import later is imported now, once."""
    import importlib
    import pkgutil

    import geopandas  # noqa: F401
    import plotly.graph_objs as objs
    for module in pkgutil.walk_packages(objs.__path__, objs.__name__ + "."):
        if "figurewidget" not in module.name:  # needs ipywidgets, never used here
            importlib.import_module(module.name)


def pytest_configure(config):
    _quiet_servers()
    _import_ahead()
    # Parallel runs on one machine would all start their apps at dash.testing's first port.
    if os.environ.get("NOK_TEST_PORT"):
        from dash.testing.application_runners import BaseDashRunner
        BaseDashRunner._next_port = int(os.environ["NOK_TEST_PORT"])


def pytest_setup_options():
    from selenium.webdriver.chrome.options import Options
    options = Options()
    for arg in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--enable-unsafe-swiftshader",
                "--window-size=1440,900"):
        options.add_argument(arg)
    return options


@pytest.fixture(scope="session", autouse=True)
def _browser_available():
    missing = [b for b in ("chromium", "chromedriver") if not shutil.which(b)]
    if missing:
        message = f"нет {', '.join(missing)}: apt-get install chromium chromium-driver"
        if os.environ.get("NOK_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The dashboard on a demo database at a tenth of the real size (seeded once)."""
    from data_access import db, demo
    from data_access.settings import get_settings
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["NOK_PUBLIC_READ"] = "1"  # as `make run`: the pages without a login
    get_settings.cache_clear()
    engine = db.get_engine()
    db.upgrade(engine)
    demo.seed(engine, as_of=AS_OF, scale=0.1)
    from data_access import users
    users.create_user(*ADMIN, "admin", engine=engine)
    users.create_user(*MINISTRY, "ministry", "education", engine=engine)
    from dashboard.app import create_app
    app = create_app()
    app.logger.setLevel(logging.WARNING)  # Dash sets its logger to INFO: see QUIET_LOGGERS
    _quiet_servers()
    return app


@pytest.fixture(autouse=True)
def _fresh_query_cache():
    """Tests and their fixtures write to the shared demo database directly (not by an
    import): each test starts with the query cache empty."""
    from dashboard import cache
    cache.clear()
    yield
    cache.clear()


def log_in(dash_duo, user: tuple[str, str], next_path: str = "/") -> None:
    """Through the login form, as a person would; lands on `next_path`."""
    from selenium.webdriver.common.by import By
    dash_duo.driver.get(f"{dash_duo.server_url}/login?next={next_path}")
    dash_duo.wait_for_element("#login").send_keys(user[0])
    dash_duo.find_element("#password").send_keys(user[1])
    dash_duo.driver.find_element(By.CSS_SELECTOR, ".login-card button[type=submit]").click()
    dash_duo.wait_for_contains_text(".user-name", user[0], timeout=15)
