"""`liveaudit check URL|PATH`: the journalist's one shot, through the registered stages.

    check(Store.open("liveaudit.db"), "http://127.0.0.1:8800/vendors/krea-realtime.html")
    # -> {"input": ..., "document": {...url, fetched_at, sha256, WARC pointer}, "cards": [{...}, ...]}

0. sync: the "sync" step (the validator's) puts the shipped registry, hardware catalogue,
   published-default analyses and shipped GPU runs into the store, so a page gets the same
   verdicts from any store at the same rules version, a fresh one included.
1. fetch, politely, and archive: the "crawl" step with `StageSettings.urls` set to the one page
   (depth 0: robots.txt, throttling and the identifying user agent apply; the HTTP exchange goes
   to WARC). A local file keeps its own identity: the crawl step gets its `file://` URL and
   stores it under that URL and its sha256 (its bytes archived as a WARC `resource` record, its
   text extracted as a fetched page's is); a re-check of unchanged content reuses the document.
2. extract and resolve: the "classify" step tags the new document (documents already tagged by
   this model are skipped); then the "sync" step again, for the settings its claims state.
3. judge: the "judge" step, against the store's analyses and measurements, so a card's verdict
   is the one `liveaudit verdicts` shows for that claim.
4. read the page's current claims and verdicts back from the store as fact-check cards.
Like the demo, this is orchestration in the core: it finds the steps in the registry
(liveaudit.stages) and imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from liveaudit import config
from liveaudit.errors import InputError, MissingExtraError
from liveaudit.records import StageSettings, VerdictEvidence
from liveaudit.stages import Stage, get_stage
from liveaudit.store import Store, schema
from liveaudit.vocab import FIGURE_FIELDS


def _step(name: str) -> Stage:
    stage = get_stage(name)
    reason = stage.missing()
    if reason:
        raise MissingExtraError("E914", feature="liveaudit check", stage=name, reason=reason)
    return stage


def _target(item: str) -> tuple[str | None, Path | None]:
    parts = urlsplit(item)
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise InputError("E913", input=item, reason="the URL has no host")
        return item, None
    if "://" in item:
        raise InputError("E913", input=item, reason=f"{parts.scheme}: URLs are not fetched")
    path = Path(item)
    if not path.is_file():
        raise InputError("E913", input=item, reason="no such file")
    return None, path


def _fetch(store: Store, url: str, settings: StageSettings, progress: Callable[[str], None]) -> dict:
    """Crawl the one page; returns its current document row, or raises E913 with the fetch's reason."""
    progress(f"fetching {url}")
    summary = _step("crawl").run(store, StageSettings(settings.values, settings.workdir, urls=(url,)), progress)
    f = schema.fetches
    with store.engine.connect() as conn:
        fetch = conn.execute(
            sa.select(f).where(f.c.run_id == summary.figures["run_id"]).order_by(f.c.id.desc()).limit(1)
        ).first()
    if fetch is None or fetch.document_id is None:
        reason = (
            f"{fetch.outcome}: {fetch.reason}" if fetch is not None else "nothing was fetched (robots.txt or an error)"
        )
        raise InputError("E913", input=url, reason=f"the page could not be fetched ({reason})")
    doc = store.rows("documents", schema.documents.c.id == fetch.document_id)[0]
    # the current version of the page (an unchanged fetch points at it already)
    return store.rows("documents", schema.documents.c.doc_key == doc["doc_key"], order_by="version")[-1]


