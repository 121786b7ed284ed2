"""The first page's sentences take in what others measured (users' reports, audited results):
each figure in the text, each row id in the trace."""

from __future__ import annotations

from liveaudit.publish.report.answer import sentences
from liveaudit.publish.report.facts import gather


def _others() -> list[dict]:
    return [
        {
            "system": "Krea Realtime",
            "claimed": {"fps": 11.0},
            "median_ratio": 0.35,
            "compared": 2,
            "points": [{"id": 41, "ratio": 0.3}, {"id": 42, "ratio": 0.4}],
        },
        {
            "system": "Self-Forcing",
            "claimed": {"fps": 17.0},
            "median_ratio": 0.77,
            "compared": 1,
            "points": [{"id": 43, "ratio": 0.77}, {"id": 44, "ratio": None}],
        },
        {"system": "(unresolved)", "claimed": None, "median_ratio": None, "compared": 0, "points": [{"id": 45}]},
    ]


def test_answer_slots_in_what_others_measured(seeded_store):
    facts = gather(seeded_store, None)
    facts["measured"] = _others()
    said = {s["id"]: s for s in sentences(facts)}
    others = said["others"]
    assert "Krea Realtime 35% (of 11 fps claimed; 2 results)" in others["text"]
    assert "Self-Forcing 77% (of 17 fps claimed; 1 result)" in others["text"] and "unresolved" not in others["text"]
    assert "#41, #42, #43" in others["trace"] and "#44" not in others["trace"] and "#45" not in others["trace"]
    assert "1 of 2 systems got less than half the frame rate they claim" in said["answer"]["text"]


def test_answer_without_others_has_no_such_sentence(seeded_store):
    facts = gather(seeded_store, None)
    facts["measured"] = []
    said = {s["id"]: s for s in sentences(facts)}
    assert "others" not in said and "got less than half" not in said["answer"]["text"]
