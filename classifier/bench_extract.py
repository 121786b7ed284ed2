"""`liveaudit bench extract`: MB/s through `extract` on ordinary pages and on the hostile corpus.

Ordinary pages are the fixture site's HTML and Markdown pages (data/fixture_site/site, the
hostile/ folder left out); the hostile corpus is hostile.py's generated cases. Both are
written to files and read by `extract_all` in this process with one Classifier (loaded
before the clock starts), so the figures include reading, decoding, HTML to text and the
classifier. Throughput is input bytes per second; the goal is hostile within 5x of ordinary.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from liveaudit import config
from liveaudit.classifier.extraction import extract_all
from liveaudit.classifier.hostile import corpus, write_corpus
from liveaudit.classifier.pipeline import Classifier


def ordinary_pages() -> list[Path]:
    """The fixture site's ordinary pages (HTML and Markdown), hostile/ left out."""
    from liveaudit.fixture_site.server import default_root

    site = default_root() / "site"
    return sorted(
        p for p in site.rglob("*") if p.suffix in (".html", ".md") and "hostile" not in p.relative_to(site).parts
    )


def _timed(paths: list[Path], clf: Classifier, rounds: int) -> dict:
    size = sum(p.stat().st_size for p in paths) * rounds
    errors = claims = 0
    slowest = (0.0, "")
    start = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            t = time.perf_counter()
            outcome = extract_all([str(path)], clf)[0]
            took = time.perf_counter() - t
            slowest = max(slowest, (took, path.name))
            errors += outcome.error is not None
            claims += len(outcome.claims)
    seconds = time.perf_counter() - start
    return {
        "files": len(paths) * rounds,
        "mb": size / 1e6,
        "seconds": seconds,
        "mb_per_s": size / 1e6 / seconds,
        "errors": errors,
        "claims": claims,
        "slowest_s": slowest[0],
        "slowest": slowest[1],
    }


def bench(full: bool = False, ordinary_mb: float = 2.0) -> dict:
    """Both throughputs and their ratio; `full` runs every hostile case (else those up to 200 KB)."""
    clf = Classifier()
    clf.claims("Warm-up: the model streams at 24 fps on one H100.")
    pages = ordinary_pages()
    page_bytes = sum(p.stat().st_size for p in pages) or 1
    ordinary = _timed(pages, clf, max(1, round(ordinary_mb * 1e6 / page_bytes)))
    cases = corpus(small=not full)
    with tempfile.TemporaryDirectory(prefix="liveaudit-bench-extract-") as tmp:
        hostile = _timed(write_corpus(Path(tmp), cases), clf, 1)
    return {
        "ordinary": ordinary,
        "hostile": hostile,
        "cases": len(cases),
        "full": full,
        "ratio": ordinary["mb_per_s"] / hostile["mb_per_s"] if hostile["mb_per_s"] else float("inf"),
        "budget_s": float(config.get("CLASSIFY_DOCUMENT_BUDGET_S")),
        "cpus": len(os.sched_getaffinity(0)),
    }
