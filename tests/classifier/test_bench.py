"""The classify benchmark's corpus and figures (no timing assertions)."""

from __future__ import annotations

from liveaudit.classifier.bench import bench, corpus


def test_bench_corpus_has_the_asked_share_of_candidates():
    pools = ([f"Runs at {i} fps." for i in range(50)], [f"Plain sentence number {i}." for i in range(50)])
    docs, written = corpus(2000, share=0.2, pools=pools)
    text = "\n".join(docs)
    cands, others = text.count(" fps."), text.count("Plain sentence")
    assert written >= 2000 and 0.15 < cands / (cands + others) < 0.25


def test_bench_reports_both_pipelines_and_the_gate():
    r = bench(300, workers=1)
    assert r["baseline_sentences"] >= 250 and r["pipeline_sentences"] >= 250
    assert r["baseline_sentences_per_s"] > 0 and r["pipeline_sentences_per_s"] > 0 and r["ratio"] > 0
    assert 0 < r["candidate_share"] < 0.5 and 0.1 < r["fixture_candidate_share"] < 0.5
    assert r["minilm_sentences"] <= r["candidates"] and r["parallel"] is None
