"""The project's words, written once: claim kinds, sentence roles, verdicts, levels, figure fields.

Every stage imports these names from here; a stage that needs a subset (the kinds that are
claims, say) derives it from these tuples rather than writing the words again. The meaning
of each word is in docs/vocabulary.md; the level thresholds live in data/levels.yaml.

    from liveaudit.vocab import CLAIM_KINDS, VERDICTS, LEVELS
    assert "contradicted" in VERDICTS and LEVELS[0] == "L0"
"""

from __future__ import annotations

from typing import Final, Literal, get_args

#: What kind of statement a sentence is (the classifier's kind model). "none" means no claim.
ClaimKind = Literal["quantified", "qualitative", "comparative", "aspirational", "none"]
CLAIM_KINDS: Final[tuple[ClaimKind, ...]] = get_args(ClaimKind)
#: The kinds that are claims (every kind except "none").
CLAIMS: Final[tuple[ClaimKind, ...]] = tuple(k for k in CLAIM_KINDS if k != "none")

#: Who speaks in a sentence: the page's own claim, a report of someone's result, a quotation,
#: or no liveness statement at all.
Role = Literal["claim", "report", "quoted", "none"]
ROLES: Final[tuple[Role, ...]] = get_args(Role)

#: A verdict on one claim (the verdicts stage). "disputed": comparable evidence both ways (rules v2).
VerdictName = Literal["supported", "contradicted", "disputed", "implausible", "unverifiable", "untested"]
VERDICTS: Final[tuple[VerdictName, ...]] = get_args(VerdictName)
#: Verdicts that a measurement or a physical bound decided (the others say why we could not).
DECIDED: Final[tuple[VerdictName, ...]] = ("supported", "contradicted", "disputed", "implausible")

#: Liveness levels, weakest first: offline, faster than real time, streaming, interactive,
#: conversational. Thresholds and their references: data/levels.yaml.
Level = Literal["L0", "L1", "L2", "L3", "L4"]
LEVELS: Final[tuple[Level, ...]] = get_args(Level)

#: The figures a claim can state, as the classifier normalises them and the verdicts read them.
FigureField = Literal[
    "fps",
    "fps_max",
    "latency_s",
    "latency_type",
    "compute_s_per_video_s",
    "width",
    "height",
    "duration_s",
    "gpu",
    "gpu_count",
    "steps",
    "speedup",
    "speedup_baseline",
]
FIGURE_FIELDS: Final[tuple[FigureField, ...]] = get_args(FigureField)
#: What a stated latency measures.
LatencyType = Literal["first_frame", "per_frame", "per_chunk", "per_step", "end_to_end"]
LATENCY_TYPES: Final[tuple[LatencyType, ...]] = get_args(LatencyType)
