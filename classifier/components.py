"""spaCy components of the claim pipeline, registered under versioned names.

    nlp = build_nlp()      # spacy.blank("en") + sentencizer + liveaudit rules

`liveaudit_liveness_rules_v1` marks, on every Doc:
  doc.spans["liveness_terms"]  lexicon terms (label = canonical term), longest match,
                               minus those inside a hard-negative context ("live demo")
  doc.spans["negated_terms"]   the terms that were inside one (a cue for the kind model)
  doc.spans["hedges"]          hedge words (label = canonical hedge)
  doc.spans["quantities"]      speed quantities (label FPS | TIME | SPEEDUP | RTF | LATENCY)
Hardware is read by the figure normalizer (figures.py), so no entity ruler runs.
Hedges and negative contexts are looked for only in text that holds a term.
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
from liveaudit.classifier.scope import NEGATING

RULES = "liveaudit_liveness_rules_v1"
# hedges that qualify a word rather than a number: "near real-time", "almost instantly"
TERM_HEDGES = {"near", "almost", "about"}
NUMBER = r"^\d+(?:[.,]\d+)?$"


def _quantity_patterns() -> dict[str, list[list[dict]]]:
    num = {"LIKE_NUM": True}
    return {
        "FPS": [
            [num, {"LOWER": {"IN": ["fps", "hz", "fps+"]}}],
            [{"LOWER": {"REGEX": r"^[~\u2248<>]?\d+(?:\.\d+)?\+?fps\+?$"}}],  # "30fps", "30fps+"
            [{"LOWER": {"REGEX": r"^\d+(?:\.\d+)?\+$"}}, {"LOWER": "fps"}],  # "30+ fps"
            [num, {"LOWER": "frames"}, {"LOWER": {"IN": ["per", "/", "a"]}}, {"LOWER": {"IN": ["second", "sec", "s"]}}],
            [{"LOWER": {"IN": ["fps", "framerate"]}}],
            [{"LOWER": {"REGEX": r"^\d{3,4}p\d{2,3}$"}}],
        ],
        "TIME": [
            [
                num,
                {
                    "LOWER": {
                        "IN": [
                            "ms",
                            "msec",
                            "millisecond",
                            "milliseconds",
                            "s",
                            "s.",
                            "sec",
                            "secs",
                            "second",
                            "seconds",
                            "min",
                            "mins",
                            "minutes",
                        ]
                    }
                },
            ],
            [{"ORTH": "("}, {"LOWER": {"IN": ["s", "ms", "sec", "min"]}}, {"ORTH": {"IN": [")", "):", ")|"]}}],
            [{"LOWER": {"REGEX": r"^[~\u2248<>]?\d+(?:\.\d+)?(?:ms|s)$"}}],  # "~30s" is one token
            [  # "sub-5-second" ("sub-5", "-", "second")
                {"LOWER": {"REGEX": r"^sub-\d+(?:\.\d+)?$"}},
                {"ORTH": "-", "OP": "?"},
                {"LOWER": {"IN": ["second", "seconds", "minute", "minutes", "ms"]}},
            ],
            [
                {"LOWER": {"REGEX": r"^[~\u2248<>]\d+(?:\.\d+)?$"}},
                {"LOWER": {"IN": ["ms", "s", "sec", "seconds", "min", "mins", "minutes"]}},
            ],
            [num, {"ORTH": "-"}, {"LOWER": {"IN": ["second", "minute"]}}],
            [{"LOWER": {"IN": ["time", "latency"]}}, {"ORTH": "("}, {"LOWER": {"IN": ["s", "ms"]}}],
            [{"LOWER": {"REGEX": r"^(?:time|latency)\((?:s|ms|sec|min)$"}}],  # "Time(s): 3234", one token
            [
                {"LOWER": {"IN": ["under", "within", "in", "than"]}},
                {"LOWER": {"IN": ["a", "one", "half"]}},
                {"LOWER": {"IN": ["second", "minute"]}},
            ],
        ],
        "SPEEDUP": [
            [
                {"LOWER": {"REGEX": r"^\d+(?:\.\d+)?[x×]$"}},
                {"LOWER": {"IN": ["faster", "speedup", "speed", "quicker", "lower", "higher"]}},
            ],
            [
                num,
                {"LOWER": {"IN": ["x", "×", "times"]}},
                {"LOWER": {"IN": ["faster", "speedup", "quicker", "lower", "higher", "as"]}},
            ],
            [{"LOWER": {"IN": ["speedup", "speed-up", "acceleration"]}}],
            [
                {
                    "LOWER": {
                        "IN": [
                            "fast",
                            "faster",
                            "fastest",
                            "slower",
                            "quicker",
                            "speed",
                            "speeds",
                            "accelerates",
                            "accelerate",
                            "accelerating",
                            "accelerated",
                            "speeding",
                            "throughput",
                            "outpacing",
                            "outpaces",
                        ]
                    }
                }
            ],
            [{"LOWER": "in"}, {"LOWER": "half"}],
        ],
        "STEPS": [
            [{"LOWER": {"REGEX": r"^\d+~\d+$"}}, {"LOWER": {"IN": ["step", "steps"]}}],  # "1~8 steps": one token
            [
                num,
                {"ORTH": "-", "OP": "?"},
                {"LOWER": {"IN": ["sampling", "denoising", "diffusion", "inference"]}, "OP": "?"},
                {"LOWER": {"IN": ["step", "steps"]}},
            ],
            [{"LOWER": {"REGEX": r"^(?:\d+|one|single|two|three|four|few)-step$"}}],
            [{"LOWER": {"IN": ["step", "steps"]}}, {"ORTH": ":"}, num],
            # fewer steps said without a count ("reduce the total number of steps", "fewer sampling steps")
            [
                {"LOWER": {"IN": ["fewer", "number"]}},
                {"LOWER": "of", "OP": "?"},
                {"LOWER": {"IN": ["sampling", "denoising", "diffusion", "inference"]}, "OP": "?"},
                {"LOWER": {"IN": ["steps", "nfe", "nfes"]}},
            ],
        ],
        "RTF": [
            [{"LOWER": "rtf"}],
            [{"LOWER": "real"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "time"}, {"LOWER": "factor"}],
        ],
        "LATENCY": [[{"LOWER": {"IN": ["latency", "latencies", "ttff", "lag", "delay"]}}]],
    }


# Every quantity pattern needs one of these in the text: a number (digits or a number word,
# spaCy's LIKE_NUM, ordinals included) right before a unit, or a unit-free speed word. A text
# without any cannot hold a quantity, and the Matcher (the costliest rule) is skipped: a bare
# digit (a date, a version, a parameter count) no longer wakes it.
_NUM_WORD = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w*teen|\w*ty|hundred|thousand|"
    r"million|billion|trillion|first|second|third|\w+th"
)
_QUANTITY_HINT = re.compile(
    r"fps|\bhz\b|framerate|latenc|ttff|\blag\b|delay|\brtf\b|factor|fast|quick|speed|slower|throughput|accelerat|"
    r"outpac|in half|(?:fewer|number of)\s+(?:(?:sampling|denoising|diffusion|inference)\s+)?(?:steps|nfes?)\b|\((?:s|ms|sec|min)\)|(?:time|latency)\s*\(|\bsteps?\s*:|\b(?:under|within|in|than)\s+(?:a|one|half)\s+(?:second|minute)|"
    rf"(?:\d|\b(?:{_NUM_WORD})\b)[\d.,/]*\s*(?:-\s*)?(?:frames?\b|ms\b|msec|millisec|s\b|secs?\b|seconds?\b|minutes?\b|mins?\b|"
    r"x\b|\u00d7|times\b|steps?\b|sampling|denoising|diffusion|inference|p\d)",
    re.I,
)


@Language.factory(RULES, default_config={"lexicon_path": ""})
def make_liveness_rules(nlp: Language, name: str, lexicon_path: str) -> LivenessRules:
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
        text = doc.text  # built from the tokens on each access: read once
        terms = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.terms(doc)])
        negatives, hedges = [], []
        if terms:  # negative contexts and term hedges only matter around a term
            negatives = [(s, e) for _, s, e in self.negatives(doc)]
            for m in NEGATING.finditer(text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    negatives.append((span.start, span.end))
            hedges = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.hedges(doc)])
        inside = [any(ns <= t.start and t.end <= ne for ns, ne in negatives) for t in terms]
        doc.spans["liveness_terms"] = [t for t, neg in zip(terms, inside) if not neg]
        doc.spans["negated_terms"] = [t for t, neg in zip(terms, inside) if neg]
        doc.spans["hedges"] = hedges
        found = self.quantities(doc) if _QUANTITY_HINT.search(text) else []
        doc.spans["quantities"] = filter_spans([Span(doc, s, e, label=m) for m, s, e in found])
        return doc


def build_nlp(lexicon_path: str | None = None) -> Language:
    """The rule pipeline on spaCy's blank English (no hub model)."""
    load_lexicon(lexicon_path)  # a bad lexicon file fails here, before spaCy loads
    nlp = spacy.blank("en")
    # abbreviations the sentencizer must not split after
    for abbr in ("Fig.", "fig.", "Eq.", "approx.", "Tab.", "Sec.", "ca.", "resp."):
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(RULES, config={"lexicon_path": lexicon_path or ""})
    return nlp


def term_hedge(doc_or_span, terms: list[Span] | None = None, hedges: list[Span] | None = None) -> str | None:
    """A hedge standing right before a liveness term ("near real-time", "almost instantly").

    `terms` and `hedges` may give the doc's spans already narrowed to this sentence (the
    pipeline does, so a long document is not rescanned once per sentence).
    """
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    lo, hi = (doc_or_span.start, doc_or_span.end) if isinstance(doc_or_span, Span) else (0, len(doc))
    starts = {t.start for t in (doc.spans["liveness_terms"] if terms is None else terms) if lo <= t.start < hi}
    for h in doc.spans["hedges"] if hedges is None else hedges:
        if h.label_ not in TERM_HEDGES or not lo <= h.start < hi:
            continue
        if h.end in starts or (h.end + 1 in starts and doc[h.end].text == "-"):
            return h.label_
    return None
