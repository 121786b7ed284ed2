"""`liveaudit settings`: every setting, its value and the source that value came from."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from liveaudit import config


def _settings(*args: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LIVEAUDIT_")}
    return subprocess.run(
        [sys.executable, "-m", "liveaudit", "settings", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        cwd=cwd,
        timeout=120,
    )


def test_settings_resolve_names_the_winning_source(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text('crawl_download_timeout = 7\nstore_url = "file.db"\n')
    got = config.resolve_settings(
        {"STORE_URL": "flag.db"}, settings_file=toml, env={"LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT": "9"}
    )
    assert got["STORE_URL"] == ("flag.db", "flag")
    assert got["CRAWL_DOWNLOAD_TIMEOUT"] == (9, "env LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT")
    assert got["STORE_BUSY_TIMEOUT_MS"] == (30000, "default")
    assert config.resolve_settings(settings_file=toml, env={})["STORE_URL"] == ("file.db", f"file {toml}")


def test_settings_command_lists_every_setting_within_80_columns(tmp_path):
    (tmp_path / "liveaudit.toml").write_text("crawl_download_timeout = 12\n")
    out = _settings(env={"LIVEAUDIT_DB": "env.db"}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [s.name for s in config.SETTINGS]
    assert max(len(line) for line in lines) <= 80
    rows = {line.split()[0]: line.split() for line in lines}
    assert rows["STORE_URL"][1:] == ["env.db", "env"]
    assert rows["CRAWL_DOWNLOAD_TIMEOUT"][1:] == ["12", "file"]


def test_settings_command_json_and_unknown_name(tmp_path):
    out = _settings("store_url", "--json", env={"LIVEAUDIT_STORE_URL": "env.db"}, cwd=tmp_path)
    assert json.loads(out.stdout) == {
        "name": "STORE_URL",
        "value": "env.db",
        "origin": "env LIVEAUDIT_STORE_URL",
        "help": next(s.help for s in config.SETTINGS if s.name == "STORE_URL"),
    }
    bad = _settings("STORE_URLL", env={}, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("error[E001]: unknown setting 'STORE_URLL'") and "STORE_URL?" in bad.stderr
