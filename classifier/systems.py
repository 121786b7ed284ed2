"""System resolution: which registered system a claim is about, and the name as written.

    r = resolve(sentence, title, source, lex, doc_text)   # Resolution(system, mention, how)

Order. (1) The sentence's first registered name that is not a comparison baseline, not
part of a longer name ("Live Stream Diffusion" is not "Stream Diffusion", "LongLive 3.0"
is not "LongLive") and not an acronym the document defines as something else. (2) A name
the registry does not know (such a longer name, or an unknown product name as the
sentence's subject) is kept as `mention` and resolves to nothing: no nearest known name,
no guess from the document. A speed-up method (lexicon `methods`) applied to an earlier figure
on another system's page ("TeaCache brings that down to ...") names the means: the page's
system is the claim's. (3) Otherwise ("we", "our model", "it") the document's own
system: its title, its source URL, then its text ("we present X", or the one system all
its non-baseline mentions name). A name that could be several systems ("Wan2.1") resolves
to nothing. Aliases: data/lexicon.yaml `systems` and the registry data/systems/*.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from liveaudit.classifier.lexicon import Lexicon
from liveaudit.classifier.subjects import objects_of, presented_name

# words after which a mention is the baseline of a comparison or a base model, not the subject
_BASELINE_CUE = re.compile(
    r"(?:than|over|compared (?:to|with)|compare[sd]? (?:it |them )?(?:to|with|against)|relative to|versus|vs\.?|"
    r"against|unlike|from|on top of|built (?:up)?on|builds on|building (?:up)?on|based on|powered by|runs? on|distill(?:s|ed|ing)?(?: from)?|"
    r"fine-?tun(?:e|es|ed|ing)(?: from)?|initiali[sz]ed (?:from|with)|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|"
    r"beat(?:s|ing)?|exceed(?:s|ed|ing)?|extend(?:s|ed|ing)?|baselines?:?|accelerat(?:e|es|ing)|speed(?:s|ing)? up|"
    r"(?:identical|comparable|similar|equivalent|close|superior|inferior)(?:\s+(?:quality|performance))?\s+to)\s+(?:the\s+)?(?:[\w.-]+\s+){0,1}$",
    re.I,
)
# an opening phrase that credits what the subject is built on ("Powered by FastVideo, ...")
_OPENING_CREDIT = re.compile(
    r"^\W*(?:powered by|built (?:up)?on|building (?:up)?on|based on|on top of|running on)\s+(?:the\s+)?$", re.I
)
_WORD = r"[A-Za-z0-9][A-Za-z0-9'.+]*"
# left of an alias: capitalised words that make it a longer name (sentence starters excluded)
_LEFT_WORD = re.compile(r"(?<![^\s])([A-Z][A-Za-z0-9]*)[ ]$")  # a whole word: not "PKU-YuanGroup"
_STARTERS = frozenset(
    """a an the our we its it this that these those with using in on at for from and or but
    like unlike compared both each new meet introducing today try run use how why what when where which while
    after before by via than versus vs to of as is are was were see also only just even here there then if
    whereas although though since because so thus hence however moreover furthermore finally first second
    last next all most many some every any no not unlike against per about over under into onto upon""".split()
)
# right of an alias: a version or variant that makes it another system ("LongLive 2.0", "LTX-2", "Genie 4",
# "LTX-VideoQ8")
_UNIT_AFTER = (
    r"(?![,.]?\d)(?=[,;:)!?]|\.(?:\s|$)|\s+(?!(?i:fps|steps?|frames?|seconds?|ms|s|x|times|minutes?|gpus?|"
    r"b|m|k|p|billion|million|%)\b)|$)"
)
_RIGHT_VERSION = re.compile(
    r"^(?:[ -]?[vV]\d+(?:\.\d+)*\b|-\d+(?:\.\d+)*\b|[ ]\d+(?:\.\d+)?"
    + _UNIT_AFTER
    + r"|[ ](?:Pro|Lite|Max|Mini|Turbo|Plus|XL|Ultra|Flash)\b"
    + r"|-(?=[A-Za-z0-9]*(?:\d|[a-z][A-Z]))[A-Z][A-Za-z0-9]*(?![\w-]))"  # "LTX-VideoQ8": a product-shaped part
)
_PLAIN_ALIAS = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]+)$")  # one ordinary word: "Oasis", "DIAMOND"
_PLAIN_WORDS = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")  # an alias of ordinary words: "Stream Diffusion"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or|&|as well as|nor)\s+)?(?:the\s+)?$", re.I)
# Words are bounded (40 characters, 4 hyphenated parts) and must start a word: unbounded \w* let
# every capital of a long unbroken run start a scan to its end, quadratic in the run's length.
_ACRONYM_DEF = re.compile(
    r"(?<![\w-])((?:[A-Z]\w{0,40}(?:-\w{1,40}){0,4}[ ]){1,6}?(?:[A-Z]\w{0,40}(?:-\w{1,40}){0,4}))[ ]?"
    r"\(([A-Z][A-Za-z0-9-]{1,11})\)"
)
# an unknown product name as the sentence's subject: "Helios-2 runs at ...", "VidFlow achieves ..."
_SUBJECT = re.compile(
    r"^\s*(?:(?i:the|meet|introducing|new)\s+)?(?P<name>(?:[A-Z]|[a-z]{1,3}[A-Z])[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\s[A-Z0-9][A-Za-z0-9]*"
    r"(?:[-.][A-Za-z0-9]+)*){0,2})(?:'s)?\s+(?:(?i:model|system|engine|pipeline|generator)\s+)?"
    r"(?i:runs|ran|achieves|achieved|generates|generated|reaches|reached|delivers|streams|produces|sustains|hits|"
    r"renders|operates|enables|supports|offers|outputs|synthesi[sz]es|responds|transforms|can|could)\b"
)
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMKbmk]$")  # a parameter count, "1.3B"
_PRODUCT_SHAPE = re.compile(r"[a-z][A-Z]|\d|-[A-Za-z]|^[A-Z]{3,}$")
_NOT_A_SYSTEM = frozenset(
    """gpu gpus cpu fps ai ml api sdk dit dits vae kv dmd cfg lora ode sde rope cuda tensorrt
    pytorch jax triton flashattention vram hbm llm llms vlm t2v i2v v2v ttff slo slos rtf int8 fp8 fp4 nvfp4 bf16 fp16
    vbench hdtf fid fvd psnr sota moe mmdit unet nvidia google deepmind tencent meta openai alibaba bytedance skywork
    lightricks decart runway hugging huggingface github arxiv readme it this that our we they he she iphone ipad
    macbook android windows linux macos colab docker comfyui gradio diffusers xformers sageattention torchao
    deepspeed vllm sglang onnx coreml mlx""".split()
)


@dataclass(frozen=True)
class Mention:
    system: str | None  # None: a name the registry does not know
    text: str  # as written
    start: int
    baseline: bool


@dataclass(frozen=True)
class Resolution:
    system: str | None
    mention: str | None  # the name the sentence uses, known or not; None when it names none
    how: str  # sentence | unknown | derived (the page's project, named after a registered system) | title | ... | none


@lru_cache(maxsize=8)
def _pattern(aliases: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    # "SVG-EAR" is another system than "SVG": an upper-case suffix makes a new name
    return re.compile(rf"(?<![\w.-])({alt})(?![\w+]|\.\d|-(?:style|like|based|inspired)\b|(?-i:-[A-Z]{{2,}}\b))", re.I)


_LOWERED: dict[str, dict[str, str]] = {}
_CASED: dict[str, dict[str, str]] = {}


def _tables(lex: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    if lex.sha256 not in _LOWERED:
        _LOWERED[lex.sha256] = {a.lower(): s for a, s in lex.systems.items()}
        _CASED[lex.sha256] = {a.lower(): a for a in lex.systems}
    return _LOWERED[lex.sha256], _CASED[lex.sha256]


def _longer_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole name around an alias match: a version after it ("LongLive 2.0"), and
    for an alias of ordinary words, capitalised words before it ("Live Stream Diffusion")."""
    s = start
    while _PLAIN_WORDS.match(text[start:end]):
        m = _LEFT_WORD.search(text[max(0, s - 40) : s])
        if not m or m.group(1).lower() in _STARTERS or m.group(1).lower() in _NOT_A_SYSTEM:
            break
        initial = not text[: s - len(m.group(0))].strip(" #*>-_`\"'")
        if initial and not text[end:].lstrip().startswith("("):
            break  # a sentence's first word may be a verb ("Deploy StreamDiffusion ...")
        s -= len(m.group(0))
    m = _RIGHT_VERSION.match(text[end : end + 24])
    return s, end + (len(m.group(0)) if m else 0)


