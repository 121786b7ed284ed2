"""How to measure (`Options`, checked once) and the schedule a run follows (`schedule_for`).

    opts = Options(device="cuda").resolved()        # defaults filled in; E713/E714 on what cannot run
    schedule = schedule_for(spec, opts, vae_temporal=4)

A tiny run (`Options(tiny=True)`, the default on CPU) shrinks the clip to TINY below and the
networks to on_device.tiny_config; its rows say `settings.tiny = true`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch

from liveaudit import config
from liveaudit.errors import InputError
from liveaudit.validator.families.common import DTYPES

MODES = ("eager", "compiled", "cuda_graphs")
TINY = {"width": 32, "height": 32, "text_tokens": 16, "chunks": 3, "whole_latent_frames": 3, "stream_frames": 4}


@dataclass
class Options:
    """How to measure. `tiny` None means tiny on CPU, full size on a GPU; `modes` None: eager on CPU, all on GPU."""

    device: str = "cpu"
    dtype: str | None = None  # bf16 | fp16 | fp32; default bf16 on GPU, fp32 on CPU
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    seconds: float | None = None
    weights: str | None = None  # folder of local safetensors, one per network role
    tiny: bool | None = None
    modes: tuple[str, ...] | None = None
    warmup: int | None = None  # default VALIDATE_MEASURE_WARMUP
    repetitions: int | None = None  # default VALIDATE_MEASURE_REPETITIONS
    attention: str | None = None  # force one SDPA kernel: flash | efficient | cudnn | math
    count_flops: bool = True
    extra: dict = field(default_factory=dict)

    def resolved(self) -> Options:
        try:
            device = torch.device(self.device)
        except RuntimeError:
            raise InputError("E713", device=self.device, reason="not a device name torch knows") from None
        if device.type == "cuda" and not torch.cuda.is_available():
            raise InputError(
                "E713",
                device=self.device,
                reason="torch sees no CUDA device" + ("" if torch.version.cuda else " (this torch is a CPU build)"),
            )
        if device.type not in ("cpu", "cuda"):
            raise InputError("E713", device=self.device, reason="only cpu and cuda are supported")
        cuda = device.type == "cuda"
        modes = self.modes or (MODES if cuda else ("eager",))
        bad = [m for m in modes if m not in MODES] + (["cuda_graphs"] if "cuda_graphs" in modes and not cuda else [])
        if bad:
            raise InputError(
                "E714", option="--mode", value=bad[0], known=", ".join(MODES) + " (cuda_graphs only with --device cuda)"
            )
        if self.attention not in (None, "flash", "efficient", "cudnn", "math"):
            raise InputError(
                "E714", option="--attention", value=self.attention, known="flash, efficient, cudnn or math"
            )
        if self.dtype not in (None, *DTYPES):
            raise InputError("E714", option="--dtype", value=self.dtype, known=", ".join(DTYPES))
        if self.repetitions is not None and self.repetitions < 1:
            raise InputError("E714", option="--repetitions", value=self.repetitions, known="1 or more")
        return Options(
            **{
                **asdict(self),
                "dtype": self.dtype or ("bf16" if cuda else "fp32"),
                "warmup": config.get("VALIDATE_MEASURE_WARMUP") if self.warmup is None else self.warmup,
                "repetitions": self.repetitions or config.get("VALIDATE_MEASURE_REPETITIONS"),
                "tiny": (not cuda) if self.tiny is None else self.tiny,
                "modes": tuple(modes),
            }
        )


def schedule_for(spec: dict, opts: Options, vae_temporal: int) -> dict:
    """The system's schedule with the options' overrides (and the tiny sizes), `frames` filled in."""
    s = dict(spec["architecture"]["schedule"])
    if opts.tiny:
        s |= {
            "width": TINY["width"],
            "height": TINY["height"],
            "text_tokens": min(s["text_tokens"], TINY["text_tokens"]),
        }
        if s["family"] == "chunked_ar_dit":
            latents = TINY["chunks"] * s["latent_frames_per_chunk"]
            s["frames"] = 1 + (latents - 1) * vae_temporal
            if s.get("context_latent_frames"):  # keep the eviction in play: the window is under the clip
                s["context_latent_frames"] = min(s["context_latent_frames"], s["latent_frames_per_chunk"])
                s["sink_latent_frames"] = min(s.get("sink_latent_frames", 0), 1)
        elif s["family"] == "whole_clip_dit":
            s["frames"] = 1 + (TINY["whole_latent_frames"] - 1) * vae_temporal
        else:
            s["frames"] = TINY["stream_frames"]
        s["seconds"] = s["frames"] / s["fps"]
    s |= {k: v for k, v in (("width", opts.width), ("height", opts.height), ("steps", opts.steps)) if v}
    if opts.seconds:
        s["seconds"] = opts.seconds
        frames = max(1, round(s["fps"] * opts.seconds))
        s["frames"] = frames if s["family"] == "unet_stream" else (frames - 1) // vae_temporal * vae_temporal + 1
    if not s.get("frames"):
        s["frames"] = round(s["fps"] * s["seconds"])
    s["_system"] = spec["name"]
    return s
