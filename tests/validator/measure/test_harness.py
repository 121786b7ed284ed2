"""The timing harness on synthetic timelines: percentiles, figures, levels, clocks, GPU names."""

from __future__ import annotations

import pytest

from liveaudit.levels import level_from_measurement
from liveaudit.validator.hardware import load_hardware
from liveaudit.validator.measure.harness import (
    Clock,
    Timeline,
    environment,
    figures,
    match_gpu,
    percentile,
    repeat,
    summary,
)


def test_harness_percentile_interpolates_between_ranks():
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == pytest.approx(2.5)
    assert percentile([1.0, 2.0, 3.0, 4.0], 0) == 1.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 100) == 4.0
    assert percentile(list(map(float, range(1, 101))), 99) == pytest.approx(99.01)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    assert summary([]) == {"p50": None, "p95": None, "p99": None, "max": None}


def test_harness_figures_of_a_streaming_timeline():
    # 4 chunks (9 + 3 x 12 frames at 16 fps): first after 0.5 s, then one every 0.5 s
    runs = [
        Timeline([0.5, 1.0, 1.5, 2.0], [9, 12, 12, 12], {"denoiser": 1.2, "vae_decode": 0.8}),
        Timeline([0.7, 1.2, 1.9, 2.4], [9, 12, 12, 12], {"denoiser": 1.4, "vae_decode": 1.0}),
    ]
    f = figures(runs, fps=16.0)
    assert f["frames"] == 45 and f["chunks"] == 4 and f["repetitions"] == 2
    assert f["video_s"] == pytest.approx(45 / 16)
    assert f["ttff_s"] == pytest.approx(0.6)  # median of 0.5 and 0.7
    gaps = [0.5, 0.5, 0.5, 0.5, 0.7, 0.5]
    assert f["chunk_gap_s"]["max"] == pytest.approx(0.7)
    assert f["chunk_gap_s"]["p50"] == pytest.approx(0.5)
    assert f["chunk_gap_s"]["p99"] == pytest.approx(percentile(gaps, 99))
    assert f["throughput_fps"] == pytest.approx((36 / 1.5 + 36 / 1.7) / 2)
    assert f["rtf"] == pytest.approx(2.2 / (45 / 16))
    assert f["per_chunk_s"] == pytest.approx([0.6, 0.5, 0.6, 0.5])
    assert f["fps_max"] == pytest.approx(45 / 2.0)
    assert f["stages_s"] == {"denoiser": pytest.approx(1.3), "vae_decode": pytest.approx(0.9)}


def test_harness_figures_of_a_whole_clip_timeline_have_no_gaps():
    f = figures([Timeline([10.0], [81])], fps=16.0)
    assert f["chunk_gap_s"]["p99"] is None
    assert f["ttff_s"] == 10.0 and f["throughput_fps"] == pytest.approx(8.1)
    assert f["rtf"] == pytest.approx(10.0 / (81 / 16))


def _row(f: dict, fps: float, frames_per_chunk: int | None) -> dict:
    return {
        "settings": {"fps": fps, "frames_per_chunk": frames_per_chunk},
        "ttff_s": f["ttff_s"],
        "throughput_fps": f["throughput_fps"],
        "rtf": f["rtf"],
        "result": {"chunk_gap_s": f["chunk_gap_s"]},
    }


@pytest.mark.parametrize(
    "delivered, frames_per_chunk, level",
    [
        ([0.5, 1.0, 1.5, 2.0], 12, "L2"),  # 24 fps sustained, gaps 0.5 s <= 0.75 s chunks, first frame 0.5 s
        ([0.5, 1.0, 1.9, 2.4], 12, "L1"),  # one gap of 0.9 s > 0.75 s: p99 breaks the stream
        ([2.5, 2.6, 2.7, 2.8], 12, "L1"),  # first frame after 2.5 s > 2 s (RTF still under 1)
        ([1.0, 2.0, 3.0, 4.0], 12, "L0"),  # 4 s for 2.8 s of video
        ([2.0], None, "L1"),  # whole clip faster than playback, nothing shown before the end
    ],
)
def test_harness_levels_of_synthetic_timelines(delivered, frames_per_chunk, level):
    frames = [9, 12, 12, 12][: len(delivered)] if frames_per_chunk else [45]
    f = figures([Timeline(delivered, frames)], 16.0)
    assert level_from_measurement(_row(f, 16.0, frames_per_chunk)).level == level


def test_harness_clock_marks_stages_and_chunk_deliveries_in_order():
    clock = Clock("cpu")
    for _ in range(3):
        with clock.stage("denoiser"):
            sum(range(1000))
        with clock.stage("vae_decode"):
            sum(range(1000))
        clock.chunk_done(4)
    t = clock.timeline()
    assert t.frames == [4, 4, 4] and len(t.delivered_s) == 3
    assert t.delivered_s == sorted(t.delivered_s) and t.delivered_s[0] >= 0
    assert set(t.stages_s) == {"denoiser", "vae_decode"}
    assert sum(t.stages_s.values()) <= t.wall_s


def test_harness_repeat_runs_warmups_untimed_then_the_repetitions():
    calls = []

    def run(clock):
        calls.append(clock)
        clock.chunk_done(1)

    timelines = repeat(run, "cpu", warmup=2, repetitions=3)
    assert len(calls) == 5 and len(timelines) == 3
    assert all(t.frames == [1] for t in timelines)


@pytest.mark.parametrize(
    "device_name, expected",
    [
        ("NVIDIA H100 80GB HBM3", "H100 SXM"),
        ("NVIDIA H100 PCIe", "H100 PCIe"),
        ("NVIDIA H200", "H200"),
        ("NVIDIA A100-SXM4-80GB", "A100 80GB"),
        ("NVIDIA GeForce RTX 4090", "RTX 4090"),
        ("NVIDIA L40S", "L40S"),
        ("Some Accelerator 9000", None),
    ],
)
def test_harness_match_gpu_names_the_catalogue_entry(device_name, expected):
    assert match_gpu(device_name, load_hardware()) == expected


def test_harness_environment_records_versions_dtype_and_attention():
    import torch

    env = environment("cpu", torch.float32, "torch sdpa")
    assert env["torch"] == torch.__version__ and env["dtype"] == "float32" and env["attention"] == "torch sdpa"
    assert env["gpu"] is None and env["diffusers"] and env["transformers"] and env["threads"] >= 1
