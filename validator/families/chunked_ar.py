"""Schedule family: chunked autoregressive DiT with a KV cache (CausVid, Self-Forcing, LongLive, Krea Realtime).

The clip is made chunk by chunk (`latent_frames_per_chunk` latent frames each). The prompt is
encoded once (or per chunk with `text_encoding: per_chunk`); then, for each chunk:
1. `steps` transformer calls on the chunk's tokens only, each followed by a flow-matching Euler
   update; every call's self-attention reads the chunk's own keys and values plus the cached
   ones of the earlier chunks (bidirectional inside the chunk, causal between chunks);
2. the chunk's keys and values enter the cache: from one more call on the clean chunk at t = 0
   with `kv_update_pass` (Self-Forcing, CausVid), else from the last denoising call; the cache
   then keeps `sink_latent_frames` from the start and the last `context_latent_frames`
   (LongLive's attention sink and window), or everything when no window is set;
3. the chunk is decoded at once by the causal VAE, which carries its own convolution cache from
   chunk to chunk, and its frames are delivered. So the first frame costs one chunk: the text
   encoder, the first chunk's calls and its decode.

Counted (`plan`, meta device): the transformer call on the chunk is counted by FlopCounterMode;
the attention over the cache (queries of the chunk, keys of the context) is counted by the same
counter on a meta `scaled_dot_product_attention` of those shapes (counting.count_attention), and
the cache read adds 2 (K and V) x context tokens x width x dtype bytes per block per call.

Timed (`prepare`): diffusers' WanTransformer3DModel (0.3x-0.4x) has no KV-cache API, so
`causal_forward` runs the model's own modules (patch embedding, condition embedder, rotary
table, each block's norms, projections, cross-attention and FFN, output head) in the order of
its `forward`, replacing only the self-attention by one that concatenates the cache. Rotary
positions are absolute: a chunk starting at latent frame k uses rows k.. of the model's rotary
table, as the causal Wan variants do. It is a functional forward (cache in, new keys and values
out) so it can be compiled and captured in CUDA graphs; each cache length is one more shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F

from liveaudit.errors import InputError
from liveaudit.validator.analysis.counting import count_attention
from liveaudit.validator.families.common import (
    Call,
    Extra,
    Prepared,
    Trace,
    denoiser_text_dim,
    guide,
    latent_shape,
    network_index,
    sigmas,
    text_encoder,
    text_encoder_calls,
    vae_decode_calls,
    vae_factors,
)
from liveaudit.validator.families.whole_clip import denoiser_run

if TYPE_CHECKING:
    from liveaudit.validator.measure.harness import Clock


# --- counted: one clip's network calls on meta tensors, plus the attention over the cache -------


def context_frames(chunk: int, per_chunk: int, window: int | None, sink: int) -> int:
    """Latent frames in the cache when chunk number `chunk` (0-based) is denoised."""
    before = chunk * per_chunk
    if window is None or before <= window + sink:
        return before
    return window + sink


def plan(schedule: dict, networks: list[dict], modules: list) -> tuple[list[Call], list[Extra]]:
    den_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    den = modules[den_i]
    frames, h, w = latent_shape(schedule, modules[vae_i])
    per_chunk = schedule["latent_frames_per_chunk"]
    chunks = -(-frames // per_chunk)
    batch = 2 if schedule["cfg"] else 1
    calls_per_chunk = schedule["steps"] + (1 if schedule.get("kv_update_pass") else 0)
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(
        Call(
            "denoiser",
            den_i,
            f"b{batch}f{per_chunk}h{h}w{w}t{text}",
            denoiser_run(den, batch, per_chunk, h, w, text),
            per_clip=chunks * calls_per_chunk,
            first_chunk=calls_per_chunk,
        )
    )
    # Decoding chunk by chunk with the causal VAE's cache costs the same as decoding the whole
    # latent video; the first chunk alone is what the first frame waits for.
    calls += vae_decode_calls(vae_i, modules[vae_i], frames, h, w, per_clip=1.0, first_chunk=0.0)
    calls += vae_decode_calls(vae_i, modules[vae_i], per_chunk, h, w, per_clip=0.0, first_chunk=1.0)

    cfg = den.config
    pt, ph, pw = cfg.patch_size
    tokens_per_frame = (h // ph) * (w // pw)
    chunk_tokens = per_chunk // pt * tokens_per_frame
    heads, head_dim, layers = cfg.num_attention_heads, cfg.attention_head_dim, cfg.num_layers
    dtype_bytes = den.dtype.itemsize
    flops = nbytes = 0.0
    first_flops = first_bytes = 0.0
    for k in range(chunks):
        ctx = context_frames(k, per_chunk, schedule.get("context_latent_frames"), schedule.get("sink_latent_frames", 0))
        ctx_tokens = ctx // pt * tokens_per_frame
        if not ctx_tokens:
            continue
        # extra attention of the chunk's queries over the cached keys, in every block, every call
        f = batch * layers * count_attention(chunk_tokens, ctx_tokens, heads, head_dim, den.dtype) * calls_per_chunk
        b = batch * layers * 2 * ctx_tokens * heads * head_dim * dtype_bytes * calls_per_chunk
        flops, nbytes = flops + f, nbytes + b
    note = (
        f"{chunks} chunks of {per_chunk} latent frames ({chunk_tokens} tokens), {calls_per_chunk} calls each; "
        f"cache window {schedule.get('context_latent_frames') or 'all earlier'} latent frames"
    )
    return calls, [Extra("denoiser", flops, nbytes, first_flops, first_bytes, note)]


# --- timed: one clip with real tensors and a real KV cache -------------------------------------

KV = list[tuple[torch.Tensor, torch.Tensor]]  # per block: keys, values as (batch, heads, tokens, head_dim)


def rotary(model, frames: int, height: int, width: int, offset: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Rotary cos/sin for latent frames offset..offset+frames (Wan's table, absolute positions)."""
    rope = model.rope
    pt, ph, pw = rope.patch_size
    ppf, pph, ppw = frames // pt, height // ph, width // pw
    start = offset // pt
    split = [rope.t_dim, rope.h_dim, rope.w_dim]
    out = []
    for table in (rope.freqs_cos, rope.freqs_sin):
        f, hh, ww = table.split(split, dim=1)
        parts = [
            f[start : start + ppf].view(ppf, 1, 1, -1).expand(ppf, pph, ppw, -1),
            hh[:pph].view(1, pph, 1, -1).expand(ppf, pph, ppw, -1),
            ww[:ppw].view(1, 1, ppw, -1).expand(ppf, pph, ppw, -1),
        ]
        out.append(torch.cat(parts, dim=-1).reshape(1, ppf * pph * ppw, 1, -1))
    return out[0], out[1]


