"""The claim classifier: text in, claims out (kind, terms, level, hedge, figures, system).

    clf = Classifier()                                # shipped lexicon and chosen kind model
    claims = clf.claims(text, title=..., source=...)  # every sentence that is a claim
    rows = clf.sentences(["Runs at 17 fps on one H100."])  # one result per given sentence

Per sentence: the spaCy rules (components.py) find terms, hedges and quantities; a
sentence with a term or a speed quantity is a candidate; the figure normalizer
(figures.py) reads its numbers; the kind model (kind.py) tags it; the system resolver
(systems.py) names its system. Non-candidates are kind "none" without a model call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span

from liveaudit import config
from liveaudit.classifier.components import build_nlp, term_hedge
from liveaudit.classifier.figures import Figures, parse_figures
from liveaudit.classifier.kind import KindInput, load_kind_model
from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.classifier.role import role_keys
from liveaudit.classifier.segment import blocks
from liveaudit.classifier.systems import resolve

SPEED_QUANTITIES = {"FPS", "TIME", "SPEEDUP", "RTF", "LATENCY", "STEPS"}
EXTRACT_KEYS = (
    "source",
    "sentence",
    "kind",
    "terms",
    "implied_level",
    "system",
    "system_mention",
    "fps",
    "latency_s",
    "latency_type",
    "width",
    "height",
    "duration_s",
    "gpu",
    "gpu_count",
    "steps",
    "hedge",
    "specificity",
    "role",
    "frames",
    "outcome",
)  # role, frames, outcome: classifier/role.py (who speaks, what was run)


@dataclass
class Claim:
    sentence_index: int
    sentence: str
    start_char: int | None
    end_char: int | None
    kind: str
    kind_score: float
    system: str | None
    terms: list[str]
    implied_level: str | None
    hedge: str | None
    figures: Figures = field(default_factory=Figures)
    candidate: bool = False
    negated: bool = False  # a liveness word stood in a hard-negative context ("live demo")
    system_mention: str | None = None  # the system's name as the sentence writes it, known to the registry or not

    def specificity(self) -> dict:
        return self.figures.specificity()

    def row(self, document_id: int, model_version: str) -> dict:
        """A claims-table row (the cross-stage contract)."""
        return {
            "document_id": document_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "kind": self.kind,
            "kind_score": round(self.kind_score, 4),
            "system": self.system,
            "terms": self.terms,
            "implied_level": self.implied_level,
            "hedge": self.hedge,
            "figures": self.figures.to_dict(),
            "specificity": self.specificity(),
            "model_version": model_version,
        }

    def extract_json(self, source: str) -> dict:
        """The object `liveaudit extract` prints: exactly EXTRACT_KEYS."""
        f = self.figures.to_dict()
        out = {
            "source": source,
            "sentence": self.sentence,
            "kind": self.kind,
            "terms": self.terms,
            "implied_level": self.implied_level,
            "system": self.system,
            "system_mention": self.system_mention,
            "hedge": self.hedge,
            "specificity": self.specificity(),
        }
        out.update({k: f[k] for k in EXTRACT_KEYS if k in f})
        out.update(role_keys(self.sentence, kind=self.kind))
        return {k: out[k] for k in EXTRACT_KEYS}


def kind_input(claim: Claim) -> KindInput:
    """What the kind model reads about a sentence: its text and the rules' cues."""
    f = claim.figures
    return KindInput(
        text=claim.sentence,
        term=bool(claim.terms),
        speedup=f.speedup is not None,
        figure=f.stated(),
        metric=any(v is not None for v in (f.fps, f.latency_s, f.compute_s_per_video_s)),
        hedge=claim.hedge is not None,
        level=claim.implied_level,
        negated=claim.negated,
        system=claim.system is not None,
    )


def models_dir() -> Path:
    configured = config.get("CLASSIFY_MODEL_DIR")
    return Path(configured) if configured else config.data_dir() / "models"


