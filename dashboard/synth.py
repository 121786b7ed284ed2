"""Synthetic stores for `liveaudit bench dashboard`: realistic rows at any size, written fast.

The rows follow the stages' contracts (claims figures and specificity, analyses rooflines,
measurements chunk gaps, five verdict kinds). Twenty claims per page, a tenth of pages
fetched in two versions, fixed seeds: a store of a given size is always the same store.
Rows go in with executemany inside runs opened by `Store.run`, so runs and run ids are real.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from liveaudit.store import Store, schema
from liveaudit.vocab import CLAIMS, VERDICTS

SYSTEMS = (
    "StreamDiffusion",
    "CausVid",
    "Self-Forcing",
    "LongLive",
    "MAGI-1",
    "LTX-Video",
    "Wan2.1-T2V-1.3B",
    "Wan2.1-T2V-14B",
    "Krea Realtime",
    "Seaweed APT2",
    "Matrix-Game 2.0",
    "MirageLSD",
    "Genie 3",
    "Oasis",
)
GPUS = {
    "H100 SXM": (989e12, 3.35e12),
    "H200": (989e12, 4.8e12),
    "B200": (2250e12, 8e12),
    "A100 80GB": (312e12, 2.0e12),
    "RTX 4090": (165e12, 1.0e12),
    "L40S": (362e12, 0.86e12),
}
TERMS = (
    "real-time",
    "real time",
    "live",
    "streaming",
    "interactive",
    "instant",
    "faster than real time",
    "low latency",
    "live conversation",
)
LEVEL_OF = {
    "real-time": "L2",
    "real time": "L2",
    "live": "L2",
    "streaming": "L2",
    "interactive": "L3",
    "instant": "L3",
    "faster than real time": "L1",
    "low latency": "L3",
    "live conversation": "L4",
}
KINDS = CLAIMS
HEDGES = (None, None, None, "up to", "near", "about", "at least")
SOURCE_KINDS = ("vendor", "blog", "paper", "repo", "model_card", "news", "feed")
CLAIMS_PER_DOC = 20
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _figures(rng: random.Random, kind: str) -> dict:
    quantified = kind == "quantified"
    gpu = rng.choice(list(GPUS)) if quantified and rng.random() < 0.6 else None
    return {
        "fps": rng.choice([8.0, 12.0, 16.0, 17.0, 24.0, 30.0]) if quantified else None,
        "fps_max": None,
        "latency_s": round(rng.uniform(0.1, 3), 2) if quantified and rng.random() < 0.3 else None,
        "latency_type": "first_frame" if quantified else None,
        "compute_s_per_video_s": None,
        "width": 832 if quantified else None,
        "height": 480 if quantified else None,
        "duration_s": None,
        "gpu": gpu,
        "gpu_count": 1 if gpu else None,
        "steps": 4 if quantified and rng.random() < 0.3 else None,
        "speedup": 150.0 if kind == "comparative" else None,
        "speedup_baseline": "Wan2.1-T2V-1.3B" if kind == "comparative" else None,
    }


def _specificity(f: dict) -> dict:
    spec = {
        "hardware": f["gpu"] is not None,
        "resolution": f["width"] is not None,
        "duration": False,
        "steps": f["steps"] is not None,
        "metric": f["fps"] is not None,
    }
    spec["score"] = sum(spec.values()) / 5
    return spec


def build(db_path: str | Path, claims: int, seed: int = 7) -> Path:
    """Write a store with about `claims` current claims (a new file; an existing one is reused as is)."""
    db_path = Path(db_path)
    if db_path.is_file():
        return db_path
    rng = random.Random(seed)
    store = Store.open(str(db_path))
    n_docs = max(1, claims // CLAIMS_PER_DOC)
    with store.run("crawl", {"synthetic": True}) as run, store.engine.begin() as conn:
        conn.execute(
            sa.insert(schema.sources),
            [
                {
                    "source_key": f"src-{k}",
                    "version": 1,
                    "kind": k,
                    "name": k,
                    "config": {},
                    "run_id": run.id,
                    "created_at": T0,
                }
                for k in SOURCE_KINDS
            ],
        )
        docs = []
        for i in range(n_docs):
            versions = 2 if i % 10 == 0 else 1
            for v in range(1, versions + 1):
                published = (T0 + timedelta(days=rng.randrange(700))).date().isoformat()
                docs.append(
                    {
                        "doc_key": f"https://site{i % 97}.example/page/{i}",
                        "version": v,
                        "url": f"https://site{i % 97}.example/page/{i}",
                        "source_key": f"src-{SOURCE_KINDS[i % 7]}",
                        "fetched_at": T0 + timedelta(days=i % 300 + 30 * v),
                        "http_status": 200,
                        "content_type": "text/html",
                        "content_sha256": f"{i:032x}{v:032x}",
                        "title": f"Page {i}",
                        "author": None,
                        "published_at": published,
                        "language": "en",
                        "text": "A page about real-time video generation. " * 20,
                        "extract_status": "extracted",
                        "warc_file": "warc/synthetic.warc.gz",
                        "warc_record_id": f"<urn:uuid:{i:08d}-{v}>",
                        "warc_offset": i * 4096,
                        "meta": {},
                        "run_id": run.id,
                    }
                )
        conn.execute(sa.insert(schema.documents), docs)
    with store.engine.connect() as conn:
        doc_ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM documents ORDER BY id"))]
    with store.run("classify", {"synthetic": True}) as run, store.engine.begin() as conn:
        rows = []
        for doc_id in doc_ids:
            for s in range(CLAIMS_PER_DOC):
                kind = rng.choice(KINDS)
                terms = sorted(set(rng.sample(TERMS, rng.choice([1, 1, 2]))))
                figures = _figures(rng, kind)
                system = rng.choice(SYSTEMS) if rng.random() < 0.85 else None
                sentence = (
                    f"{system or 'Our model'} delivers {' and '.join(terms)} video"
                    + (f" at {figures['fps']:g} fps" if figures["fps"] else "")
                    + (f" on one {figures['gpu']}" if figures["gpu"] else "")
                    + f" (sentence {s})."
                )
                rows.append(
                    {
                        "document_id": doc_id,
                        "sentence_index": s,
                        "sentence": sentence,
                        "start_char": 0,
                        "end_char": len(sentence),
                        "kind": kind,
                        "kind_score": round(rng.random(), 3),
                        "system": system,
                        "terms": terms,
                        "implied_level": max(LEVEL_OF[t] for t in terms),
                        "hedge": rng.choice(HEDGES),
                        "figures": figures,
                        "specificity": _specificity(figures),
                        "model_version": "synthetic@1",
                        "run_id": run.id,
                    }
                )
        conn.execute(sa.insert(schema.claims), rows)
    _analyses_and_measurements(store, rng)
    with store.engine.connect() as conn:
        claim_ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM current_claims"))]
    with store.run("verdicts", {"synthetic": True}) as run, store.engine.begin() as conn:
        conn.execute(
            sa.insert(schema.verdicts),
            [
                {
                    "claim_id": cid,
                    "verdict": VERDICTS[cid % len(VERDICTS)],
                    "reason": f"Synthetic reason for claim {cid}.",
                    "implied_level": "L2",
                    "measured_level": rng.choice(["L0", "L1", "L2", None]),
                    "confidence": 0.5,
                    "evidence": {},
                    "rules_version": "synthetic@1",
                    "run_id": run.id,
                    "created_at": T0,
                }
                for cid in claim_ids
            ],
        )
    store.close()
    return db_path


def _analyses_and_measurements(store: Store, rng: random.Random) -> None:
    with store.run("analyze", {"synthetic": True}) as run, store.engine.begin() as conn:
        rows = []
        for system in SYSTEMS:
            flops, nbytes = rng.uniform(5e13, 5e15), rng.uniform(2e11, 5e12)
            roofline = {}
            for gpu, (peak, bw) in GPUS.items():
                c, m = flops / peak, nbytes / bw
                roofline[gpu] = {
                    "compute_s_per_video_s": c,
                    "memory_s_per_video_s": m,
                    "min_s_per_video_s": max(c, m),
                    "max_fps": 16 / max(c, m),
                    "bound": "compute" if c >= m else "memory",
                    "best_level": "L2" if max(c, m) <= 1 else "L0",
                }
            stages = [
                {"name": n, "class": cls, "params": 1e9, "flops": flops * share, "bytes": nbytes * b, "calls": 1}
                for n, cls, share, b in [
                    ("text_encoder", "UMT5EncoderModel", 0.02, 0.2),
                    ("denoiser", "WanTransformer3DModel", 0.85, 0.6),
                    ("vae_decode", "AutoencoderKLWan", 0.13, 0.2),
                ]
            ]
            rows.append(
                {
                    "system": system,
                    "settings": {
                        "width": 832,
                        "height": 480,
                        "fps": 16,
                        "steps": 4,
                        "seconds": 5,
                        "frames_per_chunk": 3,
                        "cfg": False,
                        "label": "published default",
                    },
                    "params": 1_300_000_000,
                    "flops_per_video_second": flops,
                    "bytes_per_video_second": nbytes,
                    "result": {
                        "stages": stages,
                        "roofline": roofline,
                        "first_chunk_flops": flops / 5,
                        "first_chunk_bytes": nbytes / 5,
                    },
                    "unknown_config_keys": [],
                    "run_id": run.id,
                    "created_at": T0,
                }
            )
        conn.execute(sa.insert(schema.analyses), rows)
    with store.run("measure", {"synthetic": True}) as run, store.engine.begin() as conn:
        rows = []
        for system in SYSTEMS:
            for mode in ("eager", "cuda_graphs"):
                gaps = [rng.uniform(0.1, 0.4) for _ in range(30)]
                fps = rng.uniform(4, 30)
                rows.append(
                    {
                        "system": system,
                        "hardware": "H100 SXM",
                        "device": "cuda:0",
                        "settings": {"width": 832, "height": 480, "fps": 16, "steps": 4, "label": "published default"},
                        "ttff_s": rng.uniform(0.3, 4),
                        "throughput_fps": fps,
                        "rtf": 16 / fps,
                        "level": "L2" if fps >= 16 else "L0",
                        "result": {
                            "mode": mode,
                            "chunk_gap_s": {
                                "p50": sorted(gaps)[15],
                                "p95": sorted(gaps)[28],
                                "p99": max(gaps),
                                "max": max(gaps),
                            },
                            "per_chunk_s": gaps,
                            "fps_p50": fps,
                            "fps_max": fps,
                            "peak_mem_bytes": 2e10,
                            "achieved_flops_fraction": 0.4,
                            "repetitions": 30,
                            "warmup": 3,
                        },
                        "environment": {"gpu": "synthetic"},
                        "origin": "shipped",
                        "run_id": run.id,
                        "created_at": T0,
                    }
                )
        conn.execute(sa.insert(schema.measurements), rows)
