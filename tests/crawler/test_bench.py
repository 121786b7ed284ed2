"""`liveaudit bench crawl` prints its figures (a 50-page smoke run; the 2,000-page run is the benchmark)."""

from tests.crawler.conftest import crawl_env, liveaudit


def test_bench_crawl_prints_pages_per_second_for_both_crawlers_and_their_ratio():
    result = liveaudit("bench", "crawl", "--pages", "50", env=crawl_env(), timeout=240)
    assert result.returncode == 0, result.stderr
    assert "bare Scrapy" in result.stdout and "liveaudit" in result.stdout
    assert "ratio liveaudit / bare" in result.stdout
