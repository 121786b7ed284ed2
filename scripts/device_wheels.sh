#!/usr/bin/env bash
# Download, here, the pure-Python / cp312 wheels that liveaudit's measure path needs and that the
# GPU machine's image lacks (it has torch, transformers, typer, rich, pyyaml, safetensors, numpy,
# but no diffusers, SQLAlchemy, Alembic or pydantic). They go to .whl/ (git-ignored through
# .git/info/exclude) and travel with `carry: [".whl"]`. See scripts/device_measure.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >> .git/info/exclude
PY=${PY:-.venv/bin/python}
ver() { "$PY" -c "import importlib.metadata as m; print(m.version('$1'))"; }
mkdir -p .whl
for name in diffusers sqlalchemy alembic mako pydantic pydantic_core annotated-types typing-inspection importlib_metadata; do
  "$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 --platform manylinux1_x86_64 -d .whl "$name==$(ver "$name")"
done
ls -la .whl
