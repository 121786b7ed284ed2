"""spaCy components of the claim pipeline, registered under versioned names.

    nlp = build_nlp()      # spacy.blank("en") + sentencizer + liveaudit rules + hardware ruler

`liveaudit_liveness_rules_v1` marks, on every Doc:
  doc.spans["liveness_terms"]  lexicon terms (label = canonical term), longest match,
                               minus those inside a hard-negative context ("live demo")
  doc.spans["negated_terms"]   the terms that were inside one (a cue for the kind model)
  doc.spans["hedges"]          hedge words (label = canonical hedge)
  doc.spans["quantities"]      speed quantities (label FPS | TIME | SPEEDUP | RTF | LATENCY)
The entity ruler adds HARDWARE entities (ent_id_ = canonical GPU name).
A sentence is a candidate claim when it has a term or a speed quantity; the kind model
decides the rest (see pipeline.py). Docs: data/lexicon.yaml, docs/design.md, step 2.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from liveaudit.classifier.lexicon import Lexicon, load_lexicon

RULES = "liveaudit_liveness_rules_v1"
# hedges that qualify a word rather than a number: "near real-time", "almost instantly"
TERM_HEDGES = {"near", "almost", "about"}
NUMBER = r"^\d+(?:[.,]\d+)?$"


def _quantity_patterns() -> dict[str, list[list[dict]]]:
    num = {"LIKE_NUM": True}
    return {
        "FPS": [
            [num, {"LOWER": {"IN": ["fps", "hz"]}}],
            [{"LOWER": {"REGEX": r"^\d+(?:\.\d+)?fps$"}}],
            [num, {"LOWER": "frames"}, {"LOWER": {"IN": ["per", "/", "a"]}}, {"LOWER": {"IN": ["second", "sec", "s"]}}],
            [{"LOWER": {"IN": ["fps", "framerate"]}}],
            [{"LOWER": {"REGEX": r"^\d{3,4}p\d{2,3}$"}}],
        ],
        "TIME": [
            [num, {"LOWER": {"IN": ["ms", "msec", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "minutes"]}}],
            [{"LOWER": {"REGEX": r"^\d+(?:\.\d+)?(?:ms|s)$"}}],
            [num, {"ORTH": "-"}, {"LOWER": {"IN": ["second", "minute"]}}],
            [{"LOWER": {"IN": ["time", "latency"]}}, {"ORTH": "("}, {"LOWER": {"IN": ["s", "ms"]}}],
            [{"LOWER": {"IN": ["under", "within", "in", "than"]}}, {"LOWER": {"IN": ["a", "one", "half"]}}, {"LOWER": {"IN": ["second", "minute"]}}],
        ],
        "SPEEDUP": [
            [{"LOWER": {"REGEX": r"^\d+(?:\.\d+)?[x×]$"}}, {"LOWER": {"IN": ["faster", "speedup", "speed", "quicker", "lower", "higher"]}}],
            [num, {"LOWER": {"IN": ["x", "×", "times"]}}, {"LOWER": {"IN": ["faster", "speedup", "quicker", "lower", "higher", "as"]}}],
            [{"LOWER": {"IN": ["speedup", "speed-up", "acceleration"]}}],
            [{"LOWER": {"IN": ["fast", "faster", "fastest", "slower", "quicker", "speed", "speeds", "accelerates",
                               "accelerate", "throughput", "outpacing", "outpaces"]}}],
        ],
        "STEPS": [
            [num, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["sampling", "denoising", "diffusion", "inference"]}, "OP": "?"}, {"LOWER": {"IN": ["step", "steps"]}}],
            [{"LOWER": {"REGEX": r"^(?:\d+|one|single|two|three|four|few)-step$"}}],
            [{"LOWER": {"IN": ["step", "steps"]}}, {"ORTH": ":"}, num],
        ],
        "RTF": [[{"LOWER": "rtf"}], [{"LOWER": "real"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "time"}, {"LOWER": "factor"}]],
        "LATENCY": [[{"LOWER": {"IN": ["latency", "latencies", "ttff", "lag", "delay"]}}]],
    }


# Every quantity pattern needs one of these in the text (a digit, a unit or a speed word);
# a text without any cannot hold a quantity, and the Matcher (the costliest rule) is skipped.
_QUANTITY_HINT = re.compile(
    r"\d|fps|\bhz\b|frames?\b|framerate|second|minute|\bsecs?\b|\bms\b|msec|millisec|time\s*\(|latenc|ttff|\blag\b|"
    r"delay|\btimes\b|\bx\b|×|fast|quick|speed|slower|throughput|accelerat|outpac|step|rtf|factor", re.I)


@Language.factory(RULES, default_config={"lexicon_path": ""})
def make_liveness_rules(nlp: Language, name: str, lexicon_path: str) -> "LivenessRules":
    return LivenessRules(nlp, load_lexicon(lexicon_path or None))


class LivenessRules:
    """Terms, hedges and quantities as span groups (one pass of three matchers)."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        for variant, term in lexicon.term_variants.items():
            self.terms.add(term, [nlp.make_doc(variant)])
        self.hedges = PhraseMatcher(nlp.vocab, attr="LOWER")
        for variant, hedge in lexicon.hedges.items():
            self.hedges.add(hedge, [nlp.make_doc(variant)])
        self.negatives = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.negatives.add("NEGATIVE", [nlp.make_doc(n) for n in lexicon.negative_contexts])
        self.quantities = Matcher(nlp.vocab)
        for label, patterns in _quantity_patterns().items():
            self.quantities.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        negatives = [(s, e) for _, s, e in self.negatives(doc)]
        terms = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.terms(doc)])
        inside = [any(ns <= t.start and t.end <= ne for ns, ne in negatives) for t in terms]
        doc.spans["liveness_terms"] = [t for t, neg in zip(terms, inside) if not neg]
        doc.spans["negated_terms"] = [t for t, neg in zip(terms, inside) if neg]
        doc.spans["hedges"] = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.hedges(doc)])
        found = self.quantities(doc) if _QUANTITY_HINT.search(doc.text) else []
        doc.spans["quantities"] = filter_spans([Span(doc, s, e, label=m) for m, s, e in found])
        return doc


def hardware_patterns(lexicon: Lexicon) -> list[dict]:
    return [{"label": "HARDWARE", "pattern": alias, "id": gpu} for alias, gpu in lexicon.hardware.items()]


def build_nlp(lexicon_path: str | None = None) -> Language:
    """The rule pipeline on spaCy's blank English (no hub model)."""
    lexicon = load_lexicon(lexicon_path)
    nlp = spacy.blank("en")
    # abbreviations the sentencizer must not split after
    for abbr in ("Fig.", "fig.", "Eq.", "approx.", "Tab.", "Sec.", "ca.", "resp."):
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(RULES, config={"lexicon_path": lexicon_path or ""})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(hardware_patterns(lexicon))
    return nlp


def term_hedge(doc_or_span) -> str | None:
    """A hedge standing right before a liveness term ("near real-time", "almost instantly")."""
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    lo, hi = (doc_or_span.start, doc_or_span.end) if isinstance(doc_or_span, Span) else (0, len(doc))
    starts = {t.start for t in doc.spans["liveness_terms"] if lo <= t.start < hi}
    for h in doc.spans["hedges"]:
        if h.label_ not in TERM_HEDGES or not lo <= h.start < hi:
            continue
        if h.end in starts or (h.end + 1 in starts and doc[h.end].text == "-"):
            return h.label_
    return None
