"""Time a system's real sampling schedule: one measurements row per mode (the core of `liveaudit measure`).

    rows = measure(spec, Options(device="cuda"))          # one measurements row per mode

The system's schedule family (the `prepare` half of families/*.py) runs its real networks
(random weights unless `weights`) with the system's own step count, streaming structure and VAE
decode. Every schedule is timed in each mode asked for: `eager`, `compiled` (torch.compile of
the denoiser call) and `cuda_graphs` (torch.compile mode="reduce-overhead", which captures CUDA
graphs). Verdicts judge claims against the fastest mode, so a slow harness never makes a claim
look false.

FLOPs are counted on an untimed eager run of the same clip with torch's FlopCounterMode, per
stage; achieved FLOP/s = counted FLOPs / measured time, as a fraction of the catalogued GPU's
dense 16-bit peak (data/hardware.yaml).

A tiny run (`Options(tiny=True)`, the default on CPU) shrinks the networks and the clip to a
smoke-test size (on_device.tiny_config, options.TINY). Its rows say so: `settings.tiny = true`,
`settings.label = "tiny CPU smoke config"`; they show the schedule runs end to end and are
never the system's performance (the verdicts ignore them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType

import torch

from liveaudit.errors import InputError
from liveaudit.levels import level_from_measurement
from liveaudit.validator.families import FAMILIES
from liveaudit.validator.families.common import DTYPES, Trace, network_index, settings_of, vae_factors
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure import harness
from liveaudit.validator.measure.on_device import build_on_device
from liveaudit.validator.measure.options import Options, schedule_for

METHOD = "liveaudit.measure_harness.v1"  # bump when what is timed or how changes


@dataclass
class MeasureContext:
    """What every timed mode of one system shares: built once, read by each mode and each row."""

    spec: dict
    opts: Options  # resolved
    schedule: dict  # schedule_for(spec, opts, ...)
    family: ModuleType  # the schedule family module (families/*.py)
    networks: list[dict]
    modules: list[torch.nn.Module]
    unknown: dict  # config keys the classes do not take, per network
    device: torch.device
    dtype: torch.dtype
    hardware: str  # catalogue name of the GPU, or "cpu"
    peak: float | None  # its dense 16-bit FLOP/s, when catalogued
    label: str  # settings.label of the rows
    say: Callable[[str], None]
    environment: dict = field(default_factory=dict)
    flops: dict[str, float] = field(default_factory=dict)  # counted per stage; empty when not counted
    trace: Trace | None = None  # the counted clip's structure

    @classmethod
    def build(
        cls, spec: dict, opts: Options, gpus: dict, say: Callable[[str], None], weights: str | None
    ) -> MeasureContext:
        """Build `spec`'s networks on the options' device and fix the schedule they will run."""
        device, dtype = torch.device(opts.device), DTYPES[opts.dtype]
        networks, modules, unknown = build_on_device(spec, device, dtype, tiny=opts.tiny, weights_dir=weights)
        vae = modules[network_index(networks, "vae_decode")]
        temporal = vae_factors(vae)[0] if spec["architecture"]["schedule"]["family"] != "unet_stream" else 1
        schedule = schedule_for(spec, opts, temporal)
        hardware = harness.hardware_name(device, gpus)
        label = f"tiny {'CPU' if device.type == 'cpu' else 'GPU'} smoke config" if opts.tiny else "published default"
        if not opts.tiny and any((opts.width, opts.height, opts.steps, opts.seconds)):
            label = "custom settings"
        return cls(
            spec,
            opts,
            schedule,
            FAMILIES[schedule["family"]],
            networks,
            modules,
            unknown,
            device,
            dtype,
            hardware,
            gpus.get(hardware, {}).get("peak_flops"),
            label,
            say,
        )

    def prepare(self, mode: str):
        """The family's schedule ready to run in `mode`, and the step-begin hook it was given."""
        compile_fn, step_begin = compile_mode(mode)
        return self.family.prepare(
            self.schedule, self.networks, self.modules, self.device, self.dtype, compile_fn, step_begin
        )


def measure(
    spec: dict, opts: Options, gpus: dict | None = None, progress: Callable[[str], None] | None = None
) -> list[dict]:
    """One measurements row (without run_id) per mode in `opts.modes`."""
    opts = opts.resolved()
    if spec.get("architecture") is None:
        raise InputError("E708", name=spec["name"], reason=spec.get("not_analysed_reason", ""))
    gpus = load_hardware() if gpus is None else gpus
    say = progress or (lambda _msg: None)
    say(
        f"building {spec['name']} ({'tiny' if opts.tiny else 'full size'}, {opts.dtype}) on {torch.device(opts.device)}"
    )
    ctx = MeasureContext.build(spec, opts, gpus, say, opts.weights)
    with cpu_threads(opts, ctx.device):
        ctx.environment = harness.environment(
            ctx.device, ctx.dtype, harness.attention_backend(ctx.device, opts.attention)
        )
        return measure_modes(ctx)


def measure_modes(ctx: MeasureContext) -> list[dict]:
    """Count the clip's FLOPs once (when asked), then time it in every mode; one row per mode."""
    rows = []
    with forced_attention(ctx.opts.attention):
        if ctx.opts.count_flops:
            ctx.say("counting FLOPs (one untimed eager clip)")
            ctx.flops, ctx.trace = count_flops(
                ctx.family.prepare(ctx.schedule, ctx.networks, ctx.modules, ctx.device, ctx.dtype), ctx.device
            )
        for mode in ctx.opts.modes:
            prepared = ctx.prepare(mode)
            warmup = max(ctx.opts.warmup, 2 if mode == "compiled" else 3 if mode == "cuda_graphs" else 0)
            ctx.say(f"{mode}: {warmup} warm-up + {ctx.opts.repetitions} timed clips")
            timelines = harness.repeat(
                prepared.run,
                ctx.device,
                warmup,
                ctx.opts.repetitions,
                on_rep=lambda i, n, mode=mode: ctx.say(f"{mode}: clip {i}/{n}"),
            )
            figs = harness.figures(timelines, ctx.schedule["fps"])
            rows.append(measurement_row(ctx, mode, warmup, prepared, figs))
    return rows


