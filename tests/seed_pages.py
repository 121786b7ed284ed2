"""The pages, payloads and row helpers of the seeded test store (tests/seed.py writes the rows).

One page is hostile: its title, text and a claim sentence carry `<script>` and `onerror=`
payloads that every view must show as text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = f"Our model is truly real-time {SCRIPT_PAYLOAD} at 30 fps on one H100 {IMG_PAYLOAD}."
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def claim_figures(**given) -> dict:
    keys = (
        "fps",
        "fps_max",
        "latency_s",
        "latency_type",
        "compute_s_per_video_s",
        "width",
        "height",
        "duration_s",
        "gpu",
        "gpu_count",
        "steps",
        "speedup",
        "speedup_baseline",
    )
    return {k: given.get(k) for k in keys}


def specificity_of(figures: dict) -> dict:
    spec = {
        "hardware": figures["gpu"] is not None,
        "resolution": figures["width"] is not None,
        "duration": figures["duration_s"] is not None,
        "steps": figures["steps"] is not None,
        "metric": figures["fps"] is not None or figures["latency_s"] is not None,
    }
    spec["score"] = sum(spec.values()) / 5
    return spec


def write_warc(path: Path, url: str, html: str) -> tuple[str | None, int | None]:
    """A real WARC response record (when warcio is installed); returns (record id, offset)."""
    try:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter
    except ImportError:
        return None, None
    from io import BytesIO

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as fh:
        offset = fh.tell()
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=BytesIO(html.encode()), http_headers=headers)
        writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID"), offset


PAGES = [
    # key, source, kind, title, published, [(version, text, claims)]
    (
        "https://krea.example/realtime",
        "krea-blog",
        "vendor",
        "Krea Realtime 14B",
        "2026-10-14",
        [
            "Krea Realtime generates video in real time at 11 fps on a single B200.",
            "Krea Realtime streams live video at 11 fps on a single B200 with 4 steps.",
        ],
    ),
    (
        "https://arxiv.example/abs/2506.08009",
        "arxiv",
        "paper",
        "Self Forcing: Bridging the Train-Test Gap",
        "2025-06-09",
        [
            "Self-Forcing achieves real-time streaming video generation at 17 fps on one H100 with sub-second latency.",
        ],
    ),
    (
        "https://news.example/ltx",
        "news",
        "news",
        "LTX-Video renders faster than you can watch",
        "2025-11-20",
        [
            "LTX-Video produces 5 seconds of 768x512 video in 2 seconds on an H100, faster than real time.",
        ],
    ),
    (
        "https://hostile.example/xss",
        "blog",
        "blog",
        f"Hostile page {SCRIPT_PAYLOAD}",
        "2026-02-03",
        [
            HOSTILE_SENTENCE,
        ],
    ),
]
