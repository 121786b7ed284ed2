#!/usr/bin/env bash
# Set up, then run the default test suite (slow, browser and GPU tests are skipped; see README).
# Extra arguments go to pytest (e.g. --run-slow --run-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "test.sh: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$rc"
