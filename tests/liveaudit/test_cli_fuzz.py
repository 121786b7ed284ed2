"""CLI fuzz: every command, fed wrong options, values and stores, ends in one line, never a traceback.

Walks the real Typer tree (new commands are covered without editing this file) and runs
`liveaudit.cli.main` in-process, so the whole walk costs seconds, not a process per case.
"""

from __future__ import annotations

import os
import sqlite3
import typing

import pytest
import typer.main

from liveaudit.cli import app, main


def _leaves(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if getattr(cmd, "commands", None):
            yield from _leaves(cmd, path)
        else:
            yield path, cmd


# Typer ships its own copy of click: parameters are told apart by `param_type_name`.
LEAVES = list(_leaves(typer.main.get_command(app)))
IDS = [" ".join(path) for path, _ in LEAVES]


def _annotation(param):
    """The Python type of a Typer parameter, Optional unwrapped."""
    kind = param.type_descriptor.annotation
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return args[0] if len(args) == 1 else kind


def _run(argv, capsys) -> tuple[int, str]:
    try:
        main(list(argv))
        code: object = 0
    except SystemExit as exited:
        code = exited.code
    out = capsys.readouterr()
    return (code if isinstance(code, int) else (0 if code is None else 1)), out.out + out.err


def _assert_one_clean_failure(code: int, text: str, argv) -> None:
    assert code in (1, 2), f"{argv}: exit {code}\n{text[-800:]}"
    assert "Traceback" not in text, f"{argv}: traceback\n{text[-2000:]}"


@pytest.mark.parametrize("path, cmd", LEAVES, ids=IDS)
def test_cli_fuzz_unknown_option_is_a_usage_error(path, cmd, capsys):
    code, text = _run([*path, "--no-such-option-xyz"], capsys)
    assert code == 2 and "No such option" in text and "Traceback" not in text, text


@pytest.mark.parametrize("path, cmd", LEAVES, ids=IDS)
def test_cli_fuzz_bad_option_values_are_usage_errors(path, cmd, capsys):
    for param in cmd.params:
        if param.param_type_name != "option" or param.is_flag or param.count:
            continue
        if _annotation(param) not in (int, float):
            continue
        bad = "not-a-number"
        argv = [*path, param.opts[0], bad]
        code, text = _run(argv, capsys)
        assert code == 2 and "Traceback" not in text and "Invalid value" in text, f"{argv}\n{text[-800:]}"


def _db_option(cmd) -> bool:
    return any(p.param_type_name == "option" and "--db" in p.opts for p in cmd.params)


def _required_args(cmd) -> list[str]:
    """Harmless values for required arguments, so the --db check is what fails."""
    values = []
    for p in cmd.params:
        if p.param_type_name == "argument" and p.required:
            values.append("1" if _annotation(p) is int else "README.md")
    return values


def _bad_stores(tmp_path) -> dict[str, str]:
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("create table invoices (id integer)")
    conn.commit()
    conn.close()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    return {
        "foreign": str(foreign),
        "garbage": str(garbage),
        "fifo": str(fifo),
        "folder": str(tmp_path),
        "missing-folder": str(tmp_path / "no" / "x.db"),
        "scheme": "mysql://u@h/db",
        "bad-ipv6": "postgresql://[::1",
    }


DB_LEAVES = [(p, c) for p, c in LEAVES if _db_option(c)]


@pytest.mark.parametrize("path, cmd", DB_LEAVES, ids=[" ".join(p) for p, _ in DB_LEAVES])
def test_cli_fuzz_bad_stores_end_in_one_line(path, cmd, tmp_path, capsys):
    for name, value in _bad_stores(tmp_path).items():
        if path == ("demo",) and name in ("foreign", "garbage"):
            continue  # demo moves an existing file aside (kept as .bak) and builds a fresh store
        argv = [*path, *_required_args(cmd), "--db", value]
        code, text = _run(argv, capsys)
        _assert_one_clean_failure(code, text, argv)
        assert "error[E" in text or "Error:" in text, f"{name}: {argv}\n{text[-800:]}"
    # nothing was migrated into the other application's file
    tables = {r[0] for r in sqlite3.connect(tmp_path / "foreign.db").execute("select name from sqlite_master")}
    assert tables == {"invoices"}


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    from liveaudit.store import Store

    path = tmp_path_factory.mktemp("fuzz") / "store.db"
    Store.open(str(path)).close()
    return str(path)


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["warc", "show", "99999999999999999999"], "Invalid value"),
        (["check", "http://[::1"], "error[E916]"),
        (["check", "http://example.org:99999/"], "error[E916]"),
        (["check", "ftp://example.org/x"], "error[E916]"),
        (["report", "--out", "/proc/no/such"], "error[E915]"),
        (["export", "--format", "csv", "--out", "/proc/no/such"], "error[E912]"),
        (["db", "status", "--bogus"], "No such option"),
        (["no-such-command"], "No such command"),
    ],
)
def test_cli_fuzz_known_attacks_end_in_one_line(argv, expected, empty_store, capsys):
    code, text = _run(
        [*argv, *(["--db", empty_store] if argv[0] not in ("no-such-command",) and "--bogus" not in argv else [])],
        capsys,
    )
    assert code in (1, 2) and expected in text and "Traceback" not in text, text
