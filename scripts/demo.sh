#!/usr/bin/env bash
# The main job: set up, then run the whole pipeline on the offline fixture site and open the
# dashboard. Extra arguments go to `liveaudit demo` (e.g. --no-dashboard).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/liveaudit demo "$@"
