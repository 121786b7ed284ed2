"""How the command line ends: one line per failure, never a traceback.

    run_guarded(lambda: app(args=argv, standalone_mode=False))

Click's usage errors are shown as click shows them (usage + message, exit 2).
Library errors (LiveauditError) print their catalogued line `error[E…]: …` (exit 2).
Store, file and URL failures that escaped a library function still get a catalogued
line naming what failed (exit 1); anything else is `error[E000]`, a bug to report.
`LIVEAUDIT_DEBUG=1` re-raises unforeseen errors so a developer sees the traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from liveaudit.encoding import terminal_text
from liveaudit.errors import MESSAGES, LiveauditError


def run_guarded(call: Callable[[], Any]) -> None:
    """Run the click app in non-standalone mode and exit with the right status."""
    import click
    import typer
    from typer._click import exceptions as typer_click  # typer ships its own click

    try:
        result = call()
    except LiveauditError as exc:
        _fail(exc.code, str(exc), status=2)
    except (click.ClickException, typer_click.ClickException) as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:
        # The reader went away (`liveaudit export ... | head`): nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence of the CLI
        if os.environ.get("LIVEAUDIT_DEBUG"):
            raise
        code, message = describe(exc)
        _fail(code, message, status=1)
    # click returns an int for ctx.exit(n) / typer.Exit(n) in non-standalone mode; a
    # success returns normally, so in-process callers (tests, scripts) carry on.
    if isinstance(result, int) and result != 0:
        sys.exit(result)


def describe(exc: BaseException) -> tuple[str, str]:
    """A catalogued code and one line for an exception no library function caught."""
    reason = _first_line(exc)
    db_errors: tuple[type[BaseException], ...] = ()
    try:
        from sqlalchemy.exc import DBAPIError, SQLAlchemyError

        db_errors = (DBAPIError, SQLAlchemyError)
    except ImportError:  # pragma: no cover - sqlalchemy is a core dependency
        pass
    if db_errors and isinstance(exc, db_errors):
        orig = getattr(exc, "orig", None)
        return "E108", MESSAGES["E108"].format(reason=_first_line(orig) if orig else reason)
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else "a file or connection"
        return "E203", MESSAGES["E203"].format(input=where, reason=exc.strerror or reason)
    if isinstance(exc, RecursionError):
        return "E204", MESSAGES["E204"]
    return "E000", MESSAGES["E000"].format(kind=type(exc).__name__, reason=reason)


def _first_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _fail(code: str, message: str, status: int) -> NoReturn:
    print(f"error[{code}]: {terminal_text(message)}", file=sys.stderr)
    sys.exit(status)
