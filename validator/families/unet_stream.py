"""Schedule family: one-step UNet stream (StreamDiffusion, SD-Turbo, SDXL-Turbo).

The prompt is encoded once per stream (StreamDiffusion caches its embedding), so its cost is
spread over the `seconds` the schedule assumes and paid in full before the first frame. Then
every output frame is one image: `steps` UNet calls on the frame's latent (a batch of 2 with
CFG), each with an Euler update, and one decode of that latent (TAESD's AutoencoderTiny or the
full AutoencoderKL); each frame is delivered on its own, so a chunk is one frame.
StreamDiffusion's "stream batch" (denoising steps of consecutive frames in one batch) only
changes how several steps share a call; with one step, as the real-time configurations use,
the calls are exactly these.

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
    meta,
    network_index,
    sigmas,
    text_encoder,
    text_encoder_calls,
)

if TYPE_CHECKING:
    from liveaudit.validator.measure.harness import Clock


# --- counted: one clip's network calls on meta tensors ------------------------------------------


def unet_run(unet, batch: int, h: int, w: int, text_tokens: int):
    cfg = unet.config

    def run(m):
        added = None
        if cfg.addition_embed_type == "text_time":  # SDXL: pooled text embedding and size/crop ids
            text_embeds = cfg.projection_class_embeddings_input_dim - 6 * cfg.addition_time_embed_dim
            added = {"text_embeds": meta(batch, text_embeds, dtype=m.dtype), "time_ids": meta(batch, 6, dtype=m.dtype)}
        return m(
            meta(batch, cfg.in_channels, h, w, dtype=m.dtype),
            meta(batch, dtype=m.dtype),
            encoder_hidden_states=meta(batch, text_tokens, cfg.cross_attention_dim, dtype=m.dtype),
            added_cond_kwargs=added,
            return_dict=False,
        )

    return run


def plan(schedule: dict, networks: list[dict], modules: list):
    unet_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    frames = round(schedule["fps"] * schedule["seconds"])
    h, w = schedule["height"] // 8, schedule["width"] // 8
    batch = 2 if schedule["cfg"] else 1
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(
        Call(
            "denoiser",
            unet_i,
            f"b{batch}h{h}w{w}t{text}",
            unet_run(modules[unet_i], batch, h, w, text),
            per_clip=frames * schedule["steps"],
            first_chunk=schedule["steps"],
        )
    )
    vae = modules[vae_i]
    channels = vae.config.latent_channels
    calls.append(
        Call(
            "vae_decode",
            vae_i,
            f"z{channels}h{h}w{w}",
            lambda m: m.decode(meta(1, channels, h, w, dtype=m.dtype), return_dict=False),
            per_clip=frames,
            first_chunk=1.0,
        )
    )
    return calls, []


# --- timed: one frame after another with real tensors ----------------------------------------


def added_inputs(unet, batch: int, device, dtype) -> dict | None:
    """SDXL's extra conditioning (pooled text embedding, size/crop ids); None for SD 1.x/2.x."""
    cfg = unet.config
    if cfg.addition_embed_type != "text_time":
        return None
    pooled = cfg.projection_class_embeddings_input_dim - 6 * cfg.addition_time_embed_dim
    return {
        "text_embeds": torch.randn(batch, pooled, device=device, dtype=dtype),
        "time_ids": torch.zeros(batch, 6, device=device, dtype=dtype),
    }


def prepare(
    schedule: dict,
    networks: list[dict],
    modules: list,
    device,
    dtype,
    compile_fn: Callable = lambda f: f,
    step_begin: Callable[[], None] = lambda: None,
) -> Prepared:
    unet_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    unet, vae = modules[unet_i], modules[vae_i]
    device = torch.device(device)
    frames = schedule["frames"]
    h, w = schedule["height"] // 8, schedule["width"] // 8
    cfg, steps = schedule["cfg"], schedule["steps"]
    batch = 2 if cfg else 1
    channels = unet.config.in_channels
    added = added_inputs(unet, batch, device, dtype)
    encode = text_encoder(networks, modules, batch, schedule["text_tokens"], denoiser_text_dim(unet), device, dtype)
    call = compile_fn(
        lambda x, t, text: unet(x, t, encoder_hidden_states=text, added_cond_kwargs=added, return_dict=False)[0]
    )
    sig = sigmas(steps, device)

    @torch.inference_mode()
    def run(clock: Clock) -> Trace:
        trace = Trace()
        with clock.stage("text_encoder"):
            text, trace.text_calls = encode()
        for _ in range(frames):
            x = torch.randn(1, channels, h, w, device=device, dtype=dtype)
            with clock.stage("denoiser"):
                for s, s_next in zip(sig, sig[1:]):
                    t = torch.full((batch,), s * 999.0, device=device, dtype=dtype)
                    step_begin()
                    x = x + (s_next - s) * guide(call(x.expand(batch, -1, -1, -1), t, text), cfg)
                    trace.denoiser_calls += 1
            with clock.stage("vae_decode"):
                image = vae.decode(x, return_dict=False)[0]
                trace.decode_calls += 1
            trace.chunk_frames.append(1)
            trace.output_shape = (image.shape[0], image.shape[1], len(trace.chunk_frames), *image.shape[2:])
            clock.chunk_done(1)
        return trace

    x0 = torch.randn(batch, channels, h, w, device=device, dtype=dtype)
    text0 = torch.randn(batch, schedule["text_tokens"], denoiser_text_dim(unet), device=device, dtype=dtype)
    t0 = torch.full((batch,), 500.0, device=device, dtype=dtype)

    @torch.inference_mode()
    def bare() -> None:
        for _ in range(frames * steps):
            step_begin()
            call(x0, t0, text0)

    return Prepared(run, bare, frames, 1, schedule["fps"], frames * steps)
