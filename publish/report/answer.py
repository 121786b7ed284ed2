"""The report's first page: the title question answered in plain words, each sentence traced to rows.

    for s in sentences(facts):   # [{"id": "words", "text": "...", "trace": "current_claims.terms ..."}, ...]

Every figure comes from `facts.gather` (the store); `trace` names the table, condition and
row ids it was counted from, so a reader can re-count it. Evidence from others (users'
reports, audited results) joins through `facts.EVIDENCE`: the "reached" sentence counts
whatever kinds the store holds, and says which kinds it has none of.
"""

from __future__ import annotations

from liveaudit.levels import rank
from liveaudit.vocab import LEVELS

UNTESTED = (
    "“Untested” means the claim is specific enough to check and the system's weights are open, but no run, "
    "audited result or user's report in this store is comparable yet and the physics does not rule it out: "
    "it is work to do, not a negative finding."
)
UNVERIFIABLE = (
    "“Unverifiable” means the evidence cannot settle it: the sentence is too vague (no figure, or a figure "
    "without the conditions it needs), states an aim, names no known system, the system is closed, or users "
    "got less only on GPUs weaker than the fastest one a claim naming no GPU could have meant."
)


def _ids(ids: list, limit: int = 8) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _pairs(rows: list[dict]) -> str:
    return "; ".join(
        f"{g['system']} on {g.get('hardware') or 'no GPU named'} (claims imply {g['implied_level']}, "
        f"measured {g['measured_level']})"
        for g in rows
    )


def _bound(g: dict) -> str:
    return f"{g['system']} on {g.get('hardware')} (claims imply {g['implied_level']}, at best {g['bound_level']})"


def _short(g: dict) -> str:
    return f"{g['system']} on {g.get('hardware')}"


