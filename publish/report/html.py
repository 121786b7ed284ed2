"""The report as one self-contained HTML page (styles inline, charts as data: images), laid out for A4.

Every value from the store goes through `e()` (html.escape), links only for http(s) URLs;
nothing a crawled page said is ever emitted as markup. Each number cites what it rests on:
claim, document and WARC record, verdict, measurement and its run.
"""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import urlsplit

from liveaudit.publish.links import section_url
from liveaudit.publish.report.answer import sentences
from liveaudit.publish.report.facts import VERDICTS

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


def answer(facts: dict) -> str:
    """The first page: the title question answered, each sentence with the rows it rests on."""
    items = "".join(
        f'<li data-key="{e(s["id"])}">{e(s["text"])} <span class="ref">[rests on: {e(s["trace"])}]</span></li>'
        for s in sentences(facts)
    )
    return f'<ol class="answer" id="answer-text">{items}</ol>'


def render(facts: dict, charts: dict[str, bytes | None], generated: str, base: str = "") -> str:
    h = facts["headline"]
    th = facts["thresholds"]
    labels = {
        "sources": "sources crawled",
        "documents": "pages (current versions)",
        "claims": "claims found",
        "systems_named": "systems named",
        "judged": "claims judged",
        **{v: f"verdict: {v}" for v in VERDICTS},
        "analyses": "analyses (roofline)",
        "measurements": "GPU measurements (smoke runs not counted)",
    }
    refs = {
        "sources": "current_sources",
        "documents": "current_documents",
        "claims": "current_claims",
        "systems_named": "current_claims.system",
        "judged": "current_verdicts",
        "analyses": "analyses",
        "measurements": "measurements without settings.tiny",
        **{v: f"current_verdicts where verdict = '{v}'" for v in VERDICTS},
    }
    headline_rows = "".join(
        f'<tr data-key="{e(k)}"><th>{e(labels[k])}</th><td class="n">{e(h[k])}</td><td class="ref">store: {e(refs[k])}</td></tr>'
        for k in labels
    )
    out = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>liveaudit report</title>'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<style>{CSS}</style></head><body>",
        '<h1 id="answer">Is “live AI video generation” a meaningful category?</h1>',
        f'<p class="ref">liveaudit report, generated {e(generated)} from the store; levels from {e(th.path)} '
        f"(sha256 {e(th.sha256[:12])}). Address of this page: {e(section_url(base, 'answer'))}.</p>",
        answer(facts),
        f'<div class="newpage">{heading(2, "summary", "Headline", base)}</div>',
        '<table id="headline"><colgroup><col style="width:40%"><col style="width:12%"><col style="width:48%"></colgroup>'
        f"<thead><tr><th>what</th><th>count</th><th>source</th></tr></thead><tbody>{headline_rows}</tbody></table>",
        heading(2, "terms", "Which words", base),
        "<p>Liveness terms in the claims, the level each implies most often, and how claims using it fared.</p>",
        table(
            ["term", "claims", "implies", "verdicts"],
            [
                [
                    td(w["term"]),
                    td(w["claims"], True),
                    td(w["level"]),
                    td(", ".join(f"{k} {v}" for k, v in sorted(w["verdicts"].items()))),
                ]
                for w in facts["words"]
            ],
            ' id="words"',
            [22, 10, 10, 58],
        ),
        "<p>Claim kinds: " + e(", ".join(f"{k} {v}" for k, v in facts["kinds"].items())) + ".</p>",
        heading(2, "levels-gap", "Implied vs measured level, per system and GPU", base),
        chart(charts.get("levels"), "implied vs measured liveness level per system and GPU"),
        table(
            ["system", "GPU", "claims", "implied", "measured", "at best (roofline)", "gap", "gap row"],
            [
                [
                    td(g["system"]),
                    td(g.get("hardware") or "none named"),
                    td(g["claims"], True),
                    td(g.get("implied_level")),
                    td(g.get("measured_level") or "not measured"),
                    td(g.get("bound_level")),
                    td(f"+{g['gap']}" if (g.get("gap") or 0) > 0 else g.get("gap")),
                    td(f"#{g['id']}"),
                ]
                for g in facts["gaps"]
            ],
            ' id="gaps"',
            [22, 16, 8, 9, 12, 12, 8, 13],
        ),
        '<p class="ref">The claims, measurements and analysis each row rests on: Appendix B.</p>',
        heading(2, "measurements", "Measurements", base),
        chart(charts.get("throughput"), "measured throughput per system, GPU and mode"),
        _measured_summary(facts),
        heading(2, "claimed-vs-measured", "Claimed vs what others measured", base),
        _measured(facts.get("measured") or [], charts.get("measured")),
        heading(2, "verdicts", "Verdicts per system", base),
        chart(charts.get("systems"), "claims per system by verdict"),
        heading(2, "supported", "Most supported claims", base),
        _claims(facts["supported"]),
        heading(2, "refuted", "Least supported claims (implausible or contradicted)", base),
        _claims(facts["refuted"]),
        heading(2, "vocabulary", "The vocabulary we propose: liveness levels L0–L4", base),
        table(
            ["level", "name", "condition"],
            [[td(lv["level"]), td(lv["name"]), td(lv["condition"])] for lv in facts["levels"]],
            ' id="levels"',
            [10, 22, 68],
        ),
        table(
            ["threshold", "value"],
            [
                [td(k), td(getattr(th, k), True)]
                for k in (
                    "rtf_max",
                    "sustain_ratio",
                    "chunk_gap_ratio",
                    "ttff_max_s",
                    "interactive_latency_max_s",
                    "conversational_latency_max_s",
                )
            ],
            "",
            [60, 40],
        ),
        "<p>The reference behind each threshold is given beside it in the thresholds file. A claim's wording maps to the "
        "level it implies (“real-time” at least L2, “interactive” L3, “live conversation” L4); the gap between that "
        "and the measured level is the finding.</p>",
        heading(2, "methods", "Methods and limits", base),
        _methods(facts),
        f'<div class="newpage">{heading(2, "appendix-measurements", "Appendix A: measurements per system", base)}</div>',
        _measurements_by_system(facts, base),
        heading(2, "appendix-gaps", "Appendix B: what each gap row rests on", base),
        _gap_appendix(facts),
        "</body></html>",
    ]
    return "\n".join(out)


