"""Who speaks in a sentence: `claim`, `report`, `quoted` or `none` (docs/evidence.md, LABELING.md).

    sentence_role("On my A100 I only get ~2.5 fps.", Speaker())        -> "report"
    sentence_role("On H100 we get 17 fps.", Speaker(vendor=True))      -> "claim"
    sentence_role("The README says 20.7 fps on H100.", Speaker())      -> "quoted"
    read_post(text, Speaker(...))   -> one RoleSentence per sentence, with the report's figures

A role is read from the sentence's cues and from who wrote it: a vendor (the system's own
maintainer or account) measuring its system makes a claim, anyone else saying what they got
when they ran it makes a report, a figure attributed to a paper/README/"you" is quoted,
hearsay, questions, plans and figure-less talk are none. A report keeps the figures of its
own clause ("the paper claims 20.7 FPS, but I get 1.2 FPS" reports 1.2), plus `frames`,
`outcome` (oom | failed | None) and setting notes (precision, compile, attention, steps);
its GPU comes from the post when the sentence names none and the post names exactly one (or,
naming several, exactly one as the author's own: "my card is an H20, slower than an H100"). A
bounded figure ("less than 20 fps", "more than an hour") keeps its direction in `hedge`.
Rules only: every cue is a regular expression below, so the behaviour is auditable and the
work is linear in the text. The version is stored on every evidence row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from liveaudit.classifier.figures import Figures, parse_figures
from liveaudit.classifier.numbers import normalize
from liveaudit.classifier.report_notes import derived_fps, frames_of, settings_of

VERSION = "roles-rules@2026-12-04.2"
ROLES = ("claim", "report", "quoted", "none")
THREAD_KINDS = frozenset({"issue_thread", "third_party", "forum", "discussion"})

_I = re.IGNORECASE
_FIRST = re.compile(r"\b(?:i|i'm|im|i've|i'd|my|me|mine|we|we're|we've|our|us)\b|我", _I)
_MEASURE = re.compile(
    r"\b(?:get|gets|got|getting|see|saw|seeing|measured?|measuring|tested|testing|ran|run|running|tried|trying|"
    r"reach(?:ed|ing)?|hit|hits|hitting|achiev(?:e|ed|ing)|clocked|benchmarked|profiled|observ(?:e|ed|ing)|"
    r"takes?|took|taking|generat(?:e|ed|es|ing)|managed|produc(?:e|ed|es|ing)|drops?|dropped|averag(?:e|ed|es|ing)|"
    r"sits?|stays?|land(?:s|ed)?|end(?:s|ed)? up|topp?(?:ed|s)? out|crash(?:es|ed)?|oom(?:s|ed)?|fails?|failed)\b|用时|耗时|跑|生成",
    _I,
)
_LEAD = re.compile(
    r"^\s*(?:\W*)(?:getting|got|seeing|same here|similar(?: here| on| with)?|same (?:for|on) me|here(?:'s| is| are)? (?:my|our|the) (?:numbers|results|timings)|"
    r"results?|measured|tested|tried|ran|took|on my|in my|for me|me too|also seeing|confirm(?:ed|ing)?)\b",
    _I,
)
_MINE = re.compile(
    r"\b(?:on|with|using) (?:my|our)\b|\bfor me\b|\b(?:gives?|gave|giving) (?:me|us)\b|\bin my (?:tests?|runs?|setup|experiments?|case)\b|\bmy (?:results?|numbers|timings|run)\b",
    _I,
)
_QUOTE = re.compile(
    r"\b(?:paper|readme|repo|project page|model card|blog(?: post)?|table|website|docs|documentation|announcement|abstract|"
    r"authors?|you|your|they|team|page|tweet|demo page)\b[^.;]{0,40}?\b(?:says?|said|claims?|claimed|states?|stated|"
    r"reports?|reported|lists?|listed|mentions?|mentioned|advertis(?:e|es|ed)|promis(?:e|es|ed)|shows?|showed|quotes?|quoted|gives?)\b"
    r"|\baccording to\b|\bas (?:stated|claimed|reported|mentioned|advertised|promised) (?:in|by|on)\b"
    r"|\b(?:claimed|advertised|reported|promised|stated|official|paper's|readme's|headline)\s+(?:\d|~|fps|speed|figure|number|performance|results?)"
    r"|\b(?:mentioned|reported|claimed|stated|listed) in the (?:paper|readme|table|blog)"
    r"|\b(?:per|from|in) the (?:docs|documentation|readme|paper|model card|blog post|project page)\b",
    _I,
)
_HEARSAY = re.compile(
    r"\b(?:i heard|i've heard|heard that|someone (?:said|says|told)|somebody said|people (?:say|said|report|claim)|"
    r"apparently|reportedly|rumou?red?|supposedly|(?:is|are|was|were) reported (?:at|to)|on (?:twitter|reddit|discord)\b|"
    r"\bmy (?:friend|colleague|buddy|coworker|co-worker)s?\b|听说|据说)",
    _I,
)
_EXPECT = re.compile(
    r"\b(?:should|would|could|might|expect(?:ed|ing|s)?|hop(?:e|ing)|wish|want(?:ed)?|need(?:s)? to|have to|has to|"
    r"supposed to|target(?:ing)?|aim(?:ing)?|plan(?:ning)?|will)\b|^\s*if\b",
    _I,
)
_CLAUSES = re.compile(
    r",\s*(?:but|while|whereas|yet|although|though)\s+|,\s*not\s+(?=(?:the|a|an)\s+\d|\d)|,\s*(?:which|that)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:higher|lower|slower|faster|more|less|above|below|under|over|worse)\b|,\s*(?:well|far|much|way|still)\s+(?:under|below|above|short|off|behind|less|slower|more)\b|;\s*|\s+but\s+|\s+(?:vs\.?|versus|compared (?:to|with)|against|"
    r"instead of|rather than|while|whereas)\s+|\s*\((?:vs\.?|versus|compared)\b"
    r"|\s+(?:much\s+|far\s+|way\s+|significantly\s+|a lot\s+)?(?:slower|faster|lower|higher|worse|less|more)\s+than\s+"
    r"(?<!\bless than )(?<!\bmore than )(?<!\bfewer than )"  # "less than 20 fps" is a bound, not a comparison
    r"|\s+(?:much\s+|far\s+|way\s+|significantly\s+|a lot\s+)(?:less|more)\s+than\s+",
    _I,
)
_SPEED = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:fps|f/s|it/s|s/it|frames? (?:per|a|/) ?s(?:ec(?:ond)?)?|ms\b|msec|s\b|secs?\b|seconds?|mins?\b|minutes?|hours?|hrs?\b|h\b)"
    r"|\b(?:fps|frame ?rate|latency|generation time|throughput)\b[^.]{0,20}\d"
    r"|(?:\d+|[一二三四五六七八九十两半]+)\s*(?:秒|分钟|分|小时|帧每秒)"
    r"|(?<![\w.])\d+(?:\.\d+)?\s*(?:x|×|times)\s+(?:faster|slower|longer|quicker|shorter|the speed)\b",
    _I,
)
_OOM = re.compile(r"\b(?:out of memory|outofmemoryerror|oom(?:s|ed|ing)?|ran out of (?:vram|memory))\b", _I)
_FAILED = re.compile(
    r"\b(?:crash(?:es|ed|ing)?|segfault\w*|fails? to (?:run|load|start)|failed to (?:run|load|start)|"
    r"does ?n[o']?t (?:run|start|load)|won'?t (?:run|start|load)|hangs? (?:at|forever)|cuda error)\b",
    _I,
)
_OUTPUT_SPEC = re.compile(
    r"\b(?:throttl\w*|capp?ed|limit(?:ed)?|set (?:it )?to)\b[^.;]{0,40}?\bto\s+~?\d+(?:\.\d+)?\s*fps|\b(?:output|playback|target|native|video)\s+(?:fps|frame ?rate)\b|\d+\s*fps\s+(?:output|video|playback)\b|^\W*settings?\s*:",
    _I,
)
# GPUs the shared lexicon lacks: masked before the figure reader (so "8 H800s" is not 8 hours) and named here
_OTHER_GPU = re.compile(
    r"\b(H800|H20|L20|A800|B300|GB300|RTX ?PRO ?6000|RTX ?6000 ?Ada|6000 Ada|A4000|A5000|"
    r"(?:RTX ?)?(?:20[6-8]0|30[5-7]0|40[6-7]0|50[6-8]0)(?: ?Ti)?(?: ?Super)?|RX ?\d{4}(?: ?XTX| ?XT)?)s?\b",
    _I,
)
_LIVE = re.compile(
    r"\breal[- ]?time\b|\bfaster than (?:real|playback|you can watch)|\bstream(?:s|ing)? at\b|\binteractive\b", _I
)
_PROGRESS = re.compile(r"\d+%\||\d+/\d+\s*\[|^\W*step\s+\d+\s*/\s*\d+|\bloading\b", _I)
# a profiler's line for one block or chunk of a stream ("Block 3 generation time: 760.64 ms")
_CHUNK_LOG = re.compile(r"^\W*(?:block|chunk)\s*#?\d+\b[^:]{0,40}\btime\b[^:]*:\s*\d", _I)
_RAN = re.compile(
    r"\b(?:i|we)\s+(?:have\s+)?(?:ran|run|tried|tested|profiled|benchmarked)\b.*\b(?:on|with) (?:my|our)\b", _I
)
_TABLE_HEAD = re.compile(r"\b(?:fps|latency|time|s/it|it/s|seconds?|throughput)\b", _I)
_VERB = re.compile(
    r"\b(?:takes?|took|taking|runs?|ran|gets?|got|reach(?:es|ed)?|gives?|gave|averages?|lands?|generates?|renders?|needs?)\b",
    _I,
)
_ONE_UNIT = re.compile(r"\b(?:an|one)\s+(hour|minute|second)\b", _I)  # "took more than an hour": 1 hour
_BOUNDS = ("under", "over", "at least")  # a report's hedge that makes its figure a bound ("less than 20 fps")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9@~*])")


@dataclass
class Speaker:
    """Who wrote the text: `vendor` when the author speaks for the system (maintainer or vendor account)."""

    vendor: bool = False
    author: str | None = None
    thread: bool = True  # a thread post; False: a vendor page, paper, README (their figures are claims)


@dataclass
class RoleSentence:
    index: int
    sentence: str
    role: str
    figures: dict = field(default_factory=dict)
    frames: int | None = None
    outcome: str | None = None
    settings: dict = field(default_factory=dict)
    gpu_from_post: bool = False
    log_line: bool = False


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, in_code) pairs: every line of a code/log block or a table row is one sentence."""
    out: list[tuple[str, bool]] = []
    code = False
    for raw in (text or "").split("\n"):
        line = raw.strip()
        if line.startswith("```"):
            code = not code
            continue
        if not line:
            continue
        if code or "|" in line or line.startswith(("[", "  -", "$ ")):
            out.append((line, code))
            continue
        out.extend((s.strip(), False) for s in _SENT.split(line) if s.strip())
    return out


