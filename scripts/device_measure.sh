#!/usr/bin/env bash
# One prepared GPU session for the shipped measurements (data/measurements/, issues 9 and 10).
#
# Runs ON the lent GPU machine, from the repository root, with the wheels of scripts/device_wheels.sh
# carried in .whl/:
#     device run, carry [".whl"], timeout_s 600:  bash scripts/device_measure.sh
# It installs liveaudit without dependencies next to the image's own torch/transformers, then
# measures the open systems one by one (eager mode, bf16, their real sizes and schedules), each
# under its own time limit so one slow system cannot eat the lease, and writes
# $OUT/<system slug>.json (the shipped format) plus $OUT/measure.log. Back here:
#     bash scripts/device_collect.sh <files_at folder>    # -> data/measurements/<system>__<gpu>.json
#
# Proven on CPU with tiny networks (the rows are then marked tiny and the loader refuses them):
#     DEVICE=cpu TINY=1 PYTHON=.venv/bin/python OUT=/tmp/out bash scripts/device_measure.sh
set -uo pipefail
cd "$(dirname "$0")/.."
DEVICE=${DEVICE:-cuda}
PYTHON=${PYTHON:-python3}
OUT=${OUT:?OUT must name the folder for the results}
# Cheapest first: the claims they meet are on one H100/4090-class GPU. Wan2.1 (50 steps + CFG over
# a whole 5 s clip, minutes per clip) is left out on purpose.
SYSTEMS=${SYSTEMS:-"StreamDiffusion SDXL-Turbo Self-Forcing CausVid LongLive LTX-Video"}
PER_SYSTEM_S=${PER_SYSTEM_S:-80}
REPETITIONS=${REPETITIONS:-3}
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
mkdir -p "$OUT"
log="$OUT/measure.log"

if [ "$DEVICE" != cpu ]; then
  if [ -d .whl ]; then
    "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
    export PYTHONPATH=/tmp/site
  fi
  "$PYTHON" -m pip install -q --no-index --no-deps --no-build-isolation --no-cache-dir --target /tmp/site . >>"$log" 2>&1 \
    || { echo "could not install liveaudit; see $log"; tail -20 "$log"; exit 1; }
  export PYTHONPATH=/tmp/site
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv >>"$log" 2>&1
fi
tiny=(--full); [ -n "${TINY:-}" ] && tiny=(--tiny)
"$PYTHON" -c "import torch, diffusers, transformers, liveaudit; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'diffusers', diffusers.__version__, 'transformers', transformers.__version__)" 2>&1 | tee -a "$log"

db="$(mktemp -d)/measure.db"
status=0
for system in $SYSTEMS; do
  slug=$(echo "$system" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9.\n' '-')
  start=$(date +%s)
  echo "== $system ($DEVICE, limit ${PER_SYSTEM_S}s)" | tee -a "$log"
  timeout --signal=KILL "$PER_SYSTEM_S" "$PYTHON" -m liveaudit measure --db "$db" --system "$system" --device "$DEVICE" \
      --mode eager "${tiny[@]}" --warmup 1 --repetitions "$REPETITIONS" --save-json "$OUT/$slug.json" >>"$log" 2>&1
  rc=$?
  echo "   rc=$rc in $(( $(date +%s) - start ))s" | tee -a "$log"
  [ "$rc" -eq 0 ] || status=1
done
tail -40 "$log"
exit $status
