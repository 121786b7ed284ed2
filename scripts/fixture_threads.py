"""Write the fixture site's issue-thread and benchmark pages from data/fixture_site/threads.yaml.

    .venv/bin/python scripts/fixture_threads.py     # rewrites site/threads/, site/benchmarks/

The pages paraphrase real public threads (each names its thread in liveaudit:source); the
posts are in our own words and carry the thread's published figures. Posts marked
`noise: true` in the YAML are made up and carry no figure ("+1", a question). Three markups
are used, as real trackers and forums publish them: GitHub's timeline (`github`), schema.org
microdata (`schema`, as Discourse and most forums) and a benchmark table page (`table`).
After a change, update manifest.yaml's thread entries (`python scripts/fixture_threads.py
--manifest` prints them) and run tests/liveaudit/test_fixture_server.py.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "data" / "fixture_site" / "site"
SPEC = ROOT / "data" / "fixture_site" / "threads.yaml"
E = html.escape
INDEX_DATE = "2025-11-01"
INDEX_SOURCE = "https://en.wikipedia.org/wiki/Issue_tracking_system"


def _body(text: str) -> str:
    """Paragraphs, ``` code blocks and | table | rows | of a post, as HTML."""
    out, code, table = [], None, None
    for line in text.strip("\n").split("\n"):
        if line.startswith("```"):
            if code is None:
                code = []
            else:
                out.append("<pre><code>" + E("\n".join(code)) + "</code></pre>")
                code = None
            continue
        if code is not None:
            code.append(line)
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            if table is None:
                table = ["<table><tr>" + "".join(f"<th>{E(c)}</th>" for c in cells) + "</tr>"]
            else:
                table.append("<tr>" + "".join(f"<td>{E(c)}</td>" for c in cells) + "</tr>")
            continue
        if table is not None:
            out.append("\n".join(table) + "</table>")
            table = None
        if line.strip():
            out.append(f"<p>{E(line.strip())}</p>")
    if table is not None:
        out.append("\n".join(table) + "</table>")
    return "\n".join(out)


def _head(page: dict, path: str, extra: str = "") -> str:
    first = page["posts"][0]["author"] if page.get("posts") else page.get("author", "fixture")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{E(page["title"])}</title>
<meta name="author" content="{E(first or "unknown")}">
<meta name="date" content="{page["date"]}">
<meta property="article:published_time" content="{page["date"]}T12:00:00+00:00">
<meta name="liveaudit:source" content="{E(page["source_url"])}">
<meta name="liveaudit:kind" content="{page["kind"]}">
<meta name="liveaudit:systems" content="{E(",".join(page["systems"]))}">
<link rel="canonical" href="{{{{BASE_URL}}}}{path}">
{extra}<style>body{{font-family:system-ui,sans-serif;margin:0 auto;max-width:56rem;padding:1rem;line-height:1.5}}
.timeline-comment,.post{{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}}
.Label{{border:1px solid #999;border-radius:1em;padding:0 .5em;font-size:.8em}} pre{{background:#f6f8fa;padding:.5rem;overflow:auto}}
table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:.2rem .5rem}}</style>
</head>
<body>
<div class="fixture-web-bar"><a href="/">Fixture web</a> — <a href="/threads/">Issue threads</a> | <a href="/benchmarks/">Benchmarks</a></div>
"""


def _github(page: dict, path: str, posts: list[dict], nxt: str | None) -> str:
    link = f'<link rel="next" href="{nxt}">\n' if nxt else ""
    parts = [
        _head(page, path, link),
        f'<main><h1 class="gh-header-title">{E(page["title"])} <span class="issue-number">{E(page["number"])}</span></h1>',
    ]
    for i, post in enumerate(posts):
        author = post.get("author")
        who = (
            f'<a class="author" href="/threads/">{E(author)}</a>'
            if author
            else '<span class="author-deleted">ghost</span>'
        )
        badge = f' <span class="Label timeline-comment-label">{E(post["badge"])}</span>' if post.get("badge") else ""
        parts.append(
            f'<div class="timeline-comment" id="post-{i}"><div class="timeline-comment-header">{who} commented '
            f'<relative-time datetime="{post["date"]}T10:00:00Z">on {post["date"]}</relative-time>{badge}</div>'
            f'<div class="comment-body markdown-body">\n{_body(post["text"])}\n</div></div>'
        )
    if nxt:
        parts.append(f'<nav class="pagination"><a rel="next" href="{nxt}">Older comments, next page</a></nav>')
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _schema(page: dict, path: str, posts: list[dict], nxt: str | None) -> str:
    link = f'<link rel="next" href="{nxt}">\n' if nxt else ""
    parts = [
        _head(page, path, link),
        f'<main itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1 itemprop="headline">{E(page["title"])}</h1>',
    ]
    for i, post in enumerate(posts):
        kind = "https://schema.org/Comment"
        author = post.get("author") or ""
        badge = f'<span class="user-title badge">{E(post["badge"])}</span>' if post.get("badge") else ""
        parts.append(
            f'<article class="post" id="post-{i}" itemprop="comment" itemscope itemtype="{kind}">'
            f'<div class="post-meta"><span itemprop="author" itemscope itemtype="https://schema.org/Person">'
            f'<span itemprop="name">{E(author)}</span></span> {badge} '
            f'<time itemprop="datePublished" datetime="{post["date"]}T10:00:00Z">{post["date"]}</time></div>'
            f'<div itemprop="text">\n{_body(post["text"])}\n</div></article>'
        )
    if nxt:
        parts.append(f'<a rel="next" href="{nxt}">Next page</a>')
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _table(page: dict, path: str) -> str:
    parts = [_head(page, path), f"<main><article><h1>{E(page['title'])}</h1>"]
    parts.append(_body(page["intro"]))
    parts.append(_body("\n".join(page["table"])))
    if page.get("outro"):
        parts.append(_body(page["outro"]))
    parts.append("</article></main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _index(title: str, entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f'  <li><a href="{p}">{E(t)}</a></li>' for p, t in entries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{E(title)}</title>
<meta name="author" content="Fixture web editors">
<meta name="date" content="{INDEX_DATE}">
<meta property="article:published_time" content="{INDEX_DATE}T09:00:00+00:00">
<meta name="liveaudit:source" content="{INDEX_SOURCE}">
<meta name="liveaudit:kind" content="index">
<meta name="liveaudit:systems" content="">
</head>
<body>
<div class="fixture-web-bar"><a href="/">Fixture web</a> — <a href="/threads/">Issue threads</a> | <a href="/benchmarks/">Benchmarks</a></div>
<main><h1>{E(title)}</h1>
<ul>
{items}
</ul></main>
</body>
</html>
"""


