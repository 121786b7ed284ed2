"""A system's networks with real tensors on a device, for timing: full size, or a tiny smoke config.

    networks, modules, unknown = build_on_device(spec, "cuda", torch.bfloat16)
    networks, modules, unknown = build_on_device(spec, "cpu", torch.float32, tiny=True)

Configs are validated by the analysis' own checks (networks.split_config: known classes only,
JSON values within bounds; networks.build on meta for the parameter cap) before any memory is
allocated. Weights are random (latency does not depend on weight values) unless `weights_dir`
holds local safetensors files (never pickle): `<dir>/<role>.safetensors` or
`<dir>/<role>/*.safetensors`.

`tiny=True` shrinks every width, depth and vocabulary (TINY below) but keeps what shapes the
schedule: patch sizes, latent channels, VAE compression factors, attention layout. The tiny
networks share one text width (TEXT_DIM) so the denoiser reads the text encoder's real output.
A tiny run only checks that the schedule runs end to end; its timings say nothing about the
system (run.py marks such rows `settings.tiny = true`).
"""

from __future__ import annotations

from pathlib import Path

import torch

from liveaudit.errors import InputError
from liveaudit.validator.networks import CLASSES, build, split_config

TEXT_DIM = 32  # width of every tiny text encoder's output and every tiny denoiser's text input


def _n(config: dict, key: str, default: int) -> int:
    value = config.get(key)
    return len(value) if isinstance(value, (list, tuple)) else default


def tiny_config(cls: str, config: dict) -> dict:
    """`config` shrunk to a smoke-test size that keeps the schedule's shapes (see module doc)."""
    c = dict(config)
    if cls == "WanTransformer3DModel":
        c |= {
            "num_attention_heads": 2,
            "attention_head_dim": 12,
            "ffn_dim": 32,
            "num_layers": 2,
            "freq_dim": 32,
            "text_dim": TEXT_DIM,
        }
        if c.get("image_dim"):
            c |= {"image_dim": 16, "added_kv_proj_dim": 16}
    elif cls == "LTXVideoTransformer3DModel":
        c |= {
            "num_attention_heads": 2,
            "attention_head_dim": 8,
            "cross_attention_dim": 16,
            "num_layers": 1,
            "caption_channels": TEXT_DIM,
        }
    elif cls == "UNet2DConditionModel":
        n = _n(c, "block_out_channels", 2)
        c |= {
            "block_out_channels": [32] * n,
            "layers_per_block": 1,
            "attention_head_dim": 4,
            "num_attention_heads": None,
            "cross_attention_dim": TEXT_DIM,
            "transformer_layers_per_block": 1,
            "norm_num_groups": 8,
            "sample_size": 8,
        }  # 8 groups: 32 channels still normalise at 1x1 (deepest level)
        if c.get("addition_embed_type") == "text_time":
            c |= {"addition_time_embed_dim": 8, "projection_class_embeddings_input_dim": TEXT_DIM + 6 * 8}
    elif cls == "AutoencoderKLWan":
        c |= {"base_dim": 8, "dim_mult": [1] * _n(c, "dim_mult", 4), "num_res_blocks": 1}
        c.pop("decoder_base_dim", None)
    elif cls == "AutoencoderKLLTXVideo":
        n = _n(c, "block_out_channels", 4)
        c |= {
            "block_out_channels": [8] * n,
            "decoder_block_out_channels": [8] * _n(c, "decoder_block_out_channels", n),
            "layers_per_block": [1] * _n(c, "layers_per_block", n + 1),
            "decoder_layers_per_block": [1] * _n(c, "decoder_layers_per_block", n + 1),
        }
    elif cls == "AutoencoderTiny":
        n = _n(c, "decoder_block_out_channels", 4)
        c |= {
            "encoder_block_out_channels": [8] * n,
            "decoder_block_out_channels": [8] * n,
            "num_encoder_blocks": [1] * n,
            "num_decoder_blocks": [1] * n,
        }
    elif cls == "AutoencoderKL":
        c |= {"block_out_channels": [32] * _n(c, "block_out_channels", 4), "layers_per_block": 1, "norm_num_groups": 32}
    elif cls in ("UMT5EncoderModel", "T5EncoderModel"):
        c |= {"vocab_size": 1000, "d_model": TEXT_DIM, "d_kv": 8, "d_ff": 64, "num_layers": 2, "num_heads": 4}
    elif cls in ("CLIPTextModel", "CLIPTextModelWithProjection"):
        c |= {
            "vocab_size": 1000,
            "hidden_size": TEXT_DIM,
            "intermediate_size": 64,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "projection_dim": TEXT_DIM,
            "bos_token_id": 0,
            "eos_token_id": 2,
            "pad_token_id": 1,
        }
    return c


