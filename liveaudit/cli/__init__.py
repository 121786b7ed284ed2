"""The `liveaudit` command line: one Typer app; each command group lives in one module.

Each module in COMMAND_MODULES defines `register(app)`; a command parses its options, calls
one library function, and prints. A stage's commands live in that stage (`liveaudit.crawler.cli`
and so on); the core's own groups (demo, db, bench, check, scaleout) live here. Library errors
(LiveauditError) become one line on stderr, `error[E101]: ...`, and exit code 2. Every
command's help must end with an example (tests/liveaudit/test_cli.py checks).
"""

from __future__ import annotations

import importlib
import sys

import typer

from liveaudit.errors import LiveauditError

# Order is the order of `liveaudit --help`.
COMMAND_MODULES = (
    "liveaudit.cli.demo",
    "liveaudit.cli.db",
    "liveaudit.fixture_site.cli",
    "liveaudit.crawler.cli",
    "liveaudit.classifier.cli",
    "liveaudit.cli.bench",
    "liveaudit.dashboard.cli",
    "liveaudit.validator.cli",
    "liveaudit.verdicts.cli",
    "liveaudit.publish.export.cli",
    "liveaudit.publish.report.cli",
    "liveaudit.cli.check",
    "liveaudit.cli.scaleout",
)

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

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


@app.callback()
def _root() -> None:
    """Check 'live' and 'real-time' claims about AI video generators against measurements."""


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every failure ends as one line, never a traceback.

    Usage errors are shown as click shows them (exit 2); library errors as their
    catalogued `error[E…]` line (exit 2); anything unforeseen as one `error[E000]`
    line naming the exception (exit 1). LIVEAUDIT_DEBUG=1 re-raises for a traceback.
    """
    from liveaudit.cli.failures import run_guarded

    run_guarded(lambda: app(args=argv, standalone_mode=False))
