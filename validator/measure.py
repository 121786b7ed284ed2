"""Measure a system's real sampling schedule and store the figures (the library behind `liveaudit measure`).

    rows = measure(spec, Options(device="cuda"))          # one measurements row per mode
    summary = measure_store(store, "Self-Forcing", Options(device="cpu"))
    figures = bench_measure("Self-Forcing", Options(device="cuda"))

Each system's schedule family (measure_whole_clip.py, measure_chunked_ar.py,
measure_unet_stream.py) runs its real networks (random weights unless `weights`) with the
system's own step count, streaming structure and VAE decode. Every schedule is timed in each
mode asked for: `eager`, `compiled` (torch.compile of the denoiser call) and `cuda_graphs`
(torch.compile mode="reduce-overhead", which captures CUDA graphs). Verdicts judge claims
against the fastest mode, so a slow harness never makes a claim look false.

FLOPs are counted on an untimed eager run of the same clip with torch's FlopCounterMode, per
stage; achieved FLOP/s = counted FLOPs / measured time, as a fraction of the catalogued GPU's
dense 16-bit peak (data/hardware.yaml).

A tiny run (`Options(tiny=True)`, the default on CPU) shrinks the networks and the clip to a
smoke-test size (measure_networks.tiny_config). Its rows say so: `settings.tiny = true`,
`settings.label = "tiny CPU smoke config"`; they show the schedule runs end to end and are
never the system's performance (the verdicts ignore them).
"""

from __future__ import annotations

import hashlib
import json
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Callable

import torch

from liveaudit import config
from liveaudit.errors import InputError
from liveaudit.levels import level_from_measurement
from liveaudit.store.queue import default_worker
from liveaudit.store.runs import utcnow
from liveaudit.validator import harness, measure_chunked_ar, measure_unet_stream, measure_whole_clip
from liveaudit.validator.analysis import settings_of
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure_networks import build_on_device
from liveaudit.validator.plan import DTYPES
from liveaudit.validator.registry import load_systems, resolve
from liveaudit.validator.whole_clip import vae_factors

FAMILIES = {"whole_clip_dit": measure_whole_clip, "chunked_ar_dit": measure_chunked_ar,
            "unet_stream": measure_unet_stream}
MODES = ("eager", "compiled", "cuda_graphs")
METHOD = "liveaudit.measure_harness.v1"  # bump when what is timed or how changes
TINY = {"width": 32, "height": 32, "text_tokens": 16, "chunks": 3, "whole_latent_frames": 3, "stream_frames": 4}


@dataclass
class Options:
    """How to measure. `tiny` None means tiny on CPU, full size on a GPU; `modes` None: eager on CPU, all on GPU."""

    device: str = "cpu"
    dtype: str | None = None            # bf16 | fp16 | fp32; default bf16 on GPU, fp32 on CPU
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    seconds: float | None = None
    weights: str | None = None          # folder of local safetensors, one per network role
    tiny: bool | None = None
    modes: tuple[str, ...] | None = None
    warmup: int | None = None          # default VALIDATE_MEASURE_WARMUP
    repetitions: int | None = None     # default VALIDATE_MEASURE_REPETITIONS
    attention: str | None = None        # force one SDPA kernel: flash | efficient | cudnn | math
    count_flops: bool = True
    extra: dict = field(default_factory=dict)

    def resolved(self) -> "Options":
        try:
            device = torch.device(self.device)
        except RuntimeError:
            raise InputError("E713", device=self.device, reason="not a device name torch knows") from None
        if device.type == "cuda" and not torch.cuda.is_available():
            raise InputError("E713", device=self.device, reason="torch sees no CUDA device"
                             + ("" if torch.version.cuda else " (this torch is a CPU build)"))
        if device.type not in ("cpu", "cuda"):
            raise InputError("E713", device=self.device, reason="only cpu and cuda are supported")
        cuda = device.type == "cuda"
        modes = self.modes or (MODES if cuda else ("eager",))
        bad = [m for m in modes if m not in MODES] + (["cuda_graphs"] if "cuda_graphs" in modes and not cuda else [])
        if bad:
            raise InputError("E714", option="--mode", value=bad[0],
                             known=", ".join(MODES) + " (cuda_graphs only with --device cuda)")
        if self.attention not in (None, "flash", "efficient", "cudnn", "math"):
            raise InputError("E714", option="--attention", value=self.attention, known="flash, efficient, cudnn or math")
        if self.dtype not in (None, *DTYPES):
            raise InputError("E714", option="--dtype", value=self.dtype, known=", ".join(DTYPES))
        if self.repetitions is not None and self.repetitions < 1:
            raise InputError("E714", option="--repetitions", value=self.repetitions, known="1 or more")
        return Options(**{**asdict(self), "dtype": self.dtype or ("bf16" if cuda else "fp32"),
                          "warmup": config.get("VALIDATE_MEASURE_WARMUP") if self.warmup is None else self.warmup,
                          "repetitions": self.repetitions or config.get("VALIDATE_MEASURE_REPETITIONS"),
                          "tiny": (not cuda) if self.tiny is None else self.tiny, "modes": tuple(modes)})


