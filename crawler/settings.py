"""Scrapy settings of the liveaudit crawler project (`scrapy.cfg` points here).

The module-level names are ordinary Scrapy settings. `scrapy_settings()` overlays the
liveaudit settings (CRAWL_* in `liveaudit.config`) on them, so politeness is set in one
place: robots.txt obeyed, AutoThrottle on, a per-domain concurrency limit, an identifying
user agent with a contact URL, size and time limits, retries with backoff for 5xx and
timeouts only. Docs: https://docs.scrapy.org/en/latest/topics/settings.html
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

BOT_NAME = "liveaudit"
SPIDER_MODULES = ["liveaudit.crawler.spiders"]
NEWSPIDER_MODULE = "liveaudit.crawler.spiders"

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "ERROR"
LOG_INSTALL_ROOT_HANDLER = True
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a URL that keeps failing is recorded in the store, not shouted
STATS_DUMP = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Breadth first: a depth-limited crawl of many sources reaches every source early.
DEPTH_PRIORITY = 1
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
CONCURRENT_REQUESTS = 16
# Outputs of one response processed in parallel: a page yields one item and a few links, and
# Scrapy's default of 100 spends more on scheduling idle workers than it saves.
CONCURRENT_ITEMS = 16

# Retries: 5xx and timeouts only (a 404 or a refused connection will not change by asking again).
RETRY_HTTP_CODES = [500, 502, 503, 504]
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadTimeoutError",
    "twisted.internet.error.TimeoutError",
    "twisted.internet.error.TCPTimedOutError",
]

DOWNLOADER_MIDDLEWARES = {
    # robots.txt per RFC 9309 (5xx or unreachable: disallow; 500 KiB parsed), see robots.py.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "liveaudit.crawler.robots.RobotsTxtMiddleware": 100,
    "liveaudit.crawler.robots.RobotsBodyMiddleware": 595,
    # Our retry adds a backoff wait; it replaces Scrapy's at the same position.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "liveaudit.crawler.middlewares.BackoffRetryMiddleware": 550,
    # Closest to the network, so it sees the exact bytes exchanged (before decompression
    # and before redirects are followed): every exchange goes to the WARC archive.
    "liveaudit.crawler.middlewares.ExchangeRecorderMiddleware": 950,
}
DOWNLOAD_HANDLERS = {
    "http": "liveaudit.crawler.middlewares.TimedHTTPDownloadHandler",
    "https": "liveaudit.crawler.middlewares.TimedHTTPDownloadHandler",
}
ITEM_PIPELINES = {
    "liveaudit.crawler.pipelines.ExtractPipeline": 300,
    "liveaudit.crawler.pipelines.StorePipeline": 800,
}


def user_agent(contact_url: str) -> str:
    from liveaudit import __version__

    return f"liveaudit/{__version__} (+{contact_url}; fact-checking crawler)"


def scrapy_settings(values: Mapping[str, Any], extra: Mapping[str, Any] | None = None):
    """Scrapy Settings for a crawl: this module, then the resolved liveaudit `values`, then `extra`."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(__name__, priority="project")
    per_domain = values["CRAWL_CONCURRENCY_PER_DOMAIN"]
    settings.setdict(
        {
            "USER_AGENT": user_agent(values["CRAWL_CONTACT_URL"]),
            "CONCURRENT_REQUESTS_PER_DOMAIN": per_domain,
            "DOWNLOAD_DELAY": values["CRAWL_DOWNLOAD_DELAY"],
            "DOWNLOAD_DELAY_JITTER": 0,
            "AUTOTHROTTLE_ENABLED": values["CRAWL_AUTOTHROTTLE"],
            "AUTOTHROTTLE_START_DELAY": values["CRAWL_AUTOTHROTTLE_START_DELAY"],
            "AUTOTHROTTLE_TARGET_CONCURRENCY": float(per_domain),
            "DOWNLOAD_MAXSIZE": values["CRAWL_DOWNLOAD_MAXSIZE"],
            "DOWNLOAD_WARNSIZE": 0,
            "DOWNLOAD_TIMEOUT": values["CRAWL_DOWNLOAD_TIMEOUT"],
            "REDIRECT_MAX_TIMES": values["CRAWL_MAX_REDIRECTS"],
            "RETRY_TIMES": values["CRAWL_RETRY_TIMES"],
            "LIVEAUDIT_RETRY_BACKOFF": values["CRAWL_RETRY_BACKOFF"],
            "LIVEAUDIT_SLOW_SECONDS": values["CRAWL_SLOW_SECONDS"],
            "LIVEAUDIT_EXTRACT_WORKERS": values["CRAWL_EXTRACT_WORKERS"],
            "LIVEAUDIT_WARC_MAX_BYTES": values["CRAWL_WARC_MAX_BYTES"],
        },
        priority="cmdline",
    )
    if extra:
        settings.setdict(dict(extra), priority="cmdline")
    return settings
