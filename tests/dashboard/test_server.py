"""`liveaudit dashboard`: refusals with error codes, and a real start on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request

import pytest

from liveaudit.dashboard import start
from liveaudit.dashboard._server import stop
from liveaudit.errors import ConfigError


def test_server_refuses_a_missing_store(tmp_path):
    missing = tmp_path / "nothing.db"
    result = subprocess.run([sys.executable, "-m", "liveaudit", "dashboard", "--db", str(missing)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.startswith("error[E901]")
    assert "liveaudit demo" in result.stderr and not missing.exists()


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

