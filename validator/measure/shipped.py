"""Measurements shipped in data/measurements/ (runs made on real GPUs), read into the store.

    rows = read_shipped()                 # every *.json file, validated
    summary = load_shipped(store)         # appended with origin "shipped", each run once
    write_shipped(rows, path)             # what `liveaudit measure --save-json` writes

The format is described in data/measurements/README.md: a JSON list of measurements rows as
the harness writes them (system, hardware, device, settings, figures, result, environment).
Files are untrusted input: JSON only, size-capped, fields type-checked; the level is
recomputed from the figures with the current thresholds (data/levels.yaml), never trusted.
"""

from __future__ import annotations

import json
from pathlib import Path

from liveaudit import config
from liveaudit.errors import InputError
from liveaudit.levels import level_from_measurement
from liveaudit.store.runs import utcnow
from liveaudit.validator.measure.run import run_key

REQUIRED = {"system": str, "hardware": str, "device": str, "settings": dict, "result": dict, "environment": dict}
FIGURES = ("ttff_s", "throughput_fps", "rtf")
MAX_BYTES = 4 * 1024 * 1024


def measurements_dir() -> Path:
    return Path(config.get("VALIDATE_MEASUREMENTS_DIR") or config.data_dir() / "measurements")


def _check(row: object, path: Path, i: int) -> dict:
    if not isinstance(row, dict):
        raise InputError("E715", path=path, reason=f"item {i} is not an object")
    for key, kind in REQUIRED.items():
        if not isinstance(row.get(key), kind):
            raise InputError("E715", path=path, reason=f"item {i}: {key} must be a {kind.__name__}")
    for key in FIGURES:
        value = row.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            raise InputError("E715", path=path, reason=f"item {i}: {key} must be a non-negative number or null")
    if row["result"].get("mode") not in ("eager", "compiled", "cuda_graphs"):
        raise InputError("E715", path=path, reason=f"item {i}: result.mode must be eager, compiled or cuda_graphs")
    if row["settings"].get("tiny"):
        raise InputError("E715", path=path, reason=f"item {i} is a tiny smoke run; ship only full-size GPU runs")
    return row


def read_shipped(folder: Path | None = None) -> list[dict]:
    """Every row of every *.json file in `folder` (default VALIDATE_MEASUREMENTS_DIR or data/measurements/)."""
    folder = Path(folder) if folder else measurements_dir()
    rows = []
    for path in sorted(folder.glob("*.json")):
        if path.stat().st_size > MAX_BYTES:
            raise InputError("E715", path=path, reason=f"larger than {MAX_BYTES} bytes")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError("E715", path=path, reason=f"not valid JSON ({exc})") from None
        if not isinstance(data, list):
            raise InputError("E715", path=path, reason="the file must hold a JSON list")
        for i, item in enumerate(data):
            row = _check(item, path, i)
            clean = {k: row.get(k) for k in (*REQUIRED, *FIGURES)}
            clean["result"] = dict(clean["result"]) | {"shipped_file": path.name}
            clean["result"].setdefault("run_key", run_key(clean))
            level = level_from_measurement(clean)
            clean["level"] = level.level
            clean["result"]["level_reason"] = level.reason
            clean["origin"] = "shipped"
            rows.append(clean)
    return rows


def load_shipped(store, folder: Path | None = None, run=None) -> dict:
    """Append the shipped rows not yet in the store (by result.run_key); returns the counts."""
    rows = read_shipped(folder)
    known = {(r["result"] or {}).get("run_key") for r in store.rows("measurements") if r["origin"] == "shipped"}
    new = [r | {"created_at": utcnow()} for r in rows if r["result"]["run_key"] not in known]
    if new:
        if run is None:
            with store.run("measure", {"shipped": str(folder or measurements_dir())}) as own:
                store.insert("measurements", new, own)
                own.summary = {"shipped_new": len(new), "shipped_known": len(rows) - len(new)}
        else:
            store.insert("measurements", new, run)
    return {"shipped": len(rows), "shipped_new": len(new)}


def write_shipped(rows: list[dict], path: str | Path) -> Path:
    """Write harness rows in the shipped format (what data/measurements/ holds)."""
    path = Path(path)
    keep = (*REQUIRED, *FIGURES, "level")
    out = [{k: row.get(k) for k in keep} for row in rows]
    path.write_text(json.dumps(out, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    return path
