"""Roofline bounds: the least time one GPU needs for the counted work.

For each stage (text encoder, denoiser, VAE decode) the time is at least
max(FLOPs / peak dense 16-bit FLOP/s, bytes / peak memory bandwidth); stages run one after
another, so the least time for one second of video is the sum over stages. Hence:

    max_fps    = output fps / least seconds per video second   (an upper bound on throughput)
    best_level = L0 when even that exceeds real time (RTF > 1, data/levels.yaml rtf_max);
                 L1 when the schedule shows nothing before the clip is done, or its first
                 chunk alone needs more than the time-to-first-frame limit (ttff_max_s);
                 otherwise at best L2 (the physics allows streaming; L3/L4 need measured
                 input latency, which no bound can give).

A claim beyond the bound of its stated GPU is physically implausible (the verdicts stage reads
these rows). Figures are per GPU: several GPUs divide the time at best by their count.
"""

from __future__ import annotations

from liveaudit.levels import load_thresholds


def stage_time(flops: float, nbytes: float, gpu: dict) -> float:
    return max(flops / gpu["peak_flops"], nbytes / gpu["bandwidth"])


def bound(stages: list[dict], first: list[dict] | None, fps: float, streams: bool, gpu: dict, thresholds=None) -> dict:
    """The roofline entry of one GPU (analyses row contract, plus the plot data)."""
    th = thresholds or load_thresholds()
    flops = sum(s["flops_per_video_s"] for s in stages)
    nbytes = sum(s["bytes_per_video_s"] for s in stages)
    compute_s = flops / gpu["peak_flops"]
    memory_s = nbytes / gpu["bandwidth"]
    min_s = sum(stage_time(s["flops_per_video_s"], s["bytes_per_video_s"], gpu) for s in stages)
    first_s = sum(stage_time(s["flops"], s["bytes"], gpu) for s in first) if first else None
    if min_s > th.rtf_max:
        level = "L0"
    elif not streams or first_s is None or first_s > th.ttff_max_s:
        level = "L1"
    else:
        level = "L2"
    intensity = flops / nbytes if nbytes else None
    return {
        "compute_s_per_video_s": compute_s,
        "memory_s_per_video_s": memory_s,
        "min_s_per_video_s": min_s,
        "max_fps": fps / min_s if min_s else None,
        "bound": "compute" if compute_s >= memory_s else "memory",
        "best_level": level,
        "first_frame_min_s": first_s,
        "intensity_flops_per_byte": intensity,
        "attainable_flops": min(gpu["peak_flops"], intensity * gpu["bandwidth"]) if intensity else None,
        "peak_flops": gpu["peak_flops"],
        "bandwidth": gpu["bandwidth"],
        "stages": {
            s["name"]: {
                "bound": "compute"
                if s["flops_per_video_s"] / gpu["peak_flops"] >= s["bytes_per_video_s"] / gpu["bandwidth"]
                else "memory",
                "min_s_per_video_s": stage_time(s["flops_per_video_s"], s["bytes_per_video_s"], gpu),
                "intensity_flops_per_byte": s["flops_per_video_s"] / s["bytes_per_video_s"]
                if s["bytes_per_video_s"]
                else None,
            }
            for s in stages
        },
    }
