"""Schedule family: whole-clip DiT (Wan2.1, LTX-Video).

The whole clip is denoised at once, as the systems' own pipelines make it:
1. the prompt (and with CFG the negative prompt, as one batch of 2) through every text encoder,
   once per clip;
2. `steps` transformer calls on every latent token of the clip, each followed by a
   flow-matching Euler update (CFG combines the two halves of the batch first);
3. one VAE decode of the whole latent video.
Nothing can be shown before the last step and the decode, so the first frame costs the whole
clip and the timed clip is one chunk. The timed scheduler is a plain Euler step on sigmas
1 -> 0: a few elementwise ops per step, negligible beside a transformer call, and independent
of the solver a system ships (Wan uses UniPC, LTX-Video a flow-matching Euler).

`plan` is the counted half (meta device), `prepare` the timed half (common.py says how both are used).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import torch

from liveaudit.validator.families.common import (
    Call,
    Prepared,
    Trace,
    denoiser_text_dim,
    guide,
    latent_shape,
    meta,
    network_index,
    sigmas,
    text_encoder,
    text_encoder_calls,
    vae_decode_calls,
    vae_factors,
)

if TYPE_CHECKING:
    from liveaudit.validator.measure.harness import Clock


# --- counted: one clip's network calls on meta tensors ------------------------------------------


def denoiser_run(denoiser, batch: int, frames: int, h: int, w: int, text_tokens: int):
    """One transformer call on a latent video of `frames` x h x w, as its class takes it."""
    cfg = denoiser.config
    if type(denoiser).__name__ == "LTXVideoTransformer3DModel":

        def run(m):
            return m(
                hidden_states=meta(batch, frames * h * w, cfg.in_channels),
                encoder_hidden_states=meta(batch, text_tokens, cfg.caption_channels),
                timestep=meta(batch, dtype=m.dtype),
                encoder_attention_mask=meta(batch, text_tokens),
                num_frames=frames,
                height=h,
                width=w,
                return_dict=False,
            )

        return run

    def run(m):  # WanTransformer3DModel
        return m(
            hidden_states=meta(batch, cfg.in_channels, frames, h, w),
            timestep=meta(batch, dtype=m.dtype),
            encoder_hidden_states=meta(batch, text_tokens, cfg.text_dim),
            return_dict=False,
        )

    return run


def plan(schedule: dict, networks: list[dict], modules: list) -> tuple[list[Call], list]:
    den_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    frames, h, w = latent_shape(schedule, modules[vae_i])
    batch = 2 if schedule["cfg"] else 1
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(
        Call(
            "denoiser",
            den_i,
            f"b{batch}f{frames}h{h}w{w}t{text}",
            denoiser_run(modules[den_i], batch, frames, h, w, text),
            per_clip=schedule["steps"],
            first_chunk=schedule["steps"],
        )
    )
    calls += vae_decode_calls(vae_i, modules[vae_i], frames, h, w, per_clip=1.0, first_chunk=1.0)
    return calls, []


# --- timed: one clip with real tensors ------------------------------------------------------------


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

        fn = compile_fn(
            lambda hs, text, t, mask, f, h, w: den(
                hidden_states=hs,
                encoder_hidden_states=text,
                timestep=t,
                encoder_attention_mask=mask,
                num_frames=f,
                height=h,
                width=w,
                return_dict=False,
            )[0]
        )
        return ltx
    fn = compile_fn(
        lambda x, t, text: den(hidden_states=x, timestep=t, encoder_hidden_states=text, return_dict=False)[0]
    )
    return fn


def vae_decode(vae, latents: torch.Tensor) -> torch.Tensor:
    if getattr(vae.config, "timestep_conditioning", False):  # LTX-Video 0.9.1+ decodes at a timestep
        return vae.decode(
            latents, temb=torch.zeros(latents.shape[0], device=latents.device, dtype=latents.dtype), return_dict=False
        )[0]
    return vae.decode(latents, return_dict=False)[0]


def prepare(
    schedule: dict,
    networks: list[dict],
    modules: list,
    device,
    dtype,
    compile_fn: Callable = lambda f: f,
    step_begin: Callable[[], None] = lambda: None,
) -> Prepared:
    den_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    den, vae = modules[den_i], modules[vae_i]
    device = torch.device(device)
    frames, h, w = latent_shape(schedule, vae)
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
