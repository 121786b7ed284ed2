"""`liveaudit extract`: claims of files or web pages, without the store.

Reads each input (a path, or an http(s) URL fetched once with a size and time limit),
decodes it (decode.py: byte-order mark, then declared charset, replacement characters,
never refused as binary unless it is a known binary format), turns HTML into text
(html.py, nothing executed or rendered), and returns one dict per claim with exactly the
keys of `pipeline.EXTRACT_KEYS`. `extract_all` goes on past a bad input and reports, per
input, its error (one line naming it) and what the caps cut.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from liveaudit import __version__ as _version
from liveaudit import config
from liveaudit.classifier.decode import decode, known_binary
from liveaudit.classifier.html import clean_controls, html_to_text
from liveaudit.classifier.limits import Limits
from liveaudit.classifier.pipeline import Classifier
from liveaudit.classifier.role import thread_keys
from liveaudit.errors import InputError, LiveauditError
from liveaudit.threads import parse_thread, parsel_available

_HTML_SNIFF = re.compile(r"^\s*(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HEADING = re.compile(r"^ {0,3}# +(\S.{0,300})$", re.M)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I | re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~).*?(?:^\s{0,3}\1[^\n]*$|\Z)", re.M | re.S)


@dataclass
class Input:
    """One input read as text: what the classifier gets, and what was cut on the way."""

    name: str
    text: str
    title: str | None
    notes: list[str] = field(default_factory=list)
    raw: str | None = None  # the decoded HTML (None for other formats), which the thread reader needs


def _fetch(url: str, limit: int, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": f"liveaudit/{_version} (extract)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 - http(s) only, checked by the caller
            body = resp.read(limit + 1)
            ctype = resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError("E602", input=url, reason=f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InputError("E602", input=url, reason=str(getattr(exc, "reason", exc))) from None
    return body, ctype


def check_input(item: str) -> None:
    """Raise E202/E603 for an input that cannot be read at all (a usage error, before any work)."""
    if re.match(r"^https?://", item, re.I):
        return
    if "://" in item:
        raise InputError("E603", input=item, reason="only http and https URLs are fetched")
    if not Path(item).is_file():
        raise InputError("E202", input=item)


def read_input(item: str, budget=None) -> Input:
    """`item` (a path or URL) as text; HTML is converted, Markdown and text kept."""
    check_input(item)
    limit = int(config.get("CLASSIFY_MAX_BYTES"))
    notes = []
    if re.match(r"^https?://", item, re.I):
        body, ctype = _fetch(item, limit, float(config.get("CLASSIFY_FETCH_TIMEOUT")))
    else:
        ctype = ""
        with open(item, "rb") as fh:
            body = fh.read(limit + 1)
    if len(body) > limit:
        body = body[:limit]
        notes.append(f"read up to {limit:,} bytes (CLASSIFY_MAX_BYTES); the rest was cut")
    binary = known_binary(body)
    if binary:
        raise InputError("E606", input=item, reason=f"binary content ({binary})")
    text, problem = decode(body, ctype)
    if problem:
        notes.append(problem)
    suffix = Path(item.split("?")[0]).suffix.lower()
    is_html = "html" in ctype.lower() or suffix in (".html", ".htm", ".xhtml") or bool(_HTML_SNIFF.match(text[:2048]))
    if is_html:
        raw = text
        text, title = html_to_text(text, budget.check if budget else None)
        return Input(item, text, title, notes, raw)
    text = clean_controls(text)
    return Input(item, text, markdown_title(text[:100_000]), notes)


# a blog post's front matter (Hugo's TOML "+++", Jekyll's YAML "---") names its title
_FRONT_TITLE = re.compile(r"\A\s*(\+\+\+|---)\s*\n(?:(?!\1).*\n){0,40}?\s*title\s*[=:]\s*[\"']?([^\"'\n]{1,300})", re.M)


def markdown_title(text: str) -> str | None:
    """The title of a Markdown text: its front matter's `title`, else the first level-1 heading,
    `# Title` outside code fences or `<h1>` (a `# comment` line inside a fenced shell block is no title)."""
    if front := _FRONT_TITLE.match(text):
        return " ".join(front.group(2).split()) or None
    unfenced = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = [m for m in (_HEADING.search(unfenced), _H1.search(unfenced)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    title = re.sub(r"<[^>]+>", " ", first.group(1)).rstrip().rstrip("#")
    return " ".join(title.split()) or None


def _thread_roles(outcome: Outcome, raw: str, budget) -> None:
    """A thread: who wrote each sentence decides its role (claim / report / quoted / none)."""
    try:
        thread = parse_thread(raw, outcome.input)
        budget.check("reading the thread")
    except LiveauditError as exc:
        outcome.error, outcome.claims = exc, []
        return
    except Exception as exc:  # noqa: BLE001 - the claims stand without roles; say why
        outcome.notes.append(f"thread structure not read ({type(exc).__name__})")
        return
    if not thread or not thread["posts"]:
        return
    roles = thread_keys(thread)
    for found in outcome.claims:
        found.update(
            roles.get(re.sub(r"\s+", " ", found["sentence"]).strip(), {"role": "none", "frames": None, "outcome": None})
        )


@dataclass
class Outcome:
    """One input of `extract_all`: its claims (JSON dicts), notes, or error."""

    input: str
    claims: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: LiveauditError | None = None


def extract_all(inputs: list[str], classifier: Classifier | None = None) -> list[Outcome]:
    """Every input's claims, or its error; a bad input never stops the others."""
    clf = classifier or Classifier()
    limits = Limits.from_config()
    out = []
    for item in inputs:
        outcome = Outcome(item)
        budget = limits.budget(item)
        try:
            read = read_input(item, budget)
            outcome.notes.extend(read.notes)
            result = clf.documents([(read.text, read.title, item)], limits=limits, budget=budget)[0]
        except LiveauditError as exc:
            outcome.error = exc
        except Exception as exc:  # noqa: BLE001 - one hostile file must not sink the run; say which
            outcome.error = InputError("E606", input=item, reason=f"could not be read ({type(exc).__name__}: {exc})")
        else:
            outcome.notes.extend(result.notes + ([result.voice] if result.voice else []))
            outcome.error = result.error
            outcome.claims = [c.extract_json(item) for c in result.claims]
            if read.raw and outcome.claims and parsel_available():
                _thread_roles(outcome, read.raw, budget)
        out.append(outcome)
    return out


def extract(inputs: list[str], classifier: Classifier | None = None) -> list[dict]:
    """One dict per claim found in the inputs, in input and sentence order; raises the first input's error."""
    out = []
    for outcome in extract_all(inputs, classifier):
        if outcome.error is not None:
            raise outcome.error
        out.extend(outcome.claims)
    return out