def _apply_rotary(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    x1, x2 = x.unflatten(-1, (-1, 2)).unbind(-1)
    cos, sin = cos[..., 0::2], sin[..., 1::2]
    out = torch.empty_like(x)
    out[..., 0::2] = x1 * cos - x2 * sin
    out[..., 1::2] = x1 * sin + x2 * cos
    return out.type_as(x)


def causal_forward(
    model,
    x: torch.Tensor,
    timestep: torch.Tensor,
    text: torch.Tensor,
    cos: torch.Tensor,
    sin: torch.Tensor,
    cache: KV | None,
    want_kv: bool,
) -> tuple[torch.Tensor, KV | None]:
    """One WanTransformer3DModel call on a chunk, attending to `cache`; (velocity, chunk's K/V or None)."""
    b, _, frames, height, width = x.shape
    pt, ph, pw = model.config.patch_size
    h = model.patch_embedding(x).flatten(2).transpose(1, 2).contiguous()
    temb, proj, text, _ = model.condition_embedder(timestep, text, None)
    proj = proj.unflatten(1, (6, -1))
    new: KV = []
    for i, block in enumerate(model.blocks):
        shift, scale, gate, c_shift, c_scale, c_gate = (block.scale_shift_table + proj.float()).chunk(6, dim=1)
        attn = block.attn1
        normed = (block.norm1(h.float()) * (1 + scale) + shift).type_as(h)
        q = attn.norm_q(attn.to_q(normed)).unflatten(2, (attn.heads, -1))
        k = attn.norm_k(attn.to_k(normed)).unflatten(2, (attn.heads, -1))
        v = attn.to_v(normed).unflatten(2, (attn.heads, -1))
        q = _apply_rotary(q, cos, sin).transpose(1, 2)
        k = _apply_rotary(k, cos, sin).transpose(1, 2)
        v = v.transpose(1, 2)
        if want_kv:
            new.append((k, v))
        if cache:
            k = torch.cat([cache[i][0], k], dim=2)
            v = torch.cat([cache[i][1], v], dim=2)
        o = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).flatten(2, 3).type_as(q)
        o = attn.to_out[1](attn.to_out[0](o))
        h = (h.float() + o * gate).type_as(h)
        h = h + block.attn2(block.norm2(h.float()).type_as(h), text, None, None)
        normed = (block.norm3(h.float()) * (1 + c_scale) + c_shift).type_as(h)
        h = (h.float() + block.ffn(normed).float() * c_gate).type_as(h)
    shift, scale = (model.scale_shift_table + temb.unsqueeze(1)).chunk(2, dim=1)
    h = model.proj_out((model.norm_out(h.float()) * (1 + scale) + shift).type_as(h))
    h = h.reshape(b, frames // pt, height // ph, width // pw, pt, ph, pw, -1).permute(0, 7, 1, 4, 2, 5, 3, 6)
    return h.flatten(6, 7).flatten(4, 5).flatten(2, 3), (new if want_kv else None)


class StreamDecoder:
    """Decode a latent video chunk by chunk with the causal Wan VAE, keeping its convolution cache.

    diffusers' AutoencoderKLWan.decode clears that cache on every call (it decodes whole clips),
    so this runs the same per-latent-frame loop as its `_decode` without clearing between chunks.
    """

    def __init__(self, vae) -> None:
        self.vae = vae
        self.first = True

    def start(self) -> None:
        self.vae.clear_cache()
        self.first = True

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        vae = self.vae
        x = vae.post_quant_conv(z)
        outs = []
        for i in range(z.shape[2]):
            vae._conv_idx = [0]
            outs.append(
                vae.decoder(
                    x[:, :, i : i + 1], feat_cache=vae._feat_map, feat_idx=vae._conv_idx, first_chunk=self.first
                )
            )
            self.first = False
        out = torch.cat(outs, 2)
        if vae.config.patch_size is not None:
            from diffusers.models.autoencoders.autoencoder_kl_wan import unpatchify

            out = unpatchify(out, patch_size=vae.config.patch_size)
        return torch.clamp(out, -1.0, 1.0)


def keep(cache: KV, tokens_per_frame: int, window: int | None, sink: int) -> KV:
    """The cache after eviction: the first `sink` latent frames and the last `window` (all without a window)."""
    if window is None:
        return cache
    length = cache[0][0].shape[2]
    limit = (window + sink) * tokens_per_frame
    if length <= limit:
        return cache
    s, w = sink * tokens_per_frame, window * tokens_per_frame
    return [(torch.cat([k[:, :, :s], k[:, :, -w:]], 2), torch.cat([v[:, :, :s], v[:, :, -w:]], 2)) for k, v in cache]


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
    if type(den).__name__ != "WanTransformer3DModel" or type(vae).__name__ != "AutoencoderKLWan":
        raise InputError(
            "E710",
            system=schedule.get("_system", "?"),
            reason=f"the chunked schedule is built for WanTransformer3DModel + AutoencoderKLWan, "
            f"not {type(den).__name__} + {type(vae).__name__}",
        )
    device = torch.device(device)
    t_factor, s_factor = vae_factors(vae)
    latent_frames = (schedule["frames"] - 1) // t_factor + 1
    per_chunk = schedule["latent_frames_per_chunk"]
    chunks = -(-latent_frames // per_chunk)
    h, w = schedule["height"] // s_factor, schedule["width"] // s_factor
    pt, ph, pw = den.config.patch_size
    tokens_per_frame = (h // ph) * (w // pw) // pt
    window, sink = schedule.get("context_latent_frames"), schedule.get("sink_latent_frames", 0)
    cfg, steps, kv_pass = schedule["cfg"], schedule["steps"], schedule.get("kv_update_pass", False)
    batch = 2 if cfg else 1
    channels = den.config.in_channels
    encode = text_encoder(networks, modules, batch, schedule["text_tokens"], denoiser_text_dim(den), device, dtype)
    per_chunk_text = schedule.get("text_encoding") == "per_chunk"
    whole_decode = schedule.get("vae_decode") == "whole_clip"
    forward = compile_fn(
        lambda x, t, text, cos, sin, cache, want: causal_forward(den, x, t, text, cos, sin, cache, want)
    )
    sig = sigmas(steps, device)
    decoder = StreamDecoder(vae)
    tables = [rotary(den, min(per_chunk, latent_frames - c * per_chunk), h, w, c * per_chunk) for c in range(chunks)]

    def call(x, t, text, c, cache, want):
        step_begin()
        out, kv = forward(x, t, text, *tables[c], cache, want)
        if kv is not None:  # outputs of a CUDA-graph replay are overwritten by the next one
            kv = [(k.clone(), v.clone()) for k, v in kv]
        return out, kv

    @torch.inference_mode()
    def run(clock: Clock) -> Trace:
        trace = Trace()
        cache: KV | None = None
        decoder.start()
        latents_all = []
        text = None
        for c in range(chunks):
            n = min(per_chunk, latent_frames - c * per_chunk)
            if text is None or per_chunk_text:
                with clock.stage("text_encoder"):
                    text, calls = encode()
                    trace.text_calls += calls
            x = torch.randn(1, channels, n, h, w, device=device, dtype=dtype)
            kv = None
            with clock.stage("denoiser"):
                for j, (s, s_next) in enumerate(zip(sig, sig[1:])):
                    t = torch.full((batch,), s * 1000.0, device=device, dtype=dtype)
                    write = not kv_pass and j == steps - 1
                    v, kv_j = call(x.expand(batch, -1, -1, -1, -1), t, text, c, cache, write)
                    kv = kv_j if write else kv
                    x = x + (s_next - s) * guide(v, cfg)
                    trace.denoiser_calls += 1
                    trace.cache_tokens.append(cache[0][0].shape[2] if cache else 0)
                if kv_pass:
                    t = torch.zeros((batch,), device=device, dtype=dtype)
                    _, kv = call(x.expand(batch, -1, -1, -1, -1), t, text, c, cache, True)
                    trace.denoiser_calls += 1
                    trace.cache_tokens.append(cache[0][0].shape[2] if cache else 0)
                cache = (
                    kv
                    if cache is None
                    else [(torch.cat([a, k], 2), torch.cat([b, v], 2)) for (a, b), (k, v) in zip(cache, kv)]
                )
                cache = keep(cache, tokens_per_frame, window, sink)
                trace.kv_writes += 1
            if whole_decode:
                latents_all.append(x)
                continue
            with clock.stage("vae_decode"):
                frames = decoder.decode(x)
                trace.decode_calls += 1
            trace.chunk_frames.append(frames.shape[2])
            trace.output_shape = (*frames.shape[:2], sum(trace.chunk_frames), *frames.shape[3:])
            clock.chunk_done(frames.shape[2])
        if whole_decode:
            with clock.stage("vae_decode"):
                frames = decoder.decode(torch.cat(latents_all, 2))
                trace.decode_calls += 1
            trace.chunk_frames.append(frames.shape[2])
            trace.output_shape = tuple(frames.shape)
            clock.chunk_done(frames.shape[2])
        return trace

    # The bare loop: the same transformer calls with caches of the same lengths, prepared beforehand.
    text0 = torch.randn(batch, schedule["text_tokens"], denoiser_text_dim(den), device=device, dtype=dtype)
    heads, head_dim = den.config.num_attention_heads, den.config.attention_head_dim
    passes = []
    length = 0
    for c in range(chunks):
        n = min(per_chunk, latent_frames - c * per_chunk)
        cached = None
        if length:
            cached = [
                (torch.randn(batch, heads, length, head_dim, device=device, dtype=dtype),) * 2
                for _ in range(len(den.blocks))
            ]
        x = torch.randn(batch, channels, n, h, w, device=device, dtype=dtype)
        passes += [(x, c, cached)] * (steps + (1 if kv_pass else 0))
        length = min(length + n * tokens_per_frame, (window + sink) * tokens_per_frame if window else 10**12)
    t0 = torch.full((batch,), 500.0, device=device, dtype=dtype)

    @torch.inference_mode()
    def bare() -> None:
        for x, c, cached in passes:
            step_begin()
            forward(x, t0, text0, *tables[c], cached, False)

    frames_total = 1 + (latent_frames - 1) * t_factor
    steady = per_chunk * t_factor if chunks > 1 and not whole_decode else None
    return Prepared(run, bare, frames_total, steady, schedule["fps"], len(passes))