@lru_cache(maxsize=256)
def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, "Live Stream Diffusion (LSD)" -> {"LSD": "Live Stream Diffusion"}."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text or ""):
        words, acr = m.group(1).split(), m.group(2)
        letters = [c for c in acr if c.isupper()]
        for k in range(1, len(words) + 1):
            cand = words[-k:]
            parts = [p[0].upper() for w in cand for p in w.split("-") if p]
            if parts == letters or [w[0].upper() for w in cand] == letters:
                out.setdefault(acr, " ".join(cand))
                break
    return out


def _expansion_system(expansion: str, lex: Lexicon) -> str | None:
    inner = [x for x in mentions(expansion, lex) if x.system and not x.baseline]
    return inner[0].system if inner and inner[0].text.lower() == expansion.lower() else None


def mentions(text: str, lex: Lexicon, defined: dict[str, str] | None = None, url: bool = False) -> list[Mention]:
    """Every registered name in `text`, each longer or redefined name around one and each
    acronym `defined` by the document (system None when the registry does not know the name)."""
    lowered, cased = _tables(lex)
    found, taken = [], []
    for m in _pattern(tuple(lowered)).finditer(text or ""):
        written, alias = m.group(1), cased[m.group(1).lower()]
        if not url and written.islower() and not alias.islower() and (" " in alias or _PLAIN_ALIAS.match(alias)):
            continue  # "live stream diffusion", "oasis", "diamond" in running text are words, not products
        baseline = bool(_BASELINE_CUE.search(text[max(0, m.start() - 40) : m.start()]))
        s, e = (m.start(), m.end()) if url else _longer_name(text, m.start(), m.end())
        taken.append((s, e))
        if (s, e) != (m.start(), m.end()):
            whole = text[s:e]
            found.append(Mention(lowered.get(whole.lower()), whole, s, baseline))
        elif defined and written in defined and _expansion_system(defined[written], lex) != lowered[written.lower()]:
            found.append(Mention(_expansion_system(defined[written], lex), written, m.start(), baseline))
        else:
            found.append(Mention(lowered[written.lower()], written, m.start(), baseline))
    for acr, expansion in (defined or {}).items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text or ""):
            at = m.start()
            if text[max(0, at - 1) : at] == "(":  # the definition: "Pyramid Attention Broadcast (PAB)" names PAB
                head = text[: at - 1].rstrip()
                if not head.endswith(expansion) or acr.lower() in _NOT_A_SYSTEM:
                    continue
                at = len(head) - len(expansion)
            if any(s <= at < e for s, e in taken):
                continue
            baseline = bool(_BASELINE_CUE.search(text[max(0, at - 40) : at]))
            found.append(Mention(_expansion_system(expansion, lex), acr, at, baseline))
    found.sort(key=lambda x: x.start)
    for i in range(1, len(found)):  # "than Self-Forcing and CausVid": both are baselines
        prev = found[i - 1]
        join = text[prev.start + len(prev.text) : found[i].start]
        if "," in join and _OPENING_CREDIT.match(text[: prev.start]):
            continue  # "Powered by FastVideo, FastWan-QAD ...": the comma closes the opening phrase
        if prev.baseline and _LIST_JOIN.match(join):
            found[i] = Mention(found[i].system, found[i].text, found[i].start, True)
    return found


