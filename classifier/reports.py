"""The reports step: evidence rows from threads and benchmark pages already in the store.

`read_reports(store)` reads every current document whose kind is a thread (`issue_thread`,
`third_party`) or a benchmark page, and appends to `evidence`:
- one `report` row per report sentence of a post by someone who does not speak for the
  system (role.py), with the post's author, date, badge and the document's WARC record;
- one row per result row of a table on a benchmark page (`audited` on a `benchmark` page,
  a third-party `report` elsewhere), with submitter, system, scenario and metric.
Who speaks for a system: on the system's own tracker (`issue_thread`), a maintainer badge;
anywhere, a handle listed under the system's `vendor_accounts` in data/systems. A vendor's
speed sentences go to `claims` (kind from the classifier) and never become reports.
Thread documents are left out of `liveaudit classify`'s claim pass for the same reason.
A document already read by this reader version (evidence rows, or a `classify_outcomes` row
of model version "reports:<VERSION>") is skipped, so re-runs resume and never store a vendor
claim twice; two runs at once share the documents through holds (store/queue.py). A page of
another kind whose markup has posts (found by `liveaudit check URL`) is read as an issue thread.
Docs: docs/evidence.md
"""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

from liveaudit import config
from liveaudit.classifier.report_notes import derived_fps, slower_than_usual, withdrawn
from liveaudit.classifier.role import THREAD_KINDS, VERSION, Speaker, figures_of, own_gpus, post_gpus, read_post
from liveaudit.errors import LiveauditError
from liveaudit.store import Store, schema
from liveaudit.yamlfile import load_yaml

EVIDENCE_KINDS = THREAD_KINDS | {"benchmark"}
OUTCOME_VERSION = f"reports:{VERSION}"  # classify_outcomes.model_version of a document this reader read
_TIME_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|min|mins|minutes?|h|hours?)\b", re.I)
_SCALE = {
    "ms": 0.001,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hour": 3600,
    "hours": 3600,
}


def vendor_accounts(folder: Path | None = None) -> dict[str, set[str]]:
    """System name -> lower-case handles that speak for it (`vendor_accounts` in data/systems/*.yaml)."""
    folder = folder or Path(config.get("VALIDATE_SYSTEMS_DIR") or config.data_dir() / "systems")
    out: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            spec = load_yaml(path) or {}
        except LiveauditError:
            continue  # the registry's own loader reports broken files
        if not isinstance(spec, dict):
            continue
        raw = spec.get("vendor_accounts") or spec.get("accounts") or []
        handles = set()
        for item in raw if isinstance(raw, list) else []:
            handle = item.get("handle") if isinstance(item, dict) else item
            if isinstance(handle, str) and handle.strip():
                handles.add(handle.strip().lstrip("@").lower())
        if isinstance(spec.get("name"), str):
            out[spec["name"]] = handles
    return out


def _seconds(text: str) -> float | None:
    parts = _TIME_PART.findall(text or "")
    return sum(float(v) * _SCALE[u.lower()] for v, u in parts) if parts else None


def _col(headers: list[str], *names: str) -> int | None:
    for i, h in enumerate(headers):
        if any(n in h.lower() for n in names):
            return i
    return None


