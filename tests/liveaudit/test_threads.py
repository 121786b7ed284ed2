"""Thread structure (liveaudit/threads.py): posts in order with author, date and badge, the three
markups, rel=next, deleted authors, logs, pages that are not threads, and a 10,000-post page."""

from __future__ import annotations

from pathlib import Path

from liveaudit import config
from liveaudit.threads import is_maintainer_badge, parse_thread

SITE = Path(__file__).resolve().parents[2] / "data" / "fixture_site" / "site"


def _page(path: str) -> dict | None:
    return parse_thread((SITE / path).read_text(encoding="utf-8"), "http://127.0.0.1:8800/" + path)


def test_threads_github_posts_in_order_with_author_date_and_badge():
    thread = _page("threads/ltx-video-h20-inference-time.html")
    assert thread["dialect"] == "github"
    assert [p["author"] for p in thread["posts"]] == ["f1yfisher", "Shecht-ltx"]
    assert [p["date"][:10] for p in thread["posts"]] == ["2025-01-16", "2025-01-21"]
    assert [p["maintainer"] for p in thread["posts"]] == [False, True]
    assert thread["posts"][1]["badge"] == "Collaborator"
    assert "about 30 seconds" in thread["posts"][0]["text"]
    assert thread["next_url"] is None


def test_threads_schema_org_topic_is_not_a_post_and_next_page_is_named():
    thread = _page("threads/oasis-consumer-gpu.html")
    assert thread["dialect"] == "schema.org"
    assert [p["author"] for p in thread["posts"]] == ["cocktailpeanut", "Trent-Fellbootman", "nonetrix", "sal34"]
    assert thread["next_url"] == "http://127.0.0.1:8800/threads/oasis-consumer-gpu-p2.html"


def test_threads_deleted_author_is_kept_as_deleted():
    posts = _page("threads/oasis-consumer-gpu-p2.html")["posts"]
    gone = [p for p in posts if p["deleted"]]
    assert len(gone) == 1 and gone[0]["author"] is None and "wow" in gone[0]["text"]
    ghost = '<div class="timeline-comment"><a class="author">ghost</a><div class="comment-body"><p>hi</p></div></div>'
    assert parse_thread(ghost, "http://x/")["posts"][0]["deleted"] is True


def test_threads_table_rows_and_code_blocks_keep_their_lines():
    text = _page("threads/longlive-models-table-fps.html")["posts"][0]["text"]
    assert "B200 | NVFP4 2-step | 33.8 fps | 24.1 fps" in text
    post = _page("threads/longlive-a100-throughput.html")["posts"][3]["text"]  # prose, then a fenced profile
    log = post[post.index("```") :]
    assert "on my H100" in post[: post.index("```")]
    assert "- Block 0 generation time: 595.09 ms (1.95% of diffusion)" in log.splitlines()


def test_threads_page_that_is_not_a_thread_gives_none_and_a_results_page_its_tables():
    assert _page("vendors/decart-oasis.html") is None
    assert parse_thread("", "http://x/") is None and parse_thread(b"\x00\xff<p>", "http://x/") is None
    bench = _page("benchmarks/mlperf-inference-v6-text-to-video.html")
    assert bench["posts"] == [] and bench["tables"][0]["headers"][:2] == ["Submitter", "System"]
    assert bench["tables"][0]["rows"][0][-1] == "20.58"


def test_threads_ten_thousand_posts_are_capped_and_counted(monkeypatch):
    monkeypatch.setenv("LIVEAUDIT_CRAWL_THREAD_MAX_POSTS", "500")
    assert config.get("CRAWL_THREAD_MAX_POSTS") == 500
    posts = "".join(
        f'<div class="timeline-comment"><a class="author">user{i}</a>'
        f'<div class="comment-body"><p>+1 number {i}</p></div></div>'
        for i in range(10_000)
    )
    thread = parse_thread(f"<html><body>{posts}</body></html>", "http://x/")
    assert len(thread["posts"]) == 500 and thread["dropped_posts"] == 9_500 and thread["total_posts"] == 10_000
    assert thread["posts"][-1]["author"] == "user499"


def test_threads_maintainer_badges_exclude_author_and_contributor():
    assert is_maintainer_badge("Member") and is_maintainer_badge("Collaborator") and is_maintainer_badge("Owner")
    assert (
        not is_maintainer_badge("Author") and not is_maintainer_badge("Contributor") and not is_maintainer_badge(None)
    )
