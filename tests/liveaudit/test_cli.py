"""The command line as a user meets it: help, one-line errors, db commands."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
import typer.main

from liveaudit.cli import app

EXE = [sys.executable, "-m", "liveaudit"]


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path, cmd
        if getattr(cmd, "commands", None):  # Typer's groups are not click.Group subclasses
            yield from _commands(cmd, path)


def test_cli_every_command_has_help_ending_with_an_example():
    root = typer.main.get_command(app)
    found = list(_commands(root))
    assert {p[0] for p, _ in found} >= {"demo", "db", "serve-fixtures", "bench"}
    assert {p for p, _ in found} >= {("db", "status"), ("db", "upgrade"), ("bench", "crawl"), ("bench", "store")}
    for path, cmd in found:
        assert cmd.help, f"{' '.join(path)} has no help"
        assert cmd.epilog and cmd.epilog.startswith("Example: liveaudit"), f"{' '.join(path)} has no example"


@pytest.mark.parametrize(
    "db, fragment",
    [
        ("/no/such/folder/x.db", "does not exist"),
        ("mysql://u@h/db", "mysql"),
        ("", "empty"),
    ],
)
def test_cli_bad_db_exits_nonzero_with_one_line(db, fragment):
    result = _run("db", "status", "--db", db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error[E101]:") and fragment in lines[0]


def test_cli_bad_db_from_environment_exits_nonzero(tmp_path, monkeypatch):
    monkeypatch.setenv("LIVEAUDIT_DB", str(tmp_path))  # a directory
    result = _run("db", "status")
    assert result.returncode == 2 and "directory" in result.stderr


def test_cli_db_status_and_upgrade_from_first_version(db_path):
    result = _run("db", "upgrade", "--db", db_path, "--to", "0001")
    assert result.returncode == 0, result.stderr
    assert "empty -> 0001" in result.stdout
    status = _run("db", "status", "--db", db_path)
    assert "schema version: 0001" in status.stdout and "liveaudit db upgrade" in status.stdout
    from liveaudit.store import migrate

    head = migrate.head_revision()  # later migrations move the head; the test follows it
    result = _run("db", "upgrade", "--db", db_path)
    assert f"0001 -> {head}" in result.stdout
    status = _run("db", "status", "--db", db_path)
    assert f"schema version: {head}" in status.stdout and "runs" in status.stdout


def test_cli_db_upgrade_to_unknown_revision_is_refused(db_path):
    result = _run("db", "upgrade", "--db", db_path, "--to", "0042")
    assert result.returncode == 2 and result.stderr.startswith("error[E106]")


def test_cli_unknown_setting_in_environment_is_one_line(monkeypatch, db_path):
    monkeypatch.setenv("LIVEAUDIT_STORE_URLL", "x.db")
    result = _run("db", "status", "--db", db_path)
    assert result.returncode == 2 and result.stderr.startswith("error[E001]") and "STORE_URL" in result.stderr