def table_rows(tables: list[dict], doc_systems: list[str], kind: str, author: str | None) -> list[dict]:
    """Evidence rows of result tables (MLPerf-style or a third-party benchmark table)."""
    out = []
    for t in tables:
        h = t["headers"]
        result, metric = _col(h, "result", "value"), _col(h, "metric")
        if result is None:
            continue
        model, gpu = _col(h, "model"), _col(h, "gpu", "accelerator", "hardware", "card")
        submitter, scenario = _col(h, "submitter"), _col(h, "scenario")
        notes = [
            i for i, x in enumerate(h) if any(n in x.lower() for n in ("setting", "stage", "resolution", "system"))
        ]
        for row in t["rows"]:
            cell = lambda i, row=row: row[i].strip() if i is not None and i < len(row) and row[i].strip() else None  # noqa: E731
            raw, unit = cell(result), (cell(metric) or "").lower()
            if raw is None:
                continue
            number = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", raw)
            value = float(number.group(1)) if number else None
            latency = fps = None
            if "fps" in unit or "frames per second" in unit:
                fps = value
            elif "samples/s" in unit or "queries/s" in unit:
                pass
            elif "ms" in unit and value is not None:
                latency = value / 1000
            elif value is not None and ("(s)" in unit or "latency" in unit or "time" in unit):
                latency = value
            else:
                latency = _seconds(raw)
            hardware = figures_of(cell(gpu) or "") if gpu is not None else None
            out.append(
                {
                    "kind": "audited" if kind == "benchmark" else "report",
                    "sentence": " | ".join(row),
                    "system": _model_cell(cell(model), doc_systems),
                    "author": author,
                    "author_badge": None,
                    "author_is_vendor": False,
                    "posted_at": None,
                    "gpu": hardware.gpu if hardware else None,
                    "gpu_count": hardware.gpu_count if hardware else None,
                    "fps": fps,
                    "latency_s": latency,
                    "latency_type": "per_chunk" if "chunk" in " ".join(row).lower() else "end_to_end",
                    "frames": None,
                    "outcome": None,
                    "figures": {"raw_value": raw, "unit": unit or None},
                    "settings": {h[i]: row[i] for i in notes if i < len(row) and row[i].strip()},
                    "submitter": cell(submitter),
                    "scenario": cell(scenario),
                    "metric": cell(metric),
                    "value": value if value is not None else latency,
                }
            )
    return out


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _named(text: str, doc_systems: list[str]) -> list[str]:
    low = _norm(text)
    return [name for name in doc_systems if _norm(name) and _norm(name) in low]


def _system_of(sentence: str, doc_systems: list[str]) -> str | None:
    named = _named(sentence, doc_systems)
    return named[0] if named else (doc_systems[0] if doc_systems else None)


def _model_cell(cell: str | None, doc_systems: list[str]) -> str | None:
    """A table's model cell, read as the page's system when it names it loosely ("Wan 2.1" on a Wan2.1-T2V-14B page)."""
    if not cell:
        return doc_systems[0] if doc_systems else None
    for name in doc_systems:
        if _norm(name).startswith(_norm(cell)) or _norm(cell).startswith(_norm(name)):
            return name
    return cell


def _per_system(sentence: str, doc_systems: list[str]) -> list[tuple[str, str]]:
    """(system, segment) when one sentence reports on several systems ("5.9 s with A and 6.2 s with B")."""
    named = _named(sentence, doc_systems)
    if len(named) < 2:
        return []
    segments = re.split(r",\s+(?:and\s+)?|\s+and\s+", sentence)
    out = []
    for name in named:
        seg = next((x for x in segments if _named(x, [name]) and figures_of(x).stated()), None)
        if seg is not None:
            out.append((name, seg))
    return out


