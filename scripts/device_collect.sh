#!/usr/bin/env bash
# Copy the JSON files a device_measure.sh run brought back into data/measurements/, named
# <system slug>__<gpu slug>.json after what each file records, refusing tiny or empty runs.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: scripts/device_collect.sh FOLDER (files_at of the device run)}
PY=${PY:-.venv/bin/python}
"$PY" - "$src" <<'PYEOF'
import json, re, shutil, sys
from pathlib import Path

slug = lambda s: re.sub(r"[^a-z0-9.]+", "-", s.lower()).strip("-")
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    rows = json.loads(path.read_text(encoding="utf-8"))
    if not rows:
        print(f"skip {path.name}: no rows"); continue
    if any(r["settings"].get("tiny") for r in rows) or any(r.get("device") != "cuda" for r in rows):
        print(f"skip {path.name}: tiny or not a GPU run"); continue
    target = Path("data/measurements") / f"{slug(rows[0]['system'])}__{slug(rows[0]['hardware'])}.json"
    shutil.copyfile(path, target)
    print(f"{path.name} -> {target} ({len(rows)} rows)")
PYEOF
