"""The rule components: the quantity matcher's cheap pre-check skips nothing it would find."""

from __future__ import annotations

import re

import liveaudit.classifier.components as components
from liveaudit.classifier.components import build_nlp
from liveaudit.classifier.labels import load_labels


def test_components_quantity_precheck_loses_no_quantity(monkeypatch):
    texts = [x.text for x in load_labels()] + [
        "Latency (ms): 40",
        "under a second",
        "one-step sampling",
        "the RTF is 0.4",
        "it outpaces CausVid",
        "Throughput doubles.",
        "1080p60 output",
        "No numbers or units here at all.",
        "Join our team today!",
        "ten seconds per clip",
        "two times faster",
        "a three-step sampler",
        "five frames per second",
        "a 5-second clip",
        "12fps",
        "40ms",
        "Steps: 4",
        "Time (s): 3.1",
        "Released 2026-05-13 with 14B parameters.",
        "v0.9.8 is out",
    ]
    nlp = build_nlp()
    fast = [[(q.start, q.end, q.label_) for q in d.spans["quantities"]] for d in nlp.pipe(texts)]
    monkeypatch.setattr(components, "_QUANTITY_HINT", re.compile(r".", re.S))
    full = [[(q.start, q.end, q.label_) for q in d.spans["quantities"]] for d in nlp.pipe(texts)]
    assert fast == full and sum(map(bool, full)) > 300
