"""The timing harness: clocks, repetitions, percentiles and the environment of a timed run.

    clock = Clock(device)                      # CUDA events on a GPU, perf_counter on CPU
    with clock.stage("denoiser"): ...          # stage attribution, never a synchronisation
    clock.chunk_done(frames)                   # one sync: the chunk's frames are on the host side
    timelines = repeat(run, device, warmup=2, repetitions=5)
    figs = figures(timelines, fps=16.0)        # TTFF, chunk gaps p50/p95/p99, throughput, RTF

A schedule (the `prepare` half of families/whole_clip.py, chunked_ar.py, unet_stream.py) is
a function `run(clock)` that generates one clip and calls `clock.chunk_done(n)` each time `n`
frames could be shown. Timing follows MLPerf Inference habits (docs/design.md, "Measuring honestly"): warm-up runs
before any clock starts, fixed seeds, no output caching between runs, percentiles over the
repetitions, and the environment recorded beside every figure. On a GPU the only host/device
synchronisation inside a timed run is at chunk boundaries, where a real streaming system must
hand its frames over anyway; stage boundaries only record CUDA events.
"""

from __future__ import annotations

import math
import platform
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import torch


@dataclass
class Timeline:
    """One timed run: the time each chunk was delivered (seconds from the start) and its frames."""

    delivered_s: list[float]
    frames: list[int]
    stages_s: dict[str, float] = field(default_factory=dict)  # summed time per stage

    @property
    def wall_s(self) -> float:
        return self.delivered_s[-1] if self.delivered_s else 0.0

    @property
    def total_frames(self) -> int:
        return sum(self.frames)

    def gaps_s(self) -> list[float]:
        """Time between consecutive deliveries (the first chunk's own time is TTFF, not a gap)."""
        d = self.delivered_s
        return [b - a for a, b in zip(d, d[1:])]

    def per_chunk_s(self) -> list[float]:
        """Time each chunk took, the first counted from the start of the run."""
        d = self.delivered_s
        return [d[0], *self.gaps_s()] if d else []

    def sustained_fps(self) -> float | None:
        """Frames per second after the first chunk; the clip rate when there is one chunk only."""
        if not self.delivered_s:
            return None
        if len(self.delivered_s) == 1:
            return self.frames[0] / self.delivered_s[0] if self.delivered_s[0] > 0 else None
        span = self.delivered_s[-1] - self.delivered_s[0]
        return sum(self.frames[1:]) / span if span > 0 else None


class Clock:
    """Times one run. On CUDA every mark is an event (no sync) except `chunk_done`, which syncs."""

    def __init__(self, device: torch.device | str) -> None:
        self.device = torch.device(device)
        self.cuda = self.device.type == "cuda"
        self._marks: list[tuple[str, object, object]] = []  # (stage, start mark, end mark)
        self._chunks: list[tuple[object, int]] = []
        self._start = self._now()

    def _now(self) -> object:
        if self.cuda:
            event = torch.cuda.Event(enable_timing=True)
            event.record()
            return event
        return time.perf_counter()

    def _elapsed(self, a: object, b: object) -> float:
        if self.cuda:
            return a.elapsed_time(b) / 1000.0  # milliseconds
        return b - a

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = self._now()
        yield
        self._marks.append((name, start, self._now()))

    def chunk_done(self, frames: int) -> None:
        """The chunk's `frames` are ready to show: synchronise (GPU) and stamp the delivery."""
        mark = self._now()
        if self.cuda:
            mark.synchronize()
        self._chunks.append((mark, int(frames)))

    def timeline(self) -> Timeline:
        if self.cuda:
            torch.cuda.synchronize(self.device)
        stages: dict[str, float] = {}
        for name, a, b in self._marks:
            stages[name] = stages.get(name, 0.0) + self._elapsed(a, b)
        return Timeline([self._elapsed(self._start, m) for m, _ in self._chunks], [n for _, n in self._chunks], stages)


class FlopClock(Clock):
    """A Clock that also counts the FLOPs of each stage (torch FlopCounterMode); for untimed runs only."""

    def __init__(self, device: torch.device | str) -> None:
        super().__init__(device)
        self.flops: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        from torch.utils.flop_counter import FlopCounterMode

        with FlopCounterMode(display=False) as counter:
            yield
        self.flops[name] = self.flops.get(name, 0.0) + float(counter.get_total_flops())


def repeat(
    run: Callable[[Clock], object],
    device: torch.device | str,
    warmup: int = 1,
    repetitions: int = 3,
    seed: int = 0,
    on_rep: Callable[[int, int], None] | None = None,
) -> list[Timeline]:
    """`warmup` untimed runs, then `repetitions` timed ones (fixed seed each), as Timelines."""
    device = torch.device(device)
    for i in range(warmup):
        torch.manual_seed(seed)
        run(Clock(device))
        if on_rep:
            on_rep(i + 1, warmup + repetitions)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
        torch.cuda.reset_peak_memory_stats(device)
    out = []
    for i in range(repetitions):
        torch.manual_seed(seed)
        clock = Clock(device)
        run(clock)
        out.append(clock.timeline())
        if on_rep:
            on_rep(warmup + i + 1, warmup + repetitions)
    return out


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between ranks (numpy's default)."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summary(values: Sequence[float]) -> dict[str, float | None]:
    """{"p50", "p95", "p99", "max"} of `values` (all None when empty)."""
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": max(values) if values else None,
    }


