"""The system a whole document is about, for the sentences that name none: its title ("Ditto: ..."
names Ditto), its source (a README's repository, a github.io project page), then its text ("we
present X", or the one system all its subjects name); and a results row's first cell
("Method: NOVA; ...") when the registry does not know the name. Used by systems.resolve."""

from __future__ import annotations

import re

from liveaudit.classifier.lexicon import Lexicon
from liveaudit.classifier.subjects import _PRESENT
from liveaudit.classifier.systems import _url_words, acronyms, mentions, unknown_subject

_CONTEXT: dict[tuple, tuple[str | None, str, str | None]] = {}
# a title that is a name: one to four capitalised or product-shaped words ("Radial Attention", "Wan2.2")
_TITLE_NAME = re.compile(
    r"^(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)(?:\s[A-Z0-9][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*){0,3}$"
)
# a longer name that starts with its repository's: up to six capitalised words, "for"/"of" between
_LONG_NAME = re.compile(
    r"^[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\s(?:(?:for|of|and)\s)?[A-Z0-9][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*){0,5}$"
)
# a repository's own page or file: github.com/owner/NAME..., raw.githubusercontent.com/owner/NAME/...
_REPO = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|raw\.githubusercontent\.com)/([^/]+)/([A-Za-z0-9][\w.-]*)(\S*)", re.I
)
# a repository named for what it holds, not for a project: its owner is the publisher
_GENERIC_REPO = re.compile(r"^(?:website|site|web|www|homepage|home|blog|docs|documentation|landing)$", re.I)


def _repo_name(source: str | None) -> str | None:
    """The project a repository URL names. A `<x>.github.io` repository is a website: its root page
    is project x's page, any other page (a blog post) names no project by its address."""
    repo = _REPO.match(source or "")
    if not repo:
        return None
    name, rest = repo.group(2), repo.group(3)
    if _GENERIC_REPO.match(name):
        return None  # a site's repository ("website"): see publisher()
    if re.search(r"/(?:_?posts|blogs?|news)/", rest or "", re.I):
        return None  # a post in a site's repository ("reallycool/content/posts/..."): the site is no project
    if not name.lower().endswith(".github.io"):
        # "Stream-DiffVSR-project-page", "flashvideo-page", "salad-cloud-docs": the project the site is for;
        # "my-website", "personal-site": a person's site, no project
        base = (
            re.sub(r"[-_](?:project[-_]?page|project|page|website|homepage|site|docs)$", "", name, flags=re.I) or name
        )
        return None if base != name and base.lower() in {"my", "personal", "our", "me", "home"} else base
    return (
        name[: -len(".github.io")]
        if rest.rsplit("/", 1)[-1].lower() in {"", "index.html"} and rest.count("/") <= 2
        else None
    )


# a product name with its version in a title: "Cosmos Predict 2.5", "Cosmos Transfer 1"; a date
# ("Results — March 9, 2026") is no version
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_VERSIONED = re.compile(rf"\b((?:(?!(?i:{_MONTH})\s+\d)[A-Z][\w-]*\s+){{1,3}}v?\d+(?:\.\d+)?)(?![\w.])")


_PARTICLES = {"up", "with", "for", "on", "to", "of", "in", "and", "the", "a", "an", "how", "run", "use", "about"}


def publisher(source: str | None, text: str) -> str | None:
    """The owner of a site's repository (livepeer/website) when the text names it ("Livepeer"):
    the organisation publishing about its own product. A person's blog, whose handle the text
    does not spell, has none."""
    repo = _REPO.match(source or "")
    if not repo or not _GENERIC_REPO.match(repo.group(2)):
        return None
    spelled = _as_written(repo.group(1), text)
    return spelled if spelled != repo.group(1) or re.search(rf"\b{re.escape(spelled)}\b", text) else None


def _docs_page(source: str | None) -> bool:
    """A page inside a repository (docs/, a cookbook) rather than its root README."""
    repo = _REPO.match(source or "")
    if not repo or repo.group(2).lower().endswith(".github.io"):
        return False
    parts = [p for p in repo.group(3).split("/") if p]
    # raw URLs carry the commit, blob URLs "blob/<branch>": what follows is the path in the repository
    path = parts[2:] if parts[:1] == ["blob"] else parts[1:]
    return len(path) > 1 or (bool(path) and not path[-1].lower().startswith(("readme", "index.")))


def _versioned_name(title: str | None) -> str | None:
    m = _VERSIONED.search(title or "")
    if not m:
        return None
    words = m.group(1).split()
    # "Distilling Cosmos Predict 2.5", "Speeding Up X 3.1": a verb or a particle is no part of the name
    while len(words) > 2 and (words[0].endswith("ing") or words[0].lower() in _PARTICLES):
        words = words[1:]
    return " ".join(words)


