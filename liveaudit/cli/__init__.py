"""The `liveaudit` command line: one Typer app, built from the core's groups and the stages'.

The core's own groups (demo, db, settings, bench, check, scaleout) are the modules in
CORE_COMMANDS, each defining `register(app)`; a stage's commands live in that stage and are
added through its `Stage.commands` (liveaudit.stages), so the core names no stage module.
The app is built on first use (`from liveaudit.cli import app`), not when a command module
imports `liveaudit.cli.common`. A command parses its options, calls one library function, and
prints. Library errors (LiveauditError) become one line on stderr, `error[E101]: ...`, and
exit code 2. Every command's help ends with an example (tests/liveaudit/test_cli.py checks).
"""

from __future__ import annotations

import importlib
from typing import Any

import typer

# (module, position): the core's groups, placed among the stages' commands in `--help`.
CORE_COMMANDS = ("liveaudit.cli.demo", "liveaudit.cli.db", "liveaudit.cli.settings", "liveaudit.fixture_site.cli")
CORE_AFTER = ("liveaudit.cli.bench", "liveaudit.cli.check", "liveaudit.cli.scaleout")

_APP: typer.Typer | None = None


def build_app() -> typer.Typer:
    """The app: core groups, then each stage's commands in flow order, then bench/check/scaleout."""
    from liveaudit.stages import load_stages

    app = typer.Typer(
        name="liveaudit",
        help=(
            "Check 'live' and 'real-time' claims about AI video generators against measurements.\n\n"
            "Example: liveaudit demo --no-dashboard"
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    for name in CORE_COMMANDS:
        importlib.import_module(name).register(app)
    for stage in load_stages():
        if stage.commands is not None:
            stage.commands(app)
    for name in CORE_AFTER:
        importlib.import_module(name).register(app)

    @app.callback()
    def _root() -> None:
        """Check 'live' and 'real-time' claims about AI video generators against measurements."""

    return app


def __getattr__(name: str) -> Any:
    global _APP
    if name == "app":
        if _APP is None:
            _APP = build_app()
        return _APP
    raise AttributeError(f"module 'liveaudit.cli' has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure ends as one line, never a traceback.

    Usage errors are shown as click shows them (exit 2); library errors as their
    catalogued `error[E…]` line (exit 2); anything unforeseen as one `error[E000]`
    line naming the exception (exit 1). LIVEAUDIT_DEBUG=1 re-raises for a traceback.
    """
    from liveaudit.cli.failures import run_guarded

    run_guarded(lambda: __getattr__("app")(args=argv, standalone_mode=False))
