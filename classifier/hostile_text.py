"""The hostile corpus's case record and its text-level cases: ReDoS-shaped text (aimed at the
regexes of segment.py, figures.py, systems.py and the spaCy matchers), Unicode tricks and fuzzed
Markdown. hostile.py assembles the whole corpus from these and its markup and byte cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CLAIM = "Acme Stream generates video in real time at 24 fps on one H100."


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    suffix: str  # .html | .md | .txt | ...
    body: bytes

    @property
    def filename(self) -> str:
        return f"{self.name}{self.suffix}"


def page(body: str, title: str = "Hostile page") -> str:
    return f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>"


def redos_cases() -> list[Case]:
    n = 50_000
    texts = {
        "image-brackets": "![" * n,
        "link-brackets": "[a](" * n,
        "link-no-close": "[" + "a" * (4 * n),
        "ref-links": "[a][" * n,
        "bold-flood": "**a" * n,
        "underscore-flood": "__a " * n,
        "star-flood": "*" * (4 * n),
        "star-word": "*a " * n,
        "backticks": "`" * (4 * n),
        "backtick-words": "`a " * n,
        "html-lt": "<a" * n,
        "html-comment": "<!--" * n,
        "pipes": "|" * (4 * n),
        "pipe-cells": "| a " * n,
        "table-sep": "|" + "---|" * n,
        "dashes": "- " * (2 * n),
        "heading-hashes": "#" * (4 * n),
        "heading-spaces": "# " + " " * (4 * n) + "#",
        "quote-gt": "> " * (2 * n),
        "digits": "1" * (4 * n),
        "dotted-number": "1." * (2 * n),
        "comma-number": "1," * (2 * n),
        "x-resolution": "1x" * (2 * n),
        "times-flood": "2x " * n,
        "fps-flood": "30 fps " * n,
        "unit-flood": "1 s 2 ms " * n,
        "resolution-chain": "832x480x" * n,
        "numbers-spaces": "1 " * (2 * n),
        "compared-to": "compared to " * n,
        "than-flood": "faster than " * n,
        "system-names": "StreamDiffusion Self-Forcing CausVid " * (n // 4),
        "system-dashes": "Self-Forcing-" * n,
        "gpu-flood": "H100 A100 RTX 4090 " * (n // 4),
        "hedge-flood": "up to about nearly " * (n // 4),
        "real-time-flood": "real-time " * n,
        "hyphen-chain": "real-" * n,
        "capital-run": "A" * (3 * n) + " (AB)",  # an acronym definition after a huge word (systems.py)
        "capital-words": "Abc-Def " * n + "(AD)",
        "whitespace": " \t" * (2 * n) + CLAIM,
        "newline-carriage": "\r" * (4 * n) + CLAIM,
        "mixed-punct": ".!?" * n,
        "ellipsis": "." * (4 * n),
        "url-flood": "http://" * n,
        "at-signs": "@a" * n,
        "indent-code": "    code\n" * n,
        "fence-flood": "```\n" * n,
        "setext": "text\n===\n" * n,
    }
    out = []
    for k, v in texts.items():
        out.append(Case(f"redos-{k}", "redos", ".md", (v + "\n" + CLAIM + "\n").encode()))
        out.append(Case(f"redos-{k}-html", "redos", ".html", page("<p>" + v.replace("<", "&lt;") + "</p>").encode()))
    return out


def unicode_cases(rng: random.Random) -> list[Case]:
    tricks = {
        "rtl-override": "\u202e" + CLAIM + "\u202c",
        "zero-width": "\u200b".join(CLAIM),
        "zwj-flood": "\u200d" * 200_000,
        "combining": "a" + "\u0301" * 200_000,
        "zalgo": "".join(c + "\u0336\u0317\u0358" for c in CLAIM * 2000),
        "line-separators": ("\u2028" + CLAIM) * 2000,
        "paragraph-separators": ("\u2029" * 10 + CLAIM) * 2000,
        "fullwidth-digits": "Runs at \uff12\uff14 fps on one H100. " * 2000,
        "superscripts": "Runs at 2\u2074 fps on one H100\u00b2. " * 2000,
        "homoglyphs": "Rеаl-tіmе vіdео аt 24 fрs." * 2000,  # Cyrillic letters
        "emoji": "\U0001f680\U0001f525" * 100_000,
        "noncharacters": "\uffff\ufffe\U0010ffff" * 20_000,
        "private-use": "\ue000" * 100_000,
        "tags-block": "\U000e0041" * 50_000,
        "bidi-isolates": ("\u2066\u2067\u2068" + CLAIM + "\u2069") * 2000,
        "nbsp-spaces": CLAIM.replace(" ", "\u00a0") * 2000,
        "math-digits": "Runs at \U0001d7d0\U0001d7d2 fps. " * 2000,
        "control-c1": "\x85\x9b31m" * 20_000 + CLAIM,
        "escape-sequences": "\x1b[2J\x1b]0;pwned\x07" * 20_000 + CLAIM,
        "variation-selectors": "a\ufe0f" * 100_000,
        "bom-inside": ("\ufeff" + CLAIM) * 2000,
        "replacement-chars": "\ufffd" * 100_000,
        "rich-markup": "[bold red]x[/] [/x] [link=javascript:alert(1)]y[/link] " * 2000 + CLAIM,
    }
    out = []
    for k, v in tricks.items():
        out.append(Case(f"unicode-{k}", "unicode", ".md", v.encode("utf-8", "surrogatepass")))
        out.append(
            Case(f"unicode-{k}-html", "unicode", ".html", page("<p>" + v + "</p>").encode("utf-8", "surrogatepass"))
        )
    for i in range(10):
        chars = "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(20_000))
        out.append(Case(f"unicode-random-{i}", "unicode", ".md", chars.encode("utf-8", "replace")))
    return out


def markdown_cases(rng: random.Random) -> list[Case]:
    tokens = [
        "#",
        "##",
        "- ",
        "* ",
        "1. ",
        "> ",
        "|",
        "---",
        "```",
        "~~~",
        "    ",
        "[",
        "]",
        "(",
        ")",
        "![",
        "**",
        "__",
        "*",
        "_",
        "`",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "\n",
        "\n\n",
        "\t",
        "===",
        "fps",
        "24",
        "H100",
        "real-time",
        "x",
        ".",
        "!",
        CLAIM,
        "&amp;",
        "\\",
        "|---|---|",
        "| a | b |",
    ]
    out = []
    for i in range(60):
        size = rng.choice([100, 1_000, 10_000, 50_000])
        out.append(
            Case(
                f"markdown-fuzz-{i}",
                "fuzzed_markdown",
                ".md",
                "".join(rng.choice(tokens) for _ in range(size)).encode(),
            )
        )
    return out