def _as_written(name: str, text: str) -> str:
    """`name` as the text most often spells it outside URLs and paths ("Sparse VideoGen" for the
    repository Sparse-VideoGen), else as is."""
    parts = [re.escape(p) for p in re.split(r"[-_ ]+|(?<=[a-z])(?=[A-Z])", name) if p]  # "MutualForcing" too
    text = re.sub(r"\S*/\S*", " ", text)
    spellings: dict[str, int] = {}
    for m in re.finditer(r"(?<![\w-])" + r"[-_ ]?".join(parts) + r"(?![\w-])", text, re.I):
        spellings[m.group(0)] = spellings.get(m.group(0), 0) + 1
    return max(spellings, key=lambda w: (spellings[w], w == name)) if spellings else name


_HEAD_NAME = re.compile(r"^[A-Z][\w.+-]*$")  # one word: "Let Them Talk: ..." is a tagline, not a name
_NOT_TITLE_NAMES = {
    "introduction",
    "overview",
    "news",
    "update",
    "updates",
    "abstract",
    "note",
    "readme",
    "tl;dr",
    "demo",
}


def _extended(title: str, names: list, source: str | None) -> str | None:
    """A title's registered name with up to three words after it that together spell the page's
    repository ("Mirage Hello" in toddllm/mirage-hello, "StreamDiffusion Spout Service"): that
    project's own name, as written."""
    repo = _repo_name(source)
    for x in names if repo else []:
        for words in range(1, 4):
            m = re.match(r"(?:[\s-]+[A-Z]\w*){" + str(words) + "}", title[x.start + len(x.text) :])
            if m and _squeeze(x.text + m.group(0)) == _squeeze(repo or ""):
                return title[x.start : x.start + len(x.text) + m.end()]
    return None


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _title_name(title: str, source: str | None, lex: Lexicon) -> str | None:
    """The system a title names when the registry does not know it, else None: a product-shaped
    name ("HunyuanVideo-1.5"), or words that spell the README's repository ("Radial Attention")."""
    head = re.sub(r"^[^A-Za-z0-9]+", "", re.split(r"[:|–—]", title)[0]).strip()
    head = re.sub(r"\s+v?\d+\.\d+\.\d+$", "", head)  # a software release ("Deep-Live-Cam 2.1.6") is the project
    if ":" in title and _HEAD_NAME.match(head) and head.lower() not in _NOT_TITLE_NAMES:
        return head  # "Ditto: Motion-Space Diffusion for ...", "GeneFace++: ...", "FAR: ..."
    repo = _repo_name(source)
    if repo and _TITLE_NAME.match(head) and _squeeze(head) in {_squeeze(repo), _squeeze(repo) + "s"}:
        return head  # the title spells the repository (its plural too): the whole title is the name
    if repo and _LONG_NAME.match(head) and _squeeze(head).startswith(_squeeze(repo)):
        return head  # the repository's name and a word or two more: "StreamStyle AI", "RTC Node for ComfyUI"
    name = unknown_subject(head + " runs", lex)
    return None if name and name.lower() in lex.term_variants else name  # "Real-time Talking Head": no "Real-time"


def document_system(
    title: str | None, source: str | None, doc_text: str | None, lex: Lexicon
) -> tuple[str | None, str]:
    """(system, how) a document is about, from its title, source, then text (memoized per document).

    how is "unknown" when the title (or the repository a README comes from) names a system the
    registry does not know; `resolve` then keeps that name as the claim's mention.
    """
    return _document(title, source, doc_text, lex)[:2]


def document_name(title: str | None, source: str | None, doc_text: str | None, lex: Lexicon) -> str | None:
    return _document(title, source, doc_text, lex)[2]


def _document(
    title: str | None, source: str | None, doc_text: str | None, lex: Lexicon
) -> tuple[str | None, str, str | None]:
    key = (title, source, doc_text, lex.sha256)
    if key in _CONTEXT:
        return _CONTEXT[key]
    if len(_CONTEXT) > 256:
        _CONTEXT.clear()
    found: tuple[str | None, str, str | None] = (None, "none", None)
    defined = acronyms(doc_text or "")
    derived = False  # the page's project is named after a registered system it builds on
    for how, context in (("title", title), ("source", _url_words(source) if source else None)):
        names = [x for x in mentions(context or "", lex, defined, url=how == "source") if not x.baseline]
        if how == "source":  # a repository "LongLive-Optimized" or "streamdiffusion-osx" is a derivative project
            kept = [x for x in names if not re.match(r"-[A-Za-z]", (context or "")[x.start + len(x.text) :])]
            derived, names = derived or len(kept) < len(names), kept
        systems = {x.system for x in names if x.system}
        if how == "title" and (own := _extended(context or "", names, source)):
            found = (None, "derived", own)  # "Mirage Hello" in repository mirage-hello: a project built on Mirage
            break
        if len(systems) > 1 and how == "title" and ":" in context:  # "X Dreamverse: ... with LTX-2": the head's
            systems = {x.system for x in names if x.system and x.start < context.index(":")} or systems
        if len(systems) == 1:
            found = (systems.pop(), how, None)
            break
        name = _title_name(context, source, lex) if how == "title" and context and not names else None
        if name:
            found = (None, "unknown", name)  # the title names a system the registry does not know
            break
    else:
        repo = _repo_name(source) or publisher(source, doc_text or "")
        versioned = _versioned_name(title) if _docs_page(source) else None
        if versioned:  # a docs page ("Distilling Cosmos Predict 2.5") is about its title's product, not its repository
            found = (None, "unknown", versioned)
        elif repo and not _text_presented(doc_text or "", lex, defined):
            # a README's project is its repository
            found = (None, "derived" if derived else "unknown", _as_written(repo, doc_text or ""))
        else:
            found = (_text_system(doc_text or "", lex, defined), "document", None)
    _CONTEXT[key] = found
    return found


