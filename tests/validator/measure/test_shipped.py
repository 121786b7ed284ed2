"""Shipped GPU runs (data/measurements/): written, read back with the level recomputed, loaded once."""

from __future__ import annotations

import pytest

from liveaudit.errors import InputError
from liveaudit.levels import level_from_measurement
from liveaudit.validator.measure import load_shipped, read_shipped, write_shipped


def test_shipped_rows_load_once_and_tiny_ones_are_refused(self_forcing_rows, tmp_path, monkeypatch):
    store, out = self_forcing_rows
    row = dict(out["rows"][0])
    monkeypatch.setenv("LIVEAUDIT_VALIDATE_MEASUREMENTS_DIR", str(tmp_path))
    real = row | {
        "hardware": "H100 SXM",
        "device": "cuda",
        "level": "L4",
        "settings": row["settings"] | {"tiny": False, "label": "published default"},
    }
    write_shipped([real], tmp_path / "self-forcing__h100-sxm.json")
    rows = read_shipped()
    assert len(rows) == 1 and rows[0]["origin"] == "shipped"
    assert rows[0]["level"] == level_from_measurement(rows[0]).level  # recomputed, the file's "L4" is not trusted
    assert load_shipped(store) == {"shipped": 1, "shipped_new": 1}
    assert load_shipped(store) == {"shipped": 1, "shipped_new": 0}
    assert [r["hardware"] for r in store.rows("measurements") if r["origin"] == "shipped"] == ["H100 SXM"]

    write_shipped([row], tmp_path / "tiny.json")
    with pytest.raises(InputError) as err:
        read_shipped()
    assert err.value.code == "E715"
    (tmp_path / "tiny.json").write_text("[{not json", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_shipped()
    assert err.value.code == "E715"
