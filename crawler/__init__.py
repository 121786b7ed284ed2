"""The crawler stage: a Scrapy project that fetches the sources politely, archives every
HTTP exchange as WARC evidence, extracts the text and stores versioned documents.

Public entry points (the rest of the package is private):
    crawl(db, sources, ...)       run a crawl (or `resume=True`) into the store; returns the summary
    load_sources(path)            read and validate a sources file
    show_document(db, doc_id)     the archived response behind a document row
    bench_crawl(pages)            bare Scrapy vs liveaudit's crawl on a generated local site
    fetch(url, timeout=, ...)     one URL with an overall deadline and a size cap (fetching.py; extract URL)

Docs: the module docstrings of `sources`, `warc` and `run`; docs/design.md, step 1.
"""

from liveaudit.lazy import lazy_exports

# Lazy, so that `liveaudit --help` and the sources validator do not import Scrapy.
_EXPORTS = {
    "Source": "liveaudit.crawler.sources",
    "bench_crawl": "liveaudit.crawler.bench",
    "crawl": "liveaudit.crawler.run",
    "fetch": "liveaudit.crawler.fetching",
    "load_sources": "liveaudit.crawler.sources",
    "show_document": "liveaudit.crawler.show",
}
__all__ = sorted(_EXPORTS)  # the same names as _EXPORTS (a test checks)

__getattr__ = lazy_exports(__name__, _EXPORTS)
