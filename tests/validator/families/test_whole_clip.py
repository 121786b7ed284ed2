"""The whole-clip family: its count (steps, CFG) and its timed clip (one chunk, `steps` calls, one decode)."""

from __future__ import annotations

import pytest
import torch

from liveaudit.validator.families import whole_clip as family
from tests.validator.conftest import counted_row
from tests.validator.measure_specs import run_once, tiny_schedule, whole_clip

pytestmark = pytest.mark.usefixtures("one_thread")


def test_whole_clip_runs_every_step_then_decodes_the_whole_clip(wan_tiny):
    networks, modules = wan_tiny
    schedule = tiny_schedule(whole_clip())
    assert schedule["frames"] == 9 and schedule["steps"] == 3 and schedule["cfg"]
    prepared = family.prepare(schedule, networks, modules, "cpu", torch.float32)
    trace, timeline = run_once(prepared)
    assert trace.text_calls == 1 and trace.denoiser_calls == 3 == prepared.denoiser_calls
    assert trace.decode_calls == 1 and trace.cache_tokens == []
    assert trace.chunk_frames == [9] == timeline.frames  # nothing is shown before the decode
    assert trace.output_shape == (1, 3, 9, 32, 32) and prepared.frames == 9
    assert prepared.frames_per_chunk is None
    assert set(timeline.stages_s) == {"text_encoder", "denoiser", "vae_decode"}


def test_whole_clip_plan_counts_steps_and_cfg(gpus):
    row = counted_row("tiny-wan", gpus)
    den = row["result"]["stages"][1]
    assert den["calls"] == pytest.approx(2 / 1.125)  # 2 steps per 1.125-s clip, CFG as one batch of 2
    more = counted_row("tiny-wan", gpus, {"steps": 4})
    assert more["result"]["stages"][1]["flops"] == pytest.approx(2 * den["flops"])
    assert more["settings"]["steps"] == 4
