"""Every liveaudit setting, its default and its help, in one place.

Settings are upper snake case with a stage prefix (STORE_, CRAWL_, CLASSIFY_,
VALIDATE_, VERDICT_, DASHBOARD_, EXPORT_, PUBLIC_). Values are resolved in a fixed order,
later sources winning: defaults here, then a settings file (`liveaudit.toml` in
the working directory or the file named by LIVEAUDIT_SETTINGS; /dev/null names none), then environment
variables `LIVEAUDIT_<NAME>`, then command-line flags.

To add a setting: add a `Setting` to SETTINGS in its group, keep the group
sorted, and write its help; `tests/liveaudit/test_config.py` fails on a setting
without help or with a default of the wrong type.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liveaudit.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    # --- store -------------------------------------------------------------
    Setting("STORE_BUSY_TIMEOUT_MS", 30000, "How long an SQLite writer waits for a lock before failing, in ms."),
    Setting(
        "STORE_QUEUE_LEASE_S",
        3600.0,
        "How long a claimed work item (classify --queue, measure --queue) stays with its worker before another may take it, in seconds: a worker that died gives its items back after this. Set it above the slowest item (a full-size GPU measurement).",
    ),
    Setting(
        "STORE_URL",
        "liveaudit.db",
        "The store: a file path, sqlite:///PATH or postgresql://... (also --db, LIVEAUDIT_DB).",
    ),
    # --- crawl -------------------------------------------------------------
    Setting(
        "CRAWL_AUTOTHROTTLE",
        True,
        "AutoThrottle: adapt the delay per domain to its response times (Scrapy AUTOTHROTTLE_ENABLED).",
    ),
    Setting(
        "CRAWL_AUTOTHROTTLE_START_DELAY",
        1.0,
        "AutoThrottle's first delay per domain, in seconds, before it has measured the server.",
    ),
    Setting(
        "CRAWL_CONCURRENCY_PER_DOMAIN",
        2,
        "Requests in flight at once to one domain (Scrapy CONCURRENT_REQUESTS_PER_DOMAIN).",
    ),
    Setting(
        "CRAWL_CONTACT_URL", "https://github.com/liveaudit/liveaudit", "Contact URL placed in the crawler's user agent."
    ),
    Setting(
        "CRAWL_DOWNLOAD_DELAY",
        0.0,
        "Smallest delay between two requests to one domain, in seconds (AutoThrottle never goes below it).",
    ),
    Setting("CRAWL_DOWNLOAD_MAXSIZE", 10 * 1024 * 1024, "Largest response body the crawler accepts, in bytes."),
    Setting("CRAWL_DOWNLOAD_TIMEOUT", 20, "Seconds before a download is abandoned."),
    Setting(
        "CRAWL_EXTRACT_WORKERS",
        1,
        "Processes that run text extraction beside the crawl; 0 extracts in the crawl's own thread.",
    ),
    Setting(
        "CRAWL_MAX_REDIRECTS",
        5,
        "Redirects followed for one URL before it is recorded as an error (loops stop here too).",
    ),
    Setting(
        "CRAWL_RETRY_BACKOFF",
        1.0,
        "Seconds before the first retry of a 5xx or a timeout; each further retry waits twice as long.",
    ),
    Setting(
        "CRAWL_RETRY_TIMES", 2, "Retries of a URL after a 5xx response or a timeout (other errors are never retried)."
    ),
    Setting(
        "CRAWL_SLOW_SECONDS",
        2.0,
        "A page that takes longer than this (but less than the timeout) is stored with a 'slow response' note.",
    ),
    Setting(
        "CRAWL_THREAD_MAX_POST_CHARS",
        20000,
        "Longest post text kept per post of an issue thread or forum page, in characters (a longer post is cut and marked).",
    ),
    Setting(
        "CRAWL_THREAD_MAX_POSTS",
        2000,
        "Posts kept per thread page (issue, discussion, forum); the count of the rest is recorded on the document.",
    ),
    Setting(
        "CRAWL_WARC_DIR", "warc", "Folder for the WARC files of the evidence archive (relative to the store file)."
    ),
    Setting(
        "CRAWL_WORKER_HEARTBEAT_TTL",
        10.0,
        "Distributed crawl: seconds without a heartbeat after which a worker counts as dead and its taken URLs go back to the shared queue.",
    ),
    Setting(
        "CRAWL_WARC_MAX_BYTES",
        256 * 1024 * 1024,
        "A WARC file is closed and a new one started once it is this large, in bytes.",
    ),
    # --- classify ----------------------------------------------------------
    Setting(
        "CLASSIFY_BATCH_DOCUMENTS",
        200,
        "Documents classified per store transaction by `liveaudit classify` (memory grows with it).",
    ),
    Setting(
        "CLASSIFY_DOCUMENT_BUDGET_S",
        60.0,
        "Time budget of one document in `classify`, `extract` and `check`, in seconds (0: none). A document over it is recorded with error E605 and the batch goes on; `classify` tries it once more per model version, then skips it with its error shown.",
    ),
    Setting("CLASSIFY_FETCH_TIMEOUT", 20, "Seconds before `liveaudit extract` gives up on a URL."),
    Setting(
        "CLASSIFY_MAX_BYTES",
        10 * 1024 * 1024,
        "Largest file or page `liveaudit extract` reads, in bytes; a longer file is read up to this size and the cut is noted.",
    ),
    Setting(
        "CLASSIFY_MAX_CHARS",
        2_000_000,
        "Characters of one document's text the classifier reads; the rest is cut with a note ('document truncated at N characters'). Long text is read in pieces, never refused.",
    ),
    Setting(
        "CLASSIFY_MAX_SENTENCES", 5_000, "Sentences of one document the classifier reads; the rest is cut with a note."
    ),
    Setting(
        "CLASSIFY_MAX_SENTENCE_CHARS",
        1_000,
        "Longest sentence the classifier reads, in characters; a longer run of text (a page without punctuation) is read as several sentences of at most this size, with a note.",
    ),
    Setting(
        "CLASSIFY_MODEL_DIR", "", "Folder of a trained claim-kind model; empty means the model shipped in the package."
    ),
    Setting(
        "CLASSIFY_REPORT_MAX_POSTS",
        2000,
        "Posts of one thread document read for reports by the reports step (`liveaudit classify`, `liveaudit demo`); more are counted and skipped.",
    ),
    Setting(
        "CLASSIFY_TORCH_THREADS",
        1,
        "torch threads of the MiniLM embedder per process (at most the usable CPUs). 1 is fastest for per-document batches and when other processes share the cores; use more processes (classify --queue) to use more cores.",
    ),
    # --- validate ----------------------------------------------------------
    Setting(
        "VALIDATE_HARDWARE_FILE",
        "",
        "GPU catalogue for the roofline bounds; empty means the shipped data/hardware.yaml.",
    ),
    Setting(
        "VALIDATE_MAX_CONFIG_BYTES",
        262144,
        "Largest system or hardware YAML file the validator reads, in bytes (configs are untrusted input).",
    ),
    Setting(
        "VALIDATE_MAX_PARAMS",
        200_000_000_000,
        "Largest parameter count a network config may ask for; a bigger one is refused before any counting.",
    ),
    Setting(
        "VALIDATE_MEASURE_REPETITIONS",
        5,
        "Timed clips per system and mode in `liveaudit measure` (percentiles are taken over them).",
    ),
    Setting(
        "VALIDATE_MEASURE_WARMUP",
        2,
        "Untimed clips before the clock starts in `liveaudit measure` (compiled modes use at least 2, CUDA graphs 3).",
    ),
    Setting(
        "VALIDATE_MEASUREMENTS_DIR",
        "",
        "Folder of shipped GPU measurements (JSON); empty means the shipped data/measurements/.",
    ),
    Setting(
        "VALIDATE_SYSTEMS_DIR",
        "",
        "Folder of system registry files (one YAML per system); empty means the shipped data/systems/.",
    ),
    # --- dashboard -----------------------------------------------------------
    Setting(
        "DASHBOARD_HOST", "127.0.0.1", "Address the dashboard binds; keep it on loopback unless you mean to share it."
    ),
    Setting(
        "DASHBOARD_PAGE_SIZE", 50, "Claims per page in the dashboard's Claims table (filtering and paging run in SQL)."
    ),
    Setting("DASHBOARD_PORT", 8501, "Port the Streamlit dashboard listens on."),
    # --- export ----------------------------------------------------------------
    Setting(
        "EXPORT_BATCH_ROWS",
        20000,
        "Rows read from the store and written at a time by `liveaudit export` (memory grows with it).",
    ),
    Setting(
        "EXPORT_LICENSE",
        "https://creativecommons.org/licenses/by/4.0/",
        "Licence of the exported dataset, as a URL (written to the Croissant metadata and the dataset card).",
    ),
    Setting(
        "EXPORT_PUBLISHER_NAME",
        "liveaudit",
        "Publisher named as the author of ClaimReview objects and the creator of the dataset.",
    ),
    Setting(
        "EXPORT_PUBLISHER_URL",
        "https://github.com/liveaudit/liveaudit",
        "Publisher's URL (ClaimReview author, Croissant url); review URLs are built from it.",
    ),
    # --- publish (exports, report: what a citation points at) ----------------------
    Setting(
        "PUBLIC_BASE_URL",
        "",
        "Where the exported folder and the report are published (e.g. https://desk.example/liveaudit/); claim cards, verdicts and report sections get addresses under it. Empty: links relative to the exported folder.",
    ),
    # --- verdicts -------------------------------------------------------------
    Setting(
        "VERDICT_LEVELS_FILE",
        "",
        "Thresholds file for liveness levels L0-L4; empty means the shipped data/levels.yaml.",
    ),
    # --- demo --------------------------------------------------------------
    Setting("DEMO_FIXTURE_PORT", 0, "Port for the fixture site during `liveaudit demo`; 0 picks a free one."),
)

# Allowed ranges (inclusive) of numeric settings, checked wherever a value is loaded; a value
# outside (NaN and infinity included) is refused with E002: a crawl with 0 requests per
# domain or an infinite delay would never end. Add a bound here beside a new setting.
RANGES: dict[str, tuple[float, float]] = {
    "CRAWL_AUTOTHROTTLE_START_DELAY": (0, 3600),
    "CRAWL_CONCURRENCY_PER_DOMAIN": (1, 256),
    "CRAWL_DOWNLOAD_DELAY": (0, 3600),
    "CRAWL_DOWNLOAD_MAXSIZE": (1, 2**31),
    "CRAWL_DOWNLOAD_TIMEOUT": (1, 3600),
    "CRAWL_EXTRACT_WORKERS": (0, 64),
    "CRAWL_MAX_REDIRECTS": (0, 50),
    "CRAWL_RETRY_BACKOFF": (0, 3600),
    "CRAWL_RETRY_TIMES": (0, 20),
    "CRAWL_SLOW_SECONDS": (0, 3600),
    "CRAWL_WARC_MAX_BYTES": (1024, 2**40),
    "CRAWL_WORKER_HEARTBEAT_TTL": (0.1, 3600),
}

_BY_NAME = {s.name: s for s in SETTINGS}
ENV_PREFIX = "LIVEAUDIT_"


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    value = _coerce_type(setting, value, origin)
    if isinstance(value, float) and not math.isfinite(value):
        # nan compares false with every bound and inf never ends a wait: neither is a setting.
        raise ConfigError("E002", name=setting.name, value=value, reason=f"{origin}: must be a finite number")
    low, high = RANGES.get(setting.name, (None, None))
    if low is not None and not low <= value <= high:
        raise ConfigError("E002", name=setting.name, value=value, reason=f"{origin}: must be from {low:g} to {high:g}")
    return value


def _coerce_type(setting: Setting, value: Any, origin: str) -> Any:
    kind = type(setting.default)
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(
            "E002", name=setting.name, value=value, reason=f"{origin}: expected {kind.__name__}, not true/false"
        )
    if kind is float and isinstance(value, int):
        return float(value)
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            if kind is bool:
                low = value.strip().lower()
                if low in {"1", "true", "yes", "on"}:
                    return True
                if low in {"0", "false", "no", "off"}:
                    return False
                raise ValueError("expected true or false")
            return kind(value)
        except ValueError as exc:
            raise ConfigError("E002", name=setting.name, value=value, reason=f"{origin}: {exc}") from None
    raise ConfigError("E002", name=setting.name, value=value, reason=f"{origin}: expected {kind.__name__}")


# Environment variables of ours that are not settings: which settings file to read, and the
# switch that shows a failure's traceback (cli/failures.py), which must work whatever else is set.
NOT_SETTINGS = frozenset({"LIVEAUDIT_SETTINGS", "LIVEAUDIT_DEBUG"})


def _unknown(name: str, origin: str) -> ConfigError:
    import difflib

    close = difflib.get_close_matches(name, _BY_NAME, n=1)
    hint = f" in {origin}" + (f" (did you mean {close[0]}?)" if close else "")
    return ConfigError("E001", name=name, hint=hint)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    settings_file: Path | None = None,
) -> dict[str, Any]:
    """Resolve every setting: defaults < settings file < environment < overrides (flags)."""
    return {
        name: value
        for name, (value, _origin) in resolve_settings(overrides, env=env, settings_file=settings_file).items()
    }


def resolve_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    settings_file: Path | None = None,
) -> dict[str, tuple[Any, str]]:
    """Every setting's (value, origin), origin naming the source that won (`liveaudit settings`)."""
    env = os.environ if env is None else env
    values: dict[str, tuple[Any, str]] = {s.name: (s.default, "default") for s in SETTINGS}
    named = settings_file or (Path(env["LIVEAUDIT_SETTINGS"]) if env.get("LIVEAUDIT_SETTINGS") else None)
    if named is not None and str(named) == os.devnull:
        named = None  # LIVEAUDIT_SETTINGS=/dev/null: read no settings file at all (tests, scripts)
        path = None
    elif named is not None and not named.is_file():
        # A settings file the user named but that is not there must not be ignored silently.
        raise ConfigError("E003", path=named, reason="does not exist or is not a file (named by LIVEAUDIT_SETTINGS)")
    else:
        path = named or Path("liveaudit.toml")
    if path is not None and path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("E003", path=path, reason=f"not valid TOML ({exc})") from None
        for key, value in data.items():
            name = key.upper()
            if name not in _BY_NAME:
                raise _unknown(name, str(path))
            values[name] = (_coerce(_BY_NAME[name], value, str(path)), f"file {path}")
    for key, value in env.items():
        if not key.startswith(ENV_PREFIX) or key in NOT_SETTINGS:
            continue
        name = key[len(ENV_PREFIX) :]
        if name == "DB":  # the documented short form of LIVEAUDIT_STORE_URL
            name = "STORE_URL"
        if name not in _BY_NAME:
            raise _unknown(name, f"environment variable {key}")
        values[name] = (_coerce(_BY_NAME[name], value, f"environment variable {key}"), f"env {key}")
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in _BY_NAME:
            raise _unknown(name, "command-line flags")
        values[name] = (_coerce(_BY_NAME[name], value, "command-line flag"), "flag")
    return values


def get(name: str, overrides: Mapping[str, Any] | None = None) -> Any:
    """One resolved setting."""
    return load_settings(overrides)[name]


def repo_root() -> Path:
    """The source checkout (where data/ and README.md live) when running from one."""
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The shipped data folder (data/ in a checkout, liveaudit/data when installed)."""
    from importlib import resources

    try:
        return Path(str(resources.files("liveaudit.data")))
    except ModuleNotFoundError:
        return repo_root() / "data"
