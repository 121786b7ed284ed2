"""Text normalization before figures are read: case, dashes, the times sign, numbers in words.

`normalize("Four sampling steps on a single H100")` gives
"4 sampling steps on 1 h100". Offsets are not kept: figures are values, and the
sentence itself is stored beside them.
"""

from __future__ import annotations

import re

# a written number as the figure regexes match it: 1,024 / 3.5 / .5
NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# words that stand for a count of one or two before hardware or steps
COUNT_WORDS = {"single": 1, "a single": 1, "one single": 1, "dual": 2, "a pair of": 2, "a couple of": 2, "a dozen": 12}

_TENS_UNITS = re.compile(
    r"\b(" + "|".join(TENS) + r")[- ](" + "|".join(k for k in UNITS if UNITS[k] and UNITS[k] < 10) + r")\b"
)
_SIMPLE = re.compile(r"\b(" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")\b")
_HUNDRED = re.compile(r"\b(\d+) hundred\b")
_COUNT = re.compile(r"\b(" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True)) + r")\b")
_PHRASES = (
    (re.compile(r"\bhalf (?:a|one) second\b"), "0.5 seconds"),
    (
        re.compile(
            r"\b(under|less than|within|below|in|about|around|roughly|approximately|nearly|over) (?:a|an|one) (second|minute|hour)\b"
        ),
        r"\1 1 \2",
    ),
    (re.compile(r"\b(?:a|one)[- ](minute|hour|second)[- ]long\b"), r"1-\1-long"),
    (re.compile(r"(?<![\w-])(minute|hour)[- ]long\b"), r"1-\1-long"),
    (re.compile(r"\bmilli-?seconds?\b"), "ms"),
    (re.compile(r"\b(?:a|one) (minute|second|hour) of\b"), r"1 \1 of"),
    (re.compile(r"\btwice\b"), "2x"),
    # "30fps+", "30+ fps": a lower bound, as "over 30 fps" reads
    (re.compile(r"(?<![\w.])(" + NUM + r")\s*(fps|frames per second)\s*\+"), r"over \1 \2"),
    (re.compile(r"(?<![\w.])(" + NUM + r")\s*\+\s*(fps|frames per second)\b"), r"over \1 \2"),
    # "117.7 e2e fps", "steady fps (p50): 125.7": what the rate measures, between the number and its unit
    (
        re.compile(
            r"(?<=\d) (?:e2e|dit|end-to-end|steady(?:-state)?|sustained|effective|average|avg|mean|actual) (?=fps\b)"
        ),
        " ",
    ),
    (re.compile(r"\bfps \((?:p\d+|median|mean|avg|average|steady[\w -]*)\)\s*:"), "fps:"),
    (re.compile(r"\b(?:generated\s+)?(?:video\s+)?frames/s\s*:"), "fps:"),
    (
        re.compile(r"\s*[\u2191\u2193]+(?=\s*:)"),
        "",
    ),  # a header's "lower is better" arrow: "Latency (s)↓: 958"  # a "Generated frames/s: 0.97" cell
    (re.compile(r"\b(?:nvidia )?tesla (?=[vpatk]\d)"), "nvidia "),  # "an nvidia tesla v100" is one v100
    # "sub-5-second latency" bounds a time as "sub-second" does; "1.8 seconds of generation" is a time taken
    (re.compile(r"\bsub-(" + NUM + r")[- ](second|minute|millisecond)s?\b"), r"under \1 \2s"),
    (
        re.compile(
            r"(?<![\w.])(" + NUM + r")\s*(s|secs?|seconds?) of (?:generation|inference|sampling|denoising|compute)\b"
        ),
        r"takes \1 \2",
    ),
    # "~60min04s", "1min 30s": minutes and seconds in one figure
    (re.compile(r"(?<![\w.])(\d+)\s*min\s*(\d{1,2})\s*s\b"), lambda m: f"{int(m[1]) * 60 + int(m[2])} s"),
    # "FPS increased 1.77 -> 2.54": the rate it reached
    (
        re.compile(
            r"\bfps\s+(?:increased|improved|rose|went up|grew|jumped)\s+(?:from\s+)?("
            + NUM
            + r")\s*(?:\u2192|->|to)\s*("
            + NUM
            + r")"
        ),
        r"reaches \2 fps (up from \1)",
    ),
)
_DASHES = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00d7": "x",
        "\u2715": "x",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2248": "~",
        "\u223c": "~",
        "\u2019": "'",
    }
)


def normalize(text: str) -> str:
    """Lowercase `text`, unify dashes and signs, and write numbers in words as digits."""
    t = text.translate(_DASHES).lower()
    for pattern, repl in _PHRASES:
        t = pattern.sub(repl, t)
    t = _TENS_UNITS.sub(lambda m: str(TENS[m.group(1)] + UNITS[m.group(2)]), t)
    t = _SIMPLE.sub(lambda m: str(UNITS.get(m.group(1), TENS.get(m.group(1)))), t)
    t = _HUNDRED.sub(lambda m: str(int(m.group(1)) * 100), t)
    t = _COUNT.sub(lambda m: str(COUNT_WORDS[m.group(1)]), t)
    return t


def to_float(raw: str) -> float | None:
    """'1,200' -> 1200.0, '.5' -> 0.5; None when it is not a number."""
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None