def schedule_for(spec: dict, opts: Options, vae_temporal: int) -> dict:
    """The system's schedule with the options' overrides (and the tiny sizes), `frames` filled in."""
    s = dict(spec["architecture"]["schedule"])
    if opts.tiny:
        s |= {"width": TINY["width"], "height": TINY["height"], "text_tokens": min(s["text_tokens"], TINY["text_tokens"])}
        if s["family"] == "chunked_ar_dit":
            latents = TINY["chunks"] * s["latent_frames_per_chunk"]
            s["frames"] = 1 + (latents - 1) * vae_temporal
            if s.get("context_latent_frames"):  # keep the eviction in play: the window is under the clip
                s["context_latent_frames"] = min(s["context_latent_frames"], s["latent_frames_per_chunk"])
                s["sink_latent_frames"] = min(s.get("sink_latent_frames", 0), 1)
        elif s["family"] == "whole_clip_dit":
            s["frames"] = 1 + (TINY["whole_latent_frames"] - 1) * vae_temporal
        else:
            s["frames"] = TINY["stream_frames"]
        s["seconds"] = s["frames"] / s["fps"]
    s |= {k: v for k, v in (("width", opts.width), ("height", opts.height), ("steps", opts.steps)) if v}
    if opts.seconds:
        s["seconds"] = opts.seconds
        frames = max(1, round(s["fps"] * opts.seconds))
        s["frames"] = frames if s["family"] == "unet_stream" else (frames - 1) // vae_temporal * vae_temporal + 1
    if not s.get("frames"):
        s["frames"] = round(s["fps"] * s["seconds"])
    s["_system"] = spec["name"]
    return s


def _compile(mode: str, family: str) -> tuple[Callable, Callable[[], None]]:
    if mode == "eager":
        return (lambda f: f), (lambda: None)
    import torch._dynamo

    for name in ("cache_size_limit", "recompile_limit"):  # every KV-cache length is one more shape
        if hasattr(torch._dynamo.config, name):
            setattr(torch._dynamo.config, name, max(getattr(torch._dynamo.config, name), 256))
    if mode == "compiled":
        return (lambda f: torch.compile(f, dynamic=False)), (lambda: None)
    return (lambda f: torch.compile(f, mode="reduce-overhead", dynamic=False)), torch.compiler.cudagraph_mark_step_begin


def _sdpa(forced: str | None):
    from contextlib import nullcontext

    if not forced:
        return nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    kinds = {"flash": SDPBackend.FLASH_ATTENTION, "efficient": SDPBackend.EFFICIENT_ATTENTION,
             "cudnn": SDPBackend.CUDNN_ATTENTION, "math": SDPBackend.MATH}
    if forced not in kinds:
        raise InputError("E714", option="--attention", value=forced, known=", ".join(kinds))
    return sdpa_kernel(kinds[forced])


def count_flops(prepared, device) -> tuple[dict[str, float], measure_whole_clip.Trace]:
    """FLOPs per stage of one clip (an untimed eager run under FlopCounterMode), and its trace."""
    clock = harness.FlopClock(device)
    torch.manual_seed(0)
    trace = prepared.run(clock)
    return clock.flops, trace


def measure(spec: dict, opts: Options, gpus: dict | None = None,
            progress: Callable[[str], None] | None = None) -> list[dict]:
    """One measurements row (without run_id) per mode in `opts.modes`."""
    opts = opts.resolved()
    if spec.get("architecture") is None:
        raise InputError("E708", name=spec["name"], reason=spec.get("not_analysed_reason", ""))
    gpus = load_hardware() if gpus is None else gpus
    device, dtype = torch.device(opts.device), DTYPES[opts.dtype]
    say = progress or (lambda _msg: None)
    say(f"building {spec['name']} ({'tiny' if opts.tiny else 'full size'}, {opts.dtype}) on {device}")
    networks, modules, unknown = build_on_device(spec, device, dtype, tiny=opts.tiny, weights_dir=opts.weights)
    vae = modules[measure_whole_clip.index(networks, "vae_decode")]
    temporal = vae_factors(vae)[0] if spec["architecture"]["schedule"]["family"] != "unet_stream" else 1
    schedule = schedule_for(spec, opts, temporal)
    family = FAMILIES[schedule["family"]]
    hardware = harness.hardware_name(device, gpus)
    peak = gpus.get(hardware, {}).get("peak_flops")
    label = f"tiny {'CPU' if device.type == 'cpu' else 'GPU'} smoke config" if opts.tiny else "published default"
    if not opts.tiny and any((opts.width, opts.height, opts.steps, opts.seconds)):
        label = "custom settings"
    with _threads(opts, device):
        env = harness.environment(device, dtype, harness.attention_backend(device, opts.attention))
        return _measure_modes(spec, opts, schedule, family, networks, modules, device, dtype, peak, hardware, env,
                              label, unknown, say)