def reach(gaps: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Gap rows split into: implied level reached, missed, and claimed but never measured."""
    both = [g for g in gaps if g.get("implied_level") in LEVELS and g.get("measured_level") in LEVELS]
    held = [g for g in both if rank(g["measured_level"]) >= rank(g["implied_level"])]
    missed = [g for g in both if rank(g["measured_level"]) < rank(g["implied_level"])]
    unmeasured = [g for g in gaps if g.get("implied_level") in LEVELS and g.get("measured_level") not in LEVELS]
    return held, missed, unmeasured


def sentences(facts: dict) -> list[dict]:
    """The first page, in order: words, implied levels, reach, where it holds/fails, verdicts, what the labels mean, answer."""
    h, th = facts["headline"], facts["thresholds"]
    out: list[dict] = []

    def say(key: str, text: str, trace: str) -> None:
        out.append({"id": key, "text": text, "trace": trace})

    words = facts["words"]
    if not h["claims"]:
        say(
            "words",
            "The store holds no claims yet, so the question cannot be answered from it.",
            "current_claims: 0 rows",
        )
        return out
    top = ", ".join(f"“{w['term']}” ({w['claims']}, mostly read as {w['level']})" for w in words[:4])
    say(
        "words",
        f"{h['claims']} sentences on {h['documents']} pages claim that an AI video generator is live in some "
        f"sense; the words used most are {top}.",
        f"current_claims ({h['claims']} rows) by terms; current_documents ({h['documents']} rows)",
    )
    implied = facts["implied"]
    streaming = sum(n for lv, n in implied.items() if lv in LEVELS and rank(lv) >= rank("L2"))
    spread = ", ".join(f"{lv} {implied[lv]}" for lv in LEVELS if implied.get(lv))
    say(
        "implied",
        f"Read literally, {streaming} of them promise at least {th.label('L2')}: frames delivered as fast as "
        f"they play, from a start within {th.ttff_max_s:g} s (claims per implied level: {spread or 'none'}).",
        "current_claims.implied_level, counted per level",
    )
    held, missed, unmeasured = reach(facts["gaps"])
    others = [m for m in facts.get("measured") or [] if m.get("median_ratio") is not None and m.get("claimed")]
    kinds = [e for e in facts["evidence"] if e["rows"]]
    none = [e["kind"] for e in facts["evidence"] if not e["rows"]]
    have = ", ".join(f"{e['kind']} ({e['rows']})" for e in kinds) or "no GPU run, audited result or user's report"
    if held or missed:
        say(
            "reach",
            f"What anyone measured reaches the implied level for {len(held)} of {len(held) + len(missed)} "
            f"system/GPU pairs that have both claims and measurements (evidence in this store: {have}"
            + (f"; none yet from {', '.join(none)}" if none else "")
            + ").",
            "current_level_gaps rows "
            + _ids([g["id"] for g in held + missed])
            + "; "
            + "; ".join(f"{e['table']}: {e['rows']} rows" for e in facts["evidence"]),
        )
    else:
        say(
            "reach",
            f"No GPU run in this store (ours or shipped) measures a system the claims name, so no level is "
            f"measured here for any of them (evidence in this store: {have})"
            + ("; what others measured is in the next sentence." if others else "."),
            "current_level_gaps: no row with both implied_level and measured_level; "
            + "; ".join(f"{e['table']}: {e['rows']} rows" for e in facts["evidence"]),
        )
    if others:
        shown = "; ".join(
            f"{m['system']} {m['median_ratio']:.0%} (of {m['claimed']['fps']:g} fps claimed; "
            f"{m['compared']} {'result' if m['compared'] == 1 else 'results'})"
            for m in others[:6]
        )
        ids = [
            p["id"]
            for m in others
            for p in m["points"]
            if p.get("ratio") is not None and p.get("kind") != "measurement"
        ]
        say(
            "others",
            f"Where others measured (users' reports and audited results), systems got a median of: {shown}"
            + (f", and {len(others) - 6} more systems" if len(others) > 6 else "")
            + ".",
            "current_evidence rows " + _ids(ids, 12) + " against the claimed frame rate (liveaudit/measured.py)",
        )
    if held:
        say(
            "holds",
            f"“Real-time” holds, as measured, for: {_pairs(held)}.",
            "current_level_gaps rows " + _ids([g["id"] for g in held]),
        )
    if missed:
        say(
            "fails",
            f"It does not hold for: {_pairs(missed)}.",
            "current_level_gaps rows " + _ids([g["id"] for g in missed]),
        )
    names = sorted({g["system"] for g in unmeasured} - {g["system"] for g in held + missed})
    if names:
        say(
            "unmeasured",
            f"{len(names)} systems are claimed to be live but were not measured on any GPU here: "
            f"{', '.join(names[:16])}{f' and {len(names) - 16} more' if len(names) > 16 else ''}.",
            "current_level_gaps rows "
            + _ids([g["id"] for g in unmeasured if g["system"] in names])
            + " (measured_level empty)",
        )
    bounded = [g for g in facts["gaps"] if g.get("implied_level") in LEVELS and g.get("bound_level") in LEVELS]
    beyond = [g for g in bounded if rank(g["bound_level"]) < rank(g["implied_level"])]
    within = [g for g in bounded if rank(g["bound_level"]) >= rank(g["implied_level"])]
    if bounded:
        text = (
            "By physics alone (the roofline bound of the GPU: an upper limit, not a measurement), the implied level is "
            + (f"out of reach for {'; '.join(_bound(g) for g in beyond)}" if beyond else "out of reach for none")
            + (
                f", and within reach for {len(within)} other pairs ({', '.join(_short(g) for g in within[:8])}"
                + (" …" if len(within) > 8 else "")
                + ")"
                if within
                else ""
            )
            + "."
        )
        say(
            "bound",
            text,
            "current_level_gaps rows "
            + _ids([g["id"] for g in bounded], 12)
            + " (bound_level, analyses "
            + _ids(sorted({(g.get("evidence") or {}).get("analysis_id") for g in bounded} - {None}))
            + ")",
        )
    judged = h["judged"]
    disputed = h.get("disputed", 0)
    checkable = h["supported"] + h["contradicted"] + disputed + h["implausible"] + h["untested"]
    say(
        "verdicts",
        f"Of {judged} claims judged, {h['supported']} are supported by the evidence (a measurement, an "
        f"audited result or users' reports), {h['contradicted']} contradicted, {disputed} disputed (comparable evidence "
        f"both ways), {h['implausible']} implausible (beyond the roofline bound of the GPU, slower than the system's own "
        f"output rate for a streaming claim, or at odds with another claim of the same source), "
        f"{h['untested']} untested and {h['unverifiable']} unverifiable: {checkable} say enough to be checked.",
        "current_verdicts grouped by verdict",
    )
    say("untested", UNTESTED, "verdict rules v2, steps 3, 4 and 6 (verdicts/rules_v2.py)")
    say("unverifiable", UNVERIFIABLE, "verdict rules v2, steps 1, 3 and 6 (verdicts/rules_v2.py)")
    reached = sorted({g["measured_level"] for g in held + missed}, key=rank)
    if len(reached) > 1 or missed:
        answer = (
            f"So “live” is not one category: the same words stand for systems measured anywhere from "
            f"{th.label(reached[0])} to {th.label(reached[-1])}. A level (L0–L4, defined below) says what a "
            "system delivers; the word alone does not."
        )
    elif held:
        answer = (
            f"So far the words hold where they were measured ({th.label(reached[0])}), but {len(unmeasured)} "
            "claimed systems are unmeasured: the category is only as meaningful as its measurements."
        )
    elif beyond:
        ceilings = sorted({g["bound_level"] for g in bounded}, key=rank)
        answer = (
            f"So, even before anything is measured, “live” is not one category here: the systems it is said of "
            f"have physical ceilings from {th.label(ceilings[0])} to {th.label(ceilings[-1])}, and {len(beyond)} "
            "cannot reach what their claims imply on the GPU named. A level (L0–L4, defined below) says what a "
            "system delivers; the word alone does not."
        )
    else:
        answer = (
            "So, from this store, “live” is a word without a measured meaning yet: the levels L0–L4 below say "
            "what would have to be measured to give it one."
        )
    short = [m for m in others if m["median_ratio"] < 0.5]
    if others:
        answer += (
            f" Where users and audited benchmarks measured, {len(short)} of {len(others)} systems got less than "
            "half the frame rate they claim."
        )
    say("answer", answer, "the rows cited above")
    return out
