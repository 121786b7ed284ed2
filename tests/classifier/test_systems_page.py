"""Which system a sentence is about when the page's own name is one the registry lacks."""

from __future__ import annotations

import pytest

from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.classifier.systems import resolve


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(None)


def test_systems_the_pages_own_unknown_name_before_a_registered_one_is_the_subject(lex):
    page = ("Quillstream: streaming video", "https://raw.githubusercontent.com/lab/quillstream/0a/README.md")
    text = "We present Quillstream."
    r = resolve("Quillstream reaches 18 FPS on one RTX 5090 when paired with Self-Forcing.", *page, lex, doc_text=text)
    assert (r.system, r.mention) == (None, "Quillstream")
    # a sentence that names the registered system first is still about it
    r = resolve("Self-Forcing runs at 17 FPS, and Quillstream adds 1 FPS.", *page, lex, doc_text=text)
    assert r.system == "Self-Forcing"
