"""System specs for the measurement tests: the shipped Wan2.1 architecture re-scheduled per family.

Each is a registry spec as `registry.parse_system` returns it, so the tests do not depend on
which systems data/systems/ holds at the moment; tiny_config shrinks the networks.
"""

from __future__ import annotations

import copy

import pytest
import torch

from liveaudit.validator.registry import parse_system

SOURCE = "https://example.org/spec"

WAN_NETWORKS = [
    {
        "role": "text_encoder",
        "class": "UMT5EncoderModel",
        "dtype": "bf16",
        "source": SOURCE,
        "config": {
            "vocab_size": 256384,
            "d_model": 4096,
            "d_kv": 64,
            "d_ff": 10240,
            "num_layers": 24,
            "num_heads": 64,
            "feed_forward_proj": "gated-gelu",
            "tie_word_embeddings": False,
        },
    },
    {
        "role": "denoiser",
        "class": "WanTransformer3DModel",
        "dtype": "bf16",
        "source": SOURCE,
        "config": {
            "attention_head_dim": 128,
            "cross_attn_norm": True,
            "eps": 1e-6,
            "ffn_dim": 8960,
            "freq_dim": 256,
            "in_channels": 16,
            "num_attention_heads": 12,
            "num_layers": 30,
            "out_channels": 16,
            "patch_size": [1, 2, 2],
            "qk_norm": "rms_norm_across_heads",
            "rope_max_seq_len": 1024,
            "text_dim": 4096,
        },
    },
    {
        "role": "vae_decode",
        "class": "AutoencoderKLWan",
        "dtype": "bf16",
        "source": SOURCE,
        "config": {
            "base_dim": 96,
            "z_dim": 16,
            "dim_mult": [1, 2, 4, 4],
            "num_res_blocks": 2,
            "attn_scales": [],
            "temperal_downsample": [False, True, True],
            "dropout": 0.0,
        },
    },
]


def _spec(name: str, networks: list, schedule: dict) -> dict:
    base = {"fps": 16, "text_tokens": 512, "source": SOURCE, "cfg": False, "text_encoding": "once"}
    return parse_system(
        {
            "name": name,
            "organisation": "test",
            "open_weights": True,
            "sources": [SOURCE],
            "architecture": {"networks": copy.deepcopy(networks), "schedule": base | schedule},
        },
        f"{name}.yaml",
    )


def whole_clip() -> dict:
    return _spec(
        "Test-WholeClip",
        WAN_NETWORKS,
        {
            "family": "whole_clip_dit",
            "width": 832,
            "height": 480,
            "seconds": 5.0625,
            "frames": 81,
            "steps": 3,
            "cfg": True,
            "vae_decode": "whole_clip",
        },
    )


def chunked(kv_update_pass: bool = True, window: int | None = None, sink: int = 0) -> dict:
    schedule = {
        "family": "chunked_ar_dit",
        "width": 832,
        "height": 480,
        "seconds": 5.0625,
        "frames": 81,
        "steps": 4,
        "vae_decode": "per_chunk",
        "frames_per_chunk": 12,
        "latent_frames_per_chunk": 3,
        "kv_update_pass": kv_update_pass,
        "sink_latent_frames": sink,
    }
    if window:
        schedule["context_latent_frames"] = window
    return _spec("Test-Chunked", WAN_NETWORKS, schedule)


def unet_stream() -> dict:
    networks = [
        {
            "role": "text_encoder",
            "class": "CLIPTextModel",
            "dtype": "fp16",
            "source": SOURCE,
            "config": {
                "hidden_size": 1024,
                "intermediate_size": 4096,
                "num_hidden_layers": 23,
                "num_attention_heads": 16,
                "max_position_embeddings": 77,
                "vocab_size": 49408,
                "hidden_act": "gelu",
            },
        },
        {
            "role": "denoiser",
            "class": "UNet2DConditionModel",
            "dtype": "fp16",
            "source": SOURCE,
            "config": {
                "block_out_channels": [320, 640, 1280, 1280],
                "cross_attention_dim": 1024,
                "attention_head_dim": [5, 10, 20, 20],
                "down_block_types": [
                    "CrossAttnDownBlock2D",
                    "CrossAttnDownBlock2D",
                    "CrossAttnDownBlock2D",
                    "DownBlock2D",
                ],
                "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
                "in_channels": 4,
                "out_channels": 4,
                "layers_per_block": 2,
                "use_linear_projection": True,
                "sample_size": 64,
            },
        },
        {
            "role": "vae_decode",
            "class": "AutoencoderTiny",
            "dtype": "fp16",
            "source": SOURCE,
            "config": {
                "latent_channels": 4,
                "decoder_block_out_channels": [64, 64, 64, 64],
                "encoder_block_out_channels": [64, 64, 64, 64],
            },
        },
    ]
    return _spec(
        "Test-Stream",
        networks,
        {
            "family": "unet_stream",
            "width": 512,
            "height": 512,
            "seconds": 1.0,
            "fps": 30,
            "steps": 1,
            "text_tokens": 77,
            "vae_decode": "per_frame",
        },
    )


@pytest.fixture(autouse=False)
def one_thread():
    """Tiny networks run faster on one thread (no hand-offs), above all on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def wan_tiny():
    """(networks, modules) of the tiny Wan2.1 stack on CPU in fp32, built once per test session."""
    from liveaudit.validator.measure.on_device import build_on_device

    networks, modules, _ = build_on_device(chunked(), "cpu", torch.float32, tiny=True)
    return networks, modules


def tiny_schedule(spec: dict, **changes) -> dict:
    """The tiny schedule measure/run.py would run for `spec` (Wan VAE: 4x temporal compression)."""
    from liveaudit.validator.measure import Options, schedule_for

    return schedule_for(spec, Options(device="cpu", tiny=True, **changes).resolved(), 4)


def run_once(prepared):
    """One clip of a prepared schedule on a CPU clock: (trace, timeline)."""
    from liveaudit.validator.measure.harness import Clock

    torch.manual_seed(0)
    clock = Clock("cpu")
    trace = prepared.run(clock)
    return trace, clock.timeline()
