"""Helpers the families share: the counted VAE decode calls."""

from __future__ import annotations

import pytest

from liveaudit.validator.analysis.counting import count_call
from liveaudit.validator.families.common import meta, vae_decode_calls
from liveaudit.validator.networks import build
from tests.validator.conftest import WAN_VAE


def test_common_wan_vae_decode_is_affine_in_latent_frames():
    vae, _ = build("AutoencoderKLWan", WAN_VAE)
    direct = count_call(vae, lambda m: m.decode(meta(1, 4, 5, 4, 4), return_dict=False), 2)
    calls = vae_decode_calls(0, vae, 5, 4, 4, per_clip=1.0, first_chunk=1.0)
    counts = [(count_call(vae, c.run, 2), c.per_clip) for c in calls]
    assert sum(c.flops * k for c, k in counts) == pytest.approx(direct.flops)
    assert sum(c.bytes * k for c, k in counts) == pytest.approx(direct.bytes)
