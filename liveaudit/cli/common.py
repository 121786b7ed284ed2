"""Options and helpers shared by the command modules."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: file path, sqlite:///PATH or postgresql://... [default: $LIVEAUDIT_DB or liveaudit.db]"),
]


def example(text: str) -> str:
    """Help epilog: every command ends its --help with an example."""
    return f"Example: {text}"