def _measured(systems: list[dict], svg: bytes | None) -> str:
    """Per system: claimed frame rate, reports and their median got/claimed; then every report with its source."""
    if not systems:
        return "<p>No reports or audited results in the store: no issue threads or benchmark pages were read.</p>"
    head = (
        "<p>Users' reports from issue threads, third-party re-measurements and audited benchmark results, beside "
        "the fastest frame rate each system claims. Ratio = frame rate got / frame rate claimed.</p>"
    )
    per = table(
        ["system", "claimed fps", "claimed on", "reports", "audited", "compared", "median got/claimed"],
        [
            [
                td(s["system"]),
                td(s["claimed"]["fps"] if s["claimed"] else None, True),
                td((s["claimed"] or {}).get("gpu")),
                td(s["reports"], True),
                td(s["audited"], True),
                td(s["compared"], True),
                td(s["median_ratio"], True),
            ]
            for s in systems
        ],
        ' id="measured"',
        [22, 11, 17, 10, 10, 11, 19],
    )
    rows = [
        [
            td(f"#{p['id']}"),
            td(s["system"]),
            td(p["kind"]),
            td(p["author"]),
            td(p["gpu"]),
            td(p["fps"], True),
            td(p["ratio"], True),
            td(p["outcome"] or p["metric"]),
            td(p["settings"]),
            "<td>" + link(p["url"]) + "</td>",
        ]
        for s in systems
        for p in s["points"]
    ]
    every = table(
        ["evidence", "system", "kind", "who", "GPU", "fps", "got/claimed", "outcome / metric", "settings", "page"],
        rows,
        ' id="reports"',
        [8, 13, 8, 10, 9, 6, 8, 12, 12, 14],
    )
    return head + chart(svg, "each report's frame rate as a share of the system's claimed frame rate") + per + every


def _gap_refs(g: dict) -> str:
    ev = g.get("evidence") or {}
    parts = []
    if ev.get("claim_ids"):
        parts.append(
            "claims " + ", ".join(f"#{i}" for i in ev["claim_ids"][:40]) + (" …" if len(ev["claim_ids"]) > 40 else "")
        )
    if ev.get("measurement_ids"):
        parts.append("measurements " + ", ".join(f"#{i}" for i in ev["measurement_ids"]))
    if ev.get("analysis_id"):
        parts.append(f"analysis #{ev['analysis_id']}")
    parts.append(f"run #{g['run_id']}")
    return " · ".join(parts)


def _gap_appendix(facts: dict) -> str:
    if not facts["gaps"]:
        return "<p>No gap rows: run `liveaudit verdicts`.</p>"
    return "".join(
        f'<p class="keep"><strong>gap row #{e(g["id"])}</strong> ({e(g["system"])}, '
        f'{e(g.get("hardware") or "no GPU named")}): <span class="ref">{e(_gap_refs(g))}</span></p>'
        for g in facts["gaps"]
    )


def _measured_summary(facts: dict) -> str:
    """One line per measured system: runs, GPUs, best level (the rows are in Appendix A)."""
    by: dict[str, list[dict]] = {}
    for m in facts["measurements"]:
        by.setdefault(m["system"], []).append(m)
    if not by:
        return "<p>No GPU measurement in this store (smoke runs are never shown; see Methods).</p>"
    rows = []
    for system, ms in by.items():
        levels = sorted({m["level"] for m in ms if m.get("level")})
        rows.append(
            [
                td(system),
                td(len(ms), True),
                td(", ".join(sorted({m.get("hardware") or "?" for m in ms}))),
                td(levels[-1] if levels else None),
                td(", ".join(sorted({m["origin"] for m in ms}))),
            ]
        )
    return table(["system", "runs", "GPUs", "best level", "origin"], rows, ' id="measured"', [28, 8, 34, 12, 18])


