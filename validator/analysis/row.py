"""Meta-device analysis of one system at one setting, and the roofline of every catalogued GPU.

    row = analyze(spec, gpus)                      # an analyses row (without run_id)
    row = analyze(spec, gpus, {"steps": 8}, "claim #12")

Builds each network of the system from its config on torch.device("meta") (validator/networks.py),
asks the schedule family (families/whole_clip.py, chunked_ar.py, unet_stream.py) for the calls
of one clip, counts each distinct call once (counting.py), and adds them up per stage and per
second of video. The denoiser's transformer blocks are checked against the analytic formula
(analytic.py): result["crosscheck"] holds both figures and their ratio.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from liveaudit.validator import families  # the module, not FAMILIES: families/chunked_ar.py imports analysis (a cycle)
from liveaudit.validator.analysis import analytic
from liveaudit.validator.analysis.counting import Count, count_call, param_count
from liveaudit.validator.analysis.roofline import bound
from liveaudit.validator.families.common import DTYPES, settings_of
from liveaudit.validator.networks import build, clear_build_cache

METHOD = "liveaudit.meta_analysis.v1"  # bump when counting or the bytes model changes

_COUNTS: dict[str, Count] = {}  # per process: identical calls (same class, config, inputs) count once


def clear_counts() -> None:
    """Forget the counts of this process (and the built meta networks), so the next analysis is cold."""
    _COUNTS.clear()
    clear_build_cache()


def cache_key(spec: dict, schedule: dict, gpus: dict) -> str:
    """Hash of everything the result depends on: the networks, the schedule, the catalogue, the method."""
    payload = {
        "method": METHOD,
        "networks": spec["architecture"]["networks"],
        "schedule": schedule,
        "gpus": {k: [v["peak_flops"], v["bandwidth"]] for k, v in sorted(gpus.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def analyze(
    spec: dict,
    gpus: dict,
    overrides: dict | None = None,
    label: str = "published default",
    on_call: Callable[[str], None] | None = None,
) -> dict:
    """Count one system at its schedule (with `overrides`) and bound it on every GPU; an analyses row."""
    arch = spec["architecture"]
    schedule = {**arch["schedule"], **(overrides or {})}
    if overrides and "seconds" in overrides and "frames" not in overrides:
        schedule["frames"] = None
    if not schedule.get("frames"):
        schedule["frames"] = round(schedule["fps"] * schedule["seconds"])
        if schedule["family"] != "unet_stream":  # video VAEs take 1 + k x (temporal compression) frames
            schedule["frames"] = schedule["frames"] // 4 * 4 + 1
    networks, modules, unknown = [], [], {}
    for i, net in enumerate(arch["networks"]):
        where = f"{spec.get('_file', spec['name'])}: architecture.networks[{i}] ({net['class']})"
        module, extra = build(net["class"], net["config"], str(DTYPES[net["dtype"]]).removeprefix("torch."), where)
        networks.append(
            {
                "role": net["role"],
                "class": net["class"],
                "config": dict(module.config) if hasattr(module.config, "keys") else module.config.to_dict(),
            }
        )
        modules.append(module)
        if extra:
            unknown[f"networks[{i}] {net['class']}"] = extra
    calls, extras = families.FAMILIES[schedule["family"]].plan(schedule, networks, modules)
    seconds = schedule["frames"] / schedule["fps"]

    per_net: dict[int, dict] = {}
    crosscheck = None
    for call in calls:
        net = networks[call.network]
        key = hashlib.sha256(
            json.dumps(
                [net["class"], net["config"], str(modules[call.network].dtype), call.key], sort_keys=True, default=str
            ).encode()
        ).hexdigest()
        if key not in _COUNTS:
            if on_call:
                on_call(f"{net['class']} {call.key}")
            _COUNTS[key] = count_call(
                modules[call.network],
                call.run,
                modules[call.network].dtype.itemsize,
                analytic.BLOCK_CLASSES.get(net["class"], ()),
            )
        c = _COUNTS[key]
        entry = per_net.setdefault(
            call.network,
            {
                "name": call.stage,
                "class": net["class"],
                "params": param_count(modules[call.network]),
                "flops": 0.0,
                "bytes": 0.0,
                "calls": 0.0,
                "first_chunk_flops": 0.0,
                "first_chunk_bytes": 0.0,
            },
        )
        entry["flops"] += c.flops * call.per_clip / seconds
        entry["bytes"] += c.bytes * call.per_clip / seconds
        entry["calls"] += call.per_clip / seconds
        entry["first_chunk_flops"] += c.flops * call.first_chunk
        entry["first_chunk_bytes"] += c.bytes * call.first_chunk
        if call.stage == "denoiser" and c.blocks:
            expected = analytic.blocks_flops(c.blocks, net["config"], net["class"])
            crosscheck = {
                "class": net["class"],
                "blocks": len(c.blocks),
                "flop_counter": c.block_flops,
                "analytic": expected,
                "ratio": c.block_flops / expected if expected else None,
                "denoiser_call_flops": c.flops,
            }
    stages = [per_net[i] for i in sorted(per_net)]
    for extra in extras:
        den = next(s for s in stages if s["name"] == extra.stage)
        den["flops"] += extra.flops_per_clip / seconds
        den["bytes"] += extra.bytes_per_clip / seconds
        den["first_chunk_flops"] += extra.first_chunk_flops
        den["first_chunk_bytes"] += extra.first_chunk_bytes
        den["kv_cache"] = {
            "flops_per_video_s": extra.flops_per_clip / seconds,
            "bytes_per_video_s": extra.bytes_per_clip / seconds,
            "note": extra.note,
        }

    by_stage: dict[str, dict] = {}
    for s in stages:
        agg = by_stage.setdefault(
            s["name"],
            {"name": s["name"], "flops_per_video_s": 0.0, "bytes_per_video_s": 0.0, "flops": 0.0, "bytes": 0.0},
        )
        agg["flops_per_video_s"] += s["flops"]
        agg["bytes_per_video_s"] += s["bytes"]
        agg["flops"] += s["first_chunk_flops"]
        agg["bytes"] += s["first_chunk_bytes"]
    settings = settings_of(schedule, label)
    streams = schedule["family"] != "whole_clip_dit"
    roofline = {
        name: bound(list(by_stage.values()), list(by_stage.values()), schedule["fps"], streams, gpu)
        for name, gpu in gpus.items()
    }
    first_flops = sum(s["first_chunk_flops"] for s in stages)
    first_bytes = sum(s["first_chunk_bytes"] for s in stages)
    return {
        "system": spec["name"],
        "settings": settings,
        "params": sum(s["params"] for s in stages if s["calls"] or s["first_chunk_flops"]),
        "flops_per_video_second": sum(s["flops"] for s in stages),
        "bytes_per_video_second": sum(s["bytes"] for s in stages),
        "result": {
            "stages": [
                {k: s[k] for k in ("name", "class", "params", "flops", "bytes", "calls")}
                | {"first_chunk_flops": s["first_chunk_flops"], "first_chunk_bytes": s["first_chunk_bytes"]}
                | ({"kv_cache": s["kv_cache"]} if "kv_cache" in s else {})
                for s in stages
            ],
            "roofline": roofline,
            "first_chunk_flops": first_flops,
            "first_chunk_bytes": first_bytes,
            "crosscheck": crosscheck,
            "published_params": _param_check(spec, stages),
            "schedule": schedule,
            "method": METHOD,
            "cache_key": cache_key(spec, schedule, gpus),
            "assumptions": [
                "one GPU; dense 16-bit tensor peak (max of BF16/FP16 rates, no sparsity) and peak DRAM bandwidth",
                "stages run one after another; each stage takes at least max(FLOPs/peak, bytes/bandwidth)",
                "bytes: every weight read once per call, GEMM/conv/attention outputs written and read once, "
                "elementwise ops and attention scores fused, KV cache read once per call",
                "classifier-free guidance runs conditional and unconditional as one batch of 2",
                "text encoding: once per clip of `seconds`; FLOPs of elementwise ops are not counted",
            ],
        },
        "unknown_config_keys": unknown,
    }


def _param_check(spec: dict, stages: list[dict]) -> list[dict]:
    """Counted vs published parameter counts, for each network the registry cites a figure for."""
    out = []
    for pub in spec.get("parameters", []):
        counted = sum(s["params"] for s in stages if pub["network"] in (s["name"], s["class"], "all"))
        if pub["network"] == "all":
            counted = sum(s["params"] for s in stages)
        out.append(
            {
                "network": pub["network"],
                "published": pub["value"],
                "counted": counted,
                "ratio": counted / pub["value"] if counted else None,
                "nominal": pub.get("nominal", False),
                "source": pub["source"],
            }
        )
    return out
