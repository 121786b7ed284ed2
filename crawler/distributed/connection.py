"""The Redis side of a distributed crawl: the client, clearing a crawl, handing back the work
of dead workers, and counting what is left (scrapy-redis's `connection.py`, plus our reliable
queue's bookkeeping)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from liveaudit.crawler.distributed.defaults import keys


def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, decode_responses=False, socket_timeout=30, socket_connect_timeout=10)


def safe_url(url: str) -> str:
    """The Redis URL with its password hidden (it is stored in the run's args)."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def reset(redis_url: str, name: str = "default") -> None:
    """Forget a distributed crawl's frontier (a new crawl under the same name starts empty)."""
    server = redis_client(redis_url)
    k = keys(name)
    doomed = [k["queue"], k["dupefilter"], k["workers"]]
    doomed += list(server.scan_iter(match=k["processing"] + "*"))
    doomed += list(server.scan_iter(match=k["heartbeat"] + "*"))
    if doomed:
        server.delete(*doomed)


def _workers(server, name: str) -> list[str]:
    return [w.decode() if isinstance(w, bytes) else w for w in server.smembers(keys(name)["workers"])]


def requeue_dead(server, name: str, only: str | None = None) -> int:
    """Put the processing lists of workers without a heartbeat (or of `only`) back on the queue."""
    k = keys(name)
    moved = 0
    for worker in _workers(server, name):
        if only is not None and worker != only:
            continue
        if only is None and server.exists(k["heartbeat"] + worker):
            continue
        while server.lmove(k["processing"] + worker, k["queue"], "LEFT", "RIGHT") is not None:
            moved += 1
    return moved


def pending(server, name: str) -> int:
    """Requests queued or taken by a worker and not yet committed."""
    k = keys(name)
    return server.llen(k["queue"]) + sum(server.llen(k["processing"] + w) for w in _workers(server, name))
