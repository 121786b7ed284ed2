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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span

from liveaudit import config
from liveaudit.classifier.components import build_nlp, term_hedge
from liveaudit.classifier.document_system import document_system
from liveaudit.classifier.figure_clauses import multiplier_cell, output_spec_only, own_cells
from liveaudit.classifier.figures import Figures, parse_figures
from liveaudit.classifier.kind import KindInput, load_kind_model
from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.classifier.limits import Budget, Limits, truncate
from liveaudit.classifier.page_voice import page_owner, quoted_sentences, speaks_for
from liveaudit.classifier.role import role_keys
from liveaudit.classifier.segment import blocks
from liveaudit.classifier.spans import SpanIndex, breakable, pieces_of
from liveaudit.classifier.system_context import aside_heading, cited_title, others_work, pronoun_system, section_of
from liveaudit.classifier.systems import resolve
from liveaudit.errors import InputError, LiveauditError

SPEED_QUANTITIES = {"FPS", "TIME", "SPEEDUP", "RTF", "LATENCY", "STEPS"}
# a labelled timing cell, its unit in the header: "Time (seconds): 341" (the entity patterns want "341 s")
_LABELLED_TIME = re.compile(
    r"\b(?:time|latency)\s*\((?:ms|s|sec|seconds|min|minutes)\)\s*[:=]\s*~?\d|"
    r"\b(?:latency|inference time|generation time|wall[- ]?time|run ?time)\s*\*{0,2}\s*[:=]\s*~?\d+(?:\.\d+)?\s*"
    r"(?:ms|s|secs?|seconds|mins?|minutes|h|hours)\b|\bfps=\d|(?<![\w.])\d+\s*min\s*\d{1,2}\s*s\b|"  # "2min", "fps=35.5", "60min04s"
    r"\b(?:fps|latency|speed)\s*[\u2191\u2193]\s*[:=]\s*~?_?\d",  # a results column: "FPS\u2191: 18.2"
    re.I,
)
# multipliers a few words before their noun, which the entity patterns miss: "1.81× and 1.93× speedups"
_SPEEDUP_HINT = re.compile(
    r"\d\s*[x\u00d7](?=[\s,)])[^.;|]{0,30}?\b(?:speed-?ups?|faster|acceleration|(?:fps\s+)?improvement)\b|"
    r"\bspeed-?ups?\s*\(\s*(?:up to\s+|about\s+|~)?\d+(?:\.\d+)?\s*[x\u00d7]",  # "speedups (up to 1.7x)"
    re.I,
)
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
    system_mention: str | None = None  # the name as written (an acronym the page defines: its expansion), known or not
    derived: bool = False  # the page's own project, named after a registered system it builds on (not stored)

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
        system=claim.system is not None or claim.derived,  # a fork of a registered system reads as one
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
    def _read(
        self,
        spans: list[Span],
        context: list[tuple[str | None, str | None, str | None]],
        index: list[int],
        offsets: list[tuple[int | None, int | None]],
        all_figures: bool = False,
        texts: list[str] | None = None,
        check: Callable[[str], None] | None = None,
        sections: list[str | None] | None = None,
    ) -> list[Claim]:
        """Claims of the spans from the rules, figures and systems (kind "none" until `_predict`);
        `sections[i]`: the system the heading above span i is named after (system_context.py)."""
        claims, groups = [], SpanIndex()
        for i, span in enumerate(spans):
            if check is not None:
                check("reading claims")
            found = groups.within(span)
            terms = sorted({t.label_ for t in found["liveness_terms"]})
            quantities = {q.label_ for q in found["quantities"]}
            text = texts[i] if texts is not None else span.text.strip()
            candidate = (
                bool(terms)
                or bool(quantities & SPEED_QUANTITIES)
                or bool(_SPEEDUP_HINT.search(text))
                or bool(_LABELLED_TIME.search(text))
                or multiplier_cell(text) is not None
            )
            negated = bool(found["negated_terms"])
            figures = parse_figures(text, self.lexicon) if candidate or all_figures else Figures()
            if candidate and not terms and output_spec_only(text, figures):
                candidate = False  # "videos at 768p and 24 FPS": the output's spec, not a speed
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
                claim.hedge = figures.hedge or term_hedge(span, found["liveness_terms"], found["hedges"])
                r = resolve(text, title, source, self.lexicon, doc_text, sections[i] if sections else None)
                claim.system, claim.system_mention, claim.derived = r.system, r.mention, r.how == "derived"
                if i and index[i - 1] == index[i] - 1 and context[i - 1] == context[i]:  # same document
                    before = texts[i - 1] if texts is not None else spans[i - 1].text.strip()
                    if earlier := pronoun_system(text, r, before, self.lexicon, doc_text):
                        claim.system, claim.system_mention = earlier, None  # "It ..." after "the X model ..."
                if own := own_cells(text, r.mention):  # a row timing several systems: the claim's cell
                    claim.figures = parse_figures(own, self.lexicon)
            claims.append(claim)
        return claims

    def _predict(self, claims: list[Claim]) -> None:
        """The kind model's tag for every candidate among `claims`, in one batch."""
        todo = [c for c in claims if c.candidate]
        for claim, (kind, score) in zip(todo, self.kind_model.predict([kind_input(c) for c in todo])):
            claim.kind, claim.kind_score = kind, score

    def _analyze(
        self,
        spans: list[Span],
        context: list[tuple[str | None, str | None, str | None]],
        index: list[int],
        offsets: list[tuple[int | None, int | None]],
        all_figures: bool = False,
    ) -> list[Claim]:
        claims = self._read(spans, context, index, offsets, all_figures)
        self._predict(claims)
        return claims

    def sentences(
        self,
        texts: list[str],
        titles: list[str | None] | None = None,
        sources: list[str | None] | None = None,
        doc_texts: list[str | None] | None = None,
    ) -> list[Claim]:
        """One Claim per given sentence (kind "none" included), figures always read.

        A text longer than CLASSIFY_MAX_SENTENCE_CHARS is read up to that length.
        """
        cap = Limits.from_config().max_sentence_chars
        docs = list(self.nlp.pipe([t[:cap] for t in texts], batch_size=256))
        spans = [doc[:] for doc in docs]
        n = len(texts)
        context = list(zip(titles or [None] * n, sources or [None] * n, doc_texts or [None] * n))
        return self._analyze(spans, context, list(range(len(texts))), [(None, None)] * len(texts), all_figures=True)

    # ---- documents ----------------------------------------------------------------
    def claims(
        self, text: str, title: str | None = None, source: str | None = None, keep_none: bool = False
    ) -> list[Claim]:
        """The claims of one document's text (Markdown, plain, or text from HTML); raises E605 over budget."""
        return self.claims_many([(text, title, source)], keep_none)[0]

    def claims_many(
        self, documents: list[tuple[str, str | None, str | None]], keep_none: bool = False
    ) -> list[list[Claim]]:
        """Claims of several (text, title, source) documents; the first document's error is raised."""
        results = self.documents(documents, keep_none)
        for r in results:
            if r.error is not None:
                raise r.error
        return [r.claims for r in results]

    def documents(
        self,
        documents: list[tuple[str, str | None, str | None]],
        keep_none: bool = False,
        limits: Limits | None = None,
        budget: Budget | None = None,
        own: list[bool] | None = None,
    ) -> list[DocumentResult]:
        """One result per (text, title, source) document: its claims, what the caps cut, or its error.

        Each document has its own time budget and caps (limits.py); one that fails or runs out
        of time gets its error and the others are still read. The kind model sees the
        candidate sentences of every document in one batch. `budget` (one document only) is a
        clock started earlier, e.g. before the file was read. `own[i]`: the operator declared
        document i the vendor's own page (a sources file's kind), so whose account it is goes
        unjudged (page_voice.py).
        """
        limits = limits or Limits.from_config()
        results, everything = [], []
        for i, (text, title, source) in enumerate(documents):
            budget = budget if budget is not None and len(documents) == 1 else limits.budget(source)
            result = DocumentResult()
            declared = bool(own and own[i])
            try:
                result.claims, result.voice = self._document(
                    text or "", title, source, limits, budget, result.notes, declared
                )
            except LiveauditError as exc:
                result.error = exc
            except Exception as exc:  # noqa: BLE001 - a bug on one hostile page must not sink the batch
                result.error = InputError(
                    "E606", input=source or "document", reason=f"could not be read ({type(exc).__name__}: {exc})"
                )
            result.seconds = budget.elapsed
            results.append(result)
            everything.extend(result.claims)
        self._predict(everything)
        if not keep_none:
            for r in results:
                r.claims = [c for c in r.claims if c.kind != "none"]
        return results

    def _document(
        self,
        text: str,
        title: str | None,
        source: str | None,
        limits: Limits,
        budget: Budget,
        notes: list[str],
        declared_own: bool = False,
    ) -> tuple[list[Claim], str | None]:
        """The document's sentences as claims, and a note when the page is someone else's account."""
        text, cut = truncate(text, limits.max_chars)
        notes.extend([cut] if cut else [])
        parts = blocks(text)
        budget.check("segmenting")
        spans, texts, offsets, sections, asides, long_sentences, full = [], [], [], [], [], 0, False
        section: str | None = None  # the system the current heading (level 2 or deeper) is named after
        aside = False  # under a heading of credits, references or related work (no claims there)
        # small batches: the budget is checked between them
        for block, doc in zip(parts, self.nlp.pipe((breakable(b.text) for b in parts), batch_size=8)):
            budget.check("splitting sentences")
            if block.kind == "heading":
                section, aside = section_of(block, text, self.lexicon), aside_heading(block.text)
            for sent in doc.sents:
                if not any(ch.isalnum() for ch in sent.text):
                    continue
                pieces = pieces_of(sent, limits.max_sentence_chars)
                long_sentences += len(pieces) > 1
                for piece in pieces:
                    if len(spans) >= limits.max_sentences:
                        full = True
                        break
                    spans.append(piece)
                    sections.append(section)
                    asides.append(aside and block.kind != "heading")
                    texts.append(piece.text.strip()[: limits.max_sentence_chars])
                    offsets.append(block.span(piece.start_char, piece.end_char))
                if full:
                    break
            if full:
                notes.append(f"document cut after {limits.max_sentences:,} sentences (CLASSIFY_MAX_SENTENCES)")
                break
        if long_sentences:
            notes.append(
                f"{long_sentences:,} run(s) of text longer than {limits.max_sentence_chars:,} characters "
                "read as several sentences (CLASSIFY_MAX_SENTENCE_CHARS)"
            )
        context = [(title, source, text)] * len(spans)
        claims = self._read(
            spans, context, list(range(len(spans))), offsets, texts=texts, check=budget.check, sections=sections
        )
        own, owner = document_system(title, source, text, self.lexicon)[0], page_owner(source)
        for i, (claim, credit) in enumerate(zip(claims, asides)):  # credits and references: others' work
            if claim.candidate and i and cited_title(texts[i - 1]):
                claim.candidate = False
            elif claim.candidate and credit:  # whose system it names is looked up only here
                mine = claim.system is not None and (
                    claim.system == own or speaks_for(claim.system, owner, self.lexicon)
                )
                claim.candidate = not others_work(claim.sentence, mine)
        # a blog post or newsletter about someone else's system restates it: no claims
        return claims, None if declared_own else quoted_sentences(claims, title, source, text, self.lexicon)


@dataclass
class DocumentResult:
    """What the classifier made of one document."""

    claims: list[Claim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a cap cut, in words
    error: LiveauditError | None = None
    seconds: float = 0.0
    voice: str | None = None  # whose account the page is, when it is not the vendor's (page_voice.py)
