"""`liveaudit bench measure`: the harness's figures beside a bare torch loop of the same denoiser calls.

figures = bench_measure("Self-Forcing", Options(device="cuda"))
"""

from __future__ import annotations

from collections.abc import Callable

from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure import harness
from liveaudit.validator.measure.options import Options
from liveaudit.validator.measure.run import MeasureContext, cpu_threads, forced_attention, measure
from liveaudit.validator.registry import load_systems, resolve


def bench_measure(system: str, opts: Options, progress: Callable[[str], None] | None = None) -> dict:
    """The harness's figures beside a bare torch loop of the same transformer calls, per mode.

    Returns {"system", "hardware", "rows": [{"mode", "harness_denoiser_s", "bare_s", "overhead",
    "denoiser_flops_fraction", "achieved_flops_fraction", "fps_p50", "ttff_s", "rtf", "level"}],
    "environment", "published"}: overhead = harness denoiser time / bare loop time - 1.
    """
    opts = opts.resolved()
    spec = resolve(load_systems(), system)
    gpus = load_hardware()
    rows = measure(spec, opts, gpus, progress)
    ctx = MeasureContext.build(spec, opts, gpus, lambda _msg: None, weights=None)  # random weights: the bare loop
    device = ctx.device
    out = []
    for row in rows:
        mode = row["result"]["mode"]
        prepared = ctx.prepare(mode)
        with forced_attention(opts.attention), cpu_threads(opts, device):  # the same threads and kernels as the harness
            for _ in range(row["result"]["warmup"] or 1):
                prepared.bare()
            times = []
            for _ in range(opts.repetitions):
                clock = harness.Clock(device)
                with clock.stage("bare"):
                    prepared.bare()
                clock.chunk_done(0)
                times.append(clock.timeline().stages_s["bare"])
        bare = harness.percentile(times, 50)
        timed = row["result"]["stages_s"].get("denoiser")
        out.append(
            {
                "mode": mode,
                "harness_denoiser_s": timed,
                "bare_s": bare,
                "overhead": timed / bare - 1 if timed and bare else None,
                "denoiser_flops_fraction": row["result"]["stage_flops_fraction"].get("denoiser"),
                "achieved_flops_fraction": row["result"]["achieved_flops_fraction"],
                "fps_p50": row["result"]["fps_p50"],
                "ttff_s": row["ttff_s"],
                "rtf": row["rtf"],
                "level": row["level"],
            }
        )
    published = [c for c in spec.get("claims", []) if (c.get("figures") or {}).get("gpu") == rows[0]["hardware"]]
    return {
        "system": spec["name"],
        "hardware": rows[0]["hardware"],
        "tiny": bool(opts.tiny),
        "rows": out,
        "environment": rows[0]["environment"],
        "published": published,
    }
