"""`liveaudit bench classify` and `liveaudit bench extract` (registered by cli.py)."""

from __future__ import annotations

import typer


def bench_classify_cli(
    sentences: int = typer.Option(
        20000, "--sentences", min=100, help="Least number of sentences in the generated corpus."
    ),
    model: str = typer.Option(
        None, "--model", help="Kind model to time: textcat, lr-minilm or cascade [default: the chosen one]."
    ),
    workers: int = typer.Option(
        None,
        "--workers",
        min=1,
        help="Also time (b) in this many processes, one torch thread each [default: the usable CPUs; 1 skips it].",
    ),
) -> None:
    """Sentences per second: spaCy's blank tokenizer + sentencizer vs the full pipeline.

    The generated corpus has the fixture site's share of candidate sentences (those the
    rule gate passes to the kind model); (b) runs with the embedding cache off, then on.
    """
    from liveaudit.classifier.bench import bench
    from liveaudit.cli.bench import print_bench

    r = bench(sentences, model, workers)
    rows = [
        (
            "(a) spaCy blank tokenizer + sentencizer",
            r["baseline_sentences"],
            r["baseline_s"],
            r["baseline_sentences_per_s"],
        ),
        (
            f"(b) liveaudit rules + {r['kind_model']}",
            r["pipeline_sentences"],
            r["pipeline_s"],
            r["pipeline_sentences_per_s"],
        ),
    ]
    if r["cached"]:
        rows.append(
            (
                "(b) with the embedding cache on",
                r["pipeline_sentences"],
                r["cached"]["seconds"],
                r["cached"]["sentences_per_s"],
            )
        )
    if r["parallel"]:
        p = r["parallel"]
        rows.append((f"(b) in {p['workers']} processes", p["sentences"], p["seconds"], p["sentences_per_s"]))
    best = max(row[3] for row in rows[1:])
    notes = [
        f"ratio (b)/(a): {r['ratio']:.3f} one process, {best / r['baseline_sentences_per_s']:.3f} best (b)",
        f"rule gate: {r['candidates']} of {r['pipeline_sentences']} sentences ({r['candidate_share']:.1%}) reached the kind model "
        f"(fixture site pages: {r['fixture_candidate_share']:.1%} of {r['fixture_sentences']}); "
        f"{r['minilm_sentences']} ({r['minilm_share']:.1%}) reached the MiniLM; {r['claims']} claims",
        f"CPUs: {r['affinity_cpus']} usable of {r['cpu_count']}; torch threads {r['torch_threads']} per process. "
        f"Goal for (b): 2,000 sentences/s on 2 cores.",
    ]
    if r["cached"]:
        notes.insert(
            2,
            f"embedding cache hit rate {r['cached']['hit_rate']:.1%} (the corpus repeats its pools; real crawls repeat less)",
        )
    print_bench(
        f"classify: {r['documents']} generated Markdown documents",
        ("pipeline", "sentences", "seconds", "sentences/s"),
        rows,
        notes,
    )


def bench_extract_cli(
    full: bool = typer.Option(
        False, "--full", help="Run every hostile case (some are several MB); the default runs those up to 200 KB."
    ),
    ordinary_mb: float = typer.Option(
        2.0,
        "--ordinary-mb",
        min=0.1,
        help="About how many MB of ordinary pages to read (the fixture site's pages, repeated).",
    ),
) -> None:
    """MB/s through `extract` on ordinary pages and on the generated hostile corpus, side by side.

    Ordinary: the fixture site's HTML and Markdown pages. Hostile: entity floods, deep
    nesting, bad encodings, disguised binaries, ReDoS-shaped and huge text, fuzzed
    Markdown (liveaudit/classifier/hostile.py). Goal: hostile within 5x of ordinary.
    """
    from liveaudit.classifier.bench_extract import bench
    from liveaudit.cli.bench import print_bench

    r = bench(full, ordinary_mb)
    rows = [
        (
            name,
            r[key]["files"],
            f"{r[key]['mb']:.2f}",
            f"{r[key]['seconds']:.1f}",
            f"{r[key]['mb_per_s']:.3f}",
            r[key]["errors"],
        )
        for name, key in (("ordinary pages", "ordinary"), (f"hostile corpus ({r['cases']} cases)", "hostile"))
    ]
    h = r["hostile"]
    print_bench(
        "extract: input MB/s, files read one by one",
        ("corpus", "files", "MB", "seconds", "MB/s", "errors"),
        rows,
        [
            f"ordinary / hostile: {r['ratio']:.2f}x (goal: at most 5x); slowest hostile case {h['slowest']} "
            f"{h['slowest_s']:.1f} s (budget {r['budget_s']:g} s per document)",
            f"{'every case' if r['full'] else 'cases up to 200 KB (--full for all)'}; CPUs usable: {r['cpus']}",
        ],
    )
