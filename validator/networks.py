"""Build a system's real networks from their (untrusted) configs on torch.device("meta").

    module, unknown = build("WanTransformer3DModel", {"num_layers": 30, ...})

Configs come from YAML/JSON in data/systems/ or a user's file, so they are checked before
anything is built: only the classes in CLASSES, JSON-like values only (numbers, strings,
booleans, null, short lists), bounded sizes, and after building on meta (no memory is
allocated) a cap on the parameter count (VALIDATE_MAX_PARAMS). Keys the class does not take
are dropped and returned, so the analysis row records them (docs/conventions.md, "Unknown model-config
keys are recorded"). Nothing is downloaded: text encoders are built from a transformers config
object, never from_pretrained.
"""

from __future__ import annotations

import inspect
import json
from functools import lru_cache
from typing import Any

from liveaudit import config as settings
from liveaudit.errors import InputError

# class name -> (library, config class for transformers models)
CLASSES: dict[str, tuple[str, str | None]] = {
    "WanTransformer3DModel": ("diffusers", None),
    "LTXVideoTransformer3DModel": ("diffusers", None),
    "UNet2DConditionModel": ("diffusers", None),
    "AutoencoderKLWan": ("diffusers", None),
    "AutoencoderKLLTXVideo": ("diffusers", None),
    "AutoencoderKL": ("diffusers", None),
    "AutoencoderTiny": ("diffusers", None),
    "UMT5EncoderModel": ("transformers", "UMT5Config"),
    "T5EncoderModel": ("transformers", "T5Config"),
    "CLIPTextModel": ("transformers", "CLIPTextConfig"),
    "CLIPTextModelWithProjection": ("transformers", "CLIPTextConfig"),
}

MAX_INT = 1 << 20  # no width, vocabulary or count in these configs is above a million
MAX_LAYERS = 512  # keys that repeat whole blocks are held lower still
LAYER_KEYS = {"num_layers", "num_hidden_layers", "layers_per_block", "num_res_blocks", "num_decoder_layers"}
MAX_LIST = 64
MAX_STR = 200


def _bad(where: str, reason: str) -> InputError:
    return InputError("E703", where=where, reason=reason)


def _check_value(where: str, key: str, value: Any, depth: int = 0) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        limit = MAX_LAYERS if key in LAYER_KEYS else MAX_INT
        if not -limit <= value <= limit:
            raise _bad(f"{where}.{key}", f"{value} is outside [-{limit}, {limit}]")
        # A negative count or width builds a network that counts too few FLOPs (a
        # `num_layers: -3` stack is empty), so sizes and counts are never below zero.
        if value < 0 and _is_size(key):
            raise _bad(f"{where}.{key}", f"{value} is negative; sizes and counts are 0 or more")
        return
    if isinstance(value, float):
        if value != value or abs(value) > 1e9:
            raise _bad(f"{where}.{key}", f"{value} is not a finite number below 1e9")
        return
    if isinstance(value, str):
        if len(value) > MAX_STR:
            raise _bad(f"{where}.{key}", f"a string of {len(value)} characters (at most {MAX_STR})")
        return
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_LIST or depth > 1:
            raise _bad(f"{where}.{key}", f"lists hold at most {MAX_LIST} items, nested at most twice")
        for item in value:
            _check_value(where, key, item, depth + 1)
        return
    raise _bad(f"{where}.{key}", f"a {type(value).__name__} is not a JSON value")


SIZE_SUFFIXES = ("_dim", "_dims", "_size", "_sizes", "_channels", "_heads", "_layers", "_length", "_blocks")


def _is_size(key: str) -> bool:
    """Whether a config key names a count or a width (never negative)."""
    return key in LAYER_KEYS or key.startswith("num_") or key.endswith(SIZE_SUFFIXES)


def split_config(cls: str, config: dict, where: str) -> tuple[dict, list[str]]:
    """The validated arguments `cls` takes, and the keys it does not (to record)."""
    if cls not in CLASSES:
        raise InputError("E702", where=where, cls=cls, known=", ".join(sorted(CLASSES)))
    if not isinstance(config, dict) or not all(isinstance(k, str) for k in config):
        raise _bad(where, "the config must be a mapping of names to values")
    library, config_class = CLASSES[cls]
    if library == "diffusers":
        import diffusers

        accepted = set(inspect.signature(getattr(diffusers, cls).__init__).parameters) - {"self"}
    else:
        import transformers

        accepted = set(getattr(transformers, config_class)().to_dict())
    kept, unknown = {}, []
    for key, value in config.items():
        if key.startswith("_") or key not in accepted:
            unknown.append(key)
            continue
        _check_value(where, key, value)
        kept[key] = (
            tuple(value) if isinstance(value, list) and library == "diffusers" and key == "patch_size" else value
        )
    return kept, sorted(unknown)


@lru_cache(maxsize=32)
def _build(cls: str, config_json: str, dtype_name: str):
    import torch

    dtype = getattr(torch, dtype_name)
    config = json.loads(config_json)
    library, config_class = CLASSES[cls]
    with torch.device("meta"):
        if library == "diffusers":
            import diffusers

            if "patch_size" in config and isinstance(config["patch_size"], list):
                config["patch_size"] = tuple(config["patch_size"])
            module = getattr(diffusers, cls)(**config)
        else:
            import transformers

            module = getattr(transformers, cls)(getattr(transformers, config_class)(**config))
    return module.to(dtype).eval()


def clear_build_cache() -> None:
    """Forget the meta networks built so far (a cold benchmark builds every network again)."""
    _build.cache_clear()


def build(cls: str, config: dict, dtype: str = "bfloat16", where: str = "config"):
    """Validate and build `cls` on meta; returns (module, unknown keys). Raises E702/E703/E704."""
    import logging

    from liveaudit.validator.analysis.counting import param_count

    kept, unknown = split_config(cls, config, where)
    logging.getLogger("diffusers").setLevel(logging.ERROR)
    try:
        module = _build(cls, json.dumps(kept, sort_keys=True), dtype)
    except (TypeError, ValueError, AssertionError, IndexError, KeyError, ZeroDivisionError, RuntimeError) as exc:
        raise _bad(
            where, f"{cls} cannot be built from it ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"
        ) from None
    limit = settings.get("VALIDATE_MAX_PARAMS")
    params = param_count(module)
    if params > limit:
        raise InputError("E704", where=where, cls=cls, params=f"{params:.3g}", limit=f"{limit:.3g}")
    return module, unknown
