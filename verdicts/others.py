"""Evidence about a system, in comparable terms (rules v2): our runs, audited results, reports.

Every piece becomes a `Point` with the conditions it holds under (GPU and count, resolution,
steps, what was timed) and a weight: our own GPU measurement and an audited benchmark result
weigh most, a user's report less, and several reports by different people more than one. A
smoke run (a shrunken network, or a CPU) never becomes a point.

What was timed: a claimed frame rate that names no stage is read as the whole pipeline (what a
viewer gets). A report that timed only the denoising loop is lighter than that: it can show a
claim is missed, never that it is met.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from liveaudit.verdicts.evidence import fmt
from liveaudit.verdicts.variants import precision_bits

WEIGHT = {"measurement": 0.6, "audited": 0.6, "report": 0.35}
KIND_NAME = {
    "measurement": "our GPU measurement",
    "audited": "an audited benchmark result",
    "report": "a user's report",
}


def kind_name(p: Point) -> str:
    """How a reason introduces one piece of evidence: a report from another project's tracker or
    page (`source_kind` third_party) is a third party's measurement, not a user's report."""
    if p.kind == "report" and p.extra.get("source_kind") == "third_party":
        return "a third party's measurement"
    return KIND_NAME[p.kind]


_DENOISE = re.compile(
    r"denois\w*\s+loop|\bDiT\b|denoising only|without (?:the )?VAE|transformer only|of diffusion\)|diffusion generation time",
    re.I,
)
_E2E = re.compile(r"end[\s-]to[\s-]end|VAE included|including (?:the )?VAE|wall[\s-]clock|total", re.I)


@dataclass
class Point:
    """One piece of evidence, normalized."""

    kind: str  # measurement | audited | report
    id: int
    gpu: str | None
    gpu_count: int | None
    fps: float | None = None
    latency_s: float | None = None
    latency_type: str | None = None
    rtf: float | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    bits: int | None = None  # numeric precision it ran at, when stated (variants.py)
    timed: str = "unstated"  # end to end | denoising only | unstated
    author: str | None = None
    source: str = ""
    outcome: str | None = None
    sentence: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Identity for independence: one person (or one benchmark submitter, or our harness)."""
        if self.kind == "report":
            return f"report:{(self.author or f'deleted#{self.id}').lower()}"
        return f"{self.kind}:{self.id}"

    @property
    def ref(self) -> dict:
        return {"kind": self.kind, "id": self.id}

    def where(self) -> str:
        gpu = self.gpu or "an unnamed GPU"
        if written := self.extra.get("gpu_written"):  # "H100 (92GB)": not the catalogue's part; say so
            gpu = f'{gpu} (written "{written}", not the catalogue\'s {self.extra.get("catalogue_gb"):g} GB part)'
        gpu = f"{self.gpu_count}× {gpu}" if (self.gpu_count or 1) > 1 else gpu
        at = f"{self.width}×{self.height}" if self.width and self.height else ""
        steps = f"{self.steps} steps" if self.steps else ""
        cond = ", ".join(x for x in (at, steps) if x)
        return f"on {gpu}" + (f" at {cond}" if cond else "")


def _timed(text: str) -> str:
    if _DENOISE.search(text or ""):
        return "denoising only"
    if _E2E.search(text or ""):
        return "end to end"
    return "unstated"


def point_from_measurement(row: dict) -> Point | None:
    """Our own run; None for a smoke run (tiny networks) or a CPU run."""
    settings, result = row.get("settings") or {}, row.get("result") or {}
    if settings.get("tiny") or (row.get("device") or "").lower() == "cpu" or not row.get("hardware"):
        return None
    return Point(
        "measurement",
        row["id"],
        row.get("hardware"),
        1,
        fps=result.get("fps_p50") or row.get("throughput_fps"),
        latency_s=row.get("ttff_s"),
        latency_type="first_frame" if row.get("ttff_s") is not None else None,
        rtf=row.get("rtf"),
        width=settings.get("width"),
        height=settings.get("height"),
        steps=settings.get("steps"),
        bits=precision_bits(str(settings.get("dtype") or "")),
        timed="end to end",
        author="liveaudit",
        source=f"measurement #{row['id']}",
        extra={
            "fps_max": result.get("fps_max"),
            "mode": result.get("mode"),
            "row": row,  # its level is read with the verdict's thresholds (weigh.py)
        },
    )


