"""What a schedule family returns: the network calls of one clip, and extra counted work.

A family module (whole_clip.py, chunked_ar.py, unet_stream.py) turns a system's schedule
into `Call`s: which network runs on which meta inputs, how many times per clip, and how many
times before the first frame can be shown. analysis.py counts each distinct call once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import torch

DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}


@dataclass
class Call:
    stage: str                       # text_encoder | denoiser | vae_decode
    network: int                     # index into the system's networks
    key: str                         # the input shapes, for the per-process count cache
    run: Callable[[torch.nn.Module], Any]
    per_clip: float                  # calls per clip of `seconds`
    first_chunk: float               # calls before the first frame can be shown


@dataclass
class Extra:
    """Work counted outside a network call (the KV-cache attention of chunked schedules)."""

    stage: str
    flops_per_clip: float
    bytes_per_clip: float
    first_chunk_flops: float
    first_chunk_bytes: float
    note: str


def meta(*shape: int, dtype: torch.dtype = torch.bfloat16) -> torch.Tensor:
    return torch.empty(*shape, dtype=dtype, device="meta")


def token_ids(batch: int, tokens: int) -> torch.Tensor:
    return torch.zeros(batch, tokens, dtype=torch.long, device="meta")


def text_encoder_calls(networks: list[dict], batch: int, tokens: int, per_clip: float) -> list[Call]:
    """One call of every text encoder: `batch` prompts of `tokens` tokens (positive and, with CFG, negative)."""
    calls = []
    for i, net in enumerate(networks):
        if net["role"] != "text_encoder":
            continue
        n = min(tokens, net["config"].get("max_position_embeddings", tokens))
        calls.append(Call("text_encoder", i, f"ids{batch}x{n}",
                          lambda m, b=batch, n=n: m(input_ids=token_ids(b, n)), per_clip, 1.0))
    return calls


def network_index(networks: list[dict], role: str) -> int:
    for i, net in enumerate(networks):
        if net["role"] == role:
            return i
    raise KeyError(role)


def vae_decode_calls(vae_i: int, vae, frames: int, h: int, w: int, per_clip: float, first_chunk: float) -> list[Call]:
    """Calls that decode `frames` latent frames of h x w.

    AutoencoderKLWan decodes causally, one latent frame at a time with a feature cache, so its
    cost is exactly affine in the frame count: c(n) = c(1) + (n - 1) (c(2) - c(1))
    (tests/validator/test_plan.py checks this against a direct count). Long clips are counted
    from the 1- and 2-frame decodes, weighted (2 - n) and (n - 1): the same FLOPs and bytes,
    seconds instead of minutes on meta. Other VAEs decode the clip in one pass, counted directly.
    """
    channels = vae.config.get("z_dim") or vae.config.get("latent_channels")

    def decode(n: int):
        return lambda m: m.decode(meta(1, channels, n, h, w, dtype=m.dtype), return_dict=False)

    if type(vae).__name__ != "AutoencoderKLWan" or frames <= 2:
        return [Call("vae_decode", vae_i, f"z{channels}f{frames}h{h}w{w}", decode(frames), per_clip, first_chunk)]
    return [Call("vae_decode", vae_i, f"z{channels}f1h{h}w{w}", decode(1), (2 - frames) * per_clip, (2 - frames) * first_chunk),
            Call("vae_decode", vae_i, f"z{channels}f2h{h}w{w}", decode(2), (frames - 1) * per_clip, (frames - 1) * first_chunk)]