def unknown_subject(sentence: str, lex: Lexicon) -> str | None:
    """A product-like name the registry does not know, standing as the sentence's subject."""
    m = _SUBJECT.match(sentence or "")
    if not m:
        return None
    words = m.group("name").split()
    while words and (words[0].lower() in _STARTERS or _SIZE.match(words[0])):
        words.pop(0)  # "The 1.3B model runs ..." names no system
    if not words or any(_SIZE.match(w) for w in words):
        return None
    while words and not _PRODUCT_SHAPE.search(words[-1]) and len(words) > 1:
        words.pop()  # "VidFlow Turbo runs" keeps both; "VidFlow Now runs" is odd enough to ignore
    name = " ".join(words)
    low = name.lower()
    lowered, _ = _tables(lex)
    if (
        not _PRODUCT_SHAPE.search(name)
        or low in lowered
        or low in lex.hardware
        or low in _NOT_A_SYSTEM
        or any(w.lower() in _NOT_A_SYSTEM or w.lower() in lex.hardware for w in words)
    ):
        return None
    return name


def _url_words(source: str) -> str:
    return re.sub(r"[/_?=&#:]+", " ", source)


# a method applied to a figure given before: "TeaCache brings that down to 1.5 s per frame"
_ONTO_EARLIER = re.compile(
    r"\b(?:brings?|brought|cuts?|reduces?|reduced|lowers?|lowered|drops?|dropped|speeds?|sped|pushe?s?|pushed)\s+"
    r"(?:that|this|it|these|those|the (?:time|speed|latency|figure|number))\b",
    re.I,
)