class Classifier:
    """Rules + figure normalizer + kind model + system resolver."""

    def __init__(self, model_dir: Path | None = None, kind_model=None, lexicon_path: str | None = None) -> None:
        self.lexicon = load_lexicon(lexicon_path)
        self.nlp = build_nlp(lexicon_path)
        self.kind_model = kind_model if kind_model is not None else load_kind_model(model_dir or models_dir())

    @property
    def version(self) -> str:
        """The model version stored on claims rows (the kind model's own version)."""
        return self.kind_model.version

    # ---- sentences ----------------------------------------------------------------
    def _analyze(
        self,
        spans: list[Span],
        context: list[tuple[str | None, str | None, str | None]],
        index: list[int],
        offsets: list[tuple[int | None, int | None]],
        all_figures: bool = False,
    ) -> list[Claim]:
        claims, inputs, todo = [], [], []
        for i, span in enumerate(spans):
            terms = sorted({t.label_ for t in span.doc.spans["liveness_terms"] if span.start <= t.start < span.end})
            quantities = {q.label_ for q in span.doc.spans["quantities"] if span.start <= q.start < span.end}
            candidate = bool(terms) or bool(quantities & SPEED_QUANTITIES)
            negated = any(span.start <= t.start < span.end for t in span.doc.spans["negated_terms"])
            text = span.text.strip()
            figures = parse_figures(text, self.lexicon) if candidate or all_figures else Figures()
            title, source, doc_text = context[i]
            claim = Claim(
                sentence_index=index[i],
                sentence=text,
                start_char=offsets[i][0],
                end_char=offsets[i][1],
                kind="none",
                kind_score=1.0,
                system=None,
                terms=terms,
                implied_level=self.lexicon.level_of(terms),
                hedge=None,
                figures=figures,
                candidate=candidate,
                negated=negated,
            )
            if candidate or all_figures:
                claim.hedge = figures.hedge or term_hedge(span)
                r = resolve(text, title, source, self.lexicon, doc_text)
                claim.system, claim.system_mention = r.system, r.mention
            if candidate:
                inputs.append(kind_input(claim))
                todo.append(claim)
            claims.append(claim)
        for claim, (kind, score) in zip(todo, self.kind_model.predict(inputs)):
            claim.kind, claim.kind_score = kind, score
        return claims

    def sentences(
        self,
        texts: list[str],
        titles: list[str | None] | None = None,
        sources: list[str | None] | None = None,
        doc_texts: list[str | None] | None = None,
    ) -> list[Claim]:
        """One Claim per given sentence (kind "none" included), figures always read."""
        docs = list(self.nlp.pipe(texts, batch_size=256))
        spans = [doc[:] for doc in docs]
        n = len(texts)
        context = list(zip(titles or [None] * n, sources or [None] * n, doc_texts or [None] * n))
        return self._analyze(spans, context, list(range(len(texts))), [(None, None)] * len(texts), all_figures=True)

    # ---- documents ----------------------------------------------------------------
    def claims(
        self, text: str, title: str | None = None, source: str | None = None, keep_none: bool = False
    ) -> list[Claim]:
        """The claims of one document's text (Markdown, plain, or text from HTML)."""
        return self.claims_many([(text, title, source)], keep_none)[0]

    def claims_many(
        self, documents: list[tuple[str, str | None, str | None]], keep_none: bool = False
    ) -> list[list[Claim]]:
        """Claims of several (text, title, source) documents; the kind model sees them in one batch."""
        spans, offsets, context, index, owner = [], [], [], [], []
        for d, (text, title, source) in enumerate(documents):
            parts = blocks(text or "")
            n = 0
            for block, doc in zip(parts, self.nlp.pipe([b.text for b in parts], batch_size=256)):
                for sent in doc.sents:
                    if not any(ch.isalnum() for ch in sent.text):
                        continue
                    spans.append(sent)
                    offsets.append(block.span(sent.start_char, sent.end_char))
                    context.append((title, source, text))
                    index.append(n)
                    owner.append(d)
                    n += 1
        out: list[list[Claim]] = [[] for _ in documents]
        for d, claim in zip(owner, self._analyze(spans, context, index, offsets)):
            if keep_none or claim.kind != "none":
                out[d].append(claim)
        return out
