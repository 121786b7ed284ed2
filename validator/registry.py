"""The system registry: data/systems/<slug>.yaml, one file per system, schema-checked.

    systems = load_systems()               # {name: spec dict}, raises E701 naming file and field
    sync_systems(store, run, systems)      # new `systems` row only when a file's content changes

Each file's keys are explained in data/systems/README.md. A file is untrusted input: it is read
with yaml.safe_load after a size check (VALIDATE_MAX_CONFIG_BYTES), and every field is
validated; the error names the file, the field and what was wrong.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from liveaudit import config
from liveaudit.errors import ConfigError, InputError
from liveaudit.yamlfile import load_yaml

Url = str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PublishedParams(_Strict):
    network: str
    value: float = Field(gt=0)
    source: Url
    note: str = ""
    nominal: bool = False  # a rounded figure from a model's name ("1.3B"), not an exact count


class Claim(_Strict):
    text: str
    source: Url
    figures: dict[str, float | int | str | bool | None] = {}


def _http(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{url!r} is not an http(s) URL")
    return url


class Account(_Strict):
    """An account of the vendor: a post from it counts as the vendor's own word."""

    platform: Literal["github", "huggingface", "x", "youtube", "discord", "linkedin", "web"]
    handle: str = Field(min_length=1, max_length=100)
    role: Literal["organisation", "maintainer", "author"] = "organisation"
    source: Url
    _url = field_validator("source")(classmethod(lambda cls, v: _http(v)))


FACT_KEYS = (
    "output_fps",
    "width",
    "height",
    "steps",
    "frames",
    "duration_s",
    "max_duration_s",
    "schedule_family",
    "cfg",
    "latent_frames_per_chunk",
    "base_model",
    "repository",
)


class Fact(_Strict):
    """A published default of the system (output fps, resolution, steps, clip length...) and its source."""

    key: Literal[FACT_KEYS]
    value: float | int | str | bool
    source: Url
    note: str = ""
    _url = field_validator("source")(classmethod(lambda cls, v: _http(v)))


class Network(_Strict):
    role: Literal["text_encoder", "denoiser", "vae_decode"]
    cls: str = Field(alias="class")
    config: dict
    dtype: Literal["bf16", "fp16", "fp32"] = "bf16"
    source: Url


class Schedule(_Strict):
    family: Literal["whole_clip_dit", "chunked_ar_dit", "unet_stream"]
    width: int = Field(gt=0, le=8192)
    height: int = Field(gt=0, le=8192)
    fps: float = Field(gt=0, le=1000)
    seconds: float = Field(gt=0, le=3600)
    frames: int | None = Field(default=None, gt=0, le=100000)
    steps: int = Field(gt=0, le=1000)
    cfg: bool
    text_tokens: int = Field(gt=0, le=4096)
    text_encoding: Literal["once", "per_chunk"] = "once"
    vae_decode: Literal["whole_clip", "per_chunk", "per_frame"]
    frames_per_chunk: int | None = Field(default=None, gt=0)
    latent_frames_per_chunk: int | None = Field(default=None, gt=0, le=1000)
    context_latent_frames: int | None = Field(default=None, gt=0, le=100000)
    sink_latent_frames: int = Field(default=0, ge=0, le=1000)
    kv_update_pass: bool = False
    source: Url
    notes: str = ""

    @model_validator(mode="after")
    def _chunked_needs_chunks(self):
        if self.family == "chunked_ar_dit" and not self.latent_frames_per_chunk:
            raise ValueError("a chunked_ar_dit schedule needs latent_frames_per_chunk")
        return self


class Architecture(_Strict):
    networks: list[Network] = Field(min_length=1, max_length=8)
    schedule: Schedule

    @field_validator("networks")
    @classmethod
    def _one_denoiser_one_vae(cls, nets):
        roles = [n.role for n in nets]
        if roles.count("denoiser") != 1 or roles.count("vae_decode") != 1:
            raise ValueError("exactly one denoiser and one vae_decode network are needed")
        return nets


class System(_Strict):
    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = []
    organisation: str
    open_weights: bool
    sources: list[Url] = Field(min_length=1)
    parameters: list[PublishedParams] = []
    claims: list[Claim] = []
    architecture: Architecture | None = None
    not_analysed_reason: str = ""
    notes: str = ""
    accounts: list[Account] = []  # optional; dropped from the spec when empty (content hashes unchanged)
    facts: list[Fact] = []

    @field_validator("sources")
    @classmethod
    def _urls(cls, urls):
        for u in urls:
            if not u.startswith(("https://", "http://")):
                raise ValueError(f"{u!r} is not an http(s) URL")
        return urls

    @model_validator(mode="after")
    def _architecture_or_reason(self):
        if self.architecture is None and not self.not_analysed_reason:
            raise ValueError("a system without `architecture` needs `not_analysed_reason`")
        return self


def systems_dir() -> Path:
    return Path(config.get("VALIDATE_SYSTEMS_DIR") or config.data_dir() / "systems")


def read_yaml(path: Path) -> object:
    """yaml.safe_load of a file within the size limit; E707 / E701 otherwise."""
    limit = config.get("VALIDATE_MAX_CONFIG_BYTES")
    size = path.stat().st_size
    if size > limit:
        raise InputError("E707", path=path, size=size, limit=limit)
    try:
        return load_yaml(path)  # safe types, no duplicate keys, bounded nesting
    except ConfigError as exc:
        raise ConfigError("E701", path=path, field="(file)", reason=str(exc.fields["reason"])) from None


def parse_system(data: object, path: Path | str) -> dict:
    """A validated system spec (plain dict, `class` keys kept), or E701 naming the first bad field."""
    if not isinstance(data, dict):
        raise ConfigError("E701", path=path, field="(file)", reason="the file must hold one mapping")
    try:
        system = System.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        raise ConfigError("E701", path=path, field=field, reason=err["msg"]) from None
    spec = system.model_dump(by_alias=True)
    for key in ("accounts", "facts"):  # added later: an old file hashes as it did
        if not spec[key]:
            del spec[key]
    return spec


def load_systems(folder: Path | None = None) -> dict[str, dict]:
    """Every system in `folder` (default data/systems/), by canonical name."""
    folder = Path(folder) if folder else systems_dir()
    out: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        spec = parse_system(read_yaml(path), path)
        if spec["name"] in out:
            raise ConfigError(
                "E701", path=path, field="name", reason=f"{spec['name']!r} is already defined by another file"
            )
        spec["_file"] = path.name
        out[spec["name"]] = spec
    return out


def content_hash(spec: dict) -> str:
    clean = {k: v for k, v in spec.items() if not k.startswith("_")}
    return hashlib.sha256(json.dumps(clean, sort_keys=True).encode()).hexdigest()


def resolve(systems: dict[str, dict], name: str) -> dict:
    """The system called `name` (canonical or alias, case-insensitive), or E705."""
    low = name.strip().lower()
    for spec in systems.values():
        if low == spec["name"].lower() or low in (a.lower() for a in spec["aliases"]):
            return spec
    raise InputError("E705", name=name, known=", ".join(sorted(systems)))
