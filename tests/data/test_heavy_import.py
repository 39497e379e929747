"""A heavy XLSX on a real gunicorn whose worker timeout is shorter than the file takes to
read: the upload returns at once, the job reads and checks every row in the background, the
page's polls show its progress and then a Russian outcome, and the worker is never killed
(the issue: 100 000 rows × 90 numbers, WORKER TIMEOUT after 30.9 s and a bare 500)."""
from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.data.test_request_limits import _free_port

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30_000        # × 90 cells: longer to read than the worker timeout below
TIMEOUT = 8          # gunicorn's worker timeout for this test, seconds
PASSWORD = "correct-horse-1"


def heavy_file() -> bytes:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from import_heavy import heavy_xlsx
    finally:
        sys.path.pop(0)
    return heavy_xlsx(ROWS)


@pytest.fixture
def server(tmp_path):
    from data_access import db, users
    from tests.data.conftest import build_small
    url = f"sqlite:///{tmp_path / 'heavy.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    build_small(engine)
    users.create_user("admin", PASSWORD, "admin", engine=engine)
    engine.dispose()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env |= {"DATABASE_URL": url, "NOK_CACHE": "0"}
    log = tmp_path / "gunicorn.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--workers", "1", "--timeout",
         str(TIMEOUT), "--bind", f"127.0.0.1:{port}", "--error-logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(base + "/login", timeout=2)
            break
        except requests.RequestException:  # not listening yet, or still starting
            time.sleep(0.3)
    yield base, proc, log
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def workers(master: int) -> list[str]:
    return subprocess.run(["pgrep", "-P", str(master)], capture_output=True,
                          text=True).stdout.split()


def callback(http, base: str, body: dict) -> dict:
    response = http.post(base + "/_dash-update-component", data=json.dumps(body),
                         headers={"Content-Type": "application/json",
                                  "X-CSRFToken": http.cookies.get("_csrf_token")})
    assert response.status_code == 200, response.text[:500]
    return response.json()["response"]


def test_a_heavy_xlsx_is_read_in_the_background_and_refused_in_russian(server):
    from tests.data.test_auth import import_body
    base, proc, log = server
    http = requests.Session()
    page = http.get(base + "/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    assert http.post(base + "/login", data={"login": "admin", "password": PASSWORD,
                                            "csrf_token": token, "next": "/import"},
                     allow_redirects=False).status_code == 302
    assert http.get(base + "/import").status_code == 200
    before = workers(proc.pid)

    body = import_body("assessments", b"")
    body["inputs"][0]["value"] = ("data:application/vnd.openxmlformats-officedocument."
                                  "spreadsheetml.sheet;base64,"
                                  + base64.b64encode(heavy_file()).decode())
    body["state"][0]["value"] = "тяжёлый.xlsx"
    started = time.monotonic()
    answer = callback(http, base, body)
    assert time.monotonic() - started < TIMEOUT  # the request does not wait for the file
    job_id = answer["import-job"]["data"]["id"]
    assert "import-progress" in str(answer["import-progress"]["children"])

    deps = http.get(base + "/_dash-dependencies").json()
    key = next(d["output"] for d in deps if "import-progress.children@" in d["output"]
               and "import-version.data" in d["output"])
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
               for o in key.strip(".").split("...")]
    poll = {"output": key, "outputs": outputs,
            "inputs": [{"id": "import-poll", "property": "n_intervals", "value": 1}],
            "state": [{"id": "import-job", "property": "data", "value": {"id": job_id}},
                      {"id": "import-version", "property": "data", "value": 0}],
            "changedPropIds": ["import-poll.n_intervals"]}
    seen, shown = set(), ""
    for _ in range(600):
        shown = str(callback(http, base, poll)["import-progress"]["children"])
        if "import-progress-bar" not in shown:
            break
        seen.update(re.findall(r"прочитано строк: ([\d\xa0]+)", shown))
        time.sleep(0.5)
    assert "Файл не может быть загружен" in shown and "Файл отклонён" in shown, shown[:500]
    assert f"ошибок — {ROWS}" in shown.replace("\xa0", "")  # every row read and checked
    assert "такой нет в справочнике" in shown
    assert len(seen) > 1  # the counts moved while it ran
    assert workers(proc.pid) == before  # the same worker: never killed, never restarted
    assert "WORKER TIMEOUT" not in log.read_text()