@contextmanager
def _threads(opts: Options, device: torch.device):
    """One CPU thread for tiny CPU runs: tiny ops are dominated by thread hand-offs, worst on a shared machine."""
    threads = torch.get_num_threads()
    if opts.tiny and device.type == "cpu":
        torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _measure_modes(spec, opts, schedule, family, networks, modules, device, dtype, peak, hardware, env, label,
                   unknown, say) -> list[dict]:
    rows = []
    with _sdpa(opts.attention):
        flops, trace = {}, None
        if opts.count_flops:
            say("counting FLOPs (one untimed eager clip)")
            flops, trace = count_flops(family.prepare(schedule, networks, modules, device, dtype), device)
        for mode in opts.modes:
            compile_fn, step_begin = _compile(mode, schedule["family"])
            prepared = family.prepare(schedule, networks, modules, device, dtype, compile_fn, step_begin)
            warmup = max(opts.warmup, 2 if mode == "compiled" else 3 if mode == "cuda_graphs" else 0)
            say(f"{mode}: {warmup} warm-up + {opts.repetitions} timed clips")
            timelines = harness.repeat(prepared.run, device, warmup, opts.repetitions,
                                       on_rep=lambda i, n: say(f"{mode}: clip {i}/{n}"))
            figs = harness.figures(timelines, schedule["fps"])
            rows.append(_row(spec, schedule, opts, mode, warmup, prepared, figs, flops, trace, peak, hardware,
                             device, env, label, unknown))
    return rows