def figures(timelines: Sequence[Timeline], fps: float) -> dict:
    """The figures the liveness levels need, over the repetitions.

    TTFF, RTF and throughput are medians over repetitions; chunk gaps are pooled over every
    repetition before taking percentiles; `per_chunk_s` is the median time of each chunk index;
    `fps_p50`/`fps_max` are the median and best whole-clip rate (frames / wall time).
    """
    if not timelines:
        raise ValueError("no timed repetitions")
    frames = timelines[0].total_frames
    duration = frames / fps
    gaps = [g for t in timelines for g in t.gaps_s()]
    n_chunks = len(timelines[0].delivered_s)
    per_chunk = [percentile([t.per_chunk_s()[i] for t in timelines], 50) for i in range(n_chunks)]
    clip_fps = [t.total_frames / t.wall_s for t in timelines if t.wall_s > 0]
    stages = {
        name: percentile([t.stages_s.get(name, 0.0) for t in timelines], 50)
        for name in sorted({n for t in timelines for n in t.stages_s})
    }
    sustained = [s for s in (t.sustained_fps() for t in timelines) if s is not None]
    wall = percentile([t.wall_s for t in timelines], 50)
    return {
        "frames": frames,
        "chunks": n_chunks,
        "frames_per_chunk": list(timelines[0].frames),
        "video_s": duration,
        "wall_s": wall,
        "ttff_s": percentile([t.delivered_s[0] for t in timelines], 50),
        "throughput_fps": percentile(sustained, 50),
        "rtf": wall / duration if duration else None,
        "chunk_gap_s": summary(gaps),
        "per_chunk_s": per_chunk,
        "fps_p50": percentile(clip_fps, 50),
        "fps_max": max(clip_fps) if clip_fps else None,
        "stages_s": stages,
        "repetitions": len(timelines),
    }


def peak_memory_bytes(device: torch.device | str) -> int | None:
    """Peak memory allocated by torch on the GPU since the timed runs began; None on CPU."""
    device = torch.device(device)
    if device.type == "cuda":
        return int(torch.cuda.max_memory_allocated(device))
    return None


def _driver() -> str | None:
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return out.stdout.strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def _cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def attention_backend(device: torch.device | str, forced: str | None = None) -> str:
    """Which scaled-dot-product attention kernels torch may pick here (or the one forced)."""
    if forced:
        return f"torch sdpa, forced {forced}"
    device = torch.device(device)
    if device.type != "cuda":
        return "torch sdpa (CPU: flash/math kernels)"
    enabled = [
        name
        for name, on in (
            ("flash", torch.backends.cuda.flash_sdp_enabled()),
            ("mem_efficient", torch.backends.cuda.mem_efficient_sdp_enabled()),
            ("cudnn", torch.backends.cuda.cudnn_sdp_enabled()),
            ("math", torch.backends.cuda.math_sdp_enabled()),
        )
        if on
    ]
    return f"torch sdpa (auto among {', '.join(enabled)})"


def environment(device: torch.device | str, dtype: torch.dtype, attention: str) -> dict:
    """What a figure depends on: GPU, driver, CUDA, library versions, dtype, attention backend."""
    import diffusers
    import transformers

    device = torch.device(device)
    cuda = device.type == "cuda"
    return {
        "gpu": torch.cuda.get_device_name(device) if cuda else None,
        "gpu_count": torch.cuda.device_count() if cuda else 0,
        "driver": _driver() if cuda else None,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version() if cuda else None,
        "torch": torch.__version__,
        "diffusers": diffusers.__version__,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
        "cpu": _cpu_name(),
        "threads": torch.get_num_threads(),
        "dtype": str(dtype).removeprefix("torch."),
        "attention": attention,
    }


def hardware_name(device: torch.device | str, gpus: dict[str, dict]) -> str:
    """The catalogue name of the GPU in use (longest name or alias found in the device name), else "cpu".

    A GPU missing from the catalogue keeps torch's device name, so its figures are never
    attributed to a catalogued GPU.
    """
    device = torch.device(device)
    if device.type != "cuda":
        return "cpu"
    found = torch.cuda.get_device_name(device)
    return match_gpu(found, gpus) or found


def match_gpu(device_name: str, gpus: dict[str, dict]) -> str | None:
    """'NVIDIA H100 80GB HBM3' -> 'H100 SXM'; PCIe cards say so in their name."""
    import re

    low = device_name.lower().replace("-", " ")
    best, best_len = None, 0
    for name, spec in gpus.items():
        for alias in [name, *spec.get("aliases", [])]:
            a = alias.lower().replace("-", " ")
            if re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", low) and len(a) > best_len:
                best, best_len = name, len(a)
    if best and "pcie" in low:
        pcie = [n for n in gpus if n.lower().startswith(best.split()[0].lower()) and "pcie" in n.lower()]
        best = pcie[0] if pcie else best
    return best
