"""`liveaudit crawl`, `liveaudit warc show` and `liveaudit bench crawl`."""

from __future__ import annotations

from pathlib import Path

import typer

from liveaudit.cli.common import DbOption, console, example

warc_app = typer.Typer(
    help="The WARC evidence archive of the crawls.", no_args_is_help=True, epilog=example("liveaudit warc show 12")
)


def crawl_cli(
    db: DbOption = None,
    sources: Path = typer.Option(
        None,
        "--sources",
        help="Sources file (YAML, format at the top of data/sources.yaml) [default: data/sources.yaml].",
    ),
    base_url: str = typer.Option(
        None, "--base-url", help="Resolve relative start URLs against this URL (replaces the file's base_url)."
    ),
    max_pages: int = typer.Option(
        None, "--max-pages", min=1, help="Fetch at most this many URLs in this run; the rest waits for --resume."
    ),
    resume: bool = typer.Option(
        False,
        "--resume",
        help="Continue the last crawl that was killed, interrupted or capped, without fetching its committed pages again.",
    ),
    redis: str = typer.Option(
        None,
        "--redis",
        help="Distributed crawl: share one frontier in this Redis (redis://HOST:PORT/DB) with crawlers on other machines (see docs/scale-out.md).",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="With --redis: crawler processes to start on this machine, each with its own WARC files.",
    ),
    join: bool = typer.Option(
        False,
        "--join",
        help="With --redis: join (or, after a crash, resume) the crawl already in Redis instead of starting a new one.",
    ),
) -> None:
    """Crawl the sources politely into the store, archiving every HTTP exchange as WARC.

    Obeys robots.txt, throttles per domain and identifies itself (CRAWL_* settings). A page
    fetched again with the same content adds a fetch record; a changed page adds a version.
    Errors (4xx/5xx, timeouts, oversized pages, bad encodings, redirect loops, robots.txt
    denials) are recorded per URL with their reason and counted in the summary.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    if redis:
        _crawl_distributed(db, sources, base_url, redis, workers, join)
        return
    from liveaudit.crawler import crawl

    columns = (
        TextColumn("crawling"),
        BarColumn(),
        TextColumn(
            "{task.fields[fetched]} fetched · {task.fields[queued]} queued · "
            "{task.fields[errors]} errors · {task.fields[mb]:.2f} MB archived"
        ),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("crawl", total=None, fetched=0, queued=0, errors=0, mb=0.0)

        def show(s: dict) -> None:
            total = s["fetched"] + s["queued"]
            bar.update(
                task,
                completed=s["fetched"],
                total=total or None,
                fetched=s["fetched"],
                queued=s["queued"],
                errors=s["errors"],
                mb=s["mb_archived"],
            )

        summary = crawl(db, sources, base_url=base_url, max_pages=max_pages, resume=resume, progress=show)
    table = Table(
        title=f"crawl run {summary['run_id']}"
        + (f" (resumed run {summary['resumed_from']})" if summary["resumed_from"] else "")
    )
    for col in ("fetched", "new versions", "unchanged", "errors", "skipped", "MB archived"):
        table.add_column(col)
    table.add_row(
        *[str(summary[k]) for k in ("fetched", "new_versions", "unchanged", "errors", "skipped", "mb_archived")]
    )
    console.print(table)
    if summary["issues"]:
        console.print("recorded problems: " + ", ".join(f"{k} {v}" for k, v in summary["issues"].items()))
    if summary["capped"]:
        console.print(
            f"{summary['capped']} URLs left in the frontier by --max-pages: continue with `liveaudit crawl --resume`"
        )
    console.print(f"WARC archive: {summary['warc_dir']}")


def _crawl_distributed(db, sources, base_url, redis: str, workers: int, join: bool) -> None:
    from rich.table import Table

    from liveaudit.crawler.distributed import crawl_distributed

    with console.status(f"crawling with {workers} worker(s) sharing {redis.split('@')[-1]}"):
        result = crawl_distributed(db, sources, redis, workers, base_url=base_url, fresh=not join)
    table = Table(
        title=f"distributed crawl: {workers} worker(s), {result['fetched']} fetched in {result['seconds']} s "
        f"({result['pages_per_second']} pages/s)"
    )
    for col in ("worker", "run", "exit", "fetched", "new versions", "unchanged", "errors", "MB archived"):
        table.add_column(col)
    for w in result["workers"]:
        s = w["summary"]
        table.add_row(
            str(s.get("worker", "?")),
            str(s.get("run_id", "-")),
            str(w["returncode"]),
            *[str(s.get(k, "-")) for k in ("fetched", "new_versions", "unchanged", "errors", "mb_archived")],
        )
    console.print(table)
    if result["failed_workers"]:
        for w in result["workers"]:
            if w["returncode"] != 0:
                console.print(w["stderr"].strip().splitlines()[-1] if w["stderr"].strip() else "a worker failed")
        raise typer.Exit(1)


def warc_show_cli(
    document_id: int = typer.Argument(..., help="The id of a documents row.", min=1, max=2**63 - 1),
    db: DbOption = None,
    headers_only: bool = typer.Option(False, "--headers", help="Print the WARC and HTTP headers only."),
) -> None:
    """Print the archived HTTP response behind a document: WARC headers, HTTP headers, body.

    The body is printed as text with control characters removed (nothing is rendered),
    its gzip/deflate encodings undone, and cut at CRAWL_DOWNLOAD_MAXSIZE bytes. Only WARC
    files in the store's WARC folder (CRAWL_WARC_DIR) are read.
    """
    from liveaudit.crawler import show_document

    shown = show_document(db, document_id)
    out = console
    doc = shown["document"]
    out.print(_printable(f"document {doc['id']} v{doc['version']} {doc['url']}"), markup=False, highlight=False)
    out.print(
        _printable(f"archive: {shown['file']} @ {doc['warc_offset']} {doc['warc_record_id']}"),
        markup=False,
        highlight=False,
    )
    for key, value in shown["warc_headers"]:
        out.print(_printable(f"{key}: {value}"), markup=False, highlight=False)
    out.print("")
    out.print(shown["status_line"] or "", markup=False, highlight=False)
    for key, value in shown["http_headers"]:
        out.print(f"{key}: {_printable(value)}", markup=False, highlight=False)
    if not headers_only:
        out.print("")
        out.print(
            _printable(shown["body"].decode("utf-8", errors="replace")), markup=False, highlight=False, soft_wrap=True
        )
        if shown["truncated"]:
            out.print(
                f"[body cut at {len(shown['body'])} bytes: CRAWL_DOWNLOAD_MAXSIZE]", markup=False, highlight=False
            )


def _printable(text: str) -> str:
    """Drop control characters (terminal escape sequences from a hostile page), keep newlines and tabs."""
    return "".join(
        ch for ch in text if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127 and not 0x80 <= ord(ch) < 0xA0)
    )


def bench_crawl_cli(
    pages: int = typer.Option(2000, "--pages", min=10, help="Pages of the generated site."),
    workers: int = typer.Option(
        None, "--extract-workers", min=0, help="Extraction processes [default: CRAWL_EXTRACT_WORKERS]."
    ),
    crawl_workers: str = typer.Option(
        None,
        "--workers",
        help="Distributed crawl instead: worker counts to compare, e.g. 1,2,4 (pages/s and scaling; see docs/scale-out.md).",
    ),
    redis: str = typer.Option(
        None, "--redis", help="With --workers: the Redis to use [default: a throwaway redis-server on 127.0.0.1]."
    ),
) -> None:
    """Pages/s of a bare Scrapy spider vs liveaudit's crawl (WARC + extraction) on a generated local site."""
    from liveaudit.cli.bench import print_bench

    if crawl_workers:
        from liveaudit.crawler.distributed_bench import bench_crawl_workers

        counts = tuple(int(n) for n in crawl_workers.split(",") if n.strip())
        with console.status("distributed crawl bench") as status:
            result = bench_crawl_workers(pages, counts, redis, progress=lambda text: status.update(text))
        print_bench(
            f"bench crawl --workers — {pages}-page generated site on 127.0.0.1",
            ("workers", "pages", "seconds", "pages/s", "scaling vs 1", "fetched per worker"),
            [
                (
                    r["workers"],
                    r["pages"],
                    r["seconds"],
                    r["pages_per_s"],
                    r["scaling"],
                    " ".join(map(str, r["per_worker"])),
                )
                for r in result["runs"]
            ],
            [f"environment: {result['environment']}"],
        )
        return
    from liveaudit.crawler import bench_crawl

    with console.status(f"serving a {pages}-page site on 127.0.0.1 and crawling it twice"):
        result = bench_crawl(pages, extract_workers=workers)
    rows = [(r["name"], r["pages"], r["seconds"], r["pages_per_s"], r["cpu_ms_per_page"]) for r in result["runs"]]
    print_bench(
        f"bench crawl — {pages}-page generated site on 127.0.0.1",
        ("crawler", "pages", "seconds", "pages/s", "CPU ms/page"),
        rows,
        [
            f"ratio liveaudit / bare: {result['ratio']:.2f} (goal ≥ 0.7 on 2 cores)",
            f"environment: {result['environment']}",
        ],
    )


def register(app: typer.Typer) -> None:
    from liveaudit.cli.bench import bench_app

    app.command(
        "crawl", epilog=example("liveaudit crawl --sources data/sources.fixture.yaml --base-url http://127.0.0.1:8800")
    )(crawl_cli)
    warc_app.command("show", epilog=example("liveaudit warc show 12 --db liveaudit.db"))(warc_show_cli)
    app.add_typer(warc_app, name="warc")
    bench_app.command("crawl", epilog=example("liveaudit bench crawl --pages 2000"))(bench_crawl_cli)
