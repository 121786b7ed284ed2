"""The one-step UNet stream family, timed: one chunk per frame, `steps` UNet calls and one decode each."""

from __future__ import annotations

import pytest
import torch

from liveaudit.validator.families import unet_stream as family
from liveaudit.validator.measure.on_device import build_on_device
from tests.validator.measure_specs import run_once, tiny_schedule, unet_stream

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.mark.parametrize("steps, cfg", [(1, False), (2, True)])
def test_unet_stream_delivers_every_frame_alone(steps, cfg):
    spec = unet_stream()
    networks, modules, _ = build_on_device(spec, "cpu", torch.float32, tiny=True)
    schedule = tiny_schedule(spec) | {"steps": steps, "cfg": cfg}
    assert schedule["frames"] == 4
    prepared = family.prepare(schedule, networks, modules, "cpu", torch.float32)
    trace, timeline = run_once(prepared)
    assert trace.text_calls == 1 and trace.denoiser_calls == 4 * steps == prepared.denoiser_calls
    assert trace.decode_calls == 4 and trace.chunk_frames == [1, 1, 1, 1] == timeline.frames
    assert trace.output_shape == (1, 3, 4, 32, 32) and prepared.frames_per_chunk == 1
