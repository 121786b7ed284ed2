"""The hardware catalogue: data/hardware.yaml (keys explained in its header), schema-checked.

gpus = load_hardware()     # {name: spec}; spec["peak_flops"] and spec["bandwidth"] in SI units
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from liveaudit import config
from liveaudit.errors import ConfigError
from liveaudit.validator.registry import read_yaml


class Gpu(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = []
    bf16_dense_tflops: float = Field(gt=0, le=1e5)
    fp16_dense_tflops: float = Field(gt=0, le=1e5)
    fp8_dense_tflops: float | None = Field(default=None, gt=0, le=1e5)
    memory_bandwidth_gbs: float = Field(gt=0, le=1e6)
    memory_gb: float = Field(gt=0, le=1e5)
    sources: dict[str, str]


def hardware_file() -> Path:
    return Path(config.get("VALIDATE_HARDWARE_FILE") or config.data_dir() / "hardware.yaml")


def load_hardware(path: Path | None = None) -> dict[str, dict]:
    """Every GPU of the catalogue by canonical name, with `peak_flops` (dense 16-bit) and `bandwidth` (B/s)."""
    path = Path(path) if path else hardware_file()
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("gpus"), list):
        raise ConfigError("E706", path=path, field="gpus", reason="the file needs a list `gpus:`")
    out: dict[str, dict] = {}
    for i, entry in enumerate(data["gpus"]):
        try:
            gpu = Gpu.model_validate(entry).model_dump()
        except ValidationError as exc:
            err = exc.errors()[0]
            field = f"gpus[{i}]." + ".".join(str(p) for p in err["loc"])
            raise ConfigError("E706", path=path, field=field, reason=err["msg"]) from None
        if gpu["name"] in out:
            raise ConfigError("E706", path=path, field=f"gpus[{i}].name", reason=f"{gpu['name']!r} appears twice")
        # A lower bound on time assumes the fastest dense 16-bit tensor mode the GPU has.
        gpu["peak_flops"] = max(gpu["bf16_dense_tflops"], gpu["fp16_dense_tflops"]) * 1e12
        gpu["bandwidth"] = gpu["memory_bandwidth_gbs"] * 1e9
        out[gpu["name"]] = gpu
    return out