def point_from_evidence(row: dict, output_fps: float | None, default_duration: float | None = None) -> Point:
    """A `current_evidence` row (report or audited), with `url` and `title` joined in.

    A whole clip's time that states no length (no frames, no duration) is read as a clip of the
    system's published default length, `default_duration`: the length its default settings make,
    which is what a claim stating none is read at too (rules_v2). No frame rate is derived from it."""
    fig, settings = row.get("figures") or {}, row.get("settings") or {}
    fps, latency, kind = row.get("fps"), row.get("latency_s"), row.get("latency_type")
    duration = fig.get("duration_s")
    frames = row.get("frames") or fig.get("frames")
    if not duration and frames and output_fps and kind in (None, "end_to_end"):
        duration = frames / output_fps  # "161 frames in 27 s": the clip plays at the system's output rate
    assumed = not duration and not frames and bool(default_duration) and kind == "end_to_end" and bool(latency)
    if assumed:
        duration = default_duration
    rtf = None
    if latency and duration and kind in (None, "end_to_end"):
        rtf = latency / duration
    if row.get("kind") == "audited" and row.get("value") and duration:
        latency, kind, rtf = row["value"], "end_to_end", row["value"] / duration
    if fps is None and rtf and output_fps and not assumed:
        fps = output_fps / rtf
    steps = fig.get("steps") or settings.get("steps")
    source = row.get("url") or f"document {row.get('document_id')}"
    return Point(
        row.get("kind") or "report",
        row["id"],
        row.get("gpu"),
        row.get("gpu_count"),
        fps=fps,
        latency_s=latency,
        latency_type=kind,
        rtf=rtf,
        width=fig.get("width"),
        height=fig.get("height"),
        steps=int(steps) if isinstance(steps, (int, float)) else None,
        bits=precision_bits(row.get("sentence") or "", settings),
        timed=_timed(row.get("sentence") or ""),
        author=row.get("submitter") or row.get("author"),
        source=source,
        outcome=row.get("outcome"),
        sentence=row.get("sentence") or "",
        extra={
            "title": row.get("title"),
            "source_kind": row.get("source_kind"),
            "document_id": row.get("document_id"),
            "warc_record_id": row.get("warc_record_id"),
            "bound": _rate_bound(fig, row.get("fps")),
            "default_clip": duration if assumed else None,
        },
    )


# a GPU written with its memory ("H100 (92GB)", "A100 40GB"): the memory tells the variant
_GPU_MEMORY = re.compile(r"\b([A-Z]{1,3}\d{2,4}[A-Z]?(?: ?(?:SXM|PCIe|NVL))?)\s*\(?\s*(\d{2,3})\s*GB\)?", re.I)


def written_variant(point: Point, memory_gb: float | None) -> None:
    """Mark a point whose sentence writes its GPU with another memory size than the catalogue entry it
    was read as (an H100 with 92 GB is not the 80 GB SXM part): the reason then says so."""
    m = _GPU_MEMORY.search(point.sentence or "")
    if m and memory_gb and point.gpu and abs(int(m.group(2)) - memory_gb) > 2:
        point.extra["gpu_written"] = " ".join(m.group(0).split())
        point.extra["catalogue_gb"] = memory_gb


def chunk_points(points: list[Point], frames_per_chunk: int | None) -> list[Point]:
    """One post's block times ("Block 3 generation time: 760.64 ms", each a per-chunk point) as one
    point: the median block, and the rate it sustains when the registry says how many frames a
    block holds (LongLive: 12). Without that count the blocks stay apart, each a per-chunk latency."""
    times = sorted(p.latency_s for p in points if p.latency_s)
    if not frames_per_chunk or len(times) < 2:
        return points
    median = statistics.median(times)
    first = min(points, key=lambda p: p.id)
    extra = {**first.extra, "blocks": times, "frames_per_chunk": frames_per_chunk}
    return [replace(first, latency_s=median, fps=frames_per_chunk / median, extra=extra)]


def settings_relation(claim: dict, point: Point) -> str:
    """same | lighter | heavier | mixed: the point's settings next to the claim's (stated or defaults)."""
    signs = []
    cw, ch, pw, ph = claim.get("width"), claim.get("height"), point.width, point.height
    if cw and ch and pw and ph:
        signs.append((pw * ph > cw * ch) - (pw * ph < cw * ch))
    if claim.get("steps") and point.steps:
        signs.append((point.steps > claim["steps"]) - (point.steps < claim["steps"]))
    if claim.get("bits") and point.bits:  # NVFP4 is lighter than bf16, like fewer steps
        signs.append((point.bits > claim["bits"]) - (point.bits < claim["bits"]))
    if point.timed == "denoising only":
        signs.append(-1)
    if all(s == 0 for s in signs):
        return "same"
    if all(s <= 0 for s in signs):
        return "lighter"
    if all(s >= 0 for s in signs):
        return "heavier"
    return "mixed"


