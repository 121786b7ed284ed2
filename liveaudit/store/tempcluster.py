"""A throwaway PostgreSQL cluster on 127.0.0.1 (for tests and `liveaudit bench store`).

Uses the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/*/bin):
`initdb` + `pg_ctl` on a free port, data in a temp folder, fsync off, trust authentication
on loopback only. initdb refuses root: as root the cluster runs as the system user
`liveaudit-test` (created with useradd when missing) through runuser. Raises
ClusterUnavailable with the reason when the binaries or psycopg are missing.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server binaries (or no way to run them as a non-root user)."""


PG_USER = "liveaudit-test"
_counter = itertools.count(1)


def pg_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb and pg_ctl, or one on PATH."""
    for candidate in sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
        reverse=True,
    ):
        if os.access(os.path.join(candidate, "initdb"), os.X_OK) and os.access(
            os.path.join(candidate, "pg_ctl"), os.X_OK
        ):
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user() -> tuple[list[str], int | None, int | None]:
    """The command prefix (and uid/gid for chown) that runs the server as a non-root user."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        entry = pwd.getpwnam(PG_USER)
    except KeyError:
        if shutil.which("useradd") is None:
            raise ClusterUnavailable(
                f"a throwaway PostgreSQL cluster: running as root and no useradd to create the user {PG_USER!r} (initdb refuses root)"
            ) from None
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(PG_USER)
    runner = shutil.which("runuser")
    if runner is None:
        raise ClusterUnavailable(
            "a throwaway PostgreSQL cluster: running as root and no runuser to drop to a non-root user (initdb refuses root)"
        )
    return [runner, "-u", PG_USER, "--"], entry.pw_uid, entry.pw_gid


class PostgresServer:
    """A running cluster: `url(dbname)`, `create_database()`, `stop()`."""

    def __init__(self) -> None:
        bindir = pg_bin_dir()
        if bindir is None:
            raise ClusterUnavailable("a throwaway PostgreSQL cluster: no initdb/pg_ctl (apt-get install -y postgresql)")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise ClusterUnavailable(
                "a throwaway PostgreSQL cluster: psycopg is not installed (pip install 'liveaudit[postgres]')"
            ) from None
        self.bindir = bindir
        prefix, uid, gid = _as_user()
        self.prefix = prefix
        self.root = Path(tempfile.mkdtemp(prefix="liveaudit-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        if uid is not None and gid is not None:
            os.chown(self.root, uid, gid)
        self.port = free_port()
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
        )

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str | None = None) -> str:
        import psycopg

        name = name or f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        for _ in range(50):
            if not (self.data / "postmaster.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
