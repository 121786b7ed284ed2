"""The report's longer sections: claimed vs measured, the gap appendix, measurements per system,
the claims appendix and the methods, each as HTML from the facts (see html.py for the page)."""

from __future__ import annotations

from liveaudit.publish.report.markup import chart, claim_ref, e, heading, link, table, td


def measured(systems: list[dict], svg: bytes | None) -> str:
    """Per system: claimed frame rate, reports and their median got/claimed; then every report with its source."""
    if not systems:
        return "<p>No reports or audited results in the store: no issue threads or benchmark pages were read.</p>"
    head = (
        "<p>Users' reports from issue threads, third-party re-measurements and audited benchmark results, beside "
        "the fastest frame rate each system claims, and our own GPU runs (measurements, shipped or made here). "
        "Ratio = frame rate got / frame rate claimed; the median is over others' figures only.</p>"
    )
    per = table(
        ["system", "claimed fps", "claimed on", "reports", "audited", "our runs", "compared", "median got/claimed"],
        [
            [
                td(s["system"]),
                td(s["claimed"]["fps"] if s["claimed"] else None, True),
                td((s["claimed"] or {}).get("gpu")),
                td(s["reports"], True),
                td(s["audited"], True),
                td(s.get("runs", 0), True),
                td(s["compared"], True),
                td(s["median_ratio"], True),
            ]
            for s in systems
        ],
        ' id="measured"',
        [20, 10, 15, 9, 9, 9, 10, 18],
    )
    rows = [
        [
            td(f"measurement #{p['id']}" if p["kind"] == "measurement" else f"#{p['id']}"),
            td(s["system"]),
            td("our run" if p["kind"] == "measurement" else p["kind"]),
            td(p["author"]),
            td(p["gpu"]),
            td(p["fps"], True),
            td(p["ratio"], True),
            td(p["outcome"] or p["metric"]),
            td(p["settings"]),
            "<td>" + (link(p["url"]) if p["url"] else e("recorded GPU run")) + "</td>",
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


def gap_refs(g: dict) -> str:
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


def gap_appendix(facts: dict) -> str:
    if not facts["gaps"]:
        return "<p>No gap rows: run `liveaudit verdicts`.</p>"
    return "".join(
        f'<p class="keep"><strong>gap row #{e(g["id"])}</strong> ({e(g["system"])}, '
        f'{e(g.get("hardware") or "no GPU named")}): <span class="ref">{e(gap_refs(g))}</span></p>'
        for g in facts["gaps"]
    )


def measured_summary(facts: dict) -> str:
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


def measurements_by_system(facts: dict, base: str) -> str:
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


def claims(rows: list[dict]) -> str:
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


def methods(facts: dict) -> str:
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
