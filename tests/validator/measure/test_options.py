"""Measurement options: what cannot run is refused, and the schedule a run follows."""

from __future__ import annotations

import pytest

from liveaudit.errors import InputError
from liveaudit.validator.measure import Options, schedule_for
from tests.validator.measure_specs import whole_clip


@pytest.mark.parametrize(
    "options, code",
    [
        ({"device": "cuda"}, "E713"),  # this torch sees no GPU
        ({"device": "tpu"}, "E713"),
        ({"modes": ("cuda_graphs",)}, "E714"),  # CUDA graphs need a GPU
        ({"modes": ("turbo",)}, "E714"),
        ({"attention": "magic"}, "E714"),
        ({"dtype": "int4"}, "E714"),
    ],
)
def test_options_refuse_what_cannot_run(options, code):
    import torch

    if options.get("device") == "cuda" and torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with pytest.raises(InputError) as err:
        Options(**options).resolved()
    assert err.value.code == code


def test_options_schedule_overrides_resolution_steps_and_seconds():
    spec = whole_clip()
    s = schedule_for(spec, Options(device="cpu", tiny=False, width=416, height=240, steps=8, seconds=2.0).resolved(), 4)
    assert (s["width"], s["height"], s["steps"], s["frames"]) == (416, 240, 8, 29)  # 32 frames -> 1 + 4k
    s = schedule_for(spec, Options(device="cpu", tiny=False).resolved(), 4)
    assert (s["width"], s["height"], s["steps"], s["frames"]) == (832, 480, 3, 81)  # the published default
