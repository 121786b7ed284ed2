"""Thread structure of an issue / discussion / forum page: its posts, in order, with who wrote them.

    thread = parse_thread(html, url)    # None when the page is not a thread
    thread["posts"][0]                  # {"index", "author", "deleted", "date", "badge", "maintainer", "text"}

Users' reports of what a system did on their GPU live in such threads; who wrote a post
decides whether its figures are a report (someone else ran it) or a claim (the vendor
measuring itself). So the crawler keeps the posts apart instead of one extracted text.

Three published markups are read, tried in this order, the first that finds posts wins:
GitHub issue/discussion timelines (`timeline-comment`, `a.author`, `relative-time`, the
author-association label), schema.org microdata (`DiscussionForumPosting` / `Comment`, used
by Discourse and most forums) and Discourse's own `topic-post` markup. A badge reading
member / owner / collaborator / maintainer / staff / admin marks a maintainer ("Author" on
GitHub marks the thread's opener, "Contributor" anyone with a merged change: neither is).
A post whose author is gone (GitHub's "ghost", an empty author) is kept with deleted=True.
At most CRAWL_THREAD_MAX_POSTS posts are kept (the count of the rest is recorded), and a
post's text is cut at CRAWL_THREAD_MAX_POST_CHARS; work is linear in the page.
`next_url` is the page's rel=next link, which the spider follows whatever the source depth.
In the core (not the crawler) because two stages read threads: the crawler stores the posts,
`liveaudit extract` gives a thread's sentences the role of their post. Needs parsel (the
crawler extra); `parsel_available()` says whether it is installed.
Docs: docs/evidence.md
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:  # parsel comes with the crawler extra; imported when a page is parsed
    from parsel import Selector

MAINTAINER_BADGES = frozenset({"member", "owner", "collaborator", "maintainer", "staff", "admin", "moderator", "team"})
DELETED_AUTHORS = frozenset({"ghost", "[deleted]", "deleted", "deleted user", "unknown"})
_WS = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")

# (name, post xpath, author, date, badge, body) relative to a post node
_DIALECTS = (
    (
        "github",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' timeline-comment ')]",
        ".//a[contains(concat(' ', normalize-space(@class), ' '), ' author ')]",
        ".//relative-time/@datetime | .//time/@datetime",
        ".//*[contains(@class, 'Label') or contains(@class, 'author-association')]//text() | .//@data-author-association",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' comment-body ')]",
    ),
    (
        "schema.org",
        "//*[contains(@itemtype, 'DiscussionForumPosting') or contains(@itemtype, 'schema.org/Comment')]",
        ".//*[@itemprop='author']",
        ".//*[@itemprop='datePublished']/@datetime | .//*[@itemprop='datePublished']/@content",
        ".//*[contains(@class, 'badge') or contains(@class, 'user-title') or contains(@class, 'role')]//text()",
        ".//*[@itemprop='text' or @itemprop='articleBody']",
    ),
    (
        "discourse",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' topic-post ')]",
        ".//*[contains(@class, 'username')]",
        ".//*[@data-time]/@data-time | .//time/@datetime",
        ".//*[contains(@class, 'user-title') or contains(@class, 'badge')]//text()",
        ".//*[contains(@class, 'cooked')]",
    ),
)


def _limits() -> tuple[int, int]:
    from liveaudit import config

    return int(config.get("CRAWL_THREAD_MAX_POSTS")), int(config.get("CRAWL_THREAD_MAX_POST_CHARS"))


_BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "ul",
        "ol",
        "br",
        "hr",
        "section",
        "article",
        "summary",
        "details",
        "dd",
        "dt",
    }
)
_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "button"})


def _walk(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if tag in _SKIP:
        return
    if tag == "pre":  # a code or log block: kept line by line between fences
        out.append("\n```\n" + el.text_content().strip("\n") + "\n```\n")
        return
    if tag in _BLOCK:
        out.append("\n")
    if el.text and tag:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in ("td", "th"):
        out.append(" | ")
    elif tag in _BLOCK:
        out.append("\n")


def _block_text(node: Selector) -> str:
    """The visible text of a post body, with line breaks kept (code blocks fenced, table cells joined by |)."""
    out: list[str] = []
    _walk(node.root, out)
    lines = [_WS.sub(" ", line).strip().strip("|").strip() for line in "".join(out).split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _author(node: Selector, xpath: str) -> tuple[str | None, bool]:
    el = node.xpath(xpath)
    if not el:
        return None, True
    handle = (
        el[0].xpath("./@data-username").get()
        or el[0].xpath(".//*[@itemprop='name']//text()").get()
        or "".join(el[0].xpath(".//text()").getall())
    )
    handle = _WS.sub(" ", handle or "").strip().lstrip("@")
    if not handle or handle.lower() in DELETED_AUTHORS:
        return None, True
    return handle[:100], False


def _date(node: Selector, xpath: str) -> str | None:
    value = node.xpath(xpath).get()
    return value.strip()[:32] if value else None


def _badge(node: Selector, xpath: str) -> str | None:
    words = [_WS.sub(" ", t).strip() for t in node.xpath(xpath).getall()]
    words = [w for w in words if w and len(w) <= 40]
    return words[0] if words else None


def _outside(node: Selector, inner: list) -> Selector | None:
    """A copy of `node` without the nested posts `inner` (None when nothing of its own is left)."""
    from copy import deepcopy

    from parsel import Selector

    clone = deepcopy(node.root)
    marks = {id(n) for n in inner}
    pairs = list(zip(node.root.iter(), clone.iter()))
    for original, copied in pairs:
        if id(original) in marks and copied.getparent() is not None:
            copied.getparent().remove(copied)
    own = Selector(root=clone)
    return own if "".join(own.xpath(".//text()").getall()).strip() else None


def parsel_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("parsel") is not None


def is_maintainer_badge(badge: str | None) -> bool:
    """Whether a post's badge marks one of the project's own people (see the module docstring)."""
    return badge is not None and any(w in MAINTAINER_BADGES for w in re.findall(r"[a-z]+", badge.lower()))


def parse_thread(page: str | bytes | Selector, url: str) -> dict | None:
    """The thread on the page (see the module docstring), or None when no markup finds a post."""
    if isinstance(page, bytes):
        page = page.decode("utf-8", errors="replace")
    from parsel import Selector

    sel = page if isinstance(page, Selector) else Selector(text=page or "<html></html>")
    max_posts, max_chars = _limits()
    for name, posts_xp, author_xp, date_xp, badge_xp, body_xp in _DIALECTS:
        nodes = sel.xpath(posts_xp)
        if not nodes:
            continue
        posts: list[dict] = []
        nested = {id(n.root) for n in nodes}
        for node in nodes[:max_posts]:
            inner = [n for n in node.root.iterdescendants() if id(n) in nested]
            if inner:  # a container of other posts (a schema.org topic): its own post is what lies outside them
                own = _outside(node, inner)
                if own is None or not own.xpath(body_xp):  # a headline and nav, no post of its own
                    continue
                node = own
            body = node.xpath(body_xp)
            text = _block_text(body[0]) if body else ""
            author, deleted = _author(node, author_xp)
            badge = _badge(node, badge_xp)
            posts.append(
                {
                    "index": len(posts),
                    "id": node.attrib.get("id") or node.attrib.get("data-post-id"),
                    "author": author,
                    "deleted": deleted,
                    "date": _date(node, date_xp),
                    "badge": badge,
                    "maintainer": is_maintainer_badge(badge),
                    "text": text[:max_chars],
                    "cut": len(text) > max_chars,
                }
            )
        next_href = sel.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href").get()
        canonical = sel.xpath("//link[@rel='canonical']/@href").get()
        title = sel.xpath("normalize-space(//title)").get() or None
        return {
            "dialect": name,
            "title": title,
            "posts": posts,
            "total_posts": len(posts) + max(len(nodes) - max_posts, 0),
            "dropped_posts": max(len(nodes) - max_posts, 0),
            "next_url": urljoin(url, next_href.strip()) if next_href else None,
            "thread_url": urljoin(url, canonical.strip()) if canonical else url,
            "tables": [],
        }
    tables = parse_tables(sel)
    return (
        {
            "dialect": None,
            "posts": [],
            "total_posts": 0,
            "dropped_posts": 0,
            "next_url": None,
            "thread_url": url,
            "tables": tables,
        }
        if tables
        else None
    )


def parse_tables(sel: Selector, max_tables: int = 20, max_rows: int = 500) -> list[dict]:
    """Tables with a header row (a results page): {"headers": [...], "rows": [[...], ...]}, cells as text."""
    out = []
    for table in sel.xpath("//table")[:max_tables]:
        rows = []
        for tr in table.xpath(".//tr")[: max_rows + 1]:
            cells = [_WS.sub(" ", "".join(td.xpath(".//text()").getall())).strip() for td in tr.xpath("./th | ./td")]
            if cells:
                rows.append(cells)
        if len(rows) >= 2 and len(rows[0]) >= 2:
            out.append({"headers": rows[0], "rows": rows[1:]})
    return out
