"""The GPU a sentence names, and how many: one step of the figure reader (figures.py).

A GPU is read from the lexicon's hardware aliases ("2x H100", "an RTX 4090", "H100 x 8");
a bare model number ("4090") counts only beside a GPU word, never as one side of a
resolution ("128 x 3090") or before a unit ("4090 seconds"). A count with no GPU named
("8 GPUs", a "GPUs: 8" or "GPU NUM: 8" table cell) gives gpu_count alone.
"""

from __future__ import annotations

import re

from liveaudit.classifier.lexicon import Lexicon
from liveaudit.classifier.numbers import NUM, to_float

_GPUS = re.compile(
    rf"(?<![\w.])({NUM})\s*(?:x\s*)?(?:-\s*)?(?:gpus?|tpus?|accelerators?|cards?|chips?)\b|\b(?:gpus|gpu\s+(?:num|number|count)|num(?:ber)?\s+of\s+gpus)\s*[:=]\s*({NUM})(?![\d.])"
)
_GPU_PATTERNS: dict[str, re.Pattern] = {}  # built once per lexicon (by its sha256)


def gpu_pattern(lex: Lexicon) -> re.Pattern:
    aliases = sorted(lex.hardware, key=len, reverse=True)
    alt = "|".join(re.escape(a) for a in aliases)
    return re.compile(
        rf"(?:(?<![\w.])({NUM})\s{{0,10}}(?:x|\*)?\s{{0,10}}-?\s{{0,10}}|\b(a|an)\s+)?(?:nvidia\s+|geforce\s+)?(?:(?<=\dx)|(?<![\w.]))({alt})s?(?:-(?:sxm\d?|pcie|nvl|\d+gb)(?:-\d+gb)?)?(?![\w])(?:\s*gpus?)?(?:\s*(?:x|\*)\s*({NUM})(?![\w.]))?"
    )


# a bare GPU number ("4090") is a GPU only beside a GPU word, never as one side of "W × H" or before a unit
_GPU_WORD = re.compile(r"\b(?:gpus?|cards?|graphics|nvidia|geforce|rtx|gtx|vram|consumer[- ]grade|desktop)\b", re.I)
_DIMENSION = re.compile(r"\d{3,}\s*[x×*]\s*$")
_ON_GPU = re.compile(
    r"(?:\b(?:on|with|using|runs?|per|vs\.?)\s+|\b(?:the|my|a|an|one|single)\s+$)(?:(?:a|an|one|my|the|single|two|four|eight|\d+\s*x?)\s+)*$",
    re.I,
)
_AFTER_VALUE = re.compile(
    r"\s*(?:[x×*]\s*\d|(?:fps|ms|s|sec\w*|seconds?|min\w*|hours?|h|frames?|px|pixels?|p|steps?|tokens?|"
    r"gb|mb|%|x)\b)",
    re.I,
)


def bare_gpu(text: str, m: re.Match) -> bool:
    """Whether the bare number `m` names a GPU: a GPU word within a few words, and not a value."""
    if _DIMENSION.search(text[max(0, m.start(3) - 8) : m.start(3)]) or _AFTER_VALUE.match(text, m.end(3)):
        return False
    return bool(_GPU_WORD.search(text[max(0, m.start() - 40) : m.end() + 40]) or _ON_GPU.search(text[: m.start(3)]))


def read_gpus(r) -> None:
    """Set r.f.gpu / gpu_count from the reader's text and mask what was read (r: figures._Reader)."""
    gp = _GPU_PATTERNS.get(r.lex.sha256) or _GPU_PATTERNS.setdefault(
        r.lex.sha256, gpu_pattern(r.lex)
    )  # built once per lexicon
    for m in gp.finditer(r.t):
        if m.group(3) in ("4090", "5090", "3090", "a10", "l4", "t4") and re.match(
            r"\s*(?:fps|ms|s\b|x\b|%|steps?)", r.t[m.end() :]
        ):
            continue  # a bare number or short code that is really a value
        if m.group(3).isdigit() and not bare_gpu(r.t, m):
            continue  # "128 × 3090" or "4090 seconds": a dimension or a duration, not a GPU
        if r.f.gpu is None or (r.f.gpu == r.lex.hardware[m.group(3)] and r.f.gpu_count is None):
            r.f.gpu = r.lex.hardware[m.group(3)]  # a later mention of the same GPU may give its count
            count = m.group(1) or m.group(4)
            if count:
                r.set("gpu_count", to_float(count))
            elif m.group(2):
                r.set("gpu_count", 1)
        r.mask(m)
    if r.f.gpu_count is None:
        if m := _GPUS.search(r.t):
            r.set("gpu_count", to_float(m.group(1) or m.group(2)))  # "8 GPUs" or a "GPUs: 8" cell
            r.mask(m)
