"""Which checkpoint a claim or a report is about, so unlike models are not weighed against each other.

Two things a sentence can name:

- the tier of a released checkpoint ("the Lite model", "the Pro model"): different tiers are
  different networks, so a report on one says nothing about a claim for the other;
- the size of a model family's checkpoint ("CogVideoX-2B", "the 13B model"): a 5B report says
  nothing about a 2B claim;
- the numeric precision ("NVFP4", "FP8", "bf16"): fewer bits is a lighter setting, like fewer
  steps, so a report at a lower precision that misses a claim still contradicts it, and one at a
  higher precision that meets it still supports it. A claim that states none is read at bf16,
  the precision video models are released in.
"""

from __future__ import annotations

import re

# A tier is written capitalised ("the Lite model", "FlashHead-Pro"); "Pro" also names GPUs ("RTX PRO 6000").
_TIER = re.compile(r"(?<![\w])(Lite|Pro|LITE|PRO)(?![\w])(?!\s*\d)")
_GPU_BEFORE = re.compile(r"(?:rtx|quadro|macbook|iphone|ipad)\s*$", re.I)
_PRECISION = re.compile(
    r"(?<![\w-])(nvfp4|mxfp4|fp4|int4|w4a\d+|fp8|int8|w8a8|w8a16|bf16|fp16|bfloat16|float16|half precision|fp32|float32)(?![\w-])",
    re.I,
)
_BITS = {
    "nvfp4": 4,
    "mxfp4": 4,
    "fp4": 4,
    "int4": 4,
    "fp8": 8,
    "int8": 8,
    "w8a8": 8,
    "w8a16": 8,
    "fp32": 32,
    "float32": 32,
}
RELEASE_BITS = 16
# a parameter count: "5B", "1.3B", "CogVideoX-5B", "ltxv-13b-..." (not "A14B" inside a name, not "B200")
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[Bb](?![\w])")


def tier(text: str) -> str | None:
    """'lite' | 'pro' | None: the checkpoint tier a sentence names (only when it names one)."""
    text = text or ""
    found = {m.group(1).lower() for m in _TIER.finditer(text) if not _GPU_BEFORE.search(text[: m.start()][-12:])}
    return found.pop() if len(found) == 1 else None


def precision_bits(text: str, settings: dict | None = None) -> int | None:
    """The fewest bits a sentence (or a report's setting notes) names, None when it names none."""
    words = [m.group(1).lower() for m in _PRECISION.finditer(text or "")]
    words += [w.lower() for w in (settings or {}).get("precision") or []]
    bits = [_BITS.get(w.split()[0], 16) for w in words]
    return min(bits) if bits else None


def tier_clash(claim_text: str, point_text: str) -> str | None:
    """'Lite vs Pro' when the claim and the evidence name different tiers, else None."""
    a, b = tier(claim_text), tier(point_text)
    return f"{a.title()} vs {b.title()}" if a and b and a != b else None


def size(text: str) -> str | None:
    """The one parameter count a sentence names ("5B"), None when it names none or several."""
    found = {f"{float(m.group(1)):g}B" for m in _SIZE.finditer(text or "")}
    return found.pop() if len(found) == 1 else None


def size_clash(claim_text: str, point_text: str) -> str | None:
    """'2B vs 5B' when the claim and the evidence name different checkpoint sizes, else None."""
    a, b = size(claim_text), size(point_text)
    return f"{a} vs {b}" if a and b and a != b else None