def _cards(store: Store, document_id: int) -> list[dict]:
    c, v = store.table("current_claims"), store.table("current_verdicts")
    query = (
        sa.select(
            c,
            v.c.id.label("verdict_id"),
            v.c.verdict,
            v.c.reason,
            v.c.measured_level,
            v.c.confidence,
            v.c.evidence,
            v.c.rules_version,
        )
        .select_from(c)
        .outerjoin(v, v.c.claim_id == c.c.id)
        .where(c.c.document_id == document_id)
        .order_by(c.c.sentence_index, c.c.id)
    )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    measured = {m["id"]: m for m in store.rows("measurements")} if rows else {}
    cards = []
    for r in rows:
        ev = VerdictEvidence.from_json(r["evidence"])
        m_ids, a_ids = ev.measurement_ids, list(ev.analysis_ids)
        figures = {k: (r["figures"] or {}).get(k) for k in FIGURE_FIELDS if (r["figures"] or {}).get(k) is not None}
        cards.append(
            {
                "claim_id": r["id"],
                "quote": r["sentence"],
                "kind": r["kind"],
                "system": r["system"],
                "terms": r["terms"],
                "hedge": r["hedge"],
                "figures": figures,
                "implied_level": r["implied_level"],
                "verdict": r["verdict"],
                "reason": r["reason"],
                "measured_level": r["measured_level"],
                "confidence": r["confidence"],
                "verdict_id": r["verdict_id"],
                "rules_version": r["rules_version"],
                "evidence": {
                    "measurements": [
                        {
                            "id": i,
                            "run_id": measured[i]["run_id"],
                            "system": measured[i]["system"],
                            "hardware": measured[i]["hardware"],
                            "mode": (measured[i]["result"] or {}).get("mode"),
                            "throughput_fps": measured[i]["throughput_fps"],
                            "ttff_s": measured[i]["ttff_s"],
                            "origin": measured[i]["origin"],
                        }
                        for i in m_ids
                        if i in measured
                    ],
                    "analysis_ids": a_ids,
                    "compared": [dict(c) for c in ev.compared],
                },
            }
        )
    return cards


def check(store: Store, item: str, *, progress: Callable[[str], None] | None = None) -> dict:
    """Fetch, archive, extract, judge one URL or local file; returns the document and one card per claim.

    Raises InputError E913 for an unusable input or a failed fetch, E914 when a stage is not installed.
    """
    say = progress or (lambda message: None)
    settings = StageSettings(values=config.load_settings(), workdir=Path.cwd())
    url, path = _target(item)
    sync = replace(settings, document_ids=())
    _step("sync").run(store, sync, say)
    if path is not None:
        say(f"reading {path}")
        summary = _step("crawl").run(store, replace(settings, urls=(path.resolve().as_uri(),)), say)
        doc = store.rows("documents", schema.documents.c.id == summary.figures["document_ids"][0])[0]
    else:
        assert url is not None
        doc = _fetch(store, url, settings, say)
    say("finding and tagging claims")
    _step("classify").run(store, settings, say)
    _step("sync").run(store, replace(settings, document_ids=(doc["id"],)), say)  # the settings its claims state
    say("judging claims")
    _step("judge").run(store, settings, say)
    document = {
        k: doc[k]
        for k in (
            "id",
            "url",
            "version",
            "title",
            "published_at",
            "http_status",
            "content_sha256",
            "warc_file",
            "warc_record_id",
            "warc_offset",
        )
    }
    document["fetched_at"] = doc["fetched_at"].isoformat() if doc["fetched_at"] else None
    if path is not None:
        document["local_file"] = str(path.resolve())
        document["content_type"] = doc["content_type"]
    thread = (doc["meta"] or {}).get("thread") or {}
    document["thread_posts"] = len(thread.get("posts") or [])
    # what the claim pass noted about the page (a cut, or that it is someone else's account)
    outcomes = store.rows("classify_outcomes", schema.classify_outcomes.c.document_id == doc["id"], order_by="id")
    document["classify_notes"] = list(outcomes[-1]["notes"] or []) if outcomes else []
    return {
        "input": item,
        "document": document,
        "cards": _cards(store, doc["id"]),
        "reports": _reports(store, doc["id"]),
    }


def _reports(store: Store, document_id: int) -> list[dict]:
    """The evidence rows (users' reports, audited results) read from the page, in post order."""
    ev = store.table("current_evidence")
    keys = (
        "id",
        "kind",
        "author",
        "posted_at",
        "system",
        "gpu",
        "gpu_count",
        "fps",
        "latency_s",
        "latency_type",
        "frames",
        "outcome",
        "settings",
        "submitter",
        "scenario",
        "metric",
        "value",
        "sentence",
        "model_version",
    )
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(ev).where(ev.c.document_id == document_id).order_by(ev.c.post_index, ev.c.id)
        ).all()
    return [{k: r._mapping[k] for k in keys} for r in rows]
