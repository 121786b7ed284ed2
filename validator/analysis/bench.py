"""`liveaudit bench analyze`: every registered open system analysed from cold, timed, with its cross-check.

figures = bench_analyze()     # wall and CPU time, FlopCounter/analytic ratio, params, FLOPs per system
"""

from __future__ import annotations

import time
from collections.abc import Callable

from liveaudit.validator.analysis.row import analyze, clear_counts
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.registry import load_systems


def bench_analyze(progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Analyse every registered open system from cold (no cached counts); wall time and ratios.

    Returns {"total_s", "cpu_s", "threads", "systems": [{"system", "seconds", "cpu_seconds", "ratio",
    "flop_counter", "analytic", "params", "flops_per_video_second"}]}.
    """
    import torch

    clear_counts()
    systems, gpus = load_systems(), load_hardware()
    targets = [s for s in systems.values() if s["architecture"] is not None]
    figures = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for i, spec in enumerate(targets):
        if progress:
            progress(spec["name"], i, len(targets))
        t0, c0 = time.perf_counter(), time.process_time()
        row = analyze(spec, gpus)
        cc = row["result"]["crosscheck"] or {}
        figures.append(
            {
                "system": spec["name"],
                "seconds": time.perf_counter() - t0,
                "cpu_seconds": time.process_time() - c0,
                "ratio": cc.get("ratio"),
                "flop_counter": cc.get("flop_counter"),
                "analytic": cc.get("analytic"),
                "params": row["params"],
                "flops_per_video_second": row["flops_per_video_second"],
            }
        )
    return {
        "total_s": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu_start,
        "systems": figures,
        "threads": torch.get_num_threads(),
    }
