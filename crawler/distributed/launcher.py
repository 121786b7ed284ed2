"""N workers of a distributed crawl on this machine (`liveaudit crawl --redis URL --workers N`):
each a `python -m liveaudit.crawler.distributed` process; their summaries are gathered."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from liveaudit import config
from liveaudit.crawler.distributed.connection import reset
from liveaudit.store import Store


def worker_command(
    db: str,
    sources: str | Path | None,
    redis_url: str,
    worker_id: str,
    crawl_name: str = "default",
    base_url: str | None = None,
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "liveaudit.crawler.distributed",
        "--db",
        db,
        "--redis",
        redis_url,
        "--worker-id",
        worker_id,
        "--name",
        crawl_name,
    ]
    if sources is not None:
        cmd += ["--sources", str(sources)]
    if base_url is not None:
        cmd += ["--base-url", base_url]
    return cmd


def crawl_distributed(
    db: str | None,
    sources: str | Path | None,
    redis_url: str,
    workers: int,
    *,
    crawl_name: str = "default",
    base_url: str | None = None,
    fresh: bool = True,
    progress=None,
) -> dict:
    """Start `workers` crawler processes on this machine and wait for them; returns the summaries.

    With `fresh`, the Redis frontier of `crawl_name` is cleared first (a new crawl); without,
    the workers join (or resume) the crawl already in Redis.
    """
    values = config.load_settings({"STORE_URL": db} if db is not None else None)
    db_value = values["STORE_URL"]
    Store.open(db_value).close()  # migrate once, before the workers race
    if fresh:
        reset(redis_url, crawl_name)
    host = socket.gethostname()
    procs = [
        subprocess.Popen(
            worker_command(db_value, sources, redis_url, f"{host}-w{i + 1}", crawl_name, base_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(workers)
    ]
    started = time.perf_counter()
    try:
        outs = [p.communicate() for p in procs]
    except KeyboardInterrupt:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            p.wait()
        raise
    seconds = time.perf_counter() - started
    results = []
    for p, (out, err) in zip(procs, outs):
        line = (out or "").strip().splitlines()[-1:] or ["{}"]
        try:
            summary = json.loads(line[0])
        except ValueError:
            summary = {}
        results.append({"returncode": p.returncode, "summary": summary, "stderr": (err or "")[-2000:]})
    fetched = sum(r["summary"].get("fetched", 0) for r in results)
    return {
        "workers": results,
        "fetched": fetched,
        "seconds": round(seconds, 3),
        "pages_per_second": round(fetched / seconds, 2) if seconds else None,
        "failed_workers": sum(1 for r in results if r["returncode"] != 0),
    }
