"""System context across sentences: the section a heading names, and a pronoun subject that refers
to the sentence before ("the T2V-1.3B model needs 8 GB. It generates ..."). Used by the pipeline
around `systems.resolve`, which reads one sentence at a time."""

from __future__ import annotations

import re

from liveaudit.classifier.lexicon import Lexicon
from liveaudit.classifier.segment import Block
from liveaudit.classifier.systems import Resolution, acronyms, mentions


def section_of(block: Block, text: str, lex: Lexicon) -> str | None:
    """The system a heading block (level 2 or deeper: "## X", "### X") is named after, else None;
    a top-level heading ("# Models") or a setext one ends any section."""
    at = block.offsets[0] if block.offsets else 0
    level = text[text.rfind("\n", 0, at) + 1 : at].count("#")  # the "##" before the heading's text
    return heading_system(block.text, lex) if level >= 2 else None


def heading_system(heading: str, lex: Lexicon) -> str | None:
    """The system a section heading is named after: a registered name that opens it ("LTX-VideoQ8 🎱",
    "TeaCache for LTX-Video"), else None ("Community Contribution", "October 23, 2025: LTX-2 ...")."""
    lead = len(heading) - len(heading.lstrip(" \t*_`[>!-"))
    found = mentions(heading[:200], lex)
    first = found[0] if found else None
    return first.system if first and first.start == lead and not first.baseline else None


# a sentence whose subject is a pronoun for the thing the sentence before named: "It generates ..."
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:It|This (?:model|system|version|variant)|The (?:model|system))\s+(?!is\s+(?:not|unclear))"
)


def previous_subject(sentence: str, before: str, lex: Lexicon, doc_text: str | None = None) -> str | None:
    """The one system the sentence `before` names (not as a baseline) when `sentence` refers back to
    it with a pronoun subject ("the T2V-1.3B model needs 8 GB. It generates ..."), else None."""
    if not _PRONOUN_SUBJECT.match(sentence or ""):
        return None
    named = {x.system for x in mentions(before, lex, acronyms(doc_text or before)) if not x.baseline}
    return next(iter(named)) if len(named) == 1 and None not in named else None


def pronoun_system(sentence: str, r: Resolution, before: str, lex: Lexicon, doc_text: str | None) -> str | None:
    """The system of the sentence before when `sentence` names none itself (its resolution fell back
    to the document) and its subject is a pronoun for it; else None."""
    if r.how == "sentence" or (r.mention and r.mention in sentence):
        return None
    return previous_subject(sentence, before, lex, doc_text)


# a section that credits or cites others: its sentences describe their work, not the page's system
_ASIDE = re.compile(
    r"^[\W\d_]*(?:(?:acknowledg\w*|credits?|references?|bibliography|citations?|cite(?: us| this(?: work| paper)?)?|"
    r"(?:third[- ]party\s+)?(?:licen[cs]es?|notices)|licensing|attributions?|dependencies|built with|thanks|special thanks|"
    r"related (?:works?|projects|papers|repositories))"
    r"(?:\s*(?:&|and|,)\s*)?)+[\W_]*$",
    re.I,
)


def aside_heading(heading: str) -> bool:
    """A heading that opens credits, references, a licence or related work ("## Acknowledgements",
    "Related Projects", "Citation & License")."""
    return bool(_ASIDE.match(heading[:120]))


_WE = re.compile(r"\b(?:we|our|us)\b", re.I)


def others_work(sentence: str, mine: bool) -> bool:
    """A sentence under a credits heading is about others' work unless the authors speak ("we
    look forward to ...") or it names a system of the page's own (`mine`: the page's system, or
    one its publisher speaks for, as a lab's blog for the lab's project)."""
    return not _WE.search(sentence) and not mine


# a reference list's entry opens with its authors and a quote mark ('Yang, Shuai, et al. "'): the
# sentence after it is the cited paper's title
_AUTHORS_OPEN = re.compile(
    r"(?:\bet al\.?|^[A-Z][\w'-]+,\s+[A-Z][\w.'-]*(?:,? and [A-Z][\w.' -]+)?\.?)\s*[\"\u201c]\s*$"
)


def cited_title(before: str) -> bool:
    """The sentence after `before` is a reference's title (`before` ends with its authors and an open quote)."""
    return bool(_AUTHORS_OPEN.search(before[-200:]))