def main() -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    written = {"threads": [], "benchmarks": []}
    for page in spec["threads"] + spec["benchmarks"]:
        folder = "benchmarks" if page.get("markup") == "table" else "threads"
        (SITE / folder).mkdir(exist_ok=True)
        if page.get("markup") == "table":
            path = f"/{folder}/{page['slug']}.html"
            (SITE / folder / f"{page['slug']}.html").write_text(_table(page, path), encoding="utf-8")
            written[folder].append((path, page["title"]))
            continue
        pages = page.get("pages") or [len(page["posts"])]
        start, render = 0, _schema if page.get("markup") == "schema" else _github
        for n, size in enumerate(pages):
            name = page["slug"] + ("" if n == 0 else f"-p{n + 1}") + ".html"
            nxt = f"/threads/{page['slug']}-p{n + 2}.html" if n + 1 < len(pages) else None
            path = f"/threads/{name}"
            (SITE / "threads" / name).write_text(
                render(page, path, page["posts"][start : start + size], nxt), encoding="utf-8"
            )
            start += size
            if n == 0:
                written["threads"].append((path, page["title"]))
    (SITE / "threads" / "index.html").write_text(
        _index("Issue threads and discussions", written["threads"]), encoding="utf-8"
    )
    (SITE / "benchmarks" / "index.html").write_text(
        _index("Benchmark results", written["benchmarks"]), encoding="utf-8"
    )
    if "--manifest" in sys.argv:
        print(yaml.safe_dump(manifest_entries(spec), sort_keys=False, allow_unicode=True, width=200))


def manifest_entries(spec: dict) -> list[dict]:
    """The manifest entries of the generated pages (claims: the maintainers' own speed sentences)."""
    out = [
        {
            "path": f"/{folder}/",
            "kind": "index",
            "title": title,
            "source_url": INDEX_SOURCE,
            "systems": [],
            "date": INDEX_DATE,
            "claims": [],
        }
        for folder, title in (("threads", "Issue threads and discussions"), ("benchmarks", "Benchmark results"))
    ]
    for page in spec["threads"] + spec["benchmarks"]:
        folder = "benchmarks" if page.get("markup") == "table" else "threads"
        pages = page.get("pages") or [1]
        for n in range(len(pages)):
            name = page["slug"] + ("" if n == 0 else f"-p{n + 1}") + ".html"
            out.append(
                {
                    "path": f"/{folder}/{name}",
                    "kind": page["kind"],
                    "title": page["title"],
                    "source_url": page["source_url"],
                    "systems": page["systems"],
                    "date": page["date"],
                    "claims": page.get("claims", []) if n == 0 else [],
                }
            )
    return out


if __name__ == "__main__":
    main()