def _row(spec, schedule, opts, mode, warmup, prepared, figs, flops, trace, peak, hardware, device, env, label, unknown) -> dict:
    settings = settings_of({k: v for k, v in schedule.items() if not k.startswith("_")}, label)
    settings |= {"seconds": figs["video_s"], "frames_per_chunk": prepared.frames_per_chunk,
                 "tiny": bool(opts.tiny), "dtype": opts.dtype}
    total_flops = sum(flops.values()) if flops else None
    achieved = total_flops / figs["wall_s"] / peak if total_flops and peak and figs["wall_s"] else None
    stage_fraction = {name: (flops.get(name, 0.0) / t / peak if peak and t else None)
                      for name, t in figs["stages_s"].items()} if flops else {}
    row = {
        "system": spec["name"], "hardware": hardware, "device": device.type, "settings": settings,
        "ttff_s": figs["ttff_s"], "throughput_fps": figs["throughput_fps"], "rtf": figs["rtf"],
        "result": {
            "mode": mode, "chunk_gap_s": figs["chunk_gap_s"], "per_chunk_s": figs["per_chunk_s"],
            "fps_p50": figs["fps_p50"], "fps_max": figs["fps_max"],
            "peak_mem_bytes": harness.peak_memory_bytes(device), "achieved_flops_fraction": achieved,
            "repetitions": figs["repetitions"], "warmup": warmup,
            "wall_s": figs["wall_s"], "video_s": figs["video_s"], "frames": figs["frames"], "chunks": figs["chunks"],
            "chunk_frames": figs["frames_per_chunk"], "stages_s": figs["stages_s"],
            "flops_per_clip": total_flops, "stage_flops": flops, "stage_flops_fraction": stage_fraction,
            "peak_flops": peak, "denoiser_calls": prepared.denoiser_calls,
            "kv_cache_tokens": trace.cache_tokens if trace else None,
            "schedule": {k: v for k, v in schedule.items() if not k.startswith("_")},
            "weights": "local safetensors" if opts.weights and not opts.tiny else "random",
            "unknown_config_keys": unknown, "method": METHOD,
        },
        "environment": env, "origin": "measured",
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


def measure_store(store, system: str | None, opts: Options, progress: Callable[[str], None] | None = None,
                  shard=None, queue: str | None = None, worker: str | None = None) -> dict:
    """Measure `system` (every open system when None) and append the rows; returns the rows and counts.

    Several machines share the work in one of two ways (both key systems by the id of their
    `current_systems` row, so the registry is synced into the store first, as `analyze` does):
    - `shard` (a `Shard`, `--shard I/N`): only the systems whose id % N == I - 1;
    - `queue` (`--queue BATCH`): the target systems go into the store's work queue "measure"
      under that batch (idempotently, so every worker may enqueue), then this worker claims one
      system at a time, measures it and marks it done; a system whose measurement raises is
      released back to the queue and the error propagates.
    """
    systems, gpus = load_systems(), load_hardware()
    if system:
        targets = [resolve(systems, system)]
    else:
        targets = [s for s in systems.values() if s.get("architecture") is not None]
    resolved = opts.resolved()
    out = []
    started = time.perf_counter()
    args = {"system": system, **{k: v for k, v in asdict(resolved).items() if k != "extra"}}
    if shard is not None:
        args["shard"] = str(shard)
    if queue is not None:
        args |= {"queue": queue, "worker": worker or default_worker()}
    with store.run("measure", args) as run:

        def measure_one(spec):
            rows = measure(spec, resolved, gpus, progress)
            for row in rows:
                row["created_at"] = utcnow()
                row["id"] = store.insert("measurements", [row], run)[0]
                row["run_id"] = run.id
            out.extend(rows)

        if shard is None and queue is None:
            for spec in targets:
                measure_one(spec)
            measured = [s["name"] for s in targets]
        else:
            measured = _measure_shared(store, run, systems, gpus, targets, shard, queue, worker, measure_one)
        run.summary = {"systems": len(measured), "measurements": len(out), "tiny": bool(resolved.tiny),
                       "device": resolved.device, "seconds": round(time.perf_counter() - started, 2)}
        if shard is not None or queue is not None:
            run.summary["measured_systems"] = measured
        summary = dict(run.summary)
    return {"rows": out, **summary}


def _measure_shared(store, run, systems, gpus, targets, shard, queue, worker, measure_one) -> list[str]:
    """--shard / --queue: measure this worker's share of `targets`; returns the names measured."""
    import sqlalchemy as sa

    from liveaudit.store.queue import WorkQueue
    from liveaudit.validator.store import sync_catalogues

    for attempt in range(5):  # the systems' store ids are the work items
        try:
            sync_catalogues(store, run, systems, gpus)
            break
        except sa.exc.IntegrityError:  # another worker synced the same new version at the same moment
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    ids = {r["name"]: r["id"] for r in store.rows("current_systems")}
    wanted = [ids[s["name"]] for s in targets]
    if shard is not None:
        wanted = [i for i in wanted if i in shard]
    if queue is None:
        for spec in targets:
            if ids[spec["name"]] in wanted:
                measure_one(spec)
        return [s["name"] for s in targets if ids[s["name"]] in wanted]
    work = WorkQueue(store, "measure", batch=queue)
    work.enqueue(wanted, run)
    names = {v: k for k, v in ids.items()}
    table = store.table("systems")
    measured = []
    while True:
        with work.claimed(worker, 1) as claimed:
            if not claimed:
                return measured
            name = names.get(claimed[0])
            if name is None:  # an older version's row (the registry changed since it was queued)
                with store.engine.connect() as conn:
                    name = conn.execute(sa.select(table.c.name).where(table.c.id == claimed[0])).scalar()
            measure_one(resolve(systems, name))
            measured.append(name)


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
    device, dtype = torch.device(opts.device), DTYPES[opts.dtype]
    networks, modules, _ = build_on_device(spec, device, dtype, tiny=opts.tiny, weights_dir=None)
    vae = modules[measure_whole_clip.index(networks, "vae_decode")]
    temporal = vae_factors(vae)[0] if spec["architecture"]["schedule"]["family"] != "unet_stream" else 1
    schedule = schedule_for(spec, opts, temporal)
    family = FAMILIES[schedule["family"]]
    out = []
    for row in rows:
        mode = row["result"]["mode"]
        compile_fn, step_begin = _compile(mode, schedule["family"])
        prepared = family.prepare(schedule, networks, modules, device, dtype, compile_fn, step_begin)
        with _sdpa(opts.attention), _threads(opts, device):  # the same threads and kernels as the harness
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
        out.append({"mode": mode, "harness_denoiser_s": timed, "bare_s": bare,
                    "overhead": timed / bare - 1 if timed and bare else None,
                    "denoiser_flops_fraction": row["result"]["stage_flops_fraction"].get("denoiser"),
                    "achieved_flops_fraction": row["result"]["achieved_flops_fraction"],
                    "fps_p50": row["result"]["fps_p50"], "ttff_s": row["ttff_s"], "rtf": row["rtf"], "level": row["level"]})
    published = [c for c in spec.get("claims", []) if (c.get("figures") or {}).get("gpu") == rows[0]["hardware"]]
    return {"system": spec["name"], "hardware": rows[0]["hardware"], "tiny": bool(opts.tiny), "rows": out,
            "environment": rows[0]["environment"], "published": published}
