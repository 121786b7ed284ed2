"""Whose page it is: a piece of writing about a system its publisher does not speak for is an
account of someone else's claims (LABELING.md "quoted"), so its sentences are no claims."""

import pytest

from liveaudit.classifier import Classifier
from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.classifier.page_voice import page_owner, speaks_for


@pytest.mark.parametrize(
    "source, owner",
    [
        # a code repository's README or docs: its writers build on what they name, nothing is judged
        ("https://raw.githubusercontent.com/NVlabs/LongLive/abc/README.md", ()),
        ("https://github.com/someone/longlive-port/blob/main/docs/speed.md", ()),
        # a website or blog kept in a repository
        (
            "https://raw.githubusercontent.com/Jane/jane.github.io/abc/src/blog/01_genie/README.md",
            ("jane", "jane.github.io"),
        ),
        ("https://raw.githubusercontent.com/Org/newsletter-feed/abc/content/issue-4.md", ("org", "newsletter-feed")),
        ("https://raw.githubusercontent.com/Org/site/abc/_posts/2026-01-01-x.md", ("org", "site")),
        # a github.io blog post: the site's owner; any other github.io page is a project's own page
        ("https://jane.github.io/posts/genie/", ("jane", "posts")),
        ("https://self-forcing.github.io/", ()),
        ("https://jane.github.io/worldmem/index.html", ()),
        # the web: the domain
        ("https://www.example-news.com/2026/genie-3-hands-on", ("example-news.com",)),
        # places where anyone publishes, local and unreadable addresses say nothing
        ("https://arxiv.org/abs/2601.00001", ()),
        ("https://huggingface.co/blog/some-post", ()),
        ("http://127.0.0.1:8765/vendors/krea.html", ()),
        ("/tmp/page.html", ()),
        (None, ()),
    ],
)
def test_page_owner(source, owner):
    assert page_owner(source) == owner


@pytest.mark.parametrize(
    "system, owner, own",
    [
        ("Genie 3", ("deepmind.google",), True),  # an account's domain
        ("Genie 3", ("blog.deepmind.google",), True),  # under it
        ("Genie 3", ("blog.google",), True),  # the organisation's word in the domain
        ("Lucy 2", ("decart.ai",), True),
        ("Self-Forcing", ("self-forcing",), True),  # the project's own page
        ("Matrix-Game 2.0", ("matrix-game-v2", "x"), True),  # spelled without its version
        ("Genie 3", ("example-news.com",), False),
        ("Self-Forcing", ("jane", "jane.github.io"), False),
        ("Matrix-Game 2.0", ("org", "newsletter-feed"), False),
    ],
)
def test_speaks_for(system, owner, own):
    assert speaks_for(system, owner, load_lexicon(None)) is own


# in our own words: a hands-on post about a registered closed model, written by an outsider
_POST = """# Genie 3: first impressions

Genie 3 renders explorable worlds at 24 fps in real time.
Latency stays low enough to steer the camera live.
"""


@pytest.fixture(scope="module")
def clf():
    return Classifier()


def test_outsiders_post_about_a_system_holds_no_claims(clf):
    result = clf.documents([(_POST, None, "https://www.example-news.com/genie-3-hands-on")])[0]
    assert result.claims == []
    assert "Genie 3" in result.voice and "example-news.com" in result.voice


@pytest.mark.parametrize(
    "source",
    [
        "https://deepmind.google/discover/blog/genie-3/",  # the vendor's own page
        "http://127.0.0.1:8000/genie.html",  # an address that says nothing: the claims stay
        "https://raw.githubusercontent.com/someone/genie-demo/abc/README.md",  # a code repository
    ],
)
def test_vendor_or_unknown_page_keeps_its_claims(clf, source):
    result = clf.documents([(_POST, None, source)])[0]
    assert any(c.kind == "quantified" and c.figures.fps == 24 for c in result.claims)
    assert result.voice is None


def test_post_without_own_system_drops_only_sentences_naming_others(clf):
    text = (
        "# Notes from a weekend of world models\n\n"
        "Matrix-Game 2.0 streams at 25 fps on one H100.\n"
        "Genie 3 answers a keypress within a frame or two.\n"
        "Our own renderer runs at 30 fps in real time.\n"
    )
    result = clf.documents([(text, None, "https://raw.githubusercontent.com/Jane/jane.github.io/a/blog/w.md")])[0]
    sentences = [c.sentence for c in result.claims]
    assert not any("Matrix-Game" in s or "Genie" in s for s in sentences)
    assert any("Our own renderer" in s for s in sentences)
    assert "Matrix-Game 2.0" in result.voice


def test_a_posts_title_is_no_system_unless_the_post_speaks_as_we(clf):
    blog = "https://raw.githubusercontent.com/somelab/blog/a/posts/zephyr.md"
    roundup = (
        "# Video Weekly Roundup: March 20\n\n"
        "Acme showed a streaming video model answering in under 100 ms.\n"
        "The demo ran at 24 fps on new hardware.\n"
    )
    result = clf.documents([(roundup, "Video Weekly Roundup: March 20", blog)])[0]
    assert result.claims == [] and result.voice
    # a team's own post: "we" on every line, so the title's name is the team's own system
    own = (
        "# Zephyr: streaming video at 30 fps\n\n"
        "We built Zephyr to stream video at 30 fps on one H100.\n"
        "Our cache keeps the latency under 80 ms, and we kept the quality.\n"
    )
    result = clf.documents([(own, "Zephyr: streaming video at 30 fps", blog)])[0]
    assert result.voice is None and any(c.figures.fps == 30 for c in result.claims)
