"""The crawl frontier kept in the store: repairing after a crash, and planning a --resume.

The store is the frontier (no Scrapy JOBDIR, whose queues are pickles and tear on SIGKILL):
a URL is done once its fetch row is committed. A resumed crawl walks the sources again
from their start URLs; a done URL is not fetched but expanded through the links stored in
its document's `meta["links"]`, and every URL not done is fetched. Runs chain through
`args["resume_of"]`, so a crawl resumed twice knows everything done before.
"""

from __future__ import annotations

import os
import socket
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from liveaudit.crawler import warc
from liveaudit.crawler.items import canonical
from liveaudit.errors import InputError
from liveaudit.store import Store, schema
from liveaudit.store.runs import utcnow


@dataclass
class Plan:
    to_fetch: list[tuple[str, str, int]] = field(default_factory=list)  # (url, source id, depth)
    seen: set[str] = field(default_factory=set)
    done: int = 0
    resume_of: int | None = None
    chain: list[int] = field(default_factory=list)


def _alive(run: dict) -> bool:
    if run["host"] != socket.gethostname():
        return True  # another machine's crawl: not ours to judge
    try:
        os.kill(run["pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return run["pid"] != os.getpid()  # a crawl of this very process has ended


def repair_stale_runs(store: Store, root: Path, warc_dir: Path) -> list[dict]:
    """Crawl runs that died (SIGKILL, power cut) or failed: cut their WARC files back to the
    last committed record and mark them interrupted. Returns what was repaired."""
    runs = store.rows("runs", schema.runs.c.command == "crawl")
    repaired = []
    for run in runs:
        summary = run["summary"] or {}
        if run["status"] == "finished" or summary.get("archive_repaired"):
            continue
        if run["status"] == "running" and _alive(run):
            continue
        files = sorted(warc_dir.glob(f"liveaudit-{run['id']:06d}-*.warc.gz"))
        cut = []
        for path in files:
            rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            with store.engine.connect() as conn:
                ids = set(
                    conn.execute(
                        sa.select(schema.fetches.c.warc_record_id).where(schema.fetches.c.warc_file == rel)
                    ).scalars()
                )
            result = warc.repair(path, ids)
            if result["removed_bytes"]:
                cut.append(result)
        status = "interrupted" if run["status"] == "running" else run["status"]
        with store.engine.begin() as conn:
            conn.execute(
                sa.update(schema.runs)
                .where(schema.runs.c.id == run["id"])
                .values(
                    status=status,
                    finished_at=run["finished_at"] or utcnow(),
                    error=run["error"] or "stopped without finishing (killed); its archive was repaired",
                    summary={**summary, "archive_repaired": True, "archive_cut": cut},
                )
            )
        repaired.append({"run": run["id"], "files": len(files), "cut": cut})
    return repaired


def resumable_run(store: Store) -> dict:
    """The newest crawl run that did not finish its frontier (killed, interrupted, failed, or capped)."""
    runs = store.rows("runs", schema.runs.c.command == "crawl")
    for run in reversed(runs):
        summary = run["summary"] or {}
        if run["status"] == "running" and _alive(run):
            continue
        if run["status"] != "finished" or summary.get("capped"):
            return run
        break
    raise InputError("E503", url=store.url, reason="the last crawl finished its whole frontier")


def _chain(store: Store, run: dict) -> list[int]:
    chain = [run["id"]]
    args = run["args"] or {}
    while args.get("resume_of"):
        previous = store.rows("runs", schema.runs.c.id == args["resume_of"])
        if not previous:
            break
        chain.append(previous[0]["id"])
        args = previous[0]["args"] or {}
    return chain


def plan(store: Store, sources, resume: bool) -> Plan:
    """What to fetch: every start URL, or (resume) whatever the interrupted crawl had not committed."""
    if not resume:
        return Plan(to_fetch=[(url, s.id, 0) for s in sources for url in s.start_urls])
    run = resumable_run(store)
    chain = _chain(store, run)
    f, d = schema.fetches.c, schema.documents.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(f.url, f.document_id).where(f.run_id.in_(chain))).all()
        doc_ids = {r.document_id for r in rows if r.document_id is not None}
        docs = (
            {r.id: r for r in conn.execute(sa.select(d.id, d.url, d.meta).where(d.id.in_(doc_ids)))} if doc_ids else {}
        )
    done: dict[str, dict | None] = {}
    for r in rows:
        doc = docs.get(r.document_id)
        done[canonical(r.url)] = (doc.meta or {}) if doc is not None else None
        if doc is not None:  # the target of a redirect is done too
            done.setdefault(canonical(doc.url), doc.meta or {})
    result = Plan(resume_of=run["id"], chain=chain, done=len(done))
    by_id = {s.id: s for s in sources}
    queue = deque((url, s.id, 0) for s in sources for url in s.start_urls)
    while queue:
        url, source_id, depth = queue.popleft()
        key = canonical(url)
        if key in result.seen:
            continue
        if key not in done:
            result.to_fetch.append((url, source_id, depth))
            continue
        result.seen.add(key)
        meta = done[key]
        source = by_id[source_id]
        if meta is None or depth >= source.depth:
            continue
        if meta.get("links") is None:
            result.seen.discard(key)  # links never recorded at this depth: fetch it again
            result.to_fetch.append((url, source_id, depth))
            continue
        for link in meta["links"]:
            queue.append((link, source_id, depth + 1))
    return result