def thread_rows(
    thread: dict, doc_systems: list[str], kind: str, accounts: dict[str, set[str]], max_posts: int
) -> tuple[list[dict], list[dict]]:
    """(report rows, vendor claim sentences) of a thread's posts."""
    vendors = set().union(*(accounts.get(s, set()) for s in doc_systems)) if doc_systems else set()
    reports, claims = [], []
    posts = thread.get("posts", [])
    opener = posts[0] if posts else {}
    opened = own_gpus(opener.get("text") or "") or post_gpus(opener.get("text") or "")
    for post in posts[:max_posts]:
        author = post.get("author")
        vendor = bool(author and author.lower() in vendors) or (kind == "issue_thread" and bool(post.get("maintainer")))
        for s in read_post(post.get("text") or "", Speaker(vendor=vendor, author=author)):
            if s.role == "claim":
                claims.append({"post": post["index"], "sentence": s.sentence, "index": s.index})
            if s.role != "report":
                continue
            f = s.figures
            if not f.get("gpu") and len(opened) == 1 and post is not opener and author == opener.get("author"):
                # a follow-up by the thread's opener: the GPU named in the opening post
                f = {**f, "gpu": next(iter(opened)), "gpu_count": f.get("gpu_count") or 1, "gpu_from": "thread"}
            if not any(f.get(k) is not None for k in ("fps", "latency_s", "compute_s_per_video_s")) and not s.outcome:
                continue  # a first-hand remark with no figure and no outcome is not evidence
            for name, segment in _per_system(s.sentence, doc_systems):
                own = figures_of(segment).to_dict()
                own = {**f, **{k: v for k, v in own.items() if v is not None}}
                if (fps := derived_fps(s.frames, own)) is not None:
                    own["fps_derived"] = fps
                reports.append(_report_row(post, s, own, name))
            if _per_system(s.sentence, doc_systems):
                continue
            reports.append(_report_row(post, s, f, _system_of(s.sentence, doc_systems)))
    return withdrawn(slower_than_usual(reports, posts[:max_posts]), posts[:max_posts]), claims


def _report_row(post: dict, s, f: dict, system: str | None) -> dict:
    return {
        "kind": "report",
        "post_index": post["index"],
        "sentence_index": s.index,
        "sentence": s.sentence,
        "system": system,
        "author": post.get("author"),
        "author_badge": post.get("badge"),
        "author_is_vendor": False,
        "posted_at": post.get("date"),
        "gpu": f.get("gpu"),
        "gpu_count": f.get("gpu_count"),
        "fps": f.get("fps") if f.get("fps") is not None else f.get("fps_derived"),
        "latency_s": f.get("latency_s"),
        "latency_type": f.get("latency_type"),
        "frames": s.frames,
        "outcome": s.outcome,
        "figures": {
            **f,
            "gpu_from_post": s.gpu_from_post,
            "gpu_from": f.get("gpu_from") or ("post" if s.gpu_from_post else None),
            "log_line": s.log_line,
        },
        "settings": s.settings,
        "submitter": None,
        "scenario": None,
        "metric": None,
        "value": None,
    }


def evidence_kind(meta: dict | None) -> str | None:
    """The document's evidence kind: its own kind when a thread/benchmark kind, `issue_thread` for any page
    whose markup has posts (a thread found by `liveaudit check` or a plain source), else None."""
    meta = meta or {}
    if meta.get("kind") in EVIDENCE_KINDS:
        return meta["kind"]
    return "issue_thread" if (meta.get("thread") or {}).get("posts") else None


def _read_documents(store: Store) -> list:
    docs = store.table("current_documents")
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                docs.c.id,
                docs.c.url,
                docs.c.author,
                docs.c.meta,
                docs.c.warc_file,
                docs.c.warc_record_id,
                docs.c.warc_offset,
            ).order_by(docs.c.id)
        ).all()
    return [r for r in rows if evidence_kind(r.meta)]


def _read_before(store: Store, ids: list[int] | None = None) -> set[int]:
    """Documents this reader version already read: evidence rows, or its `classify_outcomes` row."""
    e, o = schema.evidence, schema.classify_outcomes
    q_e = sa.select(e.c.document_id).where(e.c.model_version == VERSION).distinct()
    q_o = sa.select(o.c.document_id).where(o.c.model_version == OUTCOME_VERSION).distinct()
    if ids is not None:
        q_e, q_o = q_e.where(e.c.document_id.in_(ids)), q_o.where(o.c.document_id.in_(ids))
    with store.engine.connect() as conn:
        return set(conn.execute(q_e).scalars()) | set(conn.execute(q_o).scalars())


