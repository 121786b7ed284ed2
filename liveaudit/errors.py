"""The error catalogue: every message liveaudit shows a user, with a stable code.

Tests assert codes, not wording. The library raises these exceptions; only the
command line turns them into a one-line exit (see `liveaudit.cli`).

    LiveauditError              base; carries `code` and a message naming the input
     ├── ConfigError            a setting, option or data file is invalid
     ├── StoreError             the --db value or the store itself is unusable
     │    └── SchemaError       the store's schema is newer or unknown
     ├── InputError             a user-supplied file, URL or page cannot be used
     └── MissingExtraError      an optional stage stack is not installed

Add a message by giving it the next free code in its block; never renumber.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # E000: the command line's last line of defence (liveaudit.cli.failures)
    "E000": (
        "internal error ({kind}: {reason}). This is a bug in liveaudit: rerun with "
        "LIVEAUDIT_DEBUG=1 to see the traceback and report it."
    ),
    # E0xx: settings and configuration
    "E001": "unknown setting {name!r}{hint}. Run `liveaudit settings` to list the settings.",
    "E002": "setting {name} has an invalid value {value!r}: {reason}.",
    "E003": "{path}: {reason}. Fix the file and run the command again.",
    # E1xx: the store
    "E101": "--db {value!r} is not a store: {reason}. Give a file path, sqlite:///PATH or postgresql://USER@HOST/DB.",
    "E102": "cannot open the store {url}: {reason}.",
    "E103": (
        "the store {url} has schema revision {found!r}, which this liveaudit ({version}) does not know; "
        "it was written by a newer liveaudit. Upgrade liveaudit (pip install -U liveaudit) or use another --db."
    ),
    "E104": "the store {url} is at schema revision {found!r} but {head!r} is needed. Run `liveaudit db upgrade --db {url}`.",
    "E106": "unknown schema revision {target!r}; the known ones are {known}.",
    "E105": "no row {key!r} in {table} of {url}. {hint}",
    "E107": "--shard {value!r} is not a shard: give I/N with 1 <= I <= N, e.g. --shard 1/4 for the first of four workers.",
    "E108": "the store failed: {reason}. Check that --db names a liveaudit store you can read and write (`liveaudit db status --db PATH`).",
    "E109": "--db {value!r} is not a liveaudit store: it already holds other tables ({tables}). Give a new file or a store liveaudit made.",
    "E110": "no liveaudit store at {value!r}: {reason}. Fill one first with `liveaudit demo --no-dashboard --db {value}` or `liveaudit crawl --db {value}`.",
    # E2xx: user input (files, URLs, pages)
    "E201": "{input}: {reason}.",
    "E202": "{input}: not found. Check the path or URL.",
    "E203": "{input}: {reason}. Check the path, its permissions and the free space.",
    "E204": "the input is nested too deeply to read. Simplify the file (data files are untrusted input).",
    # E3xx: optional stacks
    "E301": "{feature} needs the optional packages of liveaudit[{extra}] ({missing}). Install them with: pip install 'liveaudit[{extra}]'",
    # E4xx: services the commands start
    "E401": "cannot listen on {host}:{port}: {reason}. Pick another port with --port.",
    # E8xx: verdicts and liveness levels
    "E801": "unknown liveness level {level!r}; the levels are L0, L1, L2, L3 and L4.",
    "E802": "{path}: {key} {reason}. Fix the thresholds file (see the comments in data/levels.yaml) or unset VERDICT_LEVELS_FILE.",
    # E5xx: crawler
    "E501": "{path}: {problems}. Fix these entries (the format is described at the top of data/sources.yaml).",
    "E502": "{path}: WARC record {record_id} at offset {offset} cannot be read: {reason}. The archive was moved or damaged; crawl the page again with `liveaudit crawl`.",
    "E503": "nothing to resume in {url}: {reason}. Run `liveaudit crawl` without --resume.",
    "E504": "document {doc_id} has no archived response in {url} ({reason}).",
    # E6xx: classifier
    "E601": "no usable claim-kind model in {path}: {reason}. Train one with `python -m liveaudit.classifier.train --out {path}` or unset CLASSIFY_MODEL_DIR.",
    "E602": "{input}: cannot fetch it ({reason}). Check the URL, or save the page and pass the file.",
    "E603": "{input}: {reason}. Give HTML, Markdown or text files, or http(s) URLs.",
    "E604": "{path}: {reason}. Fix the labels file (the format is in data/labels/README.md).",
    "E605": "{input}: over the time budget of {budget:g} s per document while {stage}; skipped. Raise CLASSIFY_DOCUMENT_BUDGET_S to try it again.",
    "E606": "{input}: {reason}; not read as text.",
    # E7xx: validator (registry, hardware, analysis)
    "E701": "{path}: field {field}: {reason}. Fix the system file (its keys are explained in data/systems/README.md).",
    "E702": "{where}: {cls!r} is not a network class the validator builds; use one of {known}.",
    "E703": "{where}: {reason}. Configs take JSON values within the limits in validator/networks.py; fix the value.",
    "E704": "{where}: {cls} would have {params} parameters, more than the limit {limit} (VALIDATE_MAX_PARAMS). Check the config's sizes.",
    "E705": "no system {name!r} in the registry. Known systems: {known}. Add one as data/systems/<name>.yaml.",
    "E706": "{path}: field {field}: {reason}. Fix the hardware catalogue (its keys are explained at the top of data/hardware.yaml).",
    "E707": "{path} is {size} bytes, more than VALIDATE_MAX_CONFIG_BYTES ({limit}); configs are untrusted input. Shorten it or raise the setting.",
    "E708": "{name} has no architecture to analyse: {reason}",
    # E71x: validator timing harness (measure)
    "E710": "{system}: cannot be measured: {reason}. Measure another system or add its schedule family to validator/measure_*.py.",
    "E711": "--weights {path}: no {role}.safetensors or {role}/*.safetensors there. Give a folder of local safetensors files, one per network role, or leave --weights out for random weights.",
    "E712": "{where}: the weights in {path} do not fit the network ({missing} missing, {unexpected} unexpected keys, e.g. {example!r}). Check they belong to this system's config.",
    "E713": "--device {device}: {reason}. Run with --device cpu (a tiny smoke config) or on a machine with a CUDA GPU.",
    "E714": "{option} {value!r} cannot be used here; use {known}.",
    "E717": "--weights {path}: not a readable safetensors file ({reason}). Give files written by safetensors (never pickle), or leave --weights out for random weights.",
    "E715": "{path}: {reason}. Shipped measurements are JSON lists of measurements rows; see data/measurements/README.md.",
    # E9xx: dashboard and exports
    "E901": "no store at {path}. Fill one first with `liveaudit demo --no-dashboard --db {path}` or `liveaudit crawl --db {path}`.",
    "E902": "the dashboard did not start: {reason}. Its log is {log}.",
    # E91x: exports, the report and `liveaudit check`
    "E911": "unknown export format {fmt!r}; the formats are {known}. Example: liveaudit export --format csv --out export/",
    "E912": "cannot write the export to {path}: {reason}. Give a folder you can write with --out.",
    "E913": "{input}: {reason}. Give an http(s) URL or the path of a local HTML or text file.",
    "E915": "cannot write the report to {path}: {reason}. Give a folder you can write with --out.",
    "E916": "{input!r} is not a URL liveaudit can fetch: {reason}. Give an http(s) URL or the path of a local file.",
    "E914": "{feature} needs {stage}, which this installation lacks ({reason}). Install liveaudit[all] or build that stage first.",
}


class LiveauditError(Exception):
    """Base of every error liveaudit raises on purpose."""

    code = "E000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = MESSAGES[code]
        super().__init__(template.format(**fields))

    @property
    def message(self) -> str:
        return str(self)


class ConfigError(LiveauditError):
    """A setting, option or data file is invalid."""


class StoreError(LiveauditError):
    """The --db value or the store is unusable."""


class SchemaError(StoreError):
    """The store's schema revision is unknown (newer) or too old to use."""


class InputError(LiveauditError):
    """A user-supplied file, URL or page cannot be used."""


class MissingExtraError(LiveauditError):
    """An optional stack (an extra) is not installed."""


def require_extra(extra: str, feature: str, *modules: str) -> None:
    """Raise MissingExtraError naming the install command when `modules` are missing."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError("E301", feature=feature, extra=extra, missing=", ".join(missing))
