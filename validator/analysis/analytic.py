"""The analytic cross-check: FLOPs of a transformer block from its width and token counts.

A block of width D over L tokens, with Lt context (text) tokens of width Dc, does

    self-attention   q, k, v, out projections 4 x 2·L·D·D,  scores and weighted sum 2 x 2·L·L·D
    cross-attention  q, out 2 x 2·L·D·D,  k, v 2 x 2·Lt·Dc·D,  scores and sum 2 x 2·L·Lt·D
    MLP              2·L·D·F in and 2·L·F·D out; a gated MLP (GEGLU) projects to 2F first

(a multiply-add is 2 FLOPs; biases, norms and modulation are elementwise and not counted,
as FlopCounterMode does not count them either). The counted FLOPs of the same blocks,
divided by this, should be 1.00; the benchmark prints the ratio for every system.
"""

from __future__ import annotations


def block_flops(tokens: int, context_tokens: int, dim: int, context_dim: int, ffn_dim: int, gated: bool) -> float:
    L, Lt, D, Dc, F = tokens, context_tokens, dim, context_dim, ffn_dim
    self_attn = 8 * L * D * D + 4 * L * L * D
    cross_attn = (4 * L * D * D + 4 * Lt * Dc * D + 4 * L * Lt * D) if Lt else 0
    mlp = (6 if gated else 4) * L * D * F
    return float(self_attn + cross_attn + mlp)


def blocks_flops(blocks: list[dict], config: dict, cls: str) -> float:
    """Analytic FLOPs of the recorded blocks of one call of network class `cls` built from `config`."""
    total = 0.0
    for b in blocks:
        n = b.get("batch", 1)
        if cls == "WanTransformer3DModel":
            D = config["num_attention_heads"] * config["attention_head_dim"]
            total += n * block_flops(b["tokens"], b["context_tokens"], D, D, config["ffn_dim"], gated=False)
        elif cls == "LTXVideoTransformer3DModel":
            D = config["num_attention_heads"] * config["attention_head_dim"]
            total += n * block_flops(
                b["tokens"], b["context_tokens"], D, config["cross_attention_dim"], 4 * D, gated=False
            )
        elif cls == "UNet2DConditionModel":
            D = b["width"]  # the channels of the level the block sits at
            total += n * block_flops(
                b["tokens"], b["context_tokens"], D, config["cross_attention_dim"], 4 * D, gated=True
            )
    return total


BLOCK_CLASSES = {
    "WanTransformer3DModel": ("WanTransformerBlock",),
    "LTXVideoTransformer3DModel": ("LTXVideoTransformerBlock",),
    "UNet2DConditionModel": ("BasicTransformerBlock",),
}