def confidence(points: list[Point], base: float = 0.3) -> float:
    """Grows with independent comparable evidence: 1 - (1-base) * prod(1 - weight) over distinct sources."""
    seen: dict[str, float] = {}
    for p in points:
        seen[p.key] = max(seen.get(p.key, 0.0), WEIGHT.get(p.kind, 0.3))
    rest = 1 - base
    for w in seen.values():
        rest *= 1 - w
    return round(min(0.97, 1 - rest), 2)


def independent(points: list[Point]) -> int:
    return len({p.key for p in points})


def tier(points: list[Point]) -> str:
    """The heaviest kind of evidence among `points`, in the issue's order of weight."""
    kinds = {p.kind for p in points}
    if "measurement" in kinds:
        return "our own GPU measurement"
    if "audited" in kinds:
        return "an audited benchmark result"
    n = independent([p for p in points if p.kind == "report"])
    return f"{n} independent reports" if n >= 2 else "one report"


def _rate_bound(fig: dict, fps) -> str | None:
    """What a bounded report says of the rate: "at_most" ("less than 20 fps", "more than an hour"),
    "at_least" ("over 20 fps", "under a minute"), or None. The hedge is on the rate when the report
    states one, else on the time."""
    hedge = fig.get("hedge")
    if hedge not in ("under", "over", "at least"):
        return None
    on_rate = fps is not None and fig.get("fps") is not None
    return "at_most" if (hedge == "under") == on_rate else "at_least"


def can_go(s, p: Point, meets: bool) -> bool:
    """Whether a bounded report can count this way: a rate that is at most X (or a time at least X)
    can only show a claim is missed, a rate at least X only that it is met."""
    bound = p.extra.get("bound")
    return True if not bound else (not meets if bound == "at_most" else meets)


def judged_on(claim: dict, own: list[dict], gpus, bare_level: bool) -> dict | None:
    """The GPU a claim naming none is judged on for evidence ({gpu, fps?, text, source}), or None (the fastest):
    the one GPU its own page names for the system's figures (`page_gpu`, verdicts/judge.py), else, for a bare
    level, the makers' own fastest stated rate with a catalogued GPU."""
    if (claim.get("figures") or {}).get("gpu"):
        return None
    if claim.get("page_gpu") and gpus.resolve(claim["page_gpu"]["gpu"]):
        return claim["page_gpu"]
    named = [o for o in own if gpus.resolve(o.get("gpu"))] if bare_level else []
    return max(named, key=lambda o: o["fps"]) if named else None


def whose(own: dict) -> str:
    """How a reason names where the GPU a claim is judged on comes from (see `judged_on`)."""
    return f"its makers' own figure is {own['fps']:g} fps on" if own.get("fps") else "its page names"


def got(p: Point, pair) -> str:
    """What a piece of evidence got, in the claim's metric; a bounded report says which way ("at least 12 s")."""
    s, v = pair
    if s.metric == "level":
        return f"{fmt(p.fps, 'fps')}" if p.fps else f"RTF {p.rtf:.2f}"
    bound = p.extra.get("bound")
    rate_like = s.metric == "fps"
    prefix = "" if not bound else "at most " if (bound == "at_most") == rate_like else "at least "
    if s.metric == "fps" and p.extra.get("blocks"):  # a rate read from a profile's block times: say how
        b = p.extra["blocks"]
        return prefix + (
            f"{fmt(v, 'fps')} (a median block of {p.latency_s:.3g} s for {p.extra['frames_per_chunk']} frames, "
            f"over {len(b)} blocks of {b[0]:.3g}-{b[-1]:.3g} s)"
        )
    if s.metric == "rtf" and p.extra.get("default_clip") and p.latency_s:  # the time itself: no length was stated
        return prefix + f"{fmt(p.latency_s, 's')} for the default {p.extra['default_clip']:.3g} s clip"
    return prefix + fmt(v, {"fps": "fps", "latency": "s", "rtf": "s per video second"}[s.metric])
