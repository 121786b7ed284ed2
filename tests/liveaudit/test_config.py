"""Settings: every one documented, resolution order, clear errors."""

import pytest

from liveaudit import config
from liveaudit.errors import ConfigError


def test_config_every_setting_has_help_and_a_prefix():
    prefixes = ("STORE_", "CRAWL_", "CLASSIFY_", "VALIDATE_", "VERDICT_", "DASHBOARD_", "EXPORT_", "DEMO_", "PUBLIC_")
    for setting in config.SETTINGS:
        assert setting.help.strip(), setting.name
        assert setting.name.startswith(prefixes), setting.name
        assert setting.name == setting.name.upper()


def test_config_sources_apply_in_order(tmp_path):
    toml = tmp_path / "liveaudit.toml"
    toml.write_text('store_url = "from-file.db"\ncrawl_download_timeout = 5\n')
    env = {"LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT": "7"}
    values = config.load_settings(settings_file=toml, env=env)
    assert values["STORE_URL"] == "from-file.db" and values["CRAWL_DOWNLOAD_TIMEOUT"] == 7
    values = config.load_settings({"STORE_URL": "flag.db"}, settings_file=toml, env={"LIVEAUDIT_DB": "env.db"})
    assert values["STORE_URL"] == "flag.db"
    assert config.load_settings(settings_file=toml, env={"LIVEAUDIT_DB": "env.db"})["STORE_URL"] == "env.db"


def test_config_unknown_setting_names_the_source_and_suggests(tmp_path):
    with pytest.raises(ConfigError) as err:
        config.load_settings(env={"LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOT": "3"})
    assert err.value.code == "E001"
    assert "LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOT" in str(err.value) and "CRAWL_DOWNLOAD_TIMEOUT" in str(err.value)


def test_config_bad_value_names_the_setting():
    with pytest.raises(ConfigError) as err:
        config.load_settings(env={"LIVEAUDIT_CRAWL_DOWNLOAD_TIMEOUT": "soon"})
    assert err.value.code == "E002" and "CRAWL_DOWNLOAD_TIMEOUT" in str(err.value)


def test_config_bad_toml_names_the_file(tmp_path):
    bad = tmp_path / "liveaudit.toml"
    bad.write_text("store_url = [unclosed")
    with pytest.raises(ConfigError) as err:
        config.load_settings(settings_file=bad, env={})
    assert err.value.code == "E003" and str(bad) in str(err.value)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_config_refuses_non_finite_numbers(value):
    from liveaudit.config import load_settings

    with pytest.raises(ConfigError) as err:
        load_settings(env={"LIVEAUDIT_CRAWL_DOWNLOAD_DELAY": value})
    assert err.value.code == "E002" and "finite" in str(err.value)


def test_config_refuses_booleans_for_numbers(tmp_path):
    from liveaudit.config import load_settings

    path = tmp_path / "liveaudit.toml"
    path.write_text("crawl_concurrency_per_domain = true\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(env={}, settings_file=path)
    assert err.value.code == "E002" and "CRAWL_CONCURRENCY_PER_DOMAIN" in str(err.value)


def test_config_missing_named_settings_file_is_an_error(tmp_path):
    from liveaudit.config import load_settings

    with pytest.raises(ConfigError) as err:
        load_settings(env={"LIVEAUDIT_SETTINGS": str(tmp_path / "nope.toml")})
    assert err.value.code == "E003" and "nope.toml" in str(err.value)


def test_config_debug_switch_is_not_a_setting(tmp_path):
    """Every E000 message says "rerun with LIVEAUDIT_DEBUG=1"; that rerun must not fail with E001."""
    import os
    import subprocess
    import sys

    assert "DEBUG" not in config.load_settings(env={"LIVEAUDIT_DEBUG": "1"})
    env = {**os.environ, "LIVEAUDIT_DEBUG": "1", "LIVEAUDIT_SETTINGS": os.devnull}
    out = subprocess.run(
        [sys.executable, "-m", "liveaudit", "db", "status", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "E001" not in out.stderr
