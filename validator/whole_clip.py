"""Schedule family: whole-clip DiT (Wan2.1, LTX-Video).

The whole clip is denoised at once: `steps` calls of the transformer on every latent
token of the clip (CFG runs the conditional and unconditional prompt as one batch of 2),
one text encoding per clip, one VAE decode of the whole latent video. Nothing can be shown
before the last step, so the first frame costs the whole clip.
"""

from __future__ import annotations

from liveaudit.validator.plan import Call, meta, network_index, text_encoder_calls, vae_decode_calls


def latent_shape(schedule: dict, denoiser: dict, vae) -> tuple[int, int, int]:
    """(latent frames, latent height, latent width) of the clip, from the VAE's compression."""
    t, s = vae_factors(vae)
    frames = schedule["frames"]
    return (frames - 1) // t + 1, schedule["height"] // s, schedule["width"] // s


def vae_factors(vae) -> tuple[int, int]:
    """(temporal, spatial) compression of a video VAE class."""
    cfg = vae.config
    if type(vae).__name__ == "AutoencoderKLWan":
        return cfg.scale_factor_temporal, cfg.scale_factor_spatial
    return vae.temporal_compression_ratio, vae.spatial_compression_ratio  # AutoencoderKLLTXVideo


def denoiser_run(denoiser, batch: int, frames: int, h: int, w: int, text_tokens: int):
    """One transformer call on a latent video of `frames` x h x w, as its class takes it."""
    cfg = denoiser.config
    if type(denoiser).__name__ == "LTXVideoTransformer3DModel":
        def run(m):
            return m(hidden_states=meta(batch, frames * h * w, cfg.in_channels),
                     encoder_hidden_states=meta(batch, text_tokens, cfg.caption_channels),
                     timestep=meta(batch, dtype=m.dtype), encoder_attention_mask=meta(batch, text_tokens),
                     num_frames=frames, height=h, width=w, return_dict=False)
        return run

    def run(m):  # WanTransformer3DModel
        return m(hidden_states=meta(batch, cfg.in_channels, frames, h, w),
                 timestep=meta(batch, dtype=m.dtype), encoder_hidden_states=meta(batch, text_tokens, cfg.text_dim),
                 return_dict=False)
    return run


def plan(schedule: dict, networks: list[dict], modules: list) -> list[Call]:
    den_i, vae_i = network_index(networks, "denoiser"), network_index(networks, "vae_decode")
    frames, h, w = latent_shape(schedule, networks[den_i], modules[vae_i])
    batch = 2 if schedule["cfg"] else 1
    text = schedule["text_tokens"]
    calls = text_encoder_calls(networks, batch, text, per_clip=1.0)
    calls.append(Call("denoiser", den_i, f"b{batch}f{frames}h{h}w{w}t{text}",
                      denoiser_run(modules[den_i], batch, frames, h, w, text),
                      per_clip=schedule["steps"], first_chunk=schedule["steps"]))
    calls += vae_decode_calls(vae_i, modules[vae_i], frames, h, w, per_clip=1.0, first_chunk=1.0)
    return calls, []
