"""Render the CLI reference (docs/cli-reference.md) from the commands' own --help.

Regenerate after changing a command:  python -m liveaudit.cli.reference > docs/cli-reference.md
tests/liveaudit/test_docs.py fails when the file has drifted from --help.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click
import typer.main

from liveaudit.cli import app


def _walk(cmd: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    yield path, cmd
    commands = getattr(cmd, "commands", None)  # Typer's groups are not click.Group subclasses
    if commands:
        for name in sorted(commands):
            yield from _walk(commands[name], [*path, name])


def render() -> str:
    root = typer.main.get_command(app)
    parts = [
        "# liveaudit command reference",
        "",
        "Generated from `--help` by `python -m liveaudit.cli.reference`; do not edit by hand.",
        "",
    ]
    for path, cmd in _walk(root, ["liveaudit"]):
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=100, max_content_width=100)
        parts += [f"## {' '.join(path)}", "", "```", cmd.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
