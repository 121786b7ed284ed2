"""`liveaudit bench crawl`: pages/s of a bare Scrapy spider vs liveaudit's crawl, in one run.

Both crawl the same generated site (`sitegen`, its own process on 127.0.0.1) from page 0,
following links, with the same Scrapy politeness settings (robots.txt obeyed, same user
agent and timeouts) except that AutoThrottle is off and 16 requests may be in flight to the
one domain, so the figure is the crawler's own cost, not the throttle's. (a) `bare` only
fetches and follows links; (b) `liveaudit` is `crawl()`: WARC archive, extraction, store.
Each runs in a fresh process (Twisted's reactor starts once per process) and times only its
crawl, not interpreter start-up. CPU ms per page (the crawler's process and its extraction
workers, not the site's) is printed too: unlike pages/s it does not depend on what else the
machine is running.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_ENV = {"LIVEAUDIT_CRAWL_AUTOTHROTTLE": "false", "LIVEAUDIT_CRAWL_CONCURRENCY_PER_DOMAIN": "16"}


class GeneratedSite:
    """The generated site in a child process; a context manager giving `.url`."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> GeneratedSite:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveaudit.crawler.sitegen", "--pages", str(self.pages)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.__exit__()
            raise RuntimeError("the generated site did not start")
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _bare(url: str) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from liveaudit import config
    from liveaudit.crawler.settings import scrapy_settings

    count = {"pages": 0}

    class BareSpider(scrapy.Spider):
        name = "bare"
        allowed_domains = ["127.0.0.1"]

        async def start(self):
            yield scrapy.Request(url + "/page/0.html")

        def parse(self, response):
            count["pages"] += 1
            for href in response.xpath("//a/@href").getall():
                yield response.follow(href)

    settings = scrapy_settings(
        config.load_settings(), {"DOWNLOADER_MIDDLEWARES": {}, "DOWNLOAD_HANDLERS": {}, "ITEM_PIPELINES": {}}
    )
    process = CrawlerProcess(settings)
    process.crawl(BareSpider)
    cpu, start = _cpu(), time.perf_counter()
    process.start()
    return {"pages": count["pages"], "seconds": time.perf_counter() - start, "cpu_seconds": _cpu() - cpu}


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the extraction workers)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _liveaudit(url: str, workdir: str) -> dict:
    import scrapy.crawler  # noqa: F401 - imported before the clock starts, as in _bare
    import trafilatura  # noqa: F401

    import liveaudit.crawler.pipelines  # noqa: F401
    import liveaudit.crawler.spiders.sources  # noqa: F401
    from liveaudit.crawler.run import crawl

    sources = Path(workdir) / "sources.yaml"
    sources.write_text(
        f"base_url: {url}\nsources:\n  - id: generated\n    kind: news\n"
        f"    start_urls: [/page/0.html]\n    depth: 10\n",
        encoding="utf-8",
    )
    cpu = _cpu()
    summary = crawl(str(Path(workdir) / "bench.db"), sources)
    return {
        "pages": summary["new_versions"] + summary["unchanged"],
        "seconds": summary["crawl_seconds"],
        "cpu_seconds": _cpu() - cpu,
    }


def bench_crawl(pages: int = 2000, extract_workers: int | None = None) -> dict:
    """Serve a generated site of `pages` pages and crawl it with both crawlers; returns the figures."""
    env = {**os.environ, **BENCH_ENV}
    if extract_workers is not None:
        env["LIVEAUDIT_CRAWL_EXTRACT_WORKERS"] = str(extract_workers)
    runs = []
    with GeneratedSite(pages) as site, tempfile.TemporaryDirectory(prefix="liveaudit-bench-") as tmp:
        for name in ("bare", "liveaudit"):
            out = subprocess.run(
                [sys.executable, "-m", "liveaudit.crawler.bench", name, site.url, tmp],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                raise RuntimeError(f"bench {name} failed: {out.stderr.strip().splitlines()[-1:]}")
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            figures["pages_per_s"] = figures["pages"] / figures["seconds"] if figures["seconds"] else 0.0
            figures["cpu_ms_per_page"] = 1000 * figures["cpu_seconds"] / figures["pages"] if figures["pages"] else 0.0
            runs.append(
                {
                    "name": "bare Scrapy (fetch only)" if name == "bare" else "liveaudit (WARC + extraction + store)",
                    **figures,
                }
            )
    ratio = runs[1]["pages_per_s"] / runs[0]["pages_per_s"] if runs[0]["pages_per_s"] else 0.0
    workers = env.get("LIVEAUDIT_CRAWL_EXTRACT_WORKERS", "default")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    environment = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"extract workers {workers}, load average {load:.1f} at the end"
    )
    return {"pages": pages, "runs": runs, "ratio": ratio, "environment": environment}


def _main(argv: list[str]) -> None:
    name, url, workdir = argv
    figures = _bare(url) if name == "bare" else _liveaudit(url, workdir)
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