def _construct(cls: str, kept: dict, device: torch.device, dtype: torch.dtype) -> torch.nn.Module:
    library, config_class = CLASSES[cls]
    with torch.device(device):
        if library == "diffusers":
            import diffusers

            args = {k: tuple(v) if k == "patch_size" and isinstance(v, list) else v for k, v in kept.items()}
            module = getattr(diffusers, cls)(**args)
        else:
            import transformers

            module = getattr(transformers, cls)(getattr(transformers, config_class)(**kept))
    module = module.to(device=device, dtype=dtype).eval().requires_grad_(False)
    # As from_pretrained(torch_dtype=...) does, the modules a class keeps in float32 stay there
    # (Wan: rotary table, time embedder, modulation tables, norms), so timings match the real pipeline.
    keep = getattr(module, "_keep_in_fp32_modules", None) or []
    if keep and dtype != torch.float32:
        for name, tensor in [*module.named_parameters(), *module.named_buffers()]:
            if any(part in keep for part in name.split(".")) and tensor.is_floating_point():
                tensor.data = tensor.data.float()
    return module


def _load_weights(module: torch.nn.Module, folder: Path, role: str, where: str) -> None:
    from safetensors.torch import load_file

    files = (
        [folder / f"{role}.safetensors"]
        if (folder / f"{role}.safetensors").is_file()
        else sorted((folder / role).glob("*.safetensors"))
    )
    if not files:
        raise InputError("E711", path=folder, role=role)
    state = {}
    for f in files:
        try:
            state |= load_file(str(f), device=str(next(module.parameters()).device))
        except Exception as exc:  # safetensors raises its own error types for truncated/garbled headers
            raise InputError(
                "E717", path=f, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            ) from None
    try:
        missing, unexpected = module.load_state_dict(state, strict=False, assign=False)
    except RuntimeError as exc:  # a tensor of the wrong shape
        raise InputError(
            "E712",
            where=where,
            path=folder / role,
            missing=0,
            unexpected=0,
            example=str(exc).splitlines()[-1].strip()[:200],
        ) from None
    if missing or unexpected:
        raise InputError(
            "E712",
            where=where,
            path=folder / role,
            missing=len(missing),
            unexpected=len(unexpected),
            example=(missing or unexpected)[0],
        )


def build_on_device(
    spec: dict,
    device: torch.device | str,
    dtype: torch.dtype,
    tiny: bool = False,
    weights_dir: str | Path | None = None,
) -> tuple[list[dict], list[torch.nn.Module], dict]:
    """([{role, class, config}], modules, unknown config keys) of `spec`'s networks on `device`."""
    import logging

    logging.getLogger("diffusers").setLevel(logging.ERROR)
    device = torch.device(device)
    networks, modules, unknown = [], [], {}
    for i, net in enumerate(spec["architecture"]["networks"]):
        where = f"{spec.get('_file', spec['name'])}: architecture.networks[{i}] ({net['class']})"
        config = tiny_config(net["class"], net["config"]) if tiny else net["config"]
        kept, extra = split_config(net["class"], config, where)
        if not tiny:
            build(net["class"], net["config"], "bfloat16", where)  # the parameter cap, on meta (E704)
        module = _construct(net["class"], kept, device, dtype)
        if weights_dir and not tiny:
            _load_weights(module, Path(weights_dir), net["role"], where)
        networks.append({"role": net["role"], "class": net["class"], "config": kept})
        modules.append(module)
        if extra:
            unknown[f"networks[{i}] {net['class']}"] = extra
    return networks, modules, unknown
