"""The whole-clip schedule: one chunk, `steps` transformer calls, one decode, the right frames."""

from __future__ import annotations

import pytest
import torch

from liveaudit.validator import measure_whole_clip
from tests.validator.measure_specs import one_thread, run_once, tiny_schedule, wan_tiny, whole_clip  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("one_thread")


def test_measure_whole_clip_runs_every_step_then_decodes_the_whole_clip(wan_tiny):
    networks, modules = wan_tiny
    schedule = tiny_schedule(whole_clip())
    assert schedule["frames"] == 9 and schedule["steps"] == 3 and schedule["cfg"]
    prepared = measure_whole_clip.prepare(schedule, networks, modules, "cpu", torch.float32)
    trace, timeline = run_once(prepared)
    assert trace.text_calls == 1 and trace.denoiser_calls == 3 == prepared.denoiser_calls
    assert trace.decode_calls == 1 and trace.cache_tokens == []
    assert trace.chunk_frames == [9] == timeline.frames          # nothing is shown before the decode
    assert trace.output_shape == (1, 3, 9, 32, 32) and prepared.frames == 9
    assert prepared.frames_per_chunk is None
    assert set(timeline.stages_s) == {"text_encoder", "denoiser", "vae_decode"}


def test_measure_whole_clip_overrides_resolution_steps_and_seconds():
    from liveaudit.validator.measure import Options, schedule_for

    spec = whole_clip()
    s = schedule_for(spec, Options(device="cpu", tiny=False, width=416, height=240, steps=8, seconds=2.0).resolved(), 4)
    assert (s["width"], s["height"], s["steps"], s["frames"]) == (416, 240, 8, 29)  # 32 frames -> 1 + 4k
    s = schedule_for(spec, Options(device="cpu", tiny=False).resolved(), 4)
    assert (s["width"], s["height"], s["steps"], s["frames"]) == (832, 480, 3, 81)  # the published default
