"""`liveaudit measure` end to end on CPU: tiny runs into the store, the CLI and its errors (and the GPU paths)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from liveaudit.levels import level_from_measurement
from liveaudit.validator.measure import Options, measure_store

CONTRACT_RESULT = {
    "mode",
    "chunk_gap_s",
    "per_chunk_s",
    "fps_p50",
    "fps_max",
    "peak_mem_bytes",
    "achieved_flops_fraction",
    "repetitions",
    "warmup",
}
ENVIRONMENT = {"gpu", "driver", "cuda", "torch", "diffusers", "dtype", "attention"}


def test_store_measurements_writes_a_tiny_row_by_the_contract(self_forcing_rows):
    store, out = self_forcing_rows
    assert out["measurements"] == 1 and out["tiny"] is True
    row = store.rows("measurements")[0]
    assert row["system"] == "Self-Forcing" and row["hardware"] == "cpu" and row["device"] == "cpu"
    assert row["origin"] == "measured"
    s = row["settings"]
    assert s["tiny"] is True and s["label"] == "tiny CPU smoke config"
    assert s["steps"] == 4 and s["frames_per_chunk"] == 12 and s["cfg"] is False
    r = row["result"]
    assert CONTRACT_RESULT <= set(r) and r["mode"] == "eager" and r["repetitions"] == 2
    assert set(r["chunk_gap_s"]) == {"p50", "p95", "p99", "max"}
    assert r["chunk_frames"] == [9, 12, 12] and len(r["per_chunk_s"]) == 3
    assert r["denoiser_calls"] == 15 and r["kv_cache_tokens"][::5] == [0, 12, 24]
    assert r["stage_flops"]["denoiser"] > 0 and r["peak_flops"] is None  # no GPU peak on CPU
    assert ENVIRONMENT <= set(row["environment"]) and row["environment"]["dtype"] == "float32"
    assert row["ttff_s"] > 0 and row["rtf"] > 0 and row["throughput_fps"] > 0
    assert row["level"] == level_from_measurement(row).level
    run = [x for x in store.rows("runs") if x["command"] == "measure"][0]
    assert run["status"] == "finished" and run["summary"]["measurements"] == 1


def test_store_measurements_cli_errors_name_the_input(tmp_path):
    db = str(tmp_path / "store.db")
    for args, code in (
        (["--system", "Genie 3"], "E708"),
        (["--system", "No Such System"], "E705"),
        (["--system", "CausVid", "--resolution", "wide"], "E714"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "liveaudit", "measure", "--db", db, *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"error[{code}]"), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "system",
    [
        "CausVid",
        "Krea Realtime",
        "LongLive",
        "LTX-Video",
        "SDXL-Turbo",
        "Self-Forcing",
        "StreamDiffusion",
        "Wan2.1-T2V-1.3B",
        "Wan2.1-T2V-14B",
    ],
)
def test_store_measurements_cli_runs_every_open_system_tiny_on_cpu(system, tmp_path):
    db = str(tmp_path / "store.db")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "liveaudit",
            "measure",
            "--db",
            db,
            "--system",
            system,
            "--repetitions",
            "1",
            "--warmup",
            "0",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    row = json.loads(result.stdout.strip().splitlines()[-1])
    assert row["settings"]["tiny"] is True and row["result"]["frames"] == sum(row["result"]["chunk_frames"])


@pytest.mark.gpu
@pytest.mark.parametrize("system", ["Self-Forcing", "Wan2.1-T2V-1.3B", "StreamDiffusion"])
def test_store_measurements_gpu_paths_run_in_every_mode(system, tmp_path):
    # CUDA events, bf16, torch.compile and CUDA graphs on tiny networks: the GPU code paths, not a benchmark
    from liveaudit.store import Store

    store = Store.open(str(tmp_path / "store.db"))
    out = measure_store(store, system, Options(device="cuda", tiny=True, repetitions=2))
    assert [r["result"]["mode"] for r in out["rows"]] == ["eager", "compiled", "cuda_graphs"]
    for row in out["rows"]:
        assert row["hardware"] != "cpu" and row["environment"]["gpu"] and row["result"]["peak_mem_bytes"] > 0
        assert row["settings"]["tiny"] is True and row["settings"]["label"] == "tiny GPU smoke config"
