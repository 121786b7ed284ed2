"""Claims that cannot all hold, and claims whose wording changed (rules v2).

- One page: "zero latency" beside "<40 ms response" (MirageLSD), or two figures for the same
  metric, GPU and settings that differ by more than the tolerance allows.
- A secondary source (news, third-party page) against the primary one (the vendor's page,
  paper, README, model card): a news page saying 30 fps where the paper says 17 inflates it.
- One page in two versions: the claim's old and new wording, with a word diff
  ("[-12 seconds-] {+5 s+}"), so a card and the report can show what changed.

Each conflict names the other claim's id, sentence and source, for both verdicts.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

PRIMARY_KINDS = ("vendor", "vendor_page", "paper", "paper_abstract", "readme", "repository_readme", "model_card")
SECONDARY_KINDS = ("news", "third_party", "other", "feed")
_ZERO = re.compile(r"\b(?:zero|no|0)[\s-]+(?:latency|lag|delay)\b|\binstant(?:aneous)?\b", re.I)


def _fps(claim: dict) -> float | None:
    f = claim.get("figures") or {}
    v = f.get("fps_max") if f.get("fps_max") is not None else f.get("fps")
    return float(v) if isinstance(v, (int, float)) else None


def _low(claim: dict) -> float | None:
    """The least figure a claim states (the lower end of a range): an inflation must exceed even that."""
    f = claim.get("figures") or {}
    vals = [float(v) for v in (f.get("fps"), f.get("fps_max")) if isinstance(v, (int, float))]
    return min(vals) if vals else None


def _same_conditions(a: dict, b: dict) -> bool:
    fa, fb = a.get("figures") or {}, b.get("figures") or {}
    return all(fa.get(k) == fb.get(k) for k in ("gpu", "gpu_count", "width", "height", "steps", "duration_s"))


def _other(claim: dict) -> dict:
    return {
        "claim_id": claim["id"],
        "sentence": claim.get("sentence"),
        "url": claim.get("url"),
        "page_kind": claim.get("page_kind"),
    }


def conflicts(claims: list[dict], tolerance: float = 0.15) -> dict[int, list[dict]]:
    """claim id -> conflicts [{type, other: {claim_id, sentence, url}, why}] among one system's claims.

    `claims` rows carry `url`, `doc_key` and `page_kind` (the document's kind) beside the claim columns.
    """
    out: dict[int, list[dict]] = defaultdict(list)

    def flag(a: dict, b: dict, kind: str, why_a: str, why_b: str) -> None:
        out[a["id"]].append({"type": kind, "other": _other(b), "why": why_a})
        out[b["id"]].append({"type": kind, "other": _other(a), "why": why_b})

    by_doc: dict[int, list[dict]] = defaultdict(list)
    for c in claims:
        by_doc[c["document_id"]].append(c)
    for page in by_doc.values():
        zero = [c for c in page if _ZERO.search(c.get("sentence") or "")]
        timed = [c for c in page if (c.get("figures") or {}).get("latency_s")]
        for z in zero:
            word = _ZERO.search(z.get("sentence") or "").group(0)
            for t in timed:
                lat = t["figures"]["latency_s"]
                if lat <= 0:
                    continue
                shown = f"{lat * 1000:.0f} ms" if lat < 1 else f"{lat:g} s"
                why = f"the same page says both '{word}' and a latency of {shown}"
                flag(z, t, "same page", why, why) if z is not t else out[z["id"]].append(
                    {"type": "same sentence", "other": _other(t), "why": why}
                )
        for i, a in enumerate(page):
            for b in page[i + 1 :]:
                va, vb = _fps(a), _fps(b)
                if (
                    va
                    and vb
                    and _same_conditions(a, b)
                    and not a.get("hedge")
                    and not b.get("hedge")
                    and max(va, vb) > min(va, vb) * (1 + tolerance)
                    and (a.get("figures") or {}).get("gpu")
                ):
                    why = f"the same page gives {va:g} fps and {vb:g} fps under the same stated conditions"
                    flag(a, b, "same page", why, why)
    primary = [c for c in claims if c.get("page_kind") in PRIMARY_KINDS and _fps(c)]
    if primary:
        top = max(primary, key=_fps)
        for c in claims:
            v = _low(c)
            if c.get("page_kind") in SECONDARY_KINDS and v and v > _fps(top) * (1 + tolerance):
                flag(
                    c,
                    top,
                    "inflated by a secondary source",
                    f"this {c['page_kind']} page says {v:g} fps where the primary source says at most {_fps(top):g} fps",
                    f"a {c['page_kind']} page restates it as {v:g} fps, above this primary source's {_fps(top):g} fps",
                )
    return dict(out)


def word_diff(old: str, new: str) -> str:
    """'[-removed words-] {+added words+}' between two wordings (linear in practice: difflib on words)."""
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(a[i1:i2]))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def wording_changes(current: list[dict], older: list[dict], min_ratio: float = 0.35) -> dict[int, dict]:
    """current claim id -> {old_sentence, old_document_id, diff} for claims reworded since an older version.

    `older` are the claims of earlier versions of the same pages (with `doc_key`); a current claim
    is paired with the most similar older sentence of its page that is not identical to it.
    """
    by_key: dict[str, list[dict]] = defaultdict(list)
    for c in older:
        by_key[c.get("doc_key")].append(c)
    out = {}
    for c in current:
        olds = by_key.get(c.get("doc_key")) or []
        if not olds or any(o["sentence"] == c["sentence"] for o in olds):
            continue
        scored = [
            (difflib.SequenceMatcher(None, o["sentence"].split(), c["sentence"].split()).ratio(), o) for o in olds
        ]
        ratio, best = max(scored, key=lambda t: t[0])
        if ratio >= min_ratio and (best.get("system") in (None, c.get("system"))):
            out[c["id"]] = {
                "old_sentence": best["sentence"],
                "old_claim_id": best["id"],
                "old_document_id": best["document_id"],
                "diff": word_diff(best["sentence"], c["sentence"]),
            }
    return out
