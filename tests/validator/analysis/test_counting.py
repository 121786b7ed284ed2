"""The counters against hand-computed FLOPs and bytes, on meta and on CPU."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from liveaudit.validator.analysis import analytic
from liveaudit.validator.analysis.counting import count_attention, count_call
from liveaudit.validator.families.common import meta
from liveaudit.validator.networks import build
from tests.validator.conftest import WAN


@pytest.mark.parametrize("device", ["meta", "cpu"])
def test_counting_linear_matches_hand_count(device):
    with torch.device(device):
        layer = torch.nn.Linear(16, 32, bias=False).to(torch.bfloat16)
        x = torch.zeros(1, 10, 16, dtype=torch.bfloat16)
    c = count_call(layer, lambda m: m(x), dtype_bytes=2)
    assert c.flops == 2 * 10 * 16 * 32
    assert c.weight_bytes == 16 * 32 * 2
    assert c.activation_bytes == 2 * (10 * 32 * 2)  # the output, written once and read once


def test_counting_attention_counts_scores_as_flops_not_bytes():
    class Attn(torch.nn.Module):
        def forward(self, q):
            return F.scaled_dot_product_attention(q, q, q)

    q = meta(1, 2, 64, 8)
    c = count_call(Attn(), lambda m: m(q), dtype_bytes=2)
    assert c.flops == 2 * 2 * (2 * 64 * 64 * 8)  # QK^T and AV, 2 heads
    assert c.activation_bytes == 2 * (2 * 64 * 8 * 2)  # only the output: the score matrix stays fused
    assert count_attention(64, 100, 2, 8, torch.bfloat16) == 2 * 2 * (2 * 64 * 100 * 8)


def test_counting_tiny_wan_blocks_match_the_analytic_formula_and_the_rest_by_hand():
    model, _ = build("WanTransformer3DModel", WAN)
    B, C, T, H, W, Lt = 2, 4, 3, 8, 8, 6
    c = count_call(
        model,
        lambda m: m(
            hidden_states=meta(B, C, T, H, W),
            timestep=meta(B),
            encoder_hidden_states=meta(B, Lt, 16),
            return_dict=False,
        ),
        dtype_bytes=2,
        block_classes=analytic.BLOCK_CLASSES["WanTransformer3DModel"],
    )
    D, F_, L = 16, 32, T * (H // 2) * (W // 2)
    per_block = 8 * L * D * D + 4 * L * L * D + 4 * L * D * D + 4 * Lt * D * D + 4 * L * Lt * D + 4 * L * D * F_
    assert len(c.blocks) == 2 and c.block_flops == B * 2 * per_block
    assert analytic.blocks_flops(c.blocks, dict(model.config), "WanTransformer3DModel") == c.block_flops
    # outside the blocks: patch embedding (conv 4x1x2x2 -> D), time MLP 16->D->D and D->6D,
    # text MLP 16->D->D on Lt tokens, output projection D -> 4x2x2
    rest = 2 * L * (C * 4) * D + 2 * (16 * D + D * D + D * 6 * D) + 2 * Lt * (16 * D + D * D) + 2 * L * D * (C * 4)
    assert c.flops == c.block_flops + B * rest
    assert c.weight_bytes == sum(p.numel() for p in model.parameters()) * 2
