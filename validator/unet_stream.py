"""Schedule family: one-step UNet stream (StreamDiffusion, SD-Turbo, SDXL-Turbo).

Every output frame is one image: `steps` UNet calls on the frame's latent (a batch of 2 with
CFG), then one VAE decode (often the tiny TAESD decoder). The prompt is encoded once per
stream (StreamDiffusion caches its embedding), so its cost is spread over the `seconds` the
schedule assumes and paid in full before the first frame.
"""

from __future__ import annotations

from liveaudit.validator.plan import Call, meta, network_index, text_encoder_calls


def unet_run(unet, batch: int, h: int, w: int, text_tokens: int):
    cfg = unet.config

    def run(m):
        added = None
        if cfg.addition_embed_type == "text_time":  # SDXL: pooled text embedding and size/crop ids
            text_embeds = cfg.projection_class_embeddings_input_dim - 6 * cfg.addition_time_embed_dim
            added = {"text_embeds": meta(batch, text_embeds, dtype=m.dtype), "time_ids": meta(batch, 6, dtype=m.dtype)}
        return m(meta(batch, cfg.in_channels, h, w, dtype=m.dtype), meta(batch, dtype=m.dtype),
                 encoder_hidden_states=meta(batch, text_tokens, cfg.cross_attention_dim, dtype=m.dtype),
                 added_cond_kwargs=added, return_dict=False)
    return run


def plan(schedule: dict, networks: list[dict], modules: list):
    unet_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    frames = round(schedule["fps"] * schedule["seconds"])
    h, w = schedule["height"] // 8, schedule["width"] // 8
    batch = 2 if schedule["cfg"] else 1
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(Call("denoiser", unet_i, f"b{batch}h{h}w{w}t{text}", unet_run(modules[unet_i], batch, h, w, text),
                      per_clip=frames * schedule["steps"], first_chunk=schedule["steps"]))
    vae = modules[vae_i]
    channels = vae.config.latent_channels
    calls.append(Call("vae_decode", vae_i, f"z{channels}h{h}w{w}",
                      lambda m: m.decode(meta(1, channels, h, w, dtype=m.dtype), return_dict=False),
                      per_clip=frames, first_chunk=1.0))
    return calls, []
