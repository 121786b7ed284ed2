"""Start the Streamlit app as a child process on loopback and wait until it answers.

`liveaudit dashboard` and `liveaudit demo` both come here. The store reaches the app as
LIVEAUDIT_DB in the child's environment; the app only reads it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from liveaudit import config
from liveaudit.errors import ConfigError, InputError, require_extra
from liveaudit.store import Store
from liveaudit.store.engine import normalize_url

APP = Path(__file__).with_name("app.py")
START_TIMEOUT_S = 60  # Streamlit imports pandas/altair on its first page; slow CI machines need this


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _check_port(host: str, port: int) -> None:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise ConfigError("E401", host=host, port=port, reason=exc.strerror or str(exc)) from None


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, be killed when the process that started us dies.

    Without it a `liveaudit dashboard` killed by a signal it cannot catch leaves Streamlit
    serving on its port.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start(
    db: str | None = None, port: int | None = None, host: str | None = None
) -> tuple[subprocess.Popen, str, Path]:
    """Start the app; returns (process, URL, log file). Raises E901 (no store), E103/E104 (schema), E401, E902."""
    require_extra("dashboard", "the dashboard", "streamlit", "altair", "pandas")
    settings = config.load_settings({"STORE_URL": db, "DASHBOARD_PORT": port, "DASHBOARD_HOST": host})
    url = normalize_url(settings["STORE_URL"])
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise InputError("E901", path=url.removeprefix("sqlite:///"))
    Store.open_existing(url).close()  # an old or newer schema is refused here (E104/E103), not in the browser
    host = settings["DASHBOARD_HOST"]
    port = settings["DASHBOARD_PORT"] or _free_port(host)
    _check_port(host, port)
    log = Path(tempfile.mkstemp(prefix="liveaudit-dashboard-", suffix=".log")[1])
    env = {**os.environ, "LIVEAUDIT_DB": url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    app_url = f"http://{host}:{port}/"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise InputError("E902", reason=f"it exited with code {proc.returncode}: {_tail(log)}", log=log)
        try:
            with urllib.request.urlopen(f"{app_url}_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, app_url, log
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise InputError("E902", reason=f"it did not answer within {START_TIMEOUT_S} s", log=log)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(log: Path, lines: int = 3) -> str:
    text = log.read_text(errors="replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "no output"


def serve(store_path: str | None, port: int | None = None, host: str | None = None) -> None:
    """Start the dashboard on the store, print its URL, and block until Ctrl-C (or the app exits)."""
    proc, url, log = start(store_path, port, host)

    def _terminated(signum, _frame):  # SIGTERM/SIGHUP end the app like Ctrl-C does
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminated)
    # plain stdout, not the CLI's console: the stage does not reach up into the command line
    print(f"dashboard: {url}", flush=True)  # the URL line is what scripts (and the browser test) wait for
    print(f"store {store_path or 'from settings'}; log {log}; Ctrl-C stops", flush=True)
    try:
        proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(proc)
