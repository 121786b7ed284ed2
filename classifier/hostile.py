"""A generated corpus of hostile inputs: what an attacker or a broken site puts in a page.

    for case in corpus():          # 300+ cases, deterministic (seeded), nothing on disk
        case.name, case.kind, case.suffix, case.body
    write_corpus(folder)           # the same cases as files, for `liveaudit extract`

Kinds: malformed and huge HTML, entity floods, deep nesting, bad encodings, disguised
binaries, ReDoS-shaped text (aimed at the regexes of segment.py, figures.py, systems.py
and the spaCy matchers), Unicode tricks and fuzzed Markdown. Sizes go up to a few MB so
super-linear work shows; `corpus(small=True)` keeps every case under 200 KB for quick
runs. The tests (tests/classifier/test_hostile.py) and `liveaudit bench extract` use it.
"""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

from liveaudit.classifier.hostile_text import CLAIM, Case, markdown_cases, page, redos_cases, unicode_cases

KINDS = (
    "malformed_html",
    "huge",
    "entity_flood",
    "deep_nesting",
    "bad_encoding",
    "binary",
    "redos",
    "unicode",
    "fuzzed_markdown",
)


def _malformed(rng: random.Random) -> list[Case]:
    n = 60_000
    soups = {
        "unclosed-tags": "<div><p><b><i>" * n,
        "lt-flood": "<" * (4 * n),
        "lt-letter-flood": "<a" * (2 * n),
        "unclosed-comment": "<!--" * n,
        "comment-dash-flood": "<!--" + "-" * (4 * n),
        "unclosed-script": f"<p>{CLAIM}</p><script>" + "var a='<p>';" * n,
        "unclosed-attr": f'<p>{CLAIM}</p><a href="' + "x" * (4 * n),
        "attr-flood": "<p " + " a=b" * n + ">" + CLAIM + "</p>",
        "cdata-flood": "<![CDATA[" * n,
        "doctype-flood": "<!doctype " * n,
        "pi-flood": "<?x " * n,
        "close-flood": "</div>" * n + CLAIM,
        "bang-flood": "<!" * (2 * n),
        "amp-lt-mix": "&<&<&<" * n,
        "table-soup": "<table><tr><td>" * (n // 4) + CLAIM,
        "pre-unclosed": "<pre>" * n + CLAIM,
        "title-unclosed": "<title>" + "t" * (4 * n),
        "nul-in-tags": "<p\x00 class=\x00>" * n + CLAIM,
    }
    out = [Case(f"malformed-{k}", "malformed_html", ".html", page(v).encode()) for k, v in soups.items()]
    tags = [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<li>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "<pre>",
        "</pre>",
        "<h2>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<",
        ">",
        "&",
        '"',
        "'",
        "=",
        " ",
        CLAIM,
        "text",
    ]
    for i in range(30):
        size = rng.choice([200, 2_000, 20_000])
        out.append(
            Case(
                f"malformed-random-{i}",
                "malformed_html",
                ".html",
                page("".join(rng.choice(tags) for _ in range(size))).encode(),
            )
        )
    return out


def _huge() -> list[Case]:
    sentence = "The team reports 17 fps at 832x480 on a single H100 with four denoising steps. "
    return [
        Case("huge-no-punctuation", "huge", ".txt", ("word " * 230_000).encode()),  # 1.15 MB, no sentence end
        Case("huge-one-line", "huge", ".txt", ("realtime" * 650_000).encode()),  # 5.2 MB, one token
        Case("huge-many-sentences", "huge", ".txt", (sentence * 42_000).encode()),  # 3.3 MB
        Case("huge-html-paragraphs", "huge", ".html", page(f"<p>{sentence}</p>" * 30_000).encode()),
        Case("huge-html-one-paragraph", "huge", ".html", page("<p>" + sentence * 30_000 + "</p>").encode()),
        Case(
            "huge-markdown-table",
            "huge",
            ".md",
            ("| model | fps | gpu |\n|---|---|---|\n" + "| Acme | 24 fps | H100 |\n" * 60_000).encode(),
        ),  # 1.4 MB
        Case("huge-markdown-one-row", "huge", ".md", ("| " + "24 fps | " * 150_000 + "\n").encode()),
        Case("huge-lines", "huge", ".txt", ("x\n" * 1_500_000).encode()),
        Case("huge-blank-lines", "huge", ".md", ("\n" * 3_000_000 + CLAIM).encode()),
        Case("huge-list", "huge", ".md", ("- real-time streaming at 30 fps\n" * 60_000).encode()),
    ]


def _entities() -> list[Case]:
    floods = {
        "amp": "&amp;" * 100_000,  # 500 KB
        "amp-bare": "&" * 300_000,
        "amp-words": "&amp " * 100_000,
        "numeric": "&#65;" * 100_000,
        "hex": "&#x41;" * 100_000,
        "escape": "&#27;",  # one control character: it once emptied the whole page
        "bell": "&#7;" * 20,
        "soh": "&#1;",
        "nul-ref": "&#0;" * 50,
        "huge-number": "&#99999999999999999999;" * 20_000,
        "surrogate-ref": "&#xD800;" * 20_000,
        "named-unknown": "&notanentity;" * 40_000,
        "unterminated": "&#" * 200_000,
        "nbsp": "&nbsp;" * 100_000,
        "lt-gt": "&lt;p&gt;" * 60_000,
    }
    out = []
    for k, v in floods.items():
        out.append(
            Case(f"entity-{k}", "entity_flood", ".html", page(f"<p>{CLAIM}</p><p>{v}</p><p>{CLAIM}</p>").encode())
        )
        out.append(
            Case(f"entity-{k}-in-attr", "entity_flood", ".html", page(f'<p title="{v[:100_000]}">{CLAIM}</p>').encode())
        )
    out.append(Case("entity-control-raw", "entity_flood", ".html", page(f"<p>{CLAIM}\x1b[31m\x07\x01</p>").encode()))
    out.append(Case("entity-markdown-amp", "entity_flood", ".md", ("&amp;" * 200_000).encode()))
    return out


def _nesting() -> list[Case]:
    out = []
    for depth in (100, 255, 257, 300, 1_000, 5_000, 50_000):
        for tag in ("div", "span", "b"):
            body = f"<{tag}>" * depth + f"<p>{CLAIM}</p>" + f"</{tag}>" * depth
            out.append(Case(f"nesting-{tag}-{depth}", "deep_nesting", ".html", page(body).encode()))
    out.append(Case("nesting-unclosed-100000", "deep_nesting", ".html", page("<div>" * 100_000 + CLAIM).encode()))
    out.append(Case("nesting-quotes-md", "deep_nesting", ".md", (">" * 50_000 + " " + CLAIM + "\n").encode()))
    out.append(
        Case(
            "nesting-lists-md",
            "deep_nesting",
            ".md",
            "".join("  " * i + f"- level {i} {CLAIM}\n" for i in range(2_000)).encode(),
        )
    )
    out.append(Case("nesting-brackets-md", "deep_nesting", ".md", ("[" * 50_000 + CLAIM + "]" * 50_000).encode()))
    out.append(
        Case(
            "nesting-tables",
            "deep_nesting",
            ".html",
            page("<table><tr><td>" * 400 + CLAIM + "</td></tr></table>" * 400).encode(),
        )
    )
    return out


def _encodings() -> list[Case]:
    text = page(f"<p>{CLAIM} Ünïcödé — “quoted” 日本語.</p>")
    md = f"# Encoded\n\n{CLAIM} Ünïcödé — “quoted”.\n"
    out = []
    for codec, bom in (
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
        ("utf-8", b"\xef\xbb\xbf"),
    ):
        out.append(Case(f"encoding-{codec}-bom", "bad_encoding", ".html", bom + text.encode(codec)))
        out.append(Case(f"encoding-{codec}-bom-md", "bad_encoding", ".md", bom + md.encode(codec)))
        out.append(Case(f"encoding-{codec}-bom-txt", "bad_encoding", ".txt", bom + md.encode(codec)))
    for codec in ("utf-16-le", "utf-16-be"):
        out.append(Case(f"encoding-{codec}-no-bom", "bad_encoding", ".html", text.encode(codec)))
        out.append(Case(f"encoding-{codec}-no-bom-md", "bad_encoding", ".md", md.encode(codec)))
    for declared, actual in (
        ("iso-8859-1", "utf-8"),
        ("utf-8", "cp1252"),
        ("shift_jis", "utf-8"),
        ("koi8-r", "utf-8"),
        ("x-unknown-charset", "utf-8"),
        ("utf-16", "utf-8"),
        ("utf-7", "utf-8"),
        ("", "cp1252"),
    ):
        declared_page = text.replace("charset=utf-8", f"charset={declared}")
        out.append(
            Case(
                f"encoding-declared-{declared or 'none'}-is-{actual}",
                "bad_encoding",
                ".html",
                declared_page.encode(actual, errors="replace"),
            )
        )
    bad = {
        "invalid-utf8": b"\xff\xfe\xfa\xc3\x28" * 1000,
        "overlong": b"\xc0\xaf\xe0\x80\xaf" * 1000,
        "cesu-surrogates": b"\xed\xa0\x80\xed\xb0\x80" * 1000,
        "truncated-multibyte": b"\xe6\x97" * 1000,
        "bom-then-latin1": b"\xef\xbb\xbf" + "caf\xe9 ".encode("latin-1") * 1000,
        "utf16-bom-odd-length": b"\xff\xfe" + CLAIM.encode("utf-16-le") + b"\x41",
        "double-bom": b"\xff\xfe\xff\xfe" + CLAIM.encode("utf-16-le"),
        "utf16-bom-garbage": b"\xff\xfe" + bytes(range(256)) * 100,
    }
    for k, v in bad.items():
        out.append(Case(f"encoding-{k}", "bad_encoding", ".html", page(f"<p>{CLAIM}</p>").encode() + v))
        out.append(Case(f"encoding-{k}-txt", "bad_encoding", ".txt", CLAIM.encode() + v))
    return out


def _png() -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 16 for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _binaries(rng: random.Random) -> list[Case]:
    blobs = {
        "png": _png(),
        "gzip": b"\x1f\x8b\x08\x00" + zlib.compress(CLAIM.encode() * 1000),
        "zip": b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(4000)),
        "elf": b"\x7fELF\x02\x01\x01" + bytes(4000),
        "pdf": b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(4000)),
        "random": bytes(rng.getrandbits(8) for _ in range(100_000)),
        "nul-flood": bytes(200_000),
        "nul-then-text": bytes(8) + CLAIM.encode(),
        "text-then-nul": CLAIM.encode() + bytes(100),
        "sqlite": b"SQLite format 3\x00" + bytes(4000),
        "pickle": b"\x80\x04\x95" + bytes(rng.getrandbits(8) for _ in range(1000)),
    }
    out = []
    for k, v in blobs.items():
        for suffix in (".html", ".md", ".txt"):
            out.append(Case(f"binary-{k}{suffix.replace('.', '-')}", "binary", suffix, v))
    out.append(Case("binary-in-html-body", "binary", ".html", page(f"<p>{CLAIM}</p>").encode() + _png()))
    return out


def corpus(seed: int = 23, small: bool = False) -> list[Case]:
    """Every hostile case, in a fixed order; `small` drops the cases over 200 KB."""
    rng = random.Random(seed)
    cases = (
        _malformed(rng)
        + _huge()
        + _entities()
        + _nesting()
        + _encodings()
        + _binaries(rng)
        + redos_cases()
        + unicode_cases(rng)
        + markdown_cases(rng)
    )
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "hostile case names must be unique"
    return [c for c in cases if not small or len(c.body) <= 200_000]


def write_corpus(folder: Path, cases: list[Case] | None = None) -> list[Path]:
    """Write the cases as files named after them; returns the paths in corpus order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases if cases is not None else corpus():
        path = folder / case.filename
        path.write_bytes(case.body)
        paths.append(path)
    return paths