def count_flops(prepared, device) -> tuple[dict[str, float], Trace]:
    """FLOPs per stage of one clip (an untimed eager run under FlopCounterMode), and its trace."""
    clock = harness.FlopClock(device)
    torch.manual_seed(0)
    trace = prepared.run(clock)
    return clock.flops, trace


def measurement_row(ctx: MeasureContext, mode: str, warmup: int, prepared, figs: dict) -> dict:
    """The measurements row of one mode: figures, the counted FLOPs beside them, the level."""
    schedule, opts, flops, peak = ctx.schedule, ctx.opts, ctx.flops, ctx.peak
    settings = settings_of({k: v for k, v in schedule.items() if not k.startswith("_")}, ctx.label)
    settings |= {
        "seconds": figs["video_s"],
        "frames_per_chunk": prepared.frames_per_chunk,
        "tiny": bool(opts.tiny),
        "dtype": opts.dtype,
    }
    total_flops = sum(flops.values()) if flops else None
    achieved = total_flops / figs["wall_s"] / peak if total_flops and peak and figs["wall_s"] else None
    stage_fraction = (
        {name: (flops.get(name, 0.0) / t / peak if peak and t else None) for name, t in figs["stages_s"].items()}
        if flops
        else {}
    )
    row = {
        "system": ctx.spec["name"],
        "hardware": ctx.hardware,
        "device": ctx.device.type,
        "settings": settings,
        "ttff_s": figs["ttff_s"],
        "throughput_fps": figs["throughput_fps"],
        "rtf": figs["rtf"],
        "result": {
            "mode": mode,
            "chunk_gap_s": figs["chunk_gap_s"],
            "per_chunk_s": figs["per_chunk_s"],
            "fps_p50": figs["fps_p50"],
            "fps_max": figs["fps_max"],
            "peak_mem_bytes": harness.peak_memory_bytes(ctx.device),
            "achieved_flops_fraction": achieved,
            "repetitions": figs["repetitions"],
            "warmup": warmup,
            "wall_s": figs["wall_s"],
            "video_s": figs["video_s"],
            "frames": figs["frames"],
            "chunks": figs["chunks"],
            "chunk_frames": figs["frames_per_chunk"],
            "stages_s": figs["stages_s"],
            "flops_per_clip": total_flops,
            "stage_flops": flops,
            "stage_flops_fraction": stage_fraction,
            "peak_flops": peak,
            "denoiser_calls": prepared.denoiser_calls,
            "kv_cache_tokens": ctx.trace.cache_tokens if ctx.trace else None,
            "schedule": {k: v for k, v in schedule.items() if not k.startswith("_")},
            "weights": "local safetensors" if opts.weights and not opts.tiny else "random",
            "unknown_config_keys": ctx.unknown,
            "method": METHOD,
        },
        "environment": ctx.environment,
        "origin": "measured",
    }
    level = level_from_measurement(row)
    row["level"] = level.level
    row["result"]["level_reason"] = level.reason
    row["result"]["run_key"] = run_key(row)
    return row


def run_key(row: dict) -> str:
    """Identity of a measurement (system, hardware, settings, mode, figures), to load shipped runs once."""
    payload = {k: row.get(k) for k in ("system", "hardware", "device", "settings", "ttff_s", "throughput_fps", "rtf")}
    payload["mode"] = (row.get("result") or {}).get("mode")
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def compile_mode(mode: str) -> tuple[Callable, Callable[[], None]]:
    """(compile_fn, step_begin) of a timing mode: identity for eager, torch.compile otherwise."""
    if mode == "eager":
        return (lambda f: f), (lambda: None)
    import torch._dynamo

    for name in ("cache_size_limit", "recompile_limit"):  # every KV-cache length is one more shape
        if hasattr(torch._dynamo.config, name):
            setattr(torch._dynamo.config, name, max(getattr(torch._dynamo.config, name), 256))
    if mode == "compiled":
        return (lambda f: torch.compile(f, dynamic=False)), (lambda: None)
    return (lambda f: torch.compile(f, mode="reduce-overhead", dynamic=False)), torch.compiler.cudagraph_mark_step_begin


def forced_attention(forced: str | None):
    """A context forcing one SDPA kernel (--attention), or nothing."""
    from contextlib import nullcontext

    if not forced:
        return nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    kinds = {
        "flash": SDPBackend.FLASH_ATTENTION,
        "efficient": SDPBackend.EFFICIENT_ATTENTION,
        "cudnn": SDPBackend.CUDNN_ATTENTION,
        "math": SDPBackend.MATH,
    }
    if forced not in kinds:
        raise InputError("E714", option="--attention", value=forced, known=", ".join(kinds))
    return sdpa_kernel(kinds[forced])


@contextmanager
def cpu_threads(opts: Options, device: torch.device):
    """One CPU thread for tiny CPU runs: tiny ops are dominated by thread hand-offs, worst on a shared machine."""
    threads = torch.get_num_threads()
    if opts.tiny and device.type == "cpu":
        torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
