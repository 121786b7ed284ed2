"""What every schedule family shares: the counted `Call`s of a clip and the timed clip's pieces.

A family module (whole_clip.py, chunked_ar.py, unet_stream.py) has two halves:
- `plan(schedule, networks, modules)` -> (calls, extras) for the meta-device count: which
  network runs on which meta inputs, how many times per clip, and how many times before the
  first frame can be shown (analysis/row.py counts each distinct call once);
- `prepare(schedule, networks, modules, device, dtype, compile_fn, step_begin)` -> Prepared for
  the timed run: `run(clock)` makes one clip with real tensors (measure/run.py times it).
The helpers both halves use live here, so a family file reads top to bottom on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    from liveaudit.validator.measure.harness import Clock

DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}
GUIDANCE = 5.0  # any value: latency does not depend on it


def settings_of(schedule: dict, label: str) -> dict:
    """The `settings` column of an analyses or measurements row, from the schedule run."""
    frames = schedule.get("frames") or round(schedule["fps"] * schedule["seconds"])
    per_chunk = schedule.get("frames_per_chunk")
    if schedule["family"] == "unet_stream":
        per_chunk = 1
    return {
        "width": schedule["width"],
        "height": schedule["height"],
        "fps": schedule["fps"],
        "steps": schedule["steps"],
        "seconds": frames / schedule["fps"],
        "frames_per_chunk": per_chunk if schedule["family"] != "whole_clip_dit" else None,
        "cfg": schedule["cfg"],
        "label": label,
    }


def network_index(networks: list[dict], role: str) -> int:
    for i, net in enumerate(networks):
        if net["role"] == role:
            return i
    raise KeyError(role)


def vae_factors(vae) -> tuple[int, int]:
    """(temporal, spatial) compression of a video VAE class."""
    cfg = vae.config
    if type(vae).__name__ == "AutoencoderKLWan":
        return cfg.scale_factor_temporal, cfg.scale_factor_spatial
    return vae.temporal_compression_ratio, vae.spatial_compression_ratio  # AutoencoderKLLTXVideo


def latent_shape(schedule: dict, vae) -> tuple[int, int, int]:
    """(latent frames, latent height, latent width) of the clip's `frames`, from the VAE's compression."""
    t, s = vae_factors(vae)
    return (schedule["frames"] - 1) // t + 1, schedule["height"] // s, schedule["width"] // s


# --- the counted half: network calls on meta tensors -------------------------------------------


@dataclass
class Call:
    stage: str  # text_encoder | denoiser | vae_decode
    network: int  # index into the system's networks
    key: str  # the input shapes, for the per-process count cache
    run: Callable[[torch.nn.Module], Any]
    per_clip: float  # calls per clip of `seconds`
    first_chunk: float  # calls before the first frame can be shown


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
        calls.append(
            Call(
                "text_encoder",
                i,
                f"ids{batch}x{n}",
                lambda m, b=batch, n=n: m(input_ids=token_ids(b, n)),
                per_clip,
                1.0,
            )
        )
    return calls


def vae_decode_calls(vae_i: int, vae, frames: int, h: int, w: int, per_clip: float, first_chunk: float) -> list[Call]:
    """Calls that decode `frames` latent frames of h x w.

    AutoencoderKLWan decodes causally, one latent frame at a time with a feature cache, so its
    cost is exactly affine in the frame count: c(n) = c(1) + (n - 1) (c(2) - c(1))
    (tests/validator/families/test_common.py checks this against a direct count). Long clips are
    counted from the 1- and 2-frame decodes, weighted (2 - n) and (n - 1): the same FLOPs and
    bytes, seconds instead of minutes on meta. Other VAEs decode the clip in one pass, counted directly.
    """
    channels = vae.config.get("z_dim") or vae.config.get("latent_channels")

    def decode(n: int):
        return lambda m: m.decode(meta(1, channels, n, h, w, dtype=m.dtype), return_dict=False)

    if type(vae).__name__ != "AutoencoderKLWan" or frames <= 2:
        return [Call("vae_decode", vae_i, f"z{channels}f{frames}h{h}w{w}", decode(frames), per_clip, first_chunk)]
    return [
        Call(
            "vae_decode",
            vae_i,
            f"z{channels}f1h{h}w{w}",
            decode(1),
            (2 - frames) * per_clip,
            (2 - frames) * first_chunk,
        ),
        Call(
            "vae_decode",
            vae_i,
            f"z{channels}f2h{h}w{w}",
            decode(2),
            (frames - 1) * per_clip,
            (frames - 1) * first_chunk,
        ),
    ]


# --- the timed half: one clip with real tensors ---------------------------------------------------


@dataclass
class Trace:
    """What one clip ran, for tests: the structure, not the timing."""

    text_calls: int = 0
    denoiser_calls: int = 0
    cache_tokens: list[int] = field(default_factory=list)  # per denoiser call: cached tokens it attends to
    kv_writes: int = 0
    decode_calls: int = 0
    chunk_frames: list[int] = field(default_factory=list)
    output_shape: tuple = ()


@dataclass
class Prepared:
    """A schedule ready to run: `run(clock)` makes one clip; `bare()` only its denoiser passes."""

    run: Callable[[Clock], Trace]
    bare: Callable[[], None]
    frames: int
    frames_per_chunk: int | None
    fps: float
    denoiser_calls: int


def denoiser_text_dim(module: torch.nn.Module) -> int:
    cfg = module.config
    name = type(module).__name__
    if name == "WanTransformer3DModel":
        return cfg.text_dim
    if name == "LTXVideoTransformer3DModel":
        return cfg.caption_channels
    return cfg.cross_attention_dim  # UNet2DConditionModel


def text_width(module: torch.nn.Module) -> int:
    """Width of a text encoder's last hidden state."""
    cfg = module.config
    return getattr(cfg, "d_model", None) or cfg.hidden_size


def text_encoder(networks: list[dict], modules: list, batch: int, tokens: int, dim: int, device, dtype):
    """A function encoding `batch` random prompts of `tokens` tokens with every text encoder.

    Returns the hidden states of the encoder whose width is `dim` (the denoiser's text input);
    when none has it (SDXL concatenates two encoders), a tensor of that shape, after every
    encoder has still run so its time is counted.
    """
    encoders = [(modules[i], n) for i, n in enumerate(networks) if n["role"] == "text_encoder"]

    def encode() -> tuple[torch.Tensor, int]:
        out, calls = None, 0
        for module, _net in encoders:
            limit = getattr(module.config, "max_position_embeddings", None) or tokens
            ids = torch.randint(0, module.config.vocab_size, (batch, min(tokens, limit)), device=device)
            hidden = module(input_ids=ids).last_hidden_state
            calls += 1
            if out is None and text_width(module) == dim:
                out = hidden
        if out is None:
            out = torch.randn(batch, tokens, dim, device=device, dtype=dtype)
        return out.to(dtype), calls

    return encode


def sigmas(steps: int, device) -> list[float]:
    return torch.linspace(1.0, 0.0, steps + 1).tolist()


def guide(v: torch.Tensor, cfg: bool) -> torch.Tensor:
    if not cfg:
        return v
    cond, uncond = v.chunk(2)
    return uncond + GUIDANCE * (cond - uncond)
