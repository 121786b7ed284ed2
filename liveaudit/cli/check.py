"""`liveaudit check URL|PATH [--json]`: fetch, archive, extract, judge; print the fact-check cards."""

from __future__ import annotations

import json

import typer

from liveaudit.cli.common import DbOption, console, example


def _card(card: dict, document: dict):
    """A rich Panel of one card; every string from the page is a Text, never markup."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    body = Table.grid(padding=(0, 1))
    body.add_column(style="bold", no_wrap=True)
    body.add_column()
    body.add_row("quote", Text(f"“{card['quote']}”", style="italic"))
    body.add_row("system", Text(card["system"] or "unresolved"))
    figures = ", ".join(f"{k} {v}" for k, v in card["figures"].items())
    body.add_row("figures", Text((f"{card['hedge']} " if card["hedge"] else "") + (figures or "none stated")))
    body.add_row("implies", Text(card["implied_level"] or "no level"))
    verdict = card["verdict"] or "not judged"
    colour = {
        "supported": "green",
        "contradicted": "red",
        "disputed": "dark_orange",
        "implausible": "magenta",
        "untested": "yellow",
    }.get(verdict, "white")
    body.add_row(
        "verdict",
        Text(
            f"{verdict.upper()}" + (f" (measured {card['measured_level']})" if card["measured_level"] else ""),
            style=f"bold {colour}",
        ),
    )
    body.add_row("reason", Text(card["reason"] or "-"))
    ms = "; ".join(
        f"#{m['id']} {m['system']} on {m['hardware']} ({m['mode']}, run #{m['run_id']}, {m['origin']})"
        for m in card["evidence"]["measurements"]
    )
    body.add_row(
        "evidence",
        Text(
            f"claim #{card['claim_id']}, verdict #{card['verdict_id']}; page {document['url']} fetched {document['fetched_at']}, "
            f"sha256 {document['content_sha256'][:16]}…; WARC {document['warc_file']} {document['warc_record_id']} "
            f"@{document['warc_offset']}"
            + (f"; measurements {ms}" if ms else "")
            + (
                f"; analyses {', '.join('#' + str(a) for a in card['evidence']['analysis_ids'])}"
                if card["evidence"]["analysis_ids"]
                else ""
            )
        ),
    )
    return Panel(
        body, title=Text(f"claim #{card['claim_id']} · {card['kind']}"), title_align="left", border_style=colour
    )


def _check_target(target: str) -> None:
    """A URL that cannot even be parsed ("http://[::1") is a one-line error, before any work."""
    from urllib.parse import urlsplit

    from liveaudit.errors import InputError

    if "://" not in target:
        return
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError as exc:
        raise InputError("E916", input=target, reason=str(exc)) from None
    if parts.scheme not in ("http", "https", "file") or (parts.scheme != "file" and not parts.hostname):
        raise InputError("E916", input=target, reason="only http(s) URLs with a host are fetched")


def check_cli(
    target: str = typer.Argument(..., help="An http(s) URL, or the path of a local HTML, Markdown or text file."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (document and cards) instead of cards."),
    db: DbOption = None,
) -> None:
    """Fact-check one page: fetch it politely, archive it to WARC, extract its claims and judge them.

    Verdicts are made against the store's analyses and measurements by the same rules as
    `liveaudit verdicts`; the page, its claims and their verdicts are added to the store.
    """
    from rich.text import Text

    from liveaudit.check import check
    from liveaudit.store import Store

    _check_target(target)
    store = Store.open(db)
    if as_json:
        result = check(store, target)
        print(json.dumps(result, ensure_ascii=False, default=str))
        return
    with console.status("checking") as status:
        result = check(store, target, progress=lambda message: status.update(Text(message)))
    doc = result["document"]
    console.print(Text(f"{doc['url']} — {doc['title'] or 'untitled'} — {len(result['cards'])} claims"))
    for card in result["cards"]:
        console.print(_card(card, doc))
    if not result["cards"]:
        console.print("no liveness claims found on this page")
    for note in doc.get("classify_notes") or []:
        console.print(Text(f"note: {note}"))
    _print_reports(result)


def _print_reports(result: dict) -> None:
    """The page's reports (what others measured), one line each; every string from the page is Text."""
    from rich.text import Text

    reports, posts = result.get("reports") or [], result["document"].get("thread_posts", 0)
    if not reports:
        if posts:
            console.print(Text(f"a thread of {posts} posts: no measurement reported in it"))
        return
    console.print(Text(f"{len(reports)} reports of what others measured on this page:"))
    for r in reports:
        figure = (
            f"{r['fps']:g} fps"
            if r["fps"] is not None
            else f"{r['latency_s']:g} s"
            if r["latency_s"] is not None
            else f"{r['value']:g} {r['metric'] or ''}".strip()
            if r["value"] is not None
            else r["outcome"] or "-"
        )
        gpu = (
            f"{r['gpu_count']}x {r['gpu']}" if r["gpu"] and (r["gpu_count"] or 1) > 1 else r["gpu"] or "GPU not stated"
        )
        who = r["submitter"] or r["author"] or "deleted account"
        console.print(
            Text(
                f"  #{r['id']} {r['kind']}: {r['system'] or 'unresolved'} on {gpu}: {figure}"
                + (f" ({r['outcome']})" if r["outcome"] and r["fps"] is not None else "")
                + f" — {who}"
            )
        )


def register(app: typer.Typer) -> None:
    app.command("check", epilog=example("liveaudit check http://127.0.0.1:8800/vendors/ --db liveaudit.db"))(check_cli)
