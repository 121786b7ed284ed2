"""`liveaudit settings`: every setting, its value and where that value came from.

The place to look when a setting is not what you expected (E001 and E002 point here): the
value shown is the one a command would use without flags, from defaults < liveaudit.toml <
LIVEAUDIT_* environment variables (a command's own flags, such as --db, win over all three).
"""

from __future__ import annotations

import json
import textwrap

import typer

from liveaudit.cli.common import console, example


def settings_cli(
    names: list[str] = typer.Argument(
        None, help="Only these settings (e.g. STORE_URL CRAWL_DELAY_S).", show_default=False
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object a line: name, value, origin, help."),
    explain: bool = typer.Option(False, "--explain", help="Print each setting's help text under it."),
) -> None:
    """List every setting with its current value and its origin (default, file, env, flag)."""
    from liveaudit.config import SETTINGS, resolve_settings
    from liveaudit.errors import ConfigError

    resolved = resolve_settings()
    wanted = [n.upper() for n in names or []]
    for name in wanted:
        if name not in resolved:
            import difflib

            close = difflib.get_close_matches(name, list(resolved), n=1)
            raise ConfigError(
                "E001", name=name, hint=" on the command line" + (f" (did you mean {close[0]}?)" if close else "")
            )
    for setting in SETTINGS:
        if wanted and setting.name not in wanted:
            continue
        value, origin = resolved[setting.name]
        if as_json:
            print(json.dumps({"name": setting.name, "value": value, "origin": origin, "help": setting.help}))
            continue
        shown = json.dumps(value) if not isinstance(value, str) else value
        if len(shown) > 38:
            shown = shown[:35] + "..."
        # 80 columns: the origin's kind here; its detail (which file, which variable) with --explain
        console.print(f"{setting.name:<31} {shown:<38} {origin.split()[0]}", highlight=False, markup=False)
        if explain:
            text = textwrap.fill(setting.help, width=78, initial_indent="    ", subsequent_indent="    ")
            console.print(f"{text}\n    from: {origin}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("settings", epilog=example("liveaudit settings STORE_URL --explain"))(settings_cli)
