"""Names and timings of a distributed crawl (scrapy-redis keeps its own in `defaults.py`).

Every key of crawl NAME lives under `liveaudit:crawl:NAME:`; a worker's processing list and
heartbeat key end with its worker id.
"""

from __future__ import annotations

NAMESPACE = "liveaudit:crawl"
HEARTBEAT_SECONDS = 1.0  # how often a worker refreshes its heartbeat key
POLL_SECONDS = 0.25  # how often an idle worker asks the shared queue for work


def keys(name: str) -> dict[str, str]:
    """The Redis keys of the distributed crawl `name`."""
    base = f"{NAMESPACE}:{name}"
    return {
        "queue": f"{base}:requests",
        "dupefilter": f"{base}:seen",
        "processing": f"{base}:processing:",
        "heartbeat": f"{base}:alive:",
        "workers": f"{base}:workers",
    }
