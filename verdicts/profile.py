"""What the registry and the hardware catalogue say a claim leaves out (rules v2).

A claim rarely states every condition a figure needs. The registry publishes each system's
defaults (output fps, resolution, steps, clip length, schedule family, in `facts` and
`architecture.schedule`), and the catalogue ranks the GPUs; with them a claim that names no
GPU is judged against the fastest one and a claim without settings at the published defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WHOLE_CLIP_FAMILIES = ("whole_clip_dit",)  # nothing is shown before the clip is done
_LIVE_NAME = re.compile(r"real[\s-]?time|\blive|stream", re.I)


@dataclass(frozen=True)
class Profile:
    """A system's published defaults; every value may be None (not published)."""

    name: str
    output_fps: float | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    duration_s: float | None = None
    family: str | None = None
    frames_per_chunk: int | None = None  # a stream's frames per block (a profiler's block times become a rate)
    sources: dict = field(default_factory=dict)

    @property
    def whole_clip(self) -> bool:
        return self.family in WHOLE_CLIP_FAMILIES

    @property
    def name_claims_live(self) -> bool:
        """'Krea Realtime', 'MirageLSD (Live-Stream Diffusion)': the name itself promises streaming."""
        return bool(_LIVE_NAME.search(self.name))

    def default_clip(self, figures: dict) -> float | None:
        """The published default clip length, for a whole clip's time that states no length
        (a whole-clip system only: a stream has no default clip, and "within 50 ms" is no clip's time)."""
        if figures.get("latency_type") != "end_to_end" or not figures.get("latency_s") or figures.get("duration_s"):
            return None
        return (self.duration_s or None) if self.whole_clip else None

    def defaults_text(self) -> str:
        parts = []
        if self.width and self.height:
            parts.append(f"{self.width}×{self.height}")
        if self.steps:
            parts.append(f"{self.steps} steps")
        if self.duration_s:
            parts.append(f"{self.duration_s:g} s clips")
        return ", ".join(parts) or "no published defaults"


def profile_from_spec(name: str, spec: dict | None) -> Profile:
    """The defaults of one `current_systems.spec`: `facts` win, then `architecture.schedule`."""
    spec = spec or {}
    sched = (spec.get("architecture") or {}).get("schedule") or {}
    facts = {f.get("key"): f for f in spec.get("facts") or [] if isinstance(f, dict)}

    def pick(fact_key: str, sched_key: str, cast):
        if fact_key in facts and facts[fact_key].get("value") is not None:
            try:
                return cast(facts[fact_key]["value"]), facts[fact_key].get("source")
            except (TypeError, ValueError):
                pass
        if sched.get(sched_key) is not None:
            try:
                return cast(sched[sched_key]), sched.get("source")
            except (TypeError, ValueError):
                pass
        return None, None

    values, sources = {}, {}
    for key, fact_key, sched_key, cast in (
        ("output_fps", "output_fps", "fps", float),
        ("width", "width", "width", int),
        ("height", "height", "height", int),
        ("steps", "steps", "steps", int),
        ("duration_s", "duration_s", "seconds", float),
        ("family", "schedule_family", "family", str),
        ("frames_per_chunk", "frames_per_chunk", "frames_per_chunk", int),
    ):
        values[key], sources[key] = pick(fact_key, sched_key, cast)
    return Profile(name, **values, sources={k: v for k, v in sources.items() if v})


@dataclass(frozen=True)
class Gpus:
    """The catalogue: canonical names, aliases and peak figures, to compare GPU classes."""

    specs: dict[str, dict]

    def resolve(self, name: str | None) -> str | None:
        if not name:
            return None
        low = name.strip().lower()
        for canon, spec in self.specs.items():
            if low == canon.lower() or low in [a.lower() for a in spec.get("aliases") or []]:
                return canon
        return None

    def _peak(self, canon: str) -> tuple[float, float]:
        s = self.specs[canon]
        return (
            max(float(s.get("bf16_dense_tflops") or 0), float(s.get("fp16_dense_tflops") or 0)),
            float(s.get("memory_bandwidth_gbs") or 0),
        )

    def fastest(self) -> str | None:
        """The GPU with the highest dense 16-bit peak (ties: the higher bandwidth)."""
        return max(self.specs, key=self._peak) if self.specs else None

    def relation(self, claimed: str | None, claimed_count: int | None, got: str | None, got_count: int | None) -> str:
        """How the GPU of a piece of evidence compares with the claim's: same | weaker | stronger | incomparable.

        Same class: the same catalogue entry (H800 and H100 share one) and the same count. A GPU
        outside the catalogue is the same only under the same name, else incomparable.
        """
        if not claimed or not got:
            return "incomparable"
        a, b = self.resolve(claimed), self.resolve(got)
        n, m = claimed_count or 1, got_count or 1
        if a is None or b is None:
            if claimed.strip().lower() != got.strip().lower():
                return "incomparable"
            return "same" if n == m else ("weaker" if m < n else "stronger")
        (fa, ba), (fb, bb) = self._peak(a), self._peak(b)
        fa, ba, fb, bb = fa * n, ba * n, fb * m, bb * m
        if a == b and n == m:
            return "same"
        if fb <= fa and bb <= ba:
            return "weaker"
        if fb >= fa and bb >= ba:
            return "stronger"
        return "incomparable"


def gpus_from_rows(rows: list[dict]) -> Gpus:
    """From `current_hardware` rows (their `spec` is the catalogue entry)."""
    return Gpus({r["name"]: (r.get("spec") or {}) for r in rows})
