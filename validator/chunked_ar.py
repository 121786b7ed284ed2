"""Schedule family: chunked autoregressive DiT with a KV cache (CausVid, Self-Forcing, LongLive, Krea Realtime).

The clip is made chunk by chunk (`latent_frames_per_chunk` latent frames each). Each chunk is
denoised in `steps` transformer calls on its own tokens only; every call's self-attention also
reads the keys and values cached for the earlier chunks (all of them, or the last
`context_latent_frames` plus `sink_latent_frames` kept from the start). With `kv_update_pass`
one more call on the clean chunk writes its keys and values into the cache (Self-Forcing and
CausVid do this). The prompt is encoded once; each chunk is decoded as soon as it is done, so
the first frame costs one chunk: the text encoder, the first chunk's calls and its decode.

The transformer call on the chunk is counted by FlopCounterMode; the attention over the
cache (queries of the chunk, keys of the context) is counted by the same counter on a meta
`scaled_dot_product_attention` of those shapes (counting.count_attention), and the cache read
adds 2 (K and V) x context tokens x width x dtype bytes per block per call.
"""

from __future__ import annotations

from liveaudit.validator.counting import count_attention
from liveaudit.validator.plan import Call, Extra, network_index, text_encoder_calls, vae_decode_calls
from liveaudit.validator.whole_clip import denoiser_run, latent_shape


def context_frames(chunk: int, per_chunk: int, window: int | None, sink: int) -> int:
    """Latent frames in the cache when chunk number `chunk` (0-based) is denoised."""
    before = chunk * per_chunk
    if window is None or before <= window + sink:
        return before
    return window + sink


def plan(schedule: dict, networks: list[dict], modules: list) -> tuple[list[Call], list[Extra]]:
    den_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    den = modules[den_i]
    frames, h, w = latent_shape(schedule, networks[den_i], modules[vae_i])
    per_chunk = schedule["latent_frames_per_chunk"]
    chunks = -(-frames // per_chunk)
    batch = 2 if schedule["cfg"] else 1
    calls_per_chunk = schedule["steps"] + (1 if schedule.get("kv_update_pass") else 0)
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(Call("denoiser", den_i, f"b{batch}f{per_chunk}h{h}w{w}t{text}",
                      denoiser_run(den, batch, per_chunk, h, w, text),
                      per_clip=chunks * calls_per_chunk, first_chunk=calls_per_chunk))
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
    note = (f"{chunks} chunks of {per_chunk} latent frames ({chunk_tokens} tokens), {calls_per_chunk} calls each; "
            f"cache window {schedule.get('context_latent_frames') or 'all earlier'} latent frames")
    return calls, [Extra("denoiser", flops, nbytes, first_flops, first_bytes, note)]
