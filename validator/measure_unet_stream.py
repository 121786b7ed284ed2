"""Timed schedule: one-step UNet stream (StreamDiffusion, SD-Turbo, SDXL-Turbo), the twin of unet_stream.py.

The prompt is encoded once per stream (StreamDiffusion caches its embedding). Then every output
frame is: `steps` UNet calls on the frame's latent (a batch of 2 with CFG) with an Euler update,
and one decode of that latent to an image (TAESD's AutoencoderTiny or the full AutoencoderKL);
each frame is delivered on its own (`clock.chunk_done(1)`), so a chunk is one frame.
StreamDiffusion's "stream batch" (denoising steps of consecutive frames in one batch) only
changes how several steps share a call; with one step, as the real-time configurations use,
the calls are exactly these.
"""

from __future__ import annotations

from typing import Callable

import torch

from liveaudit.validator.harness import Clock
from liveaudit.validator.measure_whole_clip import (Prepared, Trace, denoiser_text_dim, guide, index, sigmas,
                                                     text_encoder)


def added_inputs(unet, batch: int, device, dtype) -> dict | None:
    """SDXL's extra conditioning (pooled text embedding, size/crop ids); None for SD 1.x/2.x."""
    cfg = unet.config
    if cfg.addition_embed_type != "text_time":
        return None
    pooled = cfg.projection_class_embeddings_input_dim - 6 * cfg.addition_time_embed_dim
    return {"text_embeds": torch.randn(batch, pooled, device=device, dtype=dtype),
            "time_ids": torch.zeros(batch, 6, device=device, dtype=dtype)}


def prepare(schedule: dict, networks: list[dict], modules: list, device, dtype,
            compile_fn: Callable = lambda f: f, step_begin: Callable[[], None] = lambda: None) -> Prepared:
    unet_i, vae_i = index(networks, "denoiser"), index(networks, "vae_decode")
    unet, vae = modules[unet_i], modules[vae_i]
    device = torch.device(device)
    frames = schedule["frames"]
    h, w = schedule["height"] // 8, schedule["width"] // 8
    cfg, steps = schedule["cfg"], schedule["steps"]
    batch = 2 if cfg else 1
    channels = unet.config.in_channels
    added = added_inputs(unet, batch, device, dtype)
    encode = text_encoder(networks, modules, batch, schedule["text_tokens"], denoiser_text_dim(unet), device, dtype)
    call = compile_fn(lambda x, t, text: unet(x, t, encoder_hidden_states=text, added_cond_kwargs=added,
                                              return_dict=False)[0])
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
