"""Credits, references and related work name others' systems: their sentences are no claims
(classifier/system_context.py), while the authors' own words there still count."""

from __future__ import annotations

import pytest

from liveaudit.classifier.system_context import aside_heading, cited_title

# in our own words: a fork's README that credits the real-time pipeline it builds on
_README = """# Quillcast

Quillcast restyles a webcam feed at 22 FPS on one RTX 4090.

## Acknowledgements

StreamDiffusion - a real-time diffusion pipeline (Apache 2.0 License).
MiragePaint is a great real-time painting engine.
We plan to release a real-time version of Quillcast next year.

## Results

Quillcast reaches 22 FPS at 512x512 on one RTX 4090.
"""

_REFERENCES = """# Quillcast

Quillcast streams video at 16 FPS on one H100.

Yang, Wen, et al. "
Lanternflow: Real-time interactive long video generation."
"""

_SOURCE = "https://raw.githubusercontent.com/someone/quillcast/0a/README.md"


def _claims(classifier, text):
    return [c.sentence for c in classifier.claims(text, title="Quillcast", source=_SOURCE)]


@pytest.mark.parametrize(
    ("heading", "aside"),
    [
        ("## Acknowledgements", True),
        ("🙏 Acknowledgments", True),
        ("Citation & License", True),
        ("5. References", True),
        ("Related Projects", True),
        ("Attribution", True),
        ("Disclaimer", False),  # a disclaimer speaks of the project itself
        ("Related work on real-time video", False),
        ("Results", False),
    ],
)
def test_credits_headings_that_open_others_work(heading, aside):
    assert aside_heading(heading) is aside


def test_credits_sentences_under_acknowledgements_are_no_claims_but_the_authors_own_are(classifier):
    claims = _claims(classifier, _README)
    assert not any("StreamDiffusion" in c or "MiragePaint" in c for c in claims)
    assert any(c.startswith("We plan") for c in claims)  # the authors' goal, said in their credits
    assert "Quillcast reaches 22 FPS at 512x512 on one RTX 4090." in claims  # a later section counts again


def test_credits_a_reference_entrys_title_is_no_claim(classifier):
    assert cited_title('Yang, Wen, et al. "') and not cited_title('We call it "')
    claims = _claims(classifier, _REFERENCES)
    assert claims == ["Quillcast streams video at 16 FPS on one H100."]


_LAB_POST = """# Quillcast

We present Quillcast, which renders at 30 FPS on one H100.

## Acknowledgements

FastVideo will bring real-time video generation to laptops next year.
"""


def test_credits_a_labs_credits_about_its_own_project_still_count(classifier):
    # FastVideo's registry accounts name hao-ai-lab: on that lab's blog the line is the lab's own goal
    lab = classifier.claims(_LAB_POST, title="Quillcast", source="https://hao-ai-lab.github.io/blogs/quillcast/")
    assert any(c.sentence.startswith("FastVideo will") for c in lab)
    other = classifier.claims(_LAB_POST, title="Quillcast", source=_SOURCE)
    assert not any(c.sentence.startswith("FastVideo will") for c in other)


def test_credits_a_thank_you_in_the_authors_voice_is_others_work(classifier):
    thanks, promise = classifier.sentences(
        [
            "We thank the projects below for pushing real-time and streaming video generation forward.",
            "We thank the Quill team and look forward to releasing faster real-time inference with them.",
        ]
    )
    assert thanks.kind == "none"
    assert promise.kind != "none"
