"""Read what rules v2 needs from the store (read-only): claims with their page, facts per system.

Claims gain `url`, `doc_key` and `page_kind` (the page's own kind from the crawler's meta, else
its source's kind); each registered system gets its published defaults, its newest analysis per
settings, and its evidence points: our GPU runs (never a smoke run), audited results and reports.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from liveaudit.store import Store, schema
from liveaudit.verdicts.others import (
    Point,
    chunk_points,
    point_from_evidence,
    point_from_measurement,
    written_variant,
)
from liveaudit.verdicts.profile import Gpus, gpus_from_rows, profile_from_spec
from liveaudit.verdicts.rules_v2 import Facts2


def _latest(rows: list[dict], key) -> list[dict]:
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        latest[key(row)] = row
    return sorted(latest.values(), key=lambda r: r["id"])


def _pages(store: Store) -> dict[int, dict]:
    """document id -> {url, doc_key, title, page_kind, version} for every stored document."""
    d, s = schema.metadata.tables["documents"], schema.metadata.tables["sources"]
    query = sa.select(
        d.c.id, d.c.url, d.c.doc_key, d.c.title, d.c.meta, d.c.version, d.c.source_key, s.c.kind
    ).select_from(d.outerjoin(s, s.c.source_key == d.c.source_key))
    out: dict[int, dict] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(query):
            meta = r.meta if isinstance(r.meta, dict) else (json.loads(r.meta) if r.meta else {})
            have = out.get(r.id)
            out[r.id] = {
                "url": r.url,
                "doc_key": r.doc_key,
                "title": r.title,
                "version": r.version,
                "page_kind": (meta or {}).get("kind") or r.kind or (have or {}).get("page_kind"),
            }
    return out


def claims_with_pages(store: Store, pages: dict[int, dict]) -> tuple[list[dict], list[dict]]:
    """(current claims, claims of older versions of the same pages), each with url/doc_key/page_kind."""
    current = store.rows("current_claims")
    keys = {pages.get(c["document_id"], {}).get("doc_key") for c in current}
    current_docs = {c["document_id"] for c in current}
    older_doc_ids = [i for i, p in pages.items() if p["doc_key"] in keys and i not in current_docs]
    older = []
    if older_doc_ids:
        tbl = store.table("claims")
        rows = store.rows("claims", tbl.c.document_id.in_(older_doc_ids))
        newest_run: dict[int, int] = {}
        for r in rows:
            newest_run[r["document_id"]] = max(newest_run.get(r["document_id"], 0), r["run_id"])
        older = [r for r in rows if r["run_id"] == newest_run[r["document_id"]]]
    for c in current + older:
        c.update({k: pages.get(c["document_id"], {}).get(k) for k in ("url", "doc_key", "page_kind")})
    return current, older


def _own_rates(spec: dict) -> list[dict]:
    """The frame rates the registry quotes from the vendor's own pages (its `claims`, with sources)."""
    out = []
    for c in (spec or {}).get("claims") or []:
        fig = c.get("figures") or {}
        fps = fig.get("fps_max") if isinstance(fig.get("fps_max"), (int, float)) else fig.get("fps")
        if isinstance(fps, (int, float)) and fps > 0:
            out.append({"fps": float(fps), "gpu": fig.get("gpu"), "text": c.get("text"), "source": c.get("source")})
    return out


def load_facts_v2(
    store: Store, pages: dict[int, dict] | None = None, claims: list[dict] | None = None
) -> tuple[dict[str, Facts2], Gpus]:
    """Per system: profile, analyses, evidence points, the vendor's own rates; and the GPU catalogue.

    `claims` (current claims with `page_kind`) add the rates stated on primary pages to the own rates.
    """
    from liveaudit.verdicts.consistency import PRIMARY_KINDS

    pages = pages if pages is not None else _pages(store)
    gpus = gpus_from_rows(store.rows("current_hardware"))
    if not gpus.specs:
        from validator.hardware import load_hardware  # an empty store: the shipped catalogue

        gpus = Gpus(load_hardware())
    facts: dict[str, Facts2] = {}
    for row in store.rows("current_systems"):
        facts[row["name"]] = Facts2(
            row["name"],
            True,
            bool(row["open_weights"]),
            profile_from_spec(row["name"], row["spec"]),
            own=_own_rates(row["spec"]),
        )
    for c in claims or []:
        fig = c.get("figures") or {}
        fps = fig.get("fps_max") if isinstance(fig.get("fps_max"), (int, float)) else fig.get("fps")
        if c.get("system") in facts and isinstance(fps, (int, float)) and fps > 0:
            facts[c["system"]].restated.append((c["id"], float(fps)))
        if (
            c.get("system") in facts
            and c.get("page_kind") in PRIMARY_KINDS
            and isinstance(fps, (int, float))
            and fps > 0
            and c.get("kind") == "quantified"
        ):
            facts[c["system"]].own.append(
                {
                    "fps": float(fps),
                    "gpu": fig.get("gpu"),
                    "text": c.get("sentence"),
                    "source": c.get("url"),
                    "claim_id": c["id"],
                }
            )

    def get(name: str) -> Facts2:
        return facts.setdefault(name, Facts2(name, False, None, None))

    for row in _latest(store.rows("analyses"), lambda r: r["system"] + json.dumps(r["settings"], sort_keys=True)):
        get(row["system"]).analyses.append(row)
    measurements = _latest(
        store.rows("measurements"),
        lambda r: "|".join(
            [
                r["system"],
                str(r["hardware"]),
                r["device"],
                r["origin"],
                str((r["result"] or {}).get("mode")),
                json.dumps(r["settings"], sort_keys=True),
            ]
        ),
    )
    for row in measurements:
        p = point_from_measurement(row)
        if p is not None:
            get(row["system"]).points.append(p)
    if "evidence" in sa.inspect(store.engine).get_table_names():
        blocks: dict[tuple, list[Point]] = {}
        for row in store.rows("current_evidence"):
            if not row.get("system") or row.get("author_is_vendor"):
                continue
            page = pages.get(row["document_id"], {})
            f = get(row["system"])
            row = {**row, "url": page.get("url"), "title": page.get("title")}
            prof = f.profile
            clip = prof.duration_s if prof and prof.whole_clip else None  # see Profile.default_clip
            point = point_from_evidence(row, prof.output_fps if prof else None, clip)
            written_variant(point, (gpus.specs.get(point.gpu or "") or {}).get("memory_gb"))
            if point.latency_type == "per_chunk" and point.fps is None:  # one line of a post's profile
                blocks.setdefault((row["system"], row["document_id"], row.get("post_index")), []).append(point)
            else:
                f.points.append(point)
        for (system, *_), points in blocks.items():
            prof = get(system).profile
            get(system).points.extend(chunk_points(points, prof.frames_per_chunk if prof else None))
    return facts, gpus