def _measurements_by_system(facts: dict, base: str) -> str:
    by: dict[str, list[dict]] = {}
    for m in facts["measurements"]:
        by.setdefault(m["system"], []).append(m)
    if not by:
        return "<p>None.</p>"
    out = []
    for system, ms in by.items():
        out.append(heading(3, "m-" + "".join(ch if ch.isalnum() else "-" for ch in system.lower()), system, base))
        out.append(
            table(
                [
                    "measurement",
                    "run",
                    "GPU",
                    "mode",
                    "resolution",
                    "output fps",
                    "measured fps",
                    "first frame s",
                    "p99 gap s",
                    "RTF",
                    "level",
                    "origin",
                ],
                [
                    [
                        td(f"#{m['id']}"),
                        td(f"#{m['run_id']}"),
                        td(m.get("hardware")),
                        td(m.get("mode")),
                        td(m.get("resolution")),
                        td(m.get("output_fps"), True),
                        td(m.get("throughput_fps"), True),
                        td(m.get("ttff_s"), True),
                        td(m.get("gap_p99_s"), True),
                        td(m.get("rtf"), True),
                        td(m.get("level")),
                        td(m.get("origin")),
                    ]
                    for m in ms
                ],
                ' class="measurements"',
                [9, 6, 11, 10, 11, 7, 8, 8, 7, 7, 6, 10],
            )
        )
    return "\n".join(out)


def _claims(rows: list[dict]) -> str:
    if not rows:
        return "<p>None yet.</p>"
    return table(
        ["claim", "system", "verdict", "reason"],
        [
            [
                f"<td><blockquote>{e(r['sentence'])}</blockquote>{link(r['url'])}<br>{claim_ref(r)}</td>",
                td(r.get("system")),
                td(
                    f"{r['verdict']} ({r.get('implied_level') or '?'} implied, "
                    f"{r.get('measured_level') or 'none'} measured)"
                ),
                td(r["reason"]),
            ]
            for r in rows
        ],
        "",
        [42, 13, 15, 30],
    )


def _methods(facts: dict) -> str:
    ms, smoke, ev = facts["measurements"], facts["smoke"], facts["evidence"]
    measured_here = [m for m in ms if m["origin"] == "measured"]
    shipped = [m for m in ms if m["origin"] == "shipped"]
    systems_measured = sorted({m["system"] for m in ms})
    claimed = sorted({s["system"] for s in facts["systems"] if s["system"] != "(unresolved)"})
    never = [s for s in claimed if s not in systems_measured]
    was = [
        f"{len(facts['analysed'])} systems were analysed on the meta device (parameters, FLOPs and bytes per second of "
        "video, roofline bounds on every catalogued GPU): " + (", ".join(facts["analysed"]) or "none") + "."
    ]
    if measured_here:
        gpus = sorted({m.get("hardware") or "?" for m in measured_here})
        was.append(
            f"{len(measured_here)} timed runs were made for this store on {', '.join(gpus)}, with warm-up and "
            "percentiles, eager and compiled, judging against the faster."
        )
    else:
        was.append("No GPU timing was made for this store.")
    if shipped:
        was.append(
            f"{len(shipped)} GPU runs shipped with liveaudit (timed elsewhere, files in data/measurements/) cover "
            + ", ".join(sorted({m["system"] for m in shipped}))
            + "."
        )
    others = [x for x in ev if x["table"] not in ("measurements",) and not x["table"].startswith("measurements ")]
    for x in others:
        was.append(
            f"{x['kind'].capitalize()}: {x['rows']} in this store."
            if x["present"]
            else f"{x['kind'].capitalize()}: none collected in this store."
        )
    was_not = []
    if smoke["count"]:
        was_not.append(
            f"{smoke['count']} smoke runs (tiny networks on CPU, proving code paths: measurements "
            + ", ".join(f"#{i}" for i in smoke["ids"])
            + ") are not measurements of any system and are "
            "left out of every table, chart, level and verdict."
        )
    if never:
        was_not.append(f"Never measured on a GPU here: {', '.join(never)}.")
    runs = table(
        ["run", "command", "finished", "software"],
        [
            [
                td(f"#{r['id']}"),
                td(r["command"]),
                td(r.get("finished_at")),
                td(", ".join(f"{k} {v}" for k, v in sorted((r.get("versions") or {}).items()))),
            ]
            for r in facts["runs"]
        ],
        "",
        [8, 14, 22, 56],
    )
    return (
        "<p>Pages were fetched politely (robots.txt, throttling, an identifying user agent) and archived as WARC; "
        "claims were found with the liveness lexicon and labelled by a trained classifier; verdicts follow fixed, "
        "versioned rules.</p>"
        "<h3>What was measured in this store</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in was) + "</ul>"
        "<h3>What was not</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in was_not or ["Nothing left out."]) + "</ul>"
        "<p>Limits: a claim is one sentence, read automatically; figures and systems can be misread. "
        "“Untested” and “unverifiable” are not negative findings. Timings use random weights (latency does not depend "
        "on weight values).</p>" + runs
    )
