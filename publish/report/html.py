"""The report as one self-contained HTML page (styles inline, charts as data: images).

Every value from the store goes through `e()` (html.escape), links only for http(s) URLs;
nothing a crawled page said is ever emitted as markup. Each number cites what it rests on:
claim, document and WARC record, verdict, measurement and its run.
"""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import urlsplit

from liveaudit.publish.report.facts import VERDICTS

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#212121;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}.ref{color:#616161;font-size:.75rem}
blockquote{margin:0;font-style:italic}.answer{background:#f1f8e9;padding:.75rem 1rem;border-left:4px solid #2e7d32}
img{max-width:100%}
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


def table(headers: list[str], rows: list[list[str]], attrs: str = "") -> str:
    """`rows` cells are already-escaped HTML."""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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


def answer(facts: dict) -> str:
    """The short answer, in numbers from the store."""
    h = facts["headline"]
    judged = h["judged"] or 0
    gaps = [g for g in facts["gaps"] if g.get("gap") is not None]
    over = [g for g in gaps if g["gap"] > 0]
    lines = [f"{h['claims']} claims from {h['documents']} pages were read; {judged} were judged."]
    if judged:
        checkable = h["supported"] + h["contradicted"] + h.get("disputed", 0) + h["implausible"]
        lines.append(
            f"{h['supported']} were supported by the evidence, {h['contradicted']} contradicted, "
            f"{h.get('disputed', 0)} disputed (comparable evidence both ways) and "
            f"{h['implausible']} physically implausible; {h['unverifiable'] + h['untested']} could not be checked "
            f"({h['unverifiable']} unverifiable, {h['untested']} untested), so only {checkable} of {judged} "
            "claims say enough to be tested at all."
        )
    if gaps:
        lines.append(
            f"For {len(over)} of {len(gaps)} system/GPU pairs measured, the wording implies a higher liveness "
            "level than the measurement reached (table below). 'Live' and 'real-time' name several different "
            "things; the levels L0–L4 below say which one a system actually delivers."
        )
    return '<p class="answer">' + " ".join(e(x) for x in lines) + "</p>"


def render(facts: dict, charts: dict[str, bytes | None], generated: str) -> str:
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
        "measurements": "timed measurements",
    }
    refs = {
        "sources": "current_sources",
        "documents": "current_documents",
        "claims": "current_claims",
        "systems_named": "current_claims.system",
        "judged": "current_verdicts",
        "analyses": "analyses",
        "measurements": "measurements",
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
        "<h1>Is “live AI video generation” a meaningful category?</h1>",
        f'<p class="ref">liveaudit report, generated {e(generated)} from the store; levels from {e(th.path)} '
        f"(sha256 {e(th.sha256[:12])}).</p>",
        answer(facts),
        "<h2>Headline</h2>",
        f'<table id="headline"><thead><tr><th>what</th><th>count</th><th>source</th></tr></thead><tbody>{headline_rows}</tbody></table>',
        "<h2>Which words</h2><p>Liveness terms in the claims, the level each implies most often, and how claims using it fared.</p>",
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
        ),
        "<p>Claim kinds: " + e(", ".join(f"{k} {v}" for k, v in facts["kinds"].items())) + ".</p>",
        "<h2>Implied vs measured level, per system and GPU</h2>",
        chart(charts.get("levels"), "implied vs measured liveness level per system and GPU"),
        table(
            ["system", "GPU", "claims", "implied", "measured", "at best (roofline)", "gap", "rests on"],
            [
                [
                    td(g["system"]),
                    td(g.get("hardware") or "none named"),
                    td(g["claims"], True),
                    td(g.get("implied_level")),
                    td(g.get("measured_level") or "not measured"),
                    td(g.get("bound_level")),
                    td(f"+{g['gap']}" if (g.get("gap") or 0) > 0 else g.get("gap")),
                    '<td class="ref">' + e(_gap_refs(g)) + "</td>",
                ]
                for g in facts["gaps"]
            ],
            ' id="gaps"',
        ),
        "<h2>Measurements</h2>",
        chart(charts.get("throughput"), "measured throughput per system, GPU and mode"),
        table(
            [
                "measurement",
                "run",
                "system",
                "GPU",
                "mode",
                "resolution",
                "output fps",
                "measured fps",
                "first frame s",
                "p99 chunk gap s",
                "RTF",
                "level",
                "origin",
            ],
            [
                [
                    td(f"#{m['id']}"),
                    td(f"#{m['run_id']}"),
                    td(m["system"]),
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
                for m in facts["measurements"]
            ],
            ' id="measurements"',
        ),
        "<h2>Claimed vs what others measured</h2>",
        _measured(facts.get("measured") or [], charts.get("measured")),
        "<h2>Verdicts per system</h2>",
        chart(charts.get("systems"), "claims per system by verdict"),
        "<h2>Most supported claims</h2>",
        _claims(facts["supported"]),
        "<h2>Least supported claims (implausible or contradicted)</h2>",
        _claims(facts["refuted"]),
        "<h2>The vocabulary we propose: liveness levels L0–L4</h2>",
        table(
            ["level", "name", "condition"],
            [[td(lv["level"]), td(lv["name"]), td(lv["condition"])] for lv in facts["levels"]],
            ' id="levels"',
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
        ),
        "<p>The reference behind each threshold is given beside it in the thresholds file. A claim's wording maps to the "
        "level it implies (“real-time” at least L2, “interactive” L3, “live conversation” L4); the gap between that "
        "and the measured level is the finding.</p>",
        "<h2>Methods and limits</h2>",
        _methods(facts),
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
    )
    return head + chart(svg, "each report's frame rate as a share of the system's claimed frame rate") + per + every


def _gap_refs(g: dict) -> str:
    ev = g.get("evidence") or {}
    parts = []
    if ev.get("claim_ids"):
        parts.append(
            "claims " + ", ".join(f"#{i}" for i in ev["claim_ids"][:12]) + (" …" if len(ev["claim_ids"]) > 12 else "")
        )
    if ev.get("measurement_ids"):
        parts.append("measurements " + ", ".join(f"#{i}" for i in ev["measurement_ids"]))
    if ev.get("analysis_id"):
        parts.append(f"analysis #{ev['analysis_id']}")
    parts.append(f"gap row #{g['id']} (run #{g['run_id']})")
    return " · ".join(parts)


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
    )


def _methods(facts: dict) -> str:
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
    )
    return (
        "<p>Pages were fetched politely (robots.txt, throttling, an identifying user agent) and archived as WARC; "
        "claims were found with the liveness lexicon and labelled by a trained classifier; each named system's real "
        "network was counted on the meta device (FLOPs and bytes per second of video, roofline bounds per GPU) and, "
        "where a GPU was available, its sampling schedule was timed with warm-up and percentiles, eager and compiled, "
        "judging against the faster. Verdicts follow fixed, versioned rules.</p>"
        "<p>Limits: a claim is one sentence, read automatically; figures and systems can be misread. "
        "“Untested” and “unverifiable” are not negative findings. Shipped timings were measured once, on the GPUs named; "
        "timings use random weights (latency does not depend on weight values).</p>" + runs
    )