def outcome_of(text: str) -> str | None:
    if _OOM.search(text):
        return "oom"
    if _FAILED.search(text):
        return "failed"
    return None


def _has_speed(text: str) -> bool:
    return bool(_SPEED.search(text))


def _first_hand(text: str) -> bool:
    return bool(_LEAD.search(text) or _MINE.search(text) or (_FIRST.search(text) and _MEASURE.search(text)))


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(text) if c and c.strip()]


def sentence_role(text: str, speaker: Speaker, post_first_hand: bool = False) -> tuple[str, str]:
    """(role, the text whose figures belong to it): see the module docstring."""
    speed, outcome = _has_speed(text) and not _PROGRESS.search(text), outcome_of(text)
    if not speed and not outcome:
        live = bool(_LIVE.search(text))
        if live and speaker.vendor and not text.rstrip().endswith("?"):
            return "claim", text
        if (
            live
            and speaker.thread
            and _QUOTE.search(text)
            and not _HEARSAY.search(text)
            and not text.rstrip().endswith("?")
        ):
            return "quoted", text
        if live and not speaker.thread:
            return "claim", text
        return "none", text
    if not speaker.thread:
        return ("quoted" if _QUOTE.search(text) and not _FIRST.search(text) else "claim") if speed else "none", text
    if _HEARSAY.search(text):
        return "none", text
    if speaker.vendor:
        return ("claim", text) if speed else ("none", text)
    whole = _first_hand(text)  # "I reproduced it on an A800, but the speed (4 FPS) was slower than you reported"
    mine = [
        c
        for c in _clauses(text)
        if (whole or _first_hand(c) or _measured(c)) and not _QUOTE.search(c) and (_has_speed(c) or outcome_of(c))
    ]
    if mine:
        if text.rstrip().endswith("?") and not re.search(r"\b(?:only|just|get|got|getting|took|takes)\b", text, _I):
            return "none", text
        return "report", " ; ".join(mine)
    if text.rstrip().endswith("?"):
        return "none", text  # a question, even one restating a figure (LABELING.md: questions are none)
    quoted = [c for c in _clauses(text) if _QUOTE.search(c) and _has_speed(c)]
    if quoted or (_QUOTE.search(text) and speed):
        return "quoted", text
    if _EXPECT.search(text):
        return "none", text
    if post_first_hand and (speed or outcome):
        return "report", text
    if outcome and (_first_hand(text) or figures_of(text).gpu is not None):
        return "report", text
    return "none", text


