"""One system's timed run: the MeasureContext every mode shares, and the rows built from it."""

from __future__ import annotations

import pytest

from liveaudit.validator.families import unet_stream
from liveaudit.validator.measure import Options
from liveaudit.validator.measure.run import MeasureContext, measure_modes, run_key
from tests.validator.measure_specs import one_thread  # noqa: F401 (fixture)
from tests.validator.measure_specs import unet_stream as stream_spec

pytestmark = pytest.mark.usefixtures("one_thread")


def test_run_context_is_built_once_and_every_row_reads_it():
    said = []
    opts = Options(device="cpu", warmup=0, repetitions=1).resolved()
    ctx = MeasureContext.build(stream_spec(), opts, {}, said.append, weights=None)
    assert ctx.family is unet_stream and ctx.hardware == "cpu" and ctx.peak is None
    assert ctx.label == "tiny CPU smoke config" and ctx.schedule["frames"] == 4 and ctx.flops == {}
    rows = measure_modes(ctx)
    assert [r["result"]["mode"] for r in rows] == ["eager"]
    row = rows[0]
    assert row["settings"]["label"] == ctx.label and row["settings"]["tiny"] is True
    assert row["result"]["stage_flops"] == ctx.flops and set(ctx.flops) == {"text_encoder", "denoiser", "vae_decode"}
    assert row["result"]["denoiser_calls"] == 4 and ctx.trace.denoiser_calls == 4
    assert row["result"]["run_key"] == run_key(row)
    assert said[0] == "counting FLOPs (one untimed eager clip)" and said[1] == "eager: 0 warm-up + 1 timed clips"
