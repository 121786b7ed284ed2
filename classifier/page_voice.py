"""Whose page it is (LABELING.md, "quoted").

A piece of writing about a system its publisher does not speak for is someone else's account:
a newsletter on Genie 3, a developer's blog post on Self-Forcing, an "awesome" list of other
people's models. Its speed sentences restate the vendors' claims (or report the writer's own
runs); neither is the vendor's claim, so they are no claims. Who speaks for a system: the
handles of its accounts and the words of its organisation in the registry (data/systems), or a
publisher that spells its name.

Only writing is judged: a web page off the code hosts, a blog post on a github.io site, a file
in a blog, website, newsletter or "awesome" repository. A code repository's README or docs
(its writers build on what they name and time it themselves), a project page, places where
authors publish themselves (arXiv, OpenReview, Hugging Face, Medium), local addresses and a
page the operator declared the vendor's own (stage.py) keep their claims.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from liveaudit.classifier.document_system import _repo_name, _squeeze, document_name, document_system, publisher
from liveaudit.classifier.lexicon import Lexicon

# hosts where anyone publishes: the address says nothing about who speaks (code hosts: _CODE_HOSTS)
_HOSTS = {
    "arxiv.org",
    "export.arxiv.org",
    "openreview.net",
    "doi.org",
    "medium.com",
    "youtube.com",
    "paperswithcode.com",
    "papers.cool",
}
_CODE_HOSTS = {"github.com", "raw.githubusercontent.com", "gitlab.com", "huggingface.co", "hf.co"}
_VERSION = re.compile(r"[\s_-]*v?\d+(?:\.\d+)*$", re.I)


# a repository or path that holds writing rather than code: a website, a blog, a newsletter
# (an "awesome" list curates other people's work)
_WRITING = re.compile(r"(?:^|[-_.\s])(?:blog|blogs|news|newsletters?|posts|_posts|website|site|awesome)(?:$|[-_.\s])")
_WE = re.compile(r"\b(?:we|our|ours)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us|i|my)\b", re.I)


def page_owner(source: str | None) -> tuple[str, ...]:
    """Lower-case words naming who published `source` when it is a piece of writing: a
    `<x>.github.io` site's x and first path part, a website or blog repository's owner and name,
    else the web domain. Empty for a code repository (its writers build on what they name), a
    place where anyone publishes, and a local or unreadable address."""
    try:
        parts = urlsplit(source or "")
    except ValueError:
        return ()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host or parts.scheme not in ("http", "https") or host == "localhost" or "." not in host:
        return ()
    try:
        ipaddress.ip_address(host)
        return ()  # a local or bare address (the fixture site)
    except ValueError:
        pass
    path = [p.lower() for p in parts.path.split("/") if p]
    if host in _CODE_HOSTS:
        if host in ("huggingface.co", "hf.co") or len(path) < 2:
            return ()  # a model card is its owner's; the hub's own pages host others' writing
        return tuple(path[:2]) if any(_WRITING.search(p) for p in path[1:]) else ()
    if host.endswith(".github.io"):  # a blog post there; any other page is a project's own page
        return (host.removesuffix(".github.io"), *path[:1]) if any(_WRITING.search(p) for p in path) else ()
    return () if host in _HOSTS or host.endswith((".arxiv.org", ".medium.com")) else (host,)


def speaks_for(system: str, owner: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether the publisher `owner` (page_owner) is the system's own: an account of it, its
    organisation, or a name that spells the system (its version left out)."""
    speakers = lex.speakers.get(system, frozenset())
    name = _squeeze(_VERSION.sub("", system))
    for word in owner:
        flat = _squeeze(word)
        if word in speakers or (len(name) >= 4 and name in flat):
            return True
        for s in speakers:
            if "." in word and (word == s or word.endswith("." + s) or s.endswith("." + word)):
                return True  # "blog.deepmind.google" under "deepmind.google"
            if "." not in s and len(s) >= 4 and s in flat.replace(".", ""):
                return True  # the organisation's word in the domain: "decart" in "decart.ai"
    return False


def _own_name(name: str, source: str | None, text: str) -> bool:
    """Whether a page's unregistered name is a system of the publisher's own: the repository's
    project ("quartz-loom"), a name the text calls ours ("our Zephyr", "we present Zephyr"), or
    the title of a post written as "we". A third party's post title ("AI Video Weekly Roundup")
    or a blog's repository ("website") is no system."""
    if _WRITING.search(name.lower()):
        return False
    repo = _repo_name(source) or publisher(source, text)
    if repo and _squeeze(repo) == _squeeze(name):
        return True
    ours = rf"\b(?:our|we (?:present|introduce|release|built|build|propose))\s+(?:new\s+)?{re.escape(name)}\b"
    if re.search(ours, text, re.I):
        return True
    # a team writing about its own work says "we" often: 10 or more per 1,000 words on every
    # lab's post of the real set, under 4 on surveys, newsletters and awesome lists
    return len(_WE.findall(text)) * 100 >= len(text.split())


def quoted_sentences(claims: list, title: str | None, source: str | None, text: str | None, lex: Lexicon) -> str | None:
    """Mark as no claim (candidate False) the sentences of a piece of writing that speak of
    systems its publisher does not speak for. On a page about one such system, every sentence;
    on a page with no system of its own (a survey, an "awesome" list), every sentence but those
    in the writer's own voice that name no other system. Returns a note for the user, or None
    when nothing was marked."""
    owner = page_owner(source)
    if not owner or not claims:
        return None
    system, _ = document_system(title, source, text, lex)
    name = document_name(title, source, text, lex)
    if system is not None:
        if not lex.speakers.get(system) or speaks_for(system, owner, lex):
            return None  # the page's own system, or one the registry names nobody for
        marked = [c for c in claims if c.candidate]
    elif name and _own_name(name, source, text or ""):
        return None  # the page presents a system of its own: its tables time others too
    else:
        marked = [
            c
            for c in claims
            if c.candidate
            and (
                (named := c.system or (c.system_mention if c.system_mention != name else None))
                and not speaks_for(named, owner, lex)
                or not named
                and not _FIRST_PERSON.search(c.sentence)
            )
        ]
    for c in marked:
        c.candidate = False
    if not marked:
        return None
    about = sorted({n for c in marked if (n := c.system or c.system_mention or system) and n != name})
    shown = ", ".join(about[:3]) + (f" and {len(about) - 3} more" if len(about) > 3 else "")
    return (
        f"{len(marked):,} sentence(s) read as someone else's account, not a claim"
        + (f" (about {shown})" if shown else "")
        + f": the publisher ({owner[0]}) does not speak for them in data/systems"
    )
