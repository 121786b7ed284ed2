"""Timed schedule: whole-clip DiT (Wan2.1, LTX-Video), the measured twin of whole_clip.py.

One clip, as the systems' own pipelines make it:
1. the prompt (and with CFG the negative prompt, as one batch of 2) through every text encoder;
2. `steps` transformer calls on all latent tokens of the clip, each followed by a flow-matching
   Euler update (CFG combines the two halves of the batch first);
3. one VAE decode of the whole latent video.
Nothing can be shown before the decode ends, so the clip is one chunk: its delivery is the
time to first frame. The scheduler is a plain Euler step on sigmas 1 -> 0: its cost is a few
elementwise ops per step, negligible beside a transformer call, and independent of the solver
a system ships (Wan uses UniPC, LTX-Video a flow-matching Euler).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import torch

from liveaudit.validator.harness import Clock
from liveaudit.validator.measure_networks import text_width
from liveaudit.validator.whole_clip import vae_factors

GUIDANCE = 5.0  # any value: latency does not depend on it


@dataclass
class Trace:
    """What one clip ran, for tests: the structure, not the timing."""

    text_calls: int = 0
    denoiser_calls: int = 0
    cache_tokens: list[int] = field(default_factory=list)   # per denoiser call: cached tokens it attends to
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


def index(networks: list[dict], role: str) -> int:
    return next(i for i, n in enumerate(networks) if n["role"] == role)


def denoiser_text_dim(module: torch.nn.Module) -> int:
    cfg = module.config
    name = type(module).__name__
    if name == "WanTransformer3DModel":
        return cfg.text_dim
    if name == "LTXVideoTransformer3DModel":
        return cfg.caption_channels
    return cfg.cross_attention_dim  # UNet2DConditionModel


def text_encoder(networks: list[dict], modules: list, batch: int, tokens: int, dim: int, device, dtype):
    """A function encoding `batch` random prompts of `tokens` tokens with every text encoder.

    Returns the hidden states of the encoder whose width is `dim` (the denoiser's text input);
    when none has it (SDXL concatenates two encoders), a tensor of that shape, after every
    encoder has still run so its time is counted.
    """
    encoders = [(modules[i], n) for i, n in enumerate(networks) if n["role"] == "text_encoder"]

    def encode() -> tuple[torch.Tensor, int]:
        out, calls = None, 0
        for module, net in encoders:
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


def latent_dims(schedule: dict, vae) -> tuple[int, int, int]:
    """(latent frames, latent height, latent width) of the clip's `frames` pixel frames."""
    t, s = vae_factors(vae)
    return (schedule["frames"] - 1) // t + 1, schedule["height"] // s, schedule["width"] // s


def denoiser_call(den, compile_fn: Callable) -> Callable:
    """`f(latents, timestep, text)` -> velocity, for the classes whole-clip systems use."""
    name = type(den).__name__
    if name == "LTXVideoTransformer3DModel":
        mask_cache: dict = {}

        def ltx(x, t, text):
            b, c, f, h, w = x.shape
            mask = mask_cache.setdefault(text.shape[:2], torch.ones(text.shape[:2], device=x.device, dtype=x.dtype))
            out = fn(x.flatten(2).transpose(1, 2), text, t, mask, f, h, w)
            return out.transpose(1, 2).reshape(b, c, f, h, w)
        fn = compile_fn(lambda hs, text, t, mask, f, h, w: den(
            hidden_states=hs, encoder_hidden_states=text, timestep=t, encoder_attention_mask=mask,
            num_frames=f, height=h, width=w, return_dict=False)[0])
        return ltx
    fn = compile_fn(lambda x, t, text: den(hidden_states=x, timestep=t, encoder_hidden_states=text, return_dict=False)[0])
    return fn


def vae_decode(vae, latents: torch.Tensor) -> torch.Tensor:
    if getattr(vae.config, "timestep_conditioning", False):  # LTX-Video 0.9.1+ decodes at a timestep
        return vae.decode(latents, temb=torch.zeros(latents.shape[0], device=latents.device, dtype=latents.dtype),
                          return_dict=False)[0]
    return vae.decode(latents, return_dict=False)[0]


def prepare(schedule: dict, networks: list[dict], modules: list, device, dtype,
            compile_fn: Callable = lambda f: f, step_begin: Callable[[], None] = lambda: None) -> Prepared:
    den_i, vae_i = index(networks, "denoiser"), index(networks, "vae_decode")
    den, vae = modules[den_i], modules[vae_i]
    device = torch.device(device)
    frames, h, w = latent_dims(schedule, vae)
    channels = den.config.in_channels
    cfg, steps = schedule["cfg"], schedule["steps"]
    batch = 2 if cfg else 1
    encode = text_encoder(networks, modules, batch, schedule["text_tokens"], denoiser_text_dim(den), device, dtype)
    call = denoiser_call(den, compile_fn)
    sig = sigmas(steps, device)

    @torch.inference_mode()
    def run(clock: Clock) -> Trace:
        trace = Trace()
        with clock.stage("text_encoder"):
            text, trace.text_calls = encode()
        latents = torch.randn(1, channels, frames, h, w, device=device, dtype=dtype)
        with clock.stage("denoiser"):
            for s, s_next in zip(sig, sig[1:]):
                t = torch.full((batch,), s * 1000.0, device=device, dtype=dtype)
                step_begin()
                v = guide(call(latents.expand(batch, -1, -1, -1, -1), t, text), cfg)
                latents = latents + (s_next - s) * v
                trace.denoiser_calls += 1
        with clock.stage("vae_decode"):
            video = vae_decode(vae, latents)
            trace.decode_calls += 1
        trace.chunk_frames.append(video.shape[2])
        trace.output_shape = tuple(video.shape)
        clock.chunk_done(video.shape[2])
        return trace

    x = torch.randn(batch, channels, frames, h, w, device=device, dtype=dtype)
    text0 = torch.randn(batch, schedule["text_tokens"], denoiser_text_dim(den), device=device, dtype=dtype)
    t0 = torch.full((batch,), 500.0, device=device, dtype=dtype)

    @torch.inference_mode()
    def bare() -> None:
        for _ in range(steps):
            step_begin()
            call(x, t0, text0)

    out_frames = 1 + (frames - 1) * vae_factors(vae)[0]
    return Prepared(run, bare, out_frames, None, schedule["fps"], steps)