def figures_of(text: str) -> Figures:
    """The figure reader on `text`, with GPUs the lexicon lacks masked and then named."""
    other = [m.group(1) for m in _OTHER_GPU.finditer(text)]
    figures = parse_figures(_OTHER_GPU.sub("GPU", text))
    if other and figures.gpu is None:
        figures.gpu = re.sub(
            r"\s+", " ", other[0].upper().replace("TI", "Ti").replace("ADA", "Ada").replace("PRO", "PRO")
        )
        if not figures.gpu.startswith(("H", "L", "A", "B", "G", "RTX", "RX")):
            figures.gpu = "RTX " + figures.gpu
        # "four H800 GPUs" as "4 h800 gpus": counts in words are counts too
        count = re.search(r"(\d+)\s*[x×]?\s*" + re.escape(other[0].lower()), normalize(text))
        figures.gpu_count = int(count.group(1)) if count and 0 < int(count.group(1)) <= 1024 else 1
    return figures


def post_gpus(text: str) -> set[str]:
    parts = [p for s, _ in split_sentences(text) for p in re.split(r",|;|\band\b|\bor\b", s)]
    return {g for g in (figures_of(p).gpu for p in parts) if g}


def own_gpus(text: str) -> set[str]:
    """GPUs a post names in a first-person clause ("my card is an H20", "gives me 1 fps on an RTX 4080"):
    the author's own hardware, not one named for comparison ("slower than an H100") or hearsay."""
    out = set()
    for sentence, code in split_sentences(text):
        for clause in [] if code else _clauses(sentence):
            if (_FIRST.search(clause) or _MINE.search(clause)) and not _HEARSAY.search(clause):
                out |= post_gpus(clause)  # every GPU of the clause ("my H100 ... and my A100": two)
    return out