# a method the page's system supports or runs with: "we support teacache", "with TeaCache",
# "lightx2v LoRA acceleration", "Added Tea Cache support"
_APPLIED_BEFORE = re.compile(
    r"\b(?:support(?:s|ed|ing)?(?:\s+for)?|add(?:s|ed|ing)?|integrat\w+|with|using|via|enabl\w+|thanks to)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_APPLIED_AFTER = re.compile(r"^\W{0,2}\s*(?:\w+\s+)?(?:support|acceleration|accelerator|lora|integration)\b", re.I)


def _applied(sentence: str, x) -> bool:
    """`x` (a method) named as a feature the page's system supports or runs with."""
    return bool(_APPLIED_BEFORE.search(sentence[max(0, x.start - 40) : x.start])) or bool(
        _APPLIED_AFTER.search(sentence[x.start + len(x.text) : x.start + len(x.text) + 40])
    )


def _page_name(
    how: str, title: str | None, source: str | None, doc_text: str | None, lex: Lexicon
) -> Resolution | None:
    """The page's own name, as written, when the registry does not know its system."""
    from liveaudit.classifier.document_system import document_name

    if how not in ("unknown", "derived"):
        return None
    return Resolution(None, document_name(title, source, doc_text, lex), how)


def resolve(
    sentence: str,
    title: str | None,
    source: str | None,
    lex: Lexicon,
    doc_text: str | None = None,
    section: str | None = None,
) -> Resolution:
    """The system the sentence is about and the name it uses for it (either may be None).

    `section` is the system the heading above the sentence is named after ("### TeaCache for
    LTX-Video" in LTX-Video's README): it wins over the document's own system."""
    from liveaudit.classifier.document_system import document_system, row_head

    defined = acronyms(doc_text or sentence)
    found = mentions(sentence, lex, defined)
    objects = objects_of(sentence, found)
    subjects = [x for x in found if not x.baseline and x.start not in objects]
    known = [x for x in subjects if x.system]
    if len({x.system for x in known}) > 1:  # a row timing several systems: the document's own one is the claim's
        own, _ = document_system(title, source, doc_text, lex)
        mine = [x for x in known if x.system == section] or [x for x in known if x.system == own]
        # else the last one: a results row lists the baselines first and the proposed method last
        known = mine or (known[-1:] if sentence.count(";") >= 2 else known)
    if known and known[0].system in lex.methods and (_ONTO_EARLIER.search(sentence) or _applied(sentence, known[0])):
        own, how = document_system(title, source, doc_text, lex)
        if own and own not in lex.methods:  # the figure is the page's system's, sped up by the method
            return Resolution(own, None, how)
        if own is None and section is None and (page := _page_name(how, title, source, doc_text, lex)):
            return page  # a page the registry does not know
    if known:
        own, how = document_system(title, source, doc_text, lex)
        page = _page_name(how, title, source, doc_text, lex) if own is None else None
        if page and page.mention and re.search(rf"\b{re.escape(page.mention)}\b", sentence[: known[0].start]):
            return page  # "MonarchRT achieves 16 FPS ... with Self-Forcing": the page's own system, named first
        return Resolution(known[0].system, known[0].text, "sentence")
    if subjects:  # a longer or redefined name the registry does not know; an acronym binds to its expansion
        written = subjects[0].text
        known_name = written.lower() in _tables(lex)[0]  # "DSP" is a registry name whatever the page expands it to
        return Resolution(None, written if known_name else defined.get(written, written), "unknown")
    name = (
        unknown_subject(sentence, lex) or presented_name(sentence) or row_head(sentence, title, source, doc_text, lex)
    )
    if name:
        return Resolution(None, name, "unknown")
    if section:
        return Resolution(section, None, "section")
    system, how = document_system(title, source, doc_text, lex)
    if system is None and (page := _page_name(how, title, source, doc_text, lex)):
        return page  # the document names a system the registry does not know
    return Resolution(system, None, how if system else "none")


def resolve_system(
    sentence: str, title: str | None, source: str | None, lex: Lexicon, doc_text: str | None = None
) -> str | None:
    """The canonical system the sentence is about, or None when it cannot be told."""
    return resolve(sentence, title, source, lex, doc_text).system
