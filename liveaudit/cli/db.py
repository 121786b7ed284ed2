"""`liveaudit db upgrade|status`: the store's schema revision."""

from __future__ import annotations

import typer

from liveaudit.cli.common import DbOption, console, example

db_app = typer.Typer(
    help="Inspect and upgrade the store's schema.", no_args_is_help=True, epilog=example("liveaudit db status")
)


@db_app.command("status", epilog=example("liveaudit db status --db liveaudit.db"))
def status_cli(db: DbOption = None) -> None:
    """Print the store's schema version and row counts per table."""
    from liveaudit.store.status import status

    info = status(db)
    console.print(f"store: {info['url']}")
    console.print(f"schema version: {info['revision']} (newest known: {info['head']})")
    if info["revision"] != info["head"]:
        console.print("run `liveaudit db upgrade` to bring it to the newest version")
    for table, count in info["counts"].items():
        console.print(f"  {table:<14} {count:>8} rows")


@db_app.command("upgrade", epilog=example("liveaudit db upgrade --db old.db"))
def upgrade_cli(
    db: DbOption = None, to: str = typer.Option("head", "--to", help="Target revision, e.g. 0001.")
) -> None:
    """Migrate the store to the newest schema (or --to a given revision)."""
    from liveaudit.store.status import upgrade

    before, after = upgrade(db, to)
    console.print(f"schema version: {before or 'empty'} -> {after}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
