"""The report as one self-contained HTML page (styles inline, charts as data: images), laid out for A4.

Every value from the store goes through `e()` (html.escape), links only for http(s) URLs;
nothing a crawled page said is ever emitted as markup. Each number cites what it rests on:
claim, document and WARC record, verdict, measurement and its run. The building blocks are
in markup.py, the longer sections in sections.py.
"""

from __future__ import annotations

from pathlib import Path

from liveaudit import config
from liveaudit.publish.links import section_url
from liveaudit.publish.report.answer import sentences
from liveaudit.publish.report.facts import VERDICTS
from liveaudit.publish.report.markup import CSS, chart, e, heading, table, td
from liveaudit.publish.report.sections import (
    claims,
    gap_appendix,
    measured,
    measured_summary,
    measurements_by_system,
    methods,
)


def levels_name(path: str) -> str:
    """The thresholds file as a reader can find it: the shipped one by its place in the project, another
    by its file name only (a report is published; the author's folders are not part of it)."""
    p = Path(path)
    shipped = config.data_dir() / "levels.yaml"
    return "data/levels.yaml (shipped)" if p.resolve() == shipped.resolve() else p.name


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
        f'<p class="ref">liveaudit report, generated {e(generated)} from the store; levels from {e(levels_name(th.path))} '
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
        measured_summary(facts),
        heading(2, "claimed-vs-measured", "Claimed vs measured: others' figures and our runs", base),
        measured(facts.get("measured") or [], charts.get("measured")),
        heading(2, "verdicts", "Verdicts per system", base),
        chart(charts.get("systems"), "claims per system by verdict"),
        heading(2, "supported", "Most supported claims", base),
        claims(facts["supported"]),
        heading(2, "refuted", "Least supported claims (implausible or contradicted)", base),
        claims(facts["refuted"]),
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
        methods(facts),
        f'<div class="newpage">{heading(2, "appendix-measurements", "Appendix A: measurements per system", base)}</div>',
        measurements_by_system(facts, base),
        heading(2, "appendix-gaps", "Appendix B: what each gap row rests on", base),
        gap_appendix(facts),
        "</body></html>",
    ]
    return "\n".join(out)
