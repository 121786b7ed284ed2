"""`bench_export` on a tiny generated store: it generates, caches and reports figures per format."""

from __future__ import annotations

from liveaudit.publish.export.bench import bench_export, cached_store


def test_bench_generates_a_cached_store_and_reports_each_format(tmp_path):
    logs: list[str] = []
    results = bench_export(50, ("csv",), tmp_path, log=logs.append)
    assert [r["format"] for r in results] == ["scan", "csv"]
    assert all(r["rows"] == 50 and r["peak_rss_mb"] > 0 and r["cpu_seconds"] > 0 for r in results)
    assert results[1]["mb_written"] > 0
    assert any("generating a store of 50 claims" in m for m in logs)
    path = cached_store(50, tmp_path, log=logs.append)
    assert path.exists() and sum("generating" in m for m in logs) == 1  # the second call reuses the cache