def read_reports(store: Store, classifier=None, document_ids: list[int] | None = None) -> dict:
    """Append evidence rows for every thread / benchmark document not yet read by this version; the run summary."""
    from liveaudit.store.queue import Holds
    from liveaudit.store.runs import utcnow

    accounts = vendor_accounts()
    max_posts = int(config.get("CLASSIFY_REPORT_MAX_POSTS"))
    done = _read_before(store)
    docs = [d for d in _read_documents(store) if d.id not in done and (document_ids is None or d.id in document_ids)]
    summary = {
        "model_version": VERSION,
        "documents": len(docs),
        "reports": 0,
        "audited": 0,
        "vendor_claims": 0,
        "not_threads": 0,
        "posts_skipped": 0,
        "systems": {},
        "left_to_another_run": 0,
    }
    # two classify runs at once: each document is read by the run holding it (classifier/stage.py)
    holds = Holds(store, "reports", batch=VERSION, lease_s=float(config.get("STORE_QUEUE_LEASE_S")))
    with store.run("reports", {"model_version": VERSION}) as run:
        for d in docs:
            mine = holds.take([d.id])
            try:
                if not mine or _read_before(store, mine):
                    summary["left_to_another_run"] += 1
                    continue
                _read_one(store, run, d, classifier, accounts, max_posts, summary)
                store.insert(
                    "classify_outcomes",
                    [
                        {
                            "document_id": d.id,
                            "model_version": OUTCOME_VERSION,
                            "status": "done",
                            "notes": [],
                            "error": None,
                            "seconds": None,
                            "created_at": utcnow(),
                        }
                    ],
                    run,
                )
            finally:
                holds.drop(mine)
        run.summary = summary
    return summary


def _read_one(store: Store, run, d, classifier, accounts: dict[str, set[str]], max_posts: int, summary: dict) -> None:
    meta = d.meta or {}
    thread, systems, kind = meta.get("thread") or {}, list(meta.get("systems") or []), evidence_kind(meta)
    if not thread.get("posts") and not thread.get("tables"):
        summary["not_threads"] += 1
        return
    reports, claims = thread_rows(thread, systems, kind, accounts, max_posts)
    summary["posts_skipped"] += max(len(thread.get("posts", [])) - max_posts, 0) + int(thread.get("dropped_posts") or 0)
    reports += table_rows(
        thread.get("tables") or [], systems, kind, d.author or meta.get("page_meta", {}).get("author")
    )
    warc = {"warc_file": d.warc_file, "warc_record_id": d.warc_record_id, "warc_offset": d.warc_offset}
    rows = [
        {
            "document_id": d.id,
            "source_kind": kind,
            "model_version": VERSION,
            "post_index": None,
            "sentence_index": None,
            **warc,
            **r,
        }
        for r in reports
    ]
    claim_rows = _claim_rows(classifier, d, claims) if claims and classifier is not None else []
    with store.engine.begin() as conn:  # the document's evidence and claims together, or neither
        store.insert("evidence", rows, run, conn)
        store.insert("claims", claim_rows, run, conn)
    for r in rows:
        summary["audited" if r["kind"] == "audited" else "reports"] += 1
        summary["systems"][r["system"] or "unresolved"] = summary["systems"].get(r["system"] or "unresolved", 0) + 1
    summary["vendor_claims"] += len(claim_rows)


def _claim_rows(classifier, doc, claims: list[dict]) -> list[dict]:
    """A maintainer's own speed sentences in a thread are claims: tagged by the classifier, stored in `claims`."""
    meta = doc.meta or {}
    tagged = classifier.sentences([c["sentence"] for c in claims], sources=[doc.url] * len(claims))
    rows = []
    for c, claim in zip(claims, tagged):
        if claim.kind == "none":
            claim.kind = "quantified" if claim.figures.stated() else "qualitative"
        claim.sentence_index = c["post"] * 10000 + c["index"]
        if claim.system is None and meta.get("systems"):
            claim.system = meta["systems"][0]
        rows.append(claim.row(doc.id, classifier.version))
    return rows