def _measured(sentence: str) -> bool:
    """A plain statement of a speed (on a named GPU, or with a verb of running): no quote, hearsay,
    question, plan, output spec or progress-bar line."""
    return (
        _has_speed(sentence)
        and not _QUOTE.search(sentence)
        and not _HEARSAY.search(sentence)
        and not sentence.rstrip().endswith("?")
        and not _EXPECT.search(sentence)
        and not _OUTPUT_SPEC.search(sentence)
        and not _PROGRESS.search(sentence)
        and (figures_of(sentence).gpu is not None or bool(_VERB.search(sentence)))
    )


def read_post(text: str, speaker: Speaker, start_index: int = 0) -> list[RoleSentence]:
    """Every sentence of a post with its role; reports carry figures, frames, outcome, settings."""
    return read_sentences(split_sentences(text), speaker, start_index)


def read_sentences(sentences: list[tuple[str, bool]], speaker: Speaker, start_index: int = 0) -> list[RoleSentence]:
    """`read_post` on a post already split into (sentence, in_code) pairs (the labels are split so)."""
    text = "\n".join(s for s, _ in sentences)
    prose = [s for s, code in sentences if not code]
    first_hand = (
        speaker.thread
        and not speaker.vendor
        and (
            any(
                (_first_hand(s) and (_has_speed(s) or outcome_of(s)) and not _QUOTE.search(s)) or _measured(s)
                for s in prose
            )
            # "I ran the official code on my H100" above a profile: the log's timings are the author's run
            or (any(_CHUNK_LOG.search(s) for s, code in sentences if code) and any(_RAN.search(s) for s in prose))
        )
    )
    gpus = post_gpus(text) if first_hand else set()
    if len(gpus) != 1 and speaker.thread and not speaker.vendor:
        gpus = own_gpus(text) or gpus  # several or none: the author's own ("my card is an H20"), when one
    out = []
    heading_gpu = None  # "H100:" above a list of results names the GPU of the items under it
    table_unit = None
    for i, (sentence, code) in enumerate(sentences):
        if sentence.rstrip().endswith(":") and len(sentence) < 60:
            heading_gpu = figures_of(sentence).gpu
        if "|" in sentence and _TABLE_HEAD.search(sentence) and not re.search(r"\d", sentence.split("|")[-1]):
            table_unit = _TABLE_HEAD.search(sentence).group(0).lower()  # a header row: its rows' numbers are speeds
            out.append(RoleSentence(start_index + i, sentence, "none", log_line=code))
            continue
        role, own = sentence_role(_ONE_UNIT.sub(r"1 \1", sentence), speaker, first_hand)
        if (
            role == "none"
            and table_unit
            and "|" in sentence
            and re.search(r"\d", sentence)
            and speaker.thread
            and not speaker.vendor
        ):
            role, own = "report", sentence.rsplit("|", 1)[0] + f"| {sentence.rsplit('|', 1)[1].strip()} {table_unit}"
        if role == "report" and _OUTPUT_SPEC.search(sentence) and not outcome_of(sentence):
            role = "none"  # "16 fps output" is the clip's spec, not a speed
        chunk_log = code and role == "report" and bool(_CHUNK_LOG.search(sentence))
        if (
            code
            and role == "report"
            and not chunk_log
            and not (outcome_of(sentence) or re.search(r"\bfps\b|frames?/s|total|end[- ]to[- ]end", sentence, _I))
        ):
            role = "none"  # a log line of per-step timings is detail, not a figure for the run
        item = RoleSentence(start_index + i, sentence, role, log_line=code)
        if role in ("report", "claim", "quoted"):
            figures = figures_of(own)
            item.figures = figures.to_dict()
            if chunk_log:  # "Block 3 generation time: 760.64 ms": one block's time (verdicts/others.chunk_points)
                item.figures["latency_type"] = "per_chunk"
            item.frames = frames_of(own)
            item.outcome = outcome_of(own) if role == "report" else None
            item.settings = settings_of(sentence, figures)
            if role == "report" and figures.hedge in _BOUNDS:
                item.figures["hedge"] = figures.hedge  # "less than 20 fps": a bound, kept with its direction
            if role == "report" and not figures.gpu and (heading_gpu or len(gpus) == 1):
                item.figures["gpu"] = heading_gpu or next(iter(gpus))
                item.figures["gpu_count"] = item.figures.get("gpu_count") or 1
                item.gpu_from_post = True
            if role == "report" and (fps := derived_fps(item.frames, item.figures)) is not None:
                item.figures["fps_derived"] = fps
        out.append(item)
    return out


