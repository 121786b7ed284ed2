"""Orders to the reader: instructions, notes and UI hints, CLI flags and install lines, advice
(classifier/scope.py vetoes them: LABELING.md "install lines, CLI flags and UI hints")."""

from __future__ import annotations

import re

# sentence starts that make an instruction, a note or a UI hint (after bullets, emoji, numbering)
_LEAD = r"^[\W\d_]*(?:[\w.-]+(?:\s+[\w.-]+){0,2}\s*[:\-\u2013\u2014]\s*)?"
INSTRUCTION = re.compile(
    _LEAD + r"(?:use|using the|launch|install|run|set|add|click|check|download|try|enable|disable|adjust|choose|skip|"
    r"select|wait|follow|ensure|play|avoid|refer|see|pass|specify|make sure|consider|remember|reduce|increase|lower(?!-)|clone|open|visit|"
    r"scan|join|please|you (?:can|may)(?!\s+(?:now\s+)?(?:get|generate|produce|create|achieve|obtain|reach|expect|see)\b)|"
    r"you should|you need|if you|to (?:use|enable|install|run|try|reduce|speed up|"
    r"further|get|make|accelerate|enhance|adjust|benchmark)|note(?: that)?\b|notes?:|tips?:|warning|important|"
    r"optionally|alternatively|(?:one|a|another) (?:trick|tip)\b|for (?:example|instance),?\s+(?:use|set|run|add|pass|try|you|if|to)\b)\b",
    re.I,
)
FLAG = re.compile(
    # an upper-case environment variable (DO_COMPILE=false), not a lower-case table setting (perframe_ae=True)
    r"(?:^|\s)--[a-z][\w-]+|(?-i:\b[A-Z][A-Z0-9_]{2,}=\S)|\bpip install\b|\buv pip\b|\bconda (?:install|create)\b|"
    r"\(optional\b|\boptional\)|\bexport [A-Z_]+",
    re.I,
)
# "To cut latency, we ..." is a purpose clause of a claim, not an instruction
PURPOSE = re.compile(
    r"^[\W\d_]*to\b[^.;]{0,80},\s*(?:we|our|it|this|the model)\b(?!\s+(?:recommend|suggest|advise))", re.I
)
# advice anywhere in the sentence, install requirements
ADVICE = re.compile(
    r"\byou (?:can|may|could|should|need to|might)\b(?!\s+(?:now\s+)?(?:get|generate|produce|create|achieve|obtain|reach)\b)|"
    r"[,;]\s*note that\b|\b(?:is|are) (?:only )?(?:required|needed|optional)\b|"
    r"\brecommend(?:ed)? (?:to|using|that)\b",
    re.I,
)
