"""Options and helpers shared by the command modules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from liveaudit.encoding import terminal_text


class SafeConsole(Console):
    """A Rich console for text that came from pages: no markup, no escape sequences.

    Markup is off, so a `[/x]` in a title prints as written instead of crashing a
    table; every text segment loses its control characters at render time, so an ESC
    sequence inside a claim, a title or a system name never reaches the terminal, in
    whatever renderable (Table, Panel, Text) it travels. Rich's own styling is kept:
    it is carried beside the text, not inside it.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        super().__init__(**kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                clean = terminal_text(segment.text)
                if clean != segment.text:
                    segment = Segment(clean, segment.style, segment.control)
            yield segment


console = SafeConsole()
err_console = SafeConsole(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store: file path, sqlite:///PATH or postgresql://... [default: $LIVEAUDIT_DB or liveaudit.db]"
    ),
]


def example(text: str) -> str:
    """Help epilog: every command ends its --help with an example."""
    return f"Example: {text}"


def writable_folder(path: Path, code: str) -> Path:
    """Create `path` if needed and make sure files can be written there; InputError `code` if not."""
    from liveaudit.errors import InputError

    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".liveaudit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InputError(code, path=path, reason=exc.strerror or str(exc)) from None
    return path
