"""A small, realistic store for the dashboard tests, written through `Store.insert`.

Rows follow the cross-stage contracts (claims figures/specificity, analyses roofline
results, measurements chunk gaps, verdicts of all five kinds) because the stages that
write them are built in parallel. One crawled page is hostile: its title, text and a
claim sentence carry `<script>` and `onerror=` payloads that must show as text.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from liveaudit.store import Store
from tests.seed_pages import (  # noqa: F401 - SCRIPT_PAYLOAD and friends are imported from here by the tests
    HOSTILE_SENTENCE,
    IMG_PAYLOAD,
    PAGES,
    SCRIPT_PAYLOAD,
    T0,
    claim_figures,
    specificity_of,
    write_warc,
)


def seed(db_path: str | Path, warc_dir: str | Path | None = None) -> dict:
    """Write the seeded store; returns ids the tests use (claims by verdict, the hostile claim...)."""
    db_path = Path(db_path)
    warc_dir = Path(warc_dir) if warc_dir else db_path.parent / "warc"
    store = Store.open(str(db_path))
    ids: dict = {"claims": {}}
    with store.run("crawl", {"sources": "tests/seed.py"}) as run:
        store.insert(
            "sources",
            [
                {"source_key": key, "version": 1, "kind": kind, "name": name, "config": {"url": url}, "created_at": T0}
                for key, kind, name, url in [
                    ("krea-blog", "vendor", "Krea blog", "https://krea.example/"),
                    ("arxiv", "paper", "arXiv", "https://arxiv.example/"),
                    ("news", "news", "News", "https://news.example/"),
                    ("blog", "blog", "A blog", "https://hostile.example/"),
                ]
            ],
            run,
        )
        docs = []
        for n, (url, source, _kind, title, published, versions) in enumerate(PAGES):
            for v, text in enumerate(versions, start=1):
                html = f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
                warc_file = warc_dir / "crawl-00001.warc.gz"
                record_id, offset = write_warc(warc_file, url, html)
                docs.append(
                    {
                        "doc_key": url,
                        "version": v,
                        "url": url,
                        "source_key": source,
                        "fetched_at": T0 + timedelta(days=n, hours=v * 24 * 7),
                        "http_status": 200,
                        "content_type": "text/html",
                        "content_sha256": f"{n:02d}{v:02d}".ljust(64, "0"),
                        "title": title,
                        "author": None,
                        "published_at": published,
                        "language": "en",
                        "text": f"{title}. {text}",
                        "extract_status": "extracted",
                        "warc_file": str(warc_file) if record_id else None,
                        "warc_record_id": record_id,
                        "warc_offset": offset,
                        "meta": {"source_kind": _kind},
                    }
                )
        doc_ids = store.insert("documents", docs, run)
        ids["documents"] = dict(zip([(d["doc_key"], d["version"]) for d in docs], doc_ids))

    sentences = [
        # document key, version, sentence, kind, system, terms, level, hedge, figures
        (
            ("https://krea.example/realtime", 1),
            PAGES[0][5][0],
            "quantified",
            "Krea Realtime",
            ["real time"],
            "L2",
            None,
            claim_figures(fps=11.0, gpu="B200", gpu_count=1),
        ),
        (
            ("https://krea.example/realtime", 2),
            PAGES[0][5][1],
            "quantified",
            "Krea Realtime",
            ["live", "streams"],
            "L3",
            None,
            claim_figures(fps=11.0, gpu="B200", gpu_count=1, steps=4),
        ),
        (
            ("https://krea.example/realtime", 2),
            "The next release will be fully interactive.",
            "aspirational",
            "Krea Realtime",
            ["interactive"],
            "L3",
            None,
            claim_figures(),
        ),
        (
            ("https://arxiv.example/abs/2506.08009", 1),
            PAGES[1][5][0],
            "quantified",
            "Self-Forcing",
            ["real-time", "streaming"],
            "L2",
            None,
            claim_figures(fps=17.0, latency_s=0.69, latency_type="first_frame", gpu="H100 SXM", gpu_count=1),
        ),
        (
            ("https://arxiv.example/abs/2506.08009", 1),
            "Self-Forcing is up to 150x faster than Wan2.1.",
            "comparative",
            "Self-Forcing",
            ["faster"],
            None,
            "up to",
            claim_figures(speedup=150.0, speedup_baseline="Wan2.1-T2V-1.3B"),
        ),
        (
            ("https://news.example/ltx", 1),
            PAGES[2][5][0],
            "quantified",
            "LTX-Video",
            ["faster than real time"],
            "L1",
            None,
            claim_figures(
                compute_s_per_video_s=0.4, width=768, height=512, duration_s=5.0, gpu="H100 SXM", gpu_count=1
            ),
        ),
        (
            ("https://news.example/ltx", 1),
            "A startup says its avatar model holds live conversations.",
            "qualitative",
            None,
            ["live conversation"],
            "L4",
            "about",
            claim_figures(),
        ),
        (
            ("https://hostile.example/xss", 1),
            HOSTILE_SENTENCE,
            "quantified",
            "MirageLSD",
            ["real-time"],
            "L2",
            None,
            claim_figures(fps=30.0, gpu="H100 SXM", gpu_count=1),
        ),
    ]
    with store.run("classify", {"model": "kind-lr-minilm@2026-11-26.1"}) as run:
        rows = []
        for i, (doc, sentence, kind, system, terms, level, hedge, figures) in enumerate(sentences):
            rows.append(
                {
                    "document_id": ids["documents"][doc],
                    "sentence_index": i,
                    "sentence": sentence,
                    "start_char": 0,
                    "end_char": len(sentence),
                    "kind": kind,
                    "kind_score": 0.9,
                    "system": system,
                    "terms": terms,
                    "implied_level": level,
                    "hedge": hedge,
                    "figures": figures,
                    "specificity": specificity_of(figures),
                    "model_version": "kind-lr-minilm@2026-11-26.1",
                }
            )
        claim_ids = store.insert("claims", rows, run)
    ids["claim_ids"] = claim_ids
    ids["hostile_claim"] = claim_ids[7]
    ids["old_version_claim"] = claim_ids[0]

    with store.run("analyze", {"system": "all"}) as run:
        analyses = []
        for system, params, flops, nbytes, stages in [
            (
                "Self-Forcing",
                1.4e9,
                2.2e14,
                9.0e11,
                [
                    ("text_encoder", "UMT5EncoderModel", 5.7e9, 1e12, 1e10, 1),
                    ("denoiser", "WanTransformer3DModel", 1.3e9, 1.9e14, 8e11, 12),
                    ("vae_decode", "AutoencoderKLWan", 7.3e7, 2.9e13, 9e10, 4),
                ],
            ),
            (
                "LTX-Video",
                2.0e9,
                5.0e14,
                2.0e12,
                [
                    ("text_encoder", "T5EncoderModel", 4.7e9, 2e12, 1e10, 1),
                    ("denoiser", "LTXVideoTransformer3DModel", 1.9e9, 4.5e14, 1.8e12, 8),
                    ("vae_decode", "AutoencoderKLLTXVideo", 4.2e8, 4.8e13, 2e11, 1),
                ],
            ),
        ]:
            roofline = {}
            for gpu, peak, bw in [("H100 SXM", 989e12, 3.35e12), ("RTX 4090", 165e12, 1.0e12), ("B200", 2250e12, 8e12)]:
                compute_s, memory_s = flops / peak, nbytes / bw
                best = max(compute_s, memory_s)
                roofline[gpu] = {
                    "compute_s_per_video_s": compute_s,
                    "memory_s_per_video_s": memory_s,
                    "min_s_per_video_s": best,
                    "max_fps": 16 / best,
                    "bound": "compute" if compute_s >= memory_s else "memory",
                    "best_level": "L2" if best <= 1 else "L0",
                }
            analyses.append(
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
                    "params": int(params),
                    "flops_per_video_second": flops,
                    "bytes_per_video_second": nbytes,
                    "result": {
                        "stages": [
                            {"name": n, "class": c, "params": p, "flops": f, "bytes": b, "calls": k}
                            for n, c, p, f, b, k in stages
                        ],
                        "roofline": roofline,
                        "first_chunk_flops": flops / 5,
                        "first_chunk_bytes": nbytes / 5,
                    },
                    "unknown_config_keys": [],
                    "created_at": T0 + timedelta(days=20),
                }
            )
        ids["analyses"] = store.insert("analyses", analyses, run)

    env = {
        "gpu": "NVIDIA H100 80GB HBM3",
        "driver": "570.86",
        "cuda": "12.8",
        "torch": "2.13.0",
        "diffusers": "0.36.0",
        "dtype": "bfloat16",
        "attention backend": "sdpa",
    }
    with store.run("measure", {"system": "Self-Forcing", "device": "cuda"}) as run:
        rows = []
        for system, mode, ttff, fps, level, gaps in [
            ("Self-Forcing", "eager", 1.10, 12.5, "L1", [0.21, 0.25, 0.24, 0.31, 0.23, 0.26]),
            ("Self-Forcing", "cuda_graphs", 0.72, 17.1, "L2", [0.16, 0.17, 0.18, 0.17, 0.19, 0.17]),
            ("LTX-Video", "compiled", 2.4, 48.0, "L1", [0.9, 0.8]),
        ]:
            rows.append(
                {
                    "system": system,
                    "hardware": "H100 SXM",
                    "device": "cuda:0",
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
                    "ttff_s": ttff,
                    "throughput_fps": fps,
                    "rtf": 16 / fps,
                    "level": level,
                    "result": {
                        "mode": mode,
                        "chunk_gap_s": {
                            "p50": sorted(gaps)[len(gaps) // 2],
                            "p95": max(gaps),
                            "p99": max(gaps),
                            "max": max(gaps),
                        },
                        "per_chunk_s": gaps,
                        "fps_p50": fps,
                        "fps_max": fps * 1.05,
                        "peak_mem_bytes": 2.1e10,
                        "achieved_flops_fraction": 0.41,
                        "repetitions": 10,
                        "warmup": 3,
                    },
                    "environment": env,
                    "origin": "shipped",
                    "created_at": T0 + timedelta(days=21),
                }
            )
        ids["measurements"] = store.insert("measurements", rows, run)

    with store.run("verdicts", {"rules": "liveaudit.verdict_rules.v1"}) as run:
        c = claim_ids
        verdicts = [
            (
                c[3],
                "supported",
                "Measured 17.1 fps with 0.72 s to first frame on an H100 SXM under CUDA graphs (L2), as claimed.",
                "L2",
                "L2",
                {"measurement_ids": [ids["measurements"][1]], "analysis_id": ids["analyses"][0]},
            ),
            (
                c[1],
                "contradicted",
                "Claims live (L3) but no interactive latency was measured; streaming only (L2).",
                "L3",
                "L2",
                {"analysis_ids": []},
            ),
            (
                c[7],
                "implausible",
                "30 fps at this size needs more FLOP/s than an H100 SXM can deliver.",
                "L2",
                "L0",
                {"analysis_id": ids["analyses"][0]},
            ),
            (c[6], "unverifiable", "No system is named and no figure is stated.", "L4", None, {}),
            (c[5], "untested", "LTX-Video has not been measured at 768x512 yet.", "L1", None, {}),
        ]
        store.insert(
            "verdicts",
            [
                {
                    "claim_id": cid,
                    "verdict": v,
                    "reason": reason,
                    "implied_level": il,
                    "measured_level": ml,
                    "confidence": 0.8,
                    "evidence": ev,
                    "rules_version": "liveaudit.verdict_rules.v1",
                    "created_at": T0 + timedelta(days=22),
                }
                for cid, v, reason, il, ml, ev in verdicts
            ],
            run,
        )
        ids["claims"] = {v: cid for cid, v, *_ in verdicts}
        store.insert(
            "level_gaps",
            [
                {
                    "system": system,
                    "hardware": "H100 SXM",
                    "implied_level": il,
                    "measured_level": ml,
                    "bound_level": bl,
                    "gap": int(il[1]) - int(ml[1]),
                    "claims": n,
                    "evidence": {"measurement_ids": ids["measurements"]},
                    "rules_version": "liveaudit.verdict_rules.v1",
                    "created_at": T0 + timedelta(days=22),
                }
                for system, il, ml, bl, n in [("Self-Forcing", "L2", "L2", "L2", 2), ("LTX-Video", "L1", "L1", "L2", 1)]
            ],
            run,
        )
    store.close()
    return ids
