#!/usr/bin/env bash
# Copy the runs a device_measure.sh run brought back (its runs.tgz, or loose JSON files) into
# data/measurements/, one file per system and GPU, <system slug>__<gpu slug>.json, the modes of
# one system merged into it; tiny, CPU or empty runs are refused.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: scripts/device_collect.sh FOLDER (files_at of the device run)}
PY=${PY:-.venv/bin/python}
"$PY" - "$src" <<'PYEOF'
import json, re, sys, tarfile, tempfile
from collections import defaultdict
from pathlib import Path

slug = lambda s: re.sub(r"[^a-z0-9.]+", "-", s.lower()).strip("-")
src = Path(sys.argv[1])
archives = sorted(src.rglob("*.tgz"))
if archives:  # each archive holds a whole run: read them, not the loose files beside them
    src = Path(tempfile.mkdtemp())
    for i, archive in enumerate(archives):
        with tarfile.open(archive) as tar:
            tar.extractall(src / str(i), filter="data")  # plain files only, nothing outside the folder
groups = defaultdict(list)
for path in sorted(src.rglob("*.json")):
    rows = json.loads(path.read_text(encoding="utf-8"))
    if not rows:
        print(f"skip {path.name}: no rows"); continue
    if any(r["settings"].get("tiny") for r in rows) or any(r.get("device") != "cuda" for r in rows):
        print(f"skip {path.name}: tiny or not a GPU run"); continue
    groups[(rows[0]["system"], rows[0]["hardware"])].extend(rows)
for (system, hardware), rows in sorted(groups.items()):
    target = Path("data/measurements") / f"{slug(system)}__{slug(hardware)}.json"
    target.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{system} on {hardware} -> {target} ({len(rows)} rows)")
PYEOF