def _text_presented(text: str, lex: Lexicon, defined: dict[str, str]) -> str | None:
    """The registered system a text presents ("we present X"), else None."""
    for x in mentions(text, lex, defined):
        if not x.baseline and x.system and _PRESENT.search(text[max(0, x.start - 40) : x.start]):
            return x.system
    return None


def _text_system(text: str, lex: Lexicon, defined: dict[str, str]) -> str | None:
    """The system a text presents ("we present X"), else the one system all its subjects name."""
    counts: dict[str, int] = {}
    for x in mentions(text, lex, defined):
        if x.baseline or not x.system:
            continue
        if _PRESENT.search(text[max(0, x.start - 40) : x.start]):
            return x.system
        counts[x.system] = counts.get(x.system, 0) + 1
    return next(iter(counts)) if len(counts) == 1 else None


# a results row named by its first cell ("Method: NOVA; Total Score: 80.1; ... FPS: 0.88")
# ("Model:" cells name a base checkpoint as often as a system: "model: SD-turbo" in StreamDiffusion's table)
# a results row's name cell, first or after a category cell; a "Model" cell names another system only
# in a comparison of models by size ("Type: Bidirectional; Model: Ovi; Params: 11B; FPS: 0.6"), else
# it is the model a framework runs ("Model: SD-turbo; Denoising steps: 1")
_ROW_HEAD = re.compile(
    r"^\W*(?:[^;|:]{0,20}:[^;|]{0,40}[;|]\s*)?(?:method|configuration|approach|"
    r"model(?=\s*:[^;|]*[;|]\s*(?:params|parameters|size)\s*:))\s*:\s*([A-Za-z][^;|]{0,59}?)\s*(?:[;|]|$)",
    re.I,
)
_ROW_NOISE = re.compile(r"\([^)]*\)|\b(?:official|baseline|original|default|implementation)\b", re.I)


def row_head(sentence: str, title: str | None, source: str | None, doc_text: str | None, lex: Lexicon) -> str | None:
    """The name in a results row's first cell when the registry does not know it and it is not the
    page's own method ("Ours", "EasyCache (Ours)", a variant "LightX2V_3" of the page's system)."""
    m = _ROW_HEAD.match(sentence or "")
    if not m or re.search(r"\b(?:ours|our)\b", m.group(1), re.I):
        return None
    name = re.sub(r"\s+", " ", _ROW_NOISE.sub(" ", m.group(1))).strip(" -:")
    if not name or not re.search(r"[A-Za-z]", name):
        return None
    if _setting(name):
        return None  # "Configuration: Speed-optimized", "Method: TensorRT FP16": a setting of the page's system
    squeeze = lambda t: re.sub(r"[^a-z0-9]", "", (t or "").lower())  # noqa: E731
    own = document_name(title, source, doc_text, lex) or document_system(title, source, doc_text, lex)[0]
    return None if own and squeeze(name).startswith(squeeze(own)) else name


# words that name a setting of a system, not a system: presets, modes, runtimes, number formats, samplers
_SETTING_WORD = re.compile(
    r"^(?:standard|balanced|default|optimi[sz]ed|speed|memory|quality|fast|faster|slow|low|high|vram|mode|preset|"
    r"eager|compiled?|video|audio|image|only|multi|single|keyframes?|and|with|w/o?|no|maximum|minimum|max|min|"
    r"constrained|aggressive|conservative|minimal|full|"
    r"pytorch|torch|tensorrt|trt|onnx|onnxruntime|fp\d+|bf16|int\d|nvfp4|mxfp\d|ddim|dpm\+*|euler|unipc|cpu|gpu|\d+[a-z]*)$",
    re.I,
)


def _setting(name: str) -> bool:
    """A row's name made only of setting words ("Standard", "Speed-optimized", "Video + Audio",
    "TensorRT FP16"), which is a setting of the page's system rather than another system."""
    words = [w for w in re.split(r"[\s/+\-()\[\],:×]+", name) if w]
    return bool(words) and all(_SETTING_WORD.match(w) for w in words)
