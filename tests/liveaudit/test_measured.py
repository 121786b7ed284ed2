"""Claimed vs measured (liveaudit/measured.py) on a small real store: claimed line, points, ratios, medians."""

from __future__ import annotations

import re

from liveaudit.measured import claimed_vs_measured
from liveaudit.store.runs import utcnow

SPEC = {
    "name": "LongLive",
    "claims": [
        {
            "text": "LongLive sustains 20.7 FPS on a single NVIDIA H100.",
            "source": "https://arxiv.org/abs/2509.22622",
            "figures": {"fps": 20.7, "gpu": "H100 SXM", "gpu_count": 1},
        }
    ],
    "architecture": {"schedule": {"fps": 16, "frames_per_chunk": 12}},
}


def seed_evidence(store, extra: tuple[dict, ...] = ()) -> dict:
    """A document, the LongLive registry row and four evidence rows (fps, frames/time, seconds of video, OOM)."""
    with store.run("test") as run:
        [doc] = store.insert(
            "documents",
            [
                {
                    "doc_key": "https://github.com/NVlabs/LongLive/issues/28",
                    "version": 1,
                    "url": "https://github.com/NVlabs/LongLive/issues/28",
                    "content_sha256": "1" * 64,
                    "extract_status": "extracted",
                    "fetched_at": utcnow(),
                    "warc_file": "warc/x.warc.gz",
                    "warc_record_id": "<urn:uuid:1>",
                    "warc_offset": 0,
                    "meta": {"kind": "issue_thread"},
                }
            ],
            run,
        )
        store.insert(
            "systems",
            [
                {
                    "name": "LongLive",
                    "version": 1,
                    "organisation": "NVIDIA",
                    "open_weights": True,
                    "content_sha256": "2" * 64,
                    "spec": SPEC,
                }
            ],
            run,
        )
        base = {
            "kind": "report",
            "document_id": doc,
            "source_kind": "issue_thread",
            "sentence": "s",
            "system": "LongLive",
            "author_is_vendor": False,
            "figures": {},
            "settings": {},
            "model_version": "t",
            "warc_record_id": "<urn:uuid:1>",
        }
        ids = store.insert(
            "evidence",
            [
                {**base, "author": "lrj16", "gpu": "H20", "fps": 1.2, "frames": 240, "latency_s": 200.0},
                {**base, "author": "t-sekai", "gpu": "A100 80GB", "fps": 1.5, "settings": {"precision": ["bf16"]}},
                {
                    **base,
                    "author": "someone",
                    "gpu": "H100 SXM",
                    "latency_s": 10.0,
                    "latency_type": "end_to_end",
                    "figures": {"duration_s": 5.0},
                },
                {**base, "author": None, "gpu": "RTX 5090", "outcome": "oom"},
                *({**base, **row} for row in extra),
            ],
            run,
        )
    return {"document": doc, "evidence": ids}


def test_measured_ratios_median_and_claimed_line(store):
    seed_evidence(store)
    [entry] = claimed_vs_measured(store.engine)
    assert entry["system"] == "LongLive" and entry["claimed"]["fps"] == 20.7 and entry["claimed"]["from"] == "registry"
    ratios = [p["ratio"] for p in entry["points"]]
    assert ratios[:2] == [round(1.2 / 20.7, 4), round(1.5 / 20.7, 4)]
    derived = entry["points"][2]
    assert derived["fps"] == 8.0 and derived["fps_from"] == "derived"  # 5 s of 16 fps video in 10 s
    assert entry["points"][3]["ratio"] is None and entry["points"][3]["outcome"] == "oom"
    assert entry["median_ratio"] == round(sorted(r for r in ratios if r is not None)[1], 4)
    assert entry["reports"] == 4 and entry["compared"] == 3
    assert entry["points"][1]["settings"] == "precision: bf16"


def test_measured_empty_store_gives_nothing(store):
    assert claimed_vs_measured(store.engine) == []


def test_measured_report_section_lists_systems_reports_and_links(store, tmp_path):
    from liveaudit.publish.report import build_report

    seed_evidence(store)
    html = tmp_path / "r" / "report.html"
    build_report(store, tmp_path / "r", pdf=False)
    page = html.read_text(encoding="utf-8")
    assert re.search(r"<h2 [^>]*>Claimed vs measured: others(?:'|&#x27;) figures and our runs<", page)  # heading
    assert 'id="measured"' in page and 'id="reports"' in page and "lrj16" in page
    assert 'href="https://github.com/NVlabs/LongLive/issues/28"' in page
    assert "each report&#x27;s frame rate as a share" in page  # the chart is drawn


def test_measured_our_gpu_runs_are_points_beside_others_but_not_in_their_median(store):
    from tests.verdicts.rows import measurement

    seed_evidence(store)
    gpu = measurement(id=None, system="LongLive", hardware="H200", fps_p50=16.7, mode="eager")
    smoke = measurement(id=None, system="LongLive", hardware="cpu", fps_p50=397.25)
    smoke["settings"] = {**smoke["settings"], "tiny": True}
    with store.run("measure") as run:
        rows = [{**{k: v for k, v in m.items() if k != "id"}, "created_at": utcnow()} for m in (gpu, smoke)]
        store.insert("measurements", rows, run)
    [entry] = claimed_vs_measured(store.engine)
    ours = [p for p in entry["points"] if p["kind"] == "measurement"]
    assert len(ours) == 1 and entry["runs"] == 1  # the smoke run is never a point
    assert ours[0]["gpu"] == "H200" and ours[0]["fps"] == 16.7 and ours[0]["ratio"] == round(16.7 / 20.7, 4)
    assert "mode: eager" in ours[0]["settings"] and ours[0]["url"] is None
    assert entry["reports"] == 4 and entry["compared"] == 3  # the median is what others got


def test_measured_a_posts_profiled_blocks_are_one_point_at_the_median_block(store):
    """Block times of one profile (per-chunk latencies): one rate, frames per chunk / median block,
    as the verdicts read them; the post's other block rows are listed without a rate."""
    blocks = tuple(
        {"author": "kunkun0w0", "gpu": "H100 SXM", "latency_s": s, "latency_type": "per_chunk", "post_index": 3}
        for s in (0.595, 0.603, 0.684, 0.761, 0.767)
    )
    seed_evidence(store, blocks)
    [entry] = claimed_vs_measured(store.engine)
    mine = [p for p in entry["points"] if p["author"] == "kunkun0w0"]
    rated = [p for p in mine if p["fps"] is not None]
    assert len(mine) == 5 and len(rated) == 1
    frames = SPEC["architecture"]["schedule"]["frames_per_chunk"]
    assert rated[0]["fps"] == round(frames / 0.684, 4) and rated[0]["fps_from"] == "derived (median block)"
    assert rated[0]["metric"] == "median of 5 blocks of 12 frames: 0.684 s"
    assert {p["metric"] for p in mine if p["fps"] is None} == {
        f"one block: {s:g} s (in #{rated[0]['id']}'s median)" for s in (0.603, 0.684, 0.761, 0.767)
    }
