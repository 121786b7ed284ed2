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


@pytest.mark.parametrize(
    ("title", "repo", "name"),
    [
        ("Glintcast AI", "glintcast", "Glintcast AI"),  # the repository's name and a word more
        ("Frame Relay Node for ComfyUI", "frame-relay-node", "Frame Relay Node for ComfyUI"),
        ("Glintcast", "glintcast", "Glintcast"),
        # a title that does not start with the repository's name is no name: the repository is
        ("Realtime i2i for Glint Labs", "i2i-realtime", "i2i-realtime"),
    ],
)
def test_systems_a_readme_title_that_extends_its_repository_name_is_the_name(lex, title, repo, name):
    source = f"https://raw.githubusercontent.com/someone/{repo}/0a/README.md"
    r = resolve("It streams at 20 FPS on one RTX 4090.", title, source, lex, doc_text="It streams at 20 FPS.")
    assert (r.system, r.mention) == (None, name)


def test_systems_a_registered_name_and_words_that_spell_the_repository_is_the_derived_project(lex):
    source = "https://raw.githubusercontent.com/someone/streamdiffusion-glint-relay/0a/README.md"
    text = "It streams StreamDiffusion frames to other apps at 20 FPS."
    r = resolve("It streams at 20 FPS on one RTX 4090.", "StreamDiffusion Glint Relay", source, lex, doc_text=text)
    assert (r.system, r.mention, r.how) == (None, "StreamDiffusion Glint Relay", "derived")


def test_systems_a_sites_repository_names_its_owner_only_when_the_text_does():
    from liveaudit.classifier.document_system import publisher

    site = "https://raw.githubusercontent.com/glintcast/website/0a/blog/update.md"
    assert publisher(site, "Glintcast now serves real-time video to 40 apps.") == "Glintcast"
    # a person's blog: the handle is no product the text speaks of
    assert publisher("https://raw.githubusercontent.com/JaneRoe99/website/0a/post.md", "I tried Genie 3.") is None
    assert publisher("https://raw.githubusercontent.com/glintcast/glint/0a/README.md", "Glintcast") is None


@pytest.mark.parametrize(
    ("row", "mention"),
    [
        ("Configuration: Speed-optimized; Time: 41 s; Speed-up: 2.1x", "Glintcast"),  # a preset of the page's
        ("Method: TensorRT FP16; Latency: 38 ms per frame", "Glintcast"),  # a runtime and number format
        ("Method: Quillstream; Latency: 90 ms per frame", "Quillstream"),  # another system's row keeps its name
        ("Task: T2V; Configuration: Maximum; Time: 30 s", "Glintcast"),  # a preset after a category cell
        # a comparison of models by size names each model; a framework's "Model" cell is what it runs
        ("Type: Offline T2AV; Model: Brisk-AV; Params: 9B; FPS: 0.7", "Brisk-AV"),
        ("Model: SD-turbo; Denoising steps: 1; FPS: 90", "Glintcast"),
    ],
)
def test_systems_a_rows_setting_is_the_pages_system_not_another(lex, row, mention):
    source = "https://raw.githubusercontent.com/someone/glintcast/0a/README.md"
    r = resolve(row, "Glintcast", source, lex, doc_text="We present Glintcast. " + row)
    assert (r.system, r.mention) == (None, mention)


def test_systems_a_liveness_word_in_a_title_is_no_systems_name(lex):
    source = "https://raw.githubusercontent.com/someone/glintface/0a/README.md"
    r = resolve("It animates portraits at 30 FPS on one RTX 4090.", "Real-time Talking Head", source, lex, doc_text="x")
    assert r.mention != "Real-time" and r.system is None


def test_systems_a_date_in_a_docs_title_and_a_blogs_repository_name_no_system():
    from liveaudit.classifier.document_system import _repo_name, _versioned_name

    assert _versioned_name("Speed Notes \u2014 March 9, 2026") is None
    assert _versioned_name("Distilling Cosmos Predict 2.5") == "Cosmos Predict 2.5"
    # a person's site and a post inside a site's repository name no project by their address
    assert _repo_name("https://raw.githubusercontent.com/JaneRoe99/my-website/0a/src/post.mdx") is None
    assert _repo_name("https://raw.githubusercontent.com/JaneRoe99/coolstuff/0a/content/posts/roundup.md") is None
    assert _repo_name("https://raw.githubusercontent.com/lab/quillstream/0a/docs/speed.md") == "quillstream"
