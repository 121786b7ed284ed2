"""The report's HTML building blocks: escaping, links, tables, charts, references and headings.

Every value from the store goes through `e()` (html.escape); `link()` makes anchors only for
http(s) URLs, so nothing a crawled page said is ever emitted as markup.
"""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import urlsplit

from liveaudit.publish.links import section_url

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#212121;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
h2 a.here,h3 a.here{color:#9e9e9e;text-decoration:none;font-weight:normal;font-size:.8rem;margin-left:.4rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem;width:100%;table-layout:fixed}
th,td{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}.ref{color:#616161;font-size:.75rem}
blockquote{margin:0;font-style:italic}.answer{background:#f1f8e9;padding:.5rem 1rem .5rem 2rem;border-left:4px solid #2e7d32}
.answer li{margin:.3rem 0}img{max-width:100%}
@page{size:A4;margin:14mm 12mm 16mm 12mm;@bottom-right{content:"page " counter(page) " of " counter(pages);font-size:8pt;color:#757575}}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}table{font-size:7.5pt}
 thead{display:table-header-group}tr,img,blockquote,.keep{break-inside:avoid}h2,h3{break-after:avoid}
 .newpage{break-before:page}h1{font-size:16pt;margin-top:0}.answer{font-size:10pt}}
"""


def e(value: object) -> str:
    """Escaped text; None shows as an en dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return escape(f"{value:.3g}")
    return escape(str(value), quote=True)


def link(url: str | None) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url, quote=True)}" rel="nofollow noopener noreferrer">{e(url)}</a>'
    return e(url)


def table(headers: list[str], rows: list[list[str]], attrs: str = "", widths: list[int] | None = None) -> str:
    """`rows` cells are already-escaped HTML; `widths` in percent, one per column (A4 layout)."""
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>" if widths else ""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table{attrs}>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def td(value: object, numeric: bool = False) -> str:
    return f'<td class="n">{e(value)}</td>' if numeric else f"<td>{e(value)}</td>"


def chart(svg: bytes | None, alt: str) -> str:
    if not svg:
        return "<p>(nothing to chart yet)</p>"
    data = base64.b64encode(svg).decode("ascii")
    return f'<img alt="{e(alt)}" src="data:image/svg+xml;base64,{data}">'


def claim_ref(r: dict) -> str:
    warc = (
        f"WARC {e(r.get('warc_file'))} record {e(r.get('warc_record_id'))}" if r.get("warc_file") else "no WARC record"
    )
    parts = [f"claim #{e(r['claim_id'])}", f"document #{e(r['document_id'])}", warc, f"verdict #{e(r['verdict_id'])}"]
    if r.get("measurement_ids"):
        parts.append("measurement " + ", ".join(f"#{e(i)}" for i in r["measurement_ids"]))
    if r.get("analysis_ids"):
        parts.append("analysis " + ", ".join(f"#{e(i)}" for i in r["analysis_ids"]))
    return '<span class="ref">' + " · ".join(parts) + "</span>"


def heading(level: int, section: str, title: str, base: str) -> str:
    """A heading with its stable address (PUBLIC_BASE_URL/report.html#section, or #section)."""
    return (
        f'<h{level} id="{e(section)}">{e(title)}<a class="here" href="{e(section_url(base, section))}" '
        f'title="address of this section">#</a></h{level}>'
    )
