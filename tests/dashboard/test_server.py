"""`liveaudit dashboard`: refusals with error codes, and a real start on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request

import pytest

from liveaudit.dashboard import start
from liveaudit.dashboard.server import stop
from liveaudit.errors import ConfigError


def test_server_refuses_a_missing_store(tmp_path):
    missing = tmp_path / "nothing.db"
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "dashboard", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stderr.startswith("error[E901]")
    assert "liveaudit demo" in result.stderr and not missing.exists()


def test_server_refuses_a_store_with_an_old_schema(tmp_path):
    from liveaudit.store.status import upgrade

    old = tmp_path / "old.db"
    upgrade(str(old), "0001")
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "dashboard", "--db", str(old)], capture_output=True, text=True, timeout=120
    )
    assert (
        result.returncode == 2 and result.stderr.startswith("error[E104]") and "liveaudit db upgrade" in result.stderr
    )


def test_server_refuses_a_busy_port(seeded_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ConfigError) as err:
            start(seeded_db[0], busy.getsockname()[1])
    assert err.value.code == "E401"


def test_server_starts_serves_the_app_and_stops(seeded_db):
    proc, url, log = start(seeded_db[0], 0)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "card?claim=1", timeout=10) as resp:
            assert resp.status == 200 and b"<noscript>" in resp.read()
    finally:
        stop(proc)
    assert proc.poll() is not None and log.exists()


def test_server_command_stops_the_app_when_terminated(seeded_db):
    import os
    import re

    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit", "dashboard", "--db", seeded_db[0], "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    line = ""
    while "dashboard: " not in line:
        line = proc.stdout.readline()
        assert line or proc.poll() is None, "liveaudit dashboard exited before printing its URL"
    url = re.search(r"http://\S+", line).group(0)
    urllib.request.urlopen(url + "_stcore/health", timeout=10).close()
    proc.terminate()
    assert proc.wait(30) == 128 + 15
    with pytest.raises(OSError):  # nothing listens there any more
        urllib.request.urlopen(url + "_stcore/health", timeout=5)
