"""`liveaudit serve-fixtures`: the offline fixture site on 127.0.0.1."""

from __future__ import annotations

import typer

from liveaudit.cli.common import console, example


def serve_fixtures_cli(
    port: int = typer.Option(8800, "--port", help="Port to listen on (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; keep it on loopback."),
    edition: int = typer.Option(
        1, "--edition", min=1, max=2, help="Which edition of the site to serve (2 = the changed pages)."
    ),
    slow_seconds: float = typer.Option(3.0, "--slow-seconds", min=0, help="Delay of /hostile/slow.html."),
) -> None:
    """Serve the fixture site (vendor pages, blogs, papers, hostile pages) until Ctrl-C."""
    from liveaudit.fixture_site.server import serve_forever

    serve_forever(
        host,
        port,
        edition,
        slow_seconds,
        on_ready=lambda url: console.print(f"fixture site (edition {edition}) at {url}/ — Ctrl-C stops"),
    )


def register(app: typer.Typer) -> None:
    app.command("serve-fixtures", epilog=example("liveaudit serve-fixtures --port 8800 --edition 2"))(
        serve_fixtures_cli
    )
