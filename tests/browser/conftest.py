"""Browser tests: dash.testing with Debian's chromium on a seeded demo database."""
from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

AS_OF = dt.date(2026, 11, 23)


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
    get_settings.cache_clear()
    engine = db.get_engine()
    db.upgrade(engine)
    demo.seed(engine, as_of=AS_OF, scale=0.1)
    from dashboard.app import create_app
    return create_app()
