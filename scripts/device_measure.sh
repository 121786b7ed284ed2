#!/usr/bin/env bash
# One prepared GPU session for the shipped measurements (data/measurements/, issues 9 and 10).
#
# Runs ON the lent GPU machine, from the repository root, with the wheels of scripts/device_wheels.sh
# carried in .whl/:
#     device run, carry [".whl"], timeout_s 600:  bash scripts/device_measure.sh
# It installs liveaudit without dependencies next to the image's own torch/transformers, then
# measures the open systems one by one (bf16, their real sizes and schedules; see PLAN), each
# under its own time limit and all under one deadline so that the results are always packed:
# $OUT/runs.tgz holds runs/<system slug>.<mode>.json (the shipped format), the harness-vs-bare
# benchmarks and the log; $OUT/measure.log is the log. Back here:
#     bash scripts/device_collect.sh <files_at folder>    # -> data/measurements/<system>__<gpu>.json
#
# Proven on CPU with tiny networks (the rows are then marked tiny and the loader refuses them):
#     DEVICE=cpu TINY=1 PYTHON=.venv/bin/python OUT=/tmp/out bash scripts/device_measure.sh
set -uo pipefail
cd "$(dirname "$0")/.."
DEVICE=${DEVICE:-cuda}
PYTHON=${PYTHON:-python3}
OUT=${OUT:?OUT must name the folder for the results}
# What is timed, in order of the claims they meet (one H100/4090-class GPU), each line
# "system limit_s modes [extra measure options]". The launch-bound one-step streams are timed
# eagerly and under CUDA graphs (torch.compile mode="reduce-overhead"), each mode in its own
# process so that a slow compile cannot cost the eager row; verdicts use the fastest mode.
# LongLive is timed on a 10 s stream (its 30 s default would take the whole lease); Wan2.1 (50
# steps + CFG over a whole clip, minutes per clip) is left out on purpose.
PLAN=${PLAN:-"StreamDiffusion 60 eager
Self-Forcing 85 eager
LongLive 85 eager --seconds 10
CausVid 80 eager
LTX-Video 75 eager
SDXL-Turbo 50 eager
StreamDiffusion 70 cuda_graphs
SDXL-Turbo 60 cuda_graphs"}
# Harness vs a bare loop of the same transformer calls (`liveaudit bench measure`), time allowing.
BENCH=${BENCH:-"Self-Forcing StreamDiffusion"}
DEADLINE_S=${DEADLINE_S:-500}  # the whole run, install included; the results are packed before it
REPETITIONS=${REPETITIONS:-3}
t0=$(date +%s)
left() { echo $(( DEADLINE_S - ($(date +%s) - t0) )); }
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
mkdir -p "$OUT"
log="$OUT/measure.log"

if [ "$DEVICE" != cpu ]; then
  if [ -d .whl ]; then
    "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
    export PYTHONPATH=/tmp/site
  fi
  "$PYTHON" -m pip install -q --no-index --no-deps --no-build-isolation --ignore-requires-python --no-cache-dir --upgrade --target /tmp/site . >>"$log" 2>&1 \
    || { echo "could not install liveaudit; see $log"; tail -20 "$log"; exit 1; }
  # the repository's own liveaudit/ folder must not shadow the installed package (whose stage
  # packages live elsewhere in the tree): the current directory stays off sys.path
  export PYTHONPATH=/tmp/site PYTHONSAFEPATH=1
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv >>"$log" 2>&1
fi
tiny=(--full); [ -n "${TINY:-}" ] && tiny=(--tiny)
"$PYTHON" -c "import torch, diffusers, transformers, liveaudit; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'diffusers', diffusers.__version__, 'transformers', transformers.__version__)" 2>&1 | tee -a "$log"

db="$(mktemp -d)/measure.db"
runs="$OUT/runs"; mkdir -p "$runs"
status=0
while read -r system limit mode extra; do
  [ -n "$system" ] || continue
  slug=$(echo "$system" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9.\n' '-')
  budget=$(left); [ "$budget" -lt "$limit" ] && limit=$budget
  if [ "$limit" -lt 20 ]; then echo "== $system $mode skipped: ${budget}s left" | tee -a "$log"; continue; fi
  start=$(date +%s)
  echo "== $system $mode ($DEVICE, limit ${limit}s)" | tee -a "$log"
  # shellcheck disable=SC2086  # extra holds several options
  timeout --signal=KILL "$limit" "$PYTHON" -m liveaudit measure --db "$db" --system "$system" --device "$DEVICE" \
      --mode "$mode" "${tiny[@]}" --warmup 1 --repetitions "$REPETITIONS" $extra \
      --save-json "$runs/$slug.$mode.json" >>"$log" 2>&1
  rc=$?
  echo "   rc=$rc in $(( $(date +%s) - start ))s" | tee -a "$log"
  [ "$rc" -eq 0 ] || status=1
done <<<"$PLAN"
for system in $BENCH; do
  slug=$(echo "$system" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9.\n' '-')
  limit=$(( $(left) - 10 ))
  if [ "$limit" -lt 30 ]; then echo "== bench $system skipped: $(left)s left" | tee -a "$log"; continue; fi
  echo "== bench measure $system (limit ${limit}s)" | tee -a "$log"
  COLUMNS=120 timeout --signal=KILL "$limit" "$PYTHON" -m liveaudit bench measure --system "$system" --device "$DEVICE" \
      --mode eager "${tiny[@]}" --repetitions 2 >"$runs/bench-$slug.txt" 2>&1
  echo "   rc=$? $(tail -3 "$runs/bench-$slug.txt" | tr '\n' ' ')" | tee -a "$log"
done
"$PYTHON" - "$runs" <<'PYEOF' 2>&1 | tee -a "$log"
import json, pathlib, sys
print(f"{'system':16} {'mode':12} {'gpu':10} {'fps p50':>8} {'TTFF s':>7} {'RTF':>6} {'level':>5}")
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    for r in json.loads(p.read_text()):
        res = r.get("result") or {}
        fmt = lambda v, f: format(v, f) if isinstance(v, (int, float)) else "-"
        print(f"{r['system'][:16]:16} {res.get('mode', '-'):12} {str(r.get('hardware'))[:10]:10} "
              f"{fmt(res.get('fps_p50') or r.get('throughput_fps'), '8.2f')} {fmt(r.get('ttff_s'), '7.3f')} "
              f"{fmt(r.get('rtf'), '6.3f')} {r.get('level') or '-':>5}")
PYEOF
cp "$log" "$runs/" 2>/dev/null
tar -czf "$OUT/runs.tgz" -C "$OUT" runs && rm -rf "$runs"
tail -40 "$log"
exit $status
