"""`liveaudit bench export`: rows/s and peak memory of each export format on a generated store.

The store (default 1,000,000 claims over 100,000 documents, each claim judged, a few
dozen measurements) is generated with raw `executemany` in one transaction and cached
under /tmp (keyed by size and schema revision), so later runs start at once. Each
format then runs in its own child process; its peak memory is that process's
maximum resident set size (`os.wait4`), which counts SQLite's, pyarrow's and Python's
memory alike. The baseline, in the same run, is the bare scan: the streamed join turned
into Arrow record batches with no file written, i.e. what reading the store costs.

Goal (issue 19): >= 50,000 rows/s for CSV and Parquet at 1M claims, peak memory < 500 MB.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from liveaudit.vocab import VERDICTS

SYSTEMS = (
    "StreamDiffusion",
    "CausVid",
    "Self-Forcing",
    "LongLive",
    "MAGI-1",
    "LTX-Video",
    "Wan2.1-T2V-1.3B",
    "Krea Realtime",
    "MirageLSD",
    None,
)
GPUS = ("H100 SXM", "A100 80GB", "RTX 4090", "B200", None)
CLAIMS_PER_DOC = 10
_TS = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite


def _figures(rng: random.Random) -> str:
    fps = rng.choice((None, 8.0, 16.0, 24.0, 30.0))
    return json.dumps(
        {
            "fps": fps,
            "fps_max": None,
            "latency_s": rng.choice((None, 0.15, 0.8)),
            "latency_type": "first_frame",
            "compute_s_per_video_s": None,
            "width": 832,
            "height": 480,
            "duration_s": None,
            "gpu": rng.choice(GPUS),
            "gpu_count": 1,
            "steps": 4,
            "speedup": None,
            "speedup_baseline": None,
        }
    )


def generate_store(path: Path, claims: int, seed: int = 0) -> None:
    """Write a store of `claims` claims (10 per document), all judged, with raw executemany."""
    from liveaudit.store import Store

    store = Store.open(str(path))
    run_ids = {}
    for command in ("crawl", "analyze", "measure", "classify", "verdicts"):
        with store.run(command, {"generated": True, "claims": claims}) as run:
            run.summary = {"generated": True}
        run_ids[command] = run.id
    store.close()
    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1)
    docs = (claims + CLAIMS_PER_DOC - 1) // CLAIMS_PER_DOC
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO sources (id, source_key, version, kind, name, config, run_id, created_at) VALUES (?,?,?,?,?,?,?,?)",
            [
                (i + 1, f"source-{i}", 1, "vendor", f"Source {i}", "{}", run_ids["crawl"], t0.strftime(_TS))
                for i in range(20)
            ],
        )
        con.executemany(
            "INSERT INTO documents (id, doc_key, version, url, source_key, fetched_at, http_status, content_type, "
            "content_sha256, title, author, published_at, language, text, extract_status, warc_file, warc_record_id, "
            "warc_offset, meta, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    d,
                    f"https://site{d % 500}.example/page/{d}",
                    1,
                    f"https://site{d % 500}.example/page/{d}",
                    f"source-{d % 20}",
                    (t0 + timedelta(seconds=d)).strftime(_TS),
                    200,
                    "text/html",
                    f"{d:064x}",
                    f"Page {d}: real-time video",
                    None,
                    "2025-06-01",
                    "en",
                    None,
                    "extracted",
                    f"warc/crawl-{d // 20000:05d}.warc.gz",
                    f"<urn:uuid:00000000-0000-0000-0000-{d:012d}>",
                    d * 4096,
                    "{}",
                    run_ids["crawl"],
                )
                for d in range(1, docs + 1)
            ),
        )
        analyses = [
            (
                a,
                SYSTEMS[a % 9],
                json.dumps(
                    {
                        "width": 832,
                        "height": 480,
                        "fps": 16,
                        "steps": 4,
                        "seconds": 5,
                        "frames_per_chunk": 4,
                        "cfg": False,
                        "label": "published default",
                    }
                ),
                1_300_000_000,
                2.5e14,
                1.7e11,
                json.dumps({"stages": [], "roofline": {}}),
                "[]",
                run_ids["analyze"],
                t0.strftime(_TS),
            )
            for a in range(1, 19)
        ]
        con.executemany(
            "INSERT INTO analyses (id, system, settings, params, flops_per_video_second, bytes_per_video_second, "
            "result, unknown_config_keys, run_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            analyses,
        )
        measurements = [
            (
                m,
                SYSTEMS[m % 9],
                GPUS[m % 4],
                "cuda",
                analyses[0][2],
                0.5 + m / 100,
                10.0 + m,
                0.8,
                "L2",
                json.dumps({"mode": ("eager", "compiled", "cuda_graphs")[m % 3], "fps_p50": 10.0 + m}),
                json.dumps({"gpu": GPUS[m % 4]}),
                "shipped",
                run_ids["measure"],
                t0.strftime(_TS),
            )
            for m in range(1, 49)
        ]
        con.executemany(
            "INSERT INTO measurements (id, system, hardware, device, settings, ttff_s, throughput_fps, rtf, "
            "level, result, environment, origin, run_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            measurements,
        )
        con.executemany(
            "INSERT INTO claims (id, document_id, sentence_index, sentence, start_char, end_char, kind, kind_score, system, "
            "terms, implied_level, hedge, figures, specificity, model_version, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    c,
                    (c - 1) // CLAIMS_PER_DOC + 1,
                    (c - 1) % CLAIMS_PER_DOC,
                    f"{SYSTEMS[c % 10] or 'Our model'} generates real-time video at {c % 40} fps on one H100 (claim {c}).",
                    0,
                    90,
                    ("quantified", "qualitative", "comparative", "aspirational")[c % 4],
                    0.9,
                    SYSTEMS[c % 10],
                    '["real-time"]',
                    "L2",
                    rng.choice((None, "up to", "about")),
                    _figures(rng),
                    '{"hardware": true, "resolution": true, "duration": false, "steps": true, "metric": true, "score": 0.8}',
                    "kind-lr-minilm@2026-11-26.1",
                    run_ids["classify"],
                )
                for c in range(1, claims + 1)
            ),
        )
        vt = (t0 + timedelta(days=30)).strftime(_TS)
        con.executemany(
            "INSERT INTO verdicts (id, claim_id, verdict, reason, implied_level, measured_level, confidence, evidence, "
            "rules_version, run_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    c,
                    c,
                    VERDICTS[c % len(VERDICTS)],
                    f"Measured {c % 40} fps on an H100 SXM under CUDA graphs (L2); claim {c}.",
                    "L2",
                    "L2",
                    0.9,
                    json.dumps({"measurement_ids": [c % 48 + 1], "analysis_ids": [c % 18 + 1]}),
                    "liveaudit.verdict_rules.v1+bench",
                    run_ids["verdicts"],
                    vt,
                )
                for c in range(1, claims + 1)
            ),
        )
    con.close()


def cached_store(claims: int, cache_dir: Path, log: Callable[[str], None] = print) -> Path:
    """The generated store for `claims`, made once and kept in `cache_dir`."""
    from liveaudit.store import migrate

    path = cache_dir / f"export-{claims}-rev{migrate.head_revision()}.db"
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        for stale in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            stale.unlink(missing_ok=True)
        started = time.perf_counter()
        log(f"generating a store of {claims:,} claims in {path} (cached for later runs) ...")
        generate_store(tmp, claims)
        os.replace(tmp, path)
        log(f"generated in {time.perf_counter() - started:.1f} s")
    return path


def _child(fmt: str, db: str, out: str) -> None:
    """Run in the child process: one export (or the bare scan) and print its figures as JSON."""
    from liveaudit import config
    from liveaudit.publish.export.run import export
    from liveaudit.publish.export.stream import iter_batches
    from liveaudit.store import Store

    store = Store.open(db, upgrade=False)
    started, cpu = time.perf_counter(), time.process_time()
    if fmt == "scan":
        rows = sum(b.num_rows for b in iter_batches(store, int(config.get("EXPORT_BATCH_ROWS"))))
        size = 0
    else:
        result = export(store, fmt, out)
        rows = result["rows"] if fmt != "claimreview" else result["claims"]
        size = sum(Path(f).stat().st_size for f in result["files"])
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": time.perf_counter() - started,
                "cpu_seconds": time.process_time() - cpu,
                "bytes": size,
            }
        )
    )


def _measure(fmt: str, db: Path, out: Path) -> dict:
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveaudit.publish.export.bench", fmt, str(db), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout = proc.stdout.read()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"bench export {fmt} failed:\n{stderr[-2000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_rss_bytes"] = usage.ru_maxrss * 1024  # kilobytes on Linux
    figures["cpu_seconds_total"] = usage.ru_utime + usage.ru_stime  # includes start-up and imports
    return figures


def bench_export(
    claims: int = 1_000_000,
    formats: tuple[str, ...] | None = None,
    cache_dir: str | Path | None = None,
    log: Callable[[str], None] = print,
) -> list[dict]:
    """Figures per format (first the 'scan' baseline): rows, seconds, cpu_seconds, rows_per_s, rows_per_cpu_s,
    peak_rss_mb, mb_written. CPU time is the export's own (after imports), so it stays honest on a busy machine."""
    from liveaudit.publish.export.run import FORMATS

    cache = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "liveaudit-bench"
    db = cached_store(claims, cache, log)
    results = []
    with tempfile.TemporaryDirectory(prefix="liveaudit-export-") as tmp:
        for fmt in ("scan", *(formats or FORMATS)):
            log(f"exporting {fmt} ...")
            f = _measure(fmt, db, Path(tmp) / fmt)
            results.append(
                {
                    "format": fmt,
                    "rows": f["rows"],
                    "seconds": f["seconds"],
                    "cpu_seconds": f["cpu_seconds"],
                    "rows_per_s": f["rows"] / f["seconds"] if f["seconds"] else 0.0,
                    "rows_per_cpu_s": f["rows"] / f["cpu_seconds"] if f["cpu_seconds"] else 0.0,
                    "peak_rss_mb": f["peak_rss_bytes"] / 2**20,
                    "mb_written": f["bytes"] / 2**20,
                }
            )
    return results


if __name__ == "__main__":
    _child(*sys.argv[1:4])
