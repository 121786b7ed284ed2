"""Tiny real configs of every network class the validator builds, as registry files.

`tiny_registry` writes one system per schedule family (and a closed one) into a temp folder
and points VALIDATE_SYSTEMS_DIR at it, so the analysis runs on the real diffusers and
transformers classes in seconds; `counted_row` analyses one of them directly.
"""

from __future__ import annotations

import pytest
import yaml

UMT5 = {
    "vocab_size": 100,
    "d_model": 16,
    "d_kv": 4,
    "d_ff": 32,
    "num_layers": 2,
    "num_heads": 4,
    "feed_forward_proj": "gated-gelu",
    "tie_word_embeddings": False,
}
WAN = {
    "num_attention_heads": 2,
    "attention_head_dim": 8,
    "ffn_dim": 32,
    "num_layers": 2,
    "text_dim": 16,
    "freq_dim": 16,
    "in_channels": 4,
    "out_channels": 4,
    "patch_size": [1, 2, 2],
}
WAN_VAE = {
    "base_dim": 8,
    "z_dim": 4,
    "dim_mult": [1, 2, 2, 2],
    "num_res_blocks": 1,
    "attn_scales": [],
    "temperal_downsample": [False, True, True],
}
T5 = {**UMT5, "vocab_size": 64}
LTX = {
    "in_channels": 8,
    "out_channels": 8,
    "num_attention_heads": 2,
    "attention_head_dim": 8,
    "cross_attention_dim": 16,
    "num_layers": 1,
    "caption_channels": 16,
}
LTX_VAE = {
    "latent_channels": 8,
    "block_out_channels": [8, 8, 8, 8],
    "decoder_block_out_channels": [8, 8, 8, 8],
    "layers_per_block": [1, 1, 1, 1, 1],
    "decoder_layers_per_block": [1, 1, 1, 1, 1],
}
CLIP = {
    "vocab_size": 100,
    "hidden_size": 12,
    "intermediate_size": 24,
    "num_hidden_layers": 1,
    "num_attention_heads": 2,
    "max_position_embeddings": 77,
    "bos_token_id": 1,
    "eos_token_id": 2,
    "pad_token_id": 1,
}
UNET = {
    "block_out_channels": [8, 16],
    "layers_per_block": 1,
    "down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"],
    "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D"],
    "cross_attention_dim": 12,
    "attention_head_dim": 2,
    "norm_num_groups": 4,
    "sample_size": 8,
    "in_channels": 4,
    "out_channels": 4,
}
TAESD = {"encoder_block_out_channels": [8, 8, 8, 8], "decoder_block_out_channels": [8, 8, 8, 8], "latent_channels": 4}
URL = "https://example.org/tiny"


def net(role, cls, config, dtype="bf16"):
    return {"role": role, "class": cls, "config": config, "dtype": dtype, "source": URL}


def system(name, networks, schedule, **extra):
    return {
        "name": name,
        "aliases": [name.lower() + " alias"],
        "organisation": "tests",
        "open_weights": True,
        "sources": [URL],
        "parameters": [],
        "claims": [],
        "architecture": {"networks": networks, "schedule": {"source": URL, **schedule}},
        **extra,
    }


TINY_SYSTEMS = {
    "tiny-wan": system(
        "Tiny Wan",
        [
            net("text_encoder", "UMT5EncoderModel", UMT5),
            net("denoiser", "WanTransformer3DModel", WAN),
            net("vae_decode", "AutoencoderKLWan", WAN_VAE),
        ],
        {
            "family": "whole_clip_dit",
            "width": 64,
            "height": 32,
            "fps": 8,
            "seconds": 1.125,
            "frames": 9,
            "steps": 2,
            "cfg": True,
            "text_tokens": 6,
            "vae_decode": "whole_clip",
        },
    ),
    "tiny-causal": system(
        "Tiny Causal",
        [
            net("text_encoder", "UMT5EncoderModel", UMT5),
            net("denoiser", "WanTransformer3DModel", WAN),
            net("vae_decode", "AutoencoderKLWan", WAN_VAE),
        ],
        {
            "family": "chunked_ar_dit",
            "width": 64,
            "height": 32,
            "fps": 8,
            "seconds": 2.125,
            "frames": 17,
            "steps": 2,
            "cfg": False,
            "text_tokens": 6,
            "vae_decode": "per_chunk",
            "frames_per_chunk": 4,
            "latent_frames_per_chunk": 1,
            "kv_update_pass": True,
        },
    ),
    "tiny-ltx": system(
        "Tiny LTX",
        [
            net("text_encoder", "T5EncoderModel", T5),
            net("denoiser", "LTXVideoTransformer3DModel", LTX),
            net("vae_decode", "AutoencoderKLLTXVideo", LTX_VAE),
        ],
        {
            "family": "whole_clip_dit",
            "width": 64,
            "height": 64,
            "fps": 8,
            "seconds": 1.125,
            "frames": 9,
            "steps": 2,
            "cfg": False,
            "text_tokens": 4,
            "vae_decode": "whole_clip",
        },
    ),
    "tiny-stream": system(
        "Tiny Stream",
        [
            net("text_encoder", "CLIPTextModel", CLIP, "fp16"),
            net("denoiser", "UNet2DConditionModel", UNET, "fp16"),
            net("vae_decode", "AutoencoderTiny", TAESD, "fp16"),
        ],
        {
            "family": "unet_stream",
            "width": 64,
            "height": 64,
            "fps": 10,
            "seconds": 1,
            "steps": 1,
            "cfg": False,
            "text_tokens": 5,
            "vae_decode": "per_frame",
            "frames_per_chunk": 1,
        },
    ),
    "closed": {
        "name": "Closed One",
        "aliases": [],
        "organisation": "tests",
        "open_weights": False,
        "sources": [URL],
        "parameters": [{"network": "denoiser", "value": 8e9, "source": URL}],
        "claims": [],
        "not_analysed_reason": "closed weights",
    },
}


@pytest.fixture
def tiny_registry(tmp_path, monkeypatch):
    folder = tmp_path / "systems"
    folder.mkdir()
    for slug, spec in TINY_SYSTEMS.items():
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    monkeypatch.setenv("LIVEAUDIT_VALIDATE_SYSTEMS_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def gpus():
    """The hardware catalogue (data/hardware.yaml)."""
    from liveaudit.validator import load_hardware

    return load_hardware()


def counted_row(slug: str, gpus: dict, overrides: dict | None = None) -> dict:
    """The analyses row of one system of TINY_SYSTEMS, counted on the meta device."""
    from liveaudit.validator import analyze
    from liveaudit.validator.registry import parse_system

    return analyze(parse_system(TINY_SYSTEMS[slug], slug), gpus, overrides)
