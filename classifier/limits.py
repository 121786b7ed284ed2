"""Caps and a time budget per document, so one hostile page never stalls a batch.

    limits = Limits.from_config()          # CLASSIFY_MAX_CHARS, _MAX_SENTENCES, ...
    budget = limits.budget("page.html")    # starts the clock
    budget.check("segmenting")             # raises E605 once the budget is spent

Every step on the way from text to claims is linear once these caps hold (pieces of at most
segment.MAX_BLOCK_CHARS reach spaCy, sentences are cut at CLASSIFY_MAX_SENTENCE_CHARS, a
document stops after CLASSIFY_MAX_SENTENCES); the budget is checked between pieces, so a
document is stopped at most one piece after its time ran out. What a cap cut is said in
words (`notes`), stored with the document's outcome and printed by `liveaudit extract`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from liveaudit import config
from liveaudit.errors import InputError


class BudgetExceeded(InputError):
    """A document ran past CLASSIFY_DOCUMENT_BUDGET_S (E605)."""


@dataclass(frozen=True)
class Limits:
    max_chars: int = 2_000_000
    max_sentence_chars: int = 1_000
    max_sentences: int = 5_000
    budget_s: float = 60.0

    @classmethod
    def from_config(cls) -> Limits:
        values = config.load_settings()
        return cls(
            max_chars=max(1000, int(values["CLASSIFY_MAX_CHARS"])),
            max_sentence_chars=max(50, int(values["CLASSIFY_MAX_SENTENCE_CHARS"])),
            max_sentences=max(1, int(values["CLASSIFY_MAX_SENTENCES"])),
            budget_s=float(values["CLASSIFY_DOCUMENT_BUDGET_S"]),
        )

    def budget(self, what: str | None) -> Budget:
        return Budget(what or "document", self.budget_s)


class Budget:
    """The clock of one document; `check(stage)` raises BudgetExceeded once it has run out."""

    def __init__(self, what: str, seconds: float) -> None:
        self.what = what
        self.seconds = seconds
        self.started = time.monotonic()
        self.deadline = self.started + seconds if seconds > 0 else float("inf")

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self, stage: str) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded("E605", input=self.what, budget=self.seconds, stage=stage)


def truncate(text: str, limit: int) -> tuple[str, str | None]:
    """`text` cut to `limit` characters, and the note saying so (None when nothing was cut)."""
    if len(text) <= limit:
        return text, None
    return text[:limit], f"document truncated at {limit:,} characters of {len(text):,} (CLASSIFY_MAX_CHARS)"
