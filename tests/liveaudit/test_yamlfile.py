"""Data files are untrusted: duplicate keys, deep nesting, alias floods and object tags are refused."""

from __future__ import annotations

import pytest

from liveaudit.errors import ConfigError
from liveaudit.levels import load_thresholds
from liveaudit.yamlfile import YAML_MAX_DEPTH, load_yaml, load_yaml_text

SHIPPED_LEVELS = """thresholds:
  rtf_max: 1.0
  sustain_ratio: 1.0
  chunk_gap_ratio: 1.0
  ttff_max_s: 2.0
  interactive_latency_max_s: 1.0
  conversational_latency_max_s: 0.15
"""


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("fps: 16\nfps: 24\n", "duplicate key 'fps'"),
        ("[" * (YAML_MAX_DEPTH + 1) + "]" * (YAML_MAX_DEPTH + 1), "nested deeper"),
        ("a: " + "[" * 20000, "nested deeper"),
        ("x: &a [1, 2]\n" + "".join(f"y{i}: *a\n" for i in range(101)), "aliases"),
        ("!!python/object/apply:os.system ['echo pwned']", "not valid YAML"),
        ("a: [unclosed", "not valid YAML"),
    ],
)
def test_yamlfile_refuses_hostile_text_with_e003(text, fragment):
    with pytest.raises(ConfigError) as err:
        load_yaml_text(text, "data.yaml")
    assert err.value.code == "E003" and fragment in str(err.value) and "data.yaml" in str(err.value)


def test_yamlfile_reads_ordinary_files(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: {b: [1, 2]}\nc: &x 1\nd: *x\n", encoding="utf-8")
    assert load_yaml(path) == {"a": {"b": [1, 2]}, "c": 1, "d": 1}


def test_yamlfile_refuses_oversized_and_binary_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 100, encoding="utf-8")
    with pytest.raises(ConfigError, match="larger than 10 bytes"):
        load_yaml(big, max_bytes=10)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_yaml(binary)


@pytest.mark.parametrize(
    "change, key",
    [
        ("rtf_max: 1.0", "rtf_max: .nan"),
        ("ttff_max_s: 2.0", "ttff_max_s: .inf"),
        ("sustain_ratio: 1.0", "sustain_ratio: true"),
        ("chunk_gap_ratio: 1.0", "chunk_gap_ratio: [1]"),
    ],
)
def test_yamlfile_levels_refuse_nan_inf_and_wrong_types(tmp_path, change, key):
    path = tmp_path / "levels.yaml"
    path.write_text(SHIPPED_LEVELS.replace(change, key), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_thresholds(path)
    assert err.value.code == "E802"


def test_yamlfile_levels_refuse_a_non_mapping_level_entry(tmp_path):
    path = tmp_path / "levels.yaml"
    path.write_text(SHIPPED_LEVELS + "levels:\n  L2: just a string\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_thresholds(path)
    assert err.value.code == "E802" and "levels.L2" in str(err.value)
