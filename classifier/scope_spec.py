"""What describes the video, or its price, rather than the speed of making it (scope.py).

"videos at 24 fps", "81 frames (16 FPS = ~5 seconds)", "Resolution: 544x960; FPS: 24" state the
output; "5 seconds: $0.10" its price; "6400 samples at 16kHz" the audio a client sends. A frame rate said as the speed ("24.3FPS speed", "a
speedup to over 30FPS") is not an output spec.
"""

from __future__ import annotations

import re

# an output spec: fps or a length that describes the video, not the speed of making it
_SPEC_FPS = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:fps|frames per second|frames/s)\s+(?:videos?|clips?|output|footage|playback|movies?)\b|"
    r"\b(?:trained|training|default|native|output|export\w*|encod\w*|playback|saved|recorded|frame rate)\b[^.;|,()]{0,20}?"
    r"\b\d+(?:\.\d+)?\s*(?:fps|frames per second|frames/s)\b|"
    r"\b(?:videos?|clips?|footage)\s+(?:at|in|with)\s+(?:up to\s+)?\d+(?:\.\d+)?\s*(?:fps|frames per second)\b|"
    r"\b\d+(?:\.\d+)?\s*fps\s*:\s*~?\d|resolution and fps|\bsupport(?:s|ing)?\b[^.;]{0,80}\b\d+\s*fps\b|\bfps\b[^.;]{0,20}\bresolution\b|"
    r"\b(?:4k|8k|1080p|720p)\b[^.;]{0,30}\b\d+\s*fps\b|\b\d{3,4}\s*[x\u00d7]\s*\d{3,4}\s*@\s*\d+(?:\.\d+)?\s*fps\b|"
    # a clip's frame count beside its rate: "81 frames (16 FPS = ~5 seconds)", "81 @ 24fps", "81 frames, 24fps"
    r"\b\d+\s*(?:frames?\s*)?(?:[(,@]|at)\s*\d+(?:\.\d+)?\s*fps\b|"
    # the video's length or resolution as a limit ("video length up to 129 frames", "resolution up to 720P")
    r"\b(?:video\s+)?length\s+(?:of\s+)?(?:up\s+to\s+)?\d+\s*(?:frames|seconds|s|minutes?|mins?)\b|\bresolution\s+(?:of\s+)?up\s+to\b|"
    # a file's spec ("target-1080p.mp4, 2048x1080, 269 frames, 25 fps")
    r"\.(?:mp4|mov|avi|mkv|webm|gif)\b[^;]{0,60}\bfps\b|"
    r"\bvideos?\s+(?:of\s+)?up to\s+\d+\s*(?:seconds?|s|frames|minutes?)\s+long\b|"
    # a model card's key-value row ("Resolution: 544x960; Video Length: 97; FPS: 24"), a "5s, 768p, 24fps" triple,
    # videos described at a frame rate a few words on ("videos at 768p resolution and 24 FPS")
    r"\b(?:resolution|length)\s*:[^.]{0,80}\bfps\s*:|\b\d+\s*s\s*,\s*\d{3,4}p\s*,\s*\d+\s*fps\b|"
    r"\b(?:videos?|clips?|animations?)\s+(?:at|in|with)\s+[^.;]{0,30}?\b\d+(?:\.\d+)?\s*(?:fps|frames per second)\b",
    re.I,
)
# a frame rate said as the speed of making the video ("fps" may follow its number unspaced: "24.3FPS")
_FPS_SPEED = re.compile(
    r"fps\s+(?:generation\s+|inference\s+)?speed\b|\bs+p+e+d+\s*-?\s*ups?\b[^.;]{0,40}fps\b|"
    r"\bgeneration speed\b[^.;]{0,40}fps\b|fps\b[^.;]{0,40}\bgeneration speed\b",
    re.I,
)
# a clip's length priced ("5 seconds: $0.10", "$0.05 per second")
_PRICE = re.compile(
    r"\b\d+\s*(?:s|sec|seconds?|min|minutes?)\s*[:=]\s*\\?[$\u20ac\u00a3]\s*\d|"
    r"[$\u20ac\u00a3]\s*\d+(?:\.\d+)?\s*(?:/|per)\s*(?:s|sec|second|min|minute|video|clip)\b",
    re.I,
)


# an audio stream's format: its sample rate, or a chunk's size in samples or bytes
_AUDIO_FORMAT = re.compile(r"\b\d[\d,]*\s*(?:samples|bytes)\b|\b\d+(?:\.\d+)?\s*khz\b", re.I)


def output_spec(text: str) -> bool:
    """The sentence states the video's frame rate or length, not a speed."""
    return bool(_SPEC_FPS.search(text)) and not _FPS_SPEED.search(text)


def price(text: str) -> bool:
    """The sentence prices a clip by its length."""
    return bool(_PRICE.search(text))


def audio_format(text: str) -> bool:
    """The sentence gives an audio stream's format (sample rate, chunk size in samples or bytes)."""
    return bool(_AUDIO_FORMAT.search(text))


# a frame rate multiplied by interpolation ("2x framerate", "(2× smoother)"): the output, not a speed-up
_FRAME_MULTIPLE = re.compile(r"\d\s*[x\u00d7]\s*(?:the\s+)?(?:frame[- ]?rate|smoother)\b", re.I)
# the time before generation starts: a warm-up with no figure ("subsequent runs will be faster"), a reload, the time
# from download to a first stream
_WARM_UP = re.compile(
    r"^(?!.*\d).*\b(?:subsequent|later|next|following)\s+(?:runs?|calls?|generations?|invocations?)\b[^.;]{0,30}\bfaster\b|"
    r"\b\d+(?:\.\d+)?\s*(?:s|sec\w*|min\w*)\b[^.;]{0,20}\b(?:(?:pipeline|model)\s+)?(?:reload|restart)\b|"
    r"\b(?:to (?:your )?first (?:stream\w*|demo|run)|from (?:download|install\w*) to)\b",
    re.I,
)
# a table of single operations ("Operation: RoPE Apply; PyTorch: ~8ms"): a component benchmark, unless
# the row is the whole pass ("Operation: Full Forward Pass")
_OPERATION_ROW = re.compile(
    r"^\W*(?:operation|op|kernel|layer)\s*:(?!\s*(?:full|total|overall|whole|end-to-end|e2e)\b)", re.I
)


def frame_rate_multiple(text: str) -> bool:
    return bool(_FRAME_MULTIPLE.search(text))


def warm_up(text: str) -> bool:
    return bool(_WARM_UP.search(text))


def operation_row(text: str) -> bool:
    return bool(_OPERATION_ROW.search(text))