def role_keys(sentence: str, speaker: Speaker | None = None, kind: str | None = None) -> dict:
    """`role`, `frames`, `outcome` of one sentence, for `liveaudit extract --json` (a page, not a thread, by default).

    On a page that is not a thread, a sentence the claim classifier tagged (`kind` not none) is the
    page's own claim unless it quotes someone else."""
    speaker = speaker or Speaker(thread=False)
    role, own = sentence_role(sentence, speaker)
    if role == "none" and not speaker.thread and kind not in (None, "none"):
        role = "claim"
    return {
        "role": role,
        "frames": frames_of(own) if role != "none" else None,
        "outcome": outcome_of(own) if role == "report" else None,
    }


def thread_keys(thread: dict, vendor_posts: bool = True) -> dict[str, dict]:
    """Sentence -> role keys for every sentence of a thread's posts (a maintainer badge speaks for the vendor)."""
    out: dict[str, dict] = {}
    for post in thread.get("posts", []):
        speaker = Speaker(vendor=vendor_posts and bool(post.get("maintainer")), author=post.get("author"))
        for s in read_post(post.get("text") or "", speaker):
            out.setdefault(
                re.sub(r"\s+", " ", s.sentence).strip(), {"role": s.role, "frames": s.frames, "outcome": s.outcome}
            )
    return out
