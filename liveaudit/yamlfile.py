"""Read a YAML data file as untrusted input: safe types only, bounded shape, no duplicates.

    data = load_yaml(path)                 # -> Python data, or ConfigError E003 naming the file

Sources, systems, thresholds and labels files may come from users. `yaml.safe_load`
already refuses tags that build objects; this adds what it lets through:
- nesting deeper than YAML_MAX_DEPTH (PyYAML's composer recurses: 10,000 `[` end in a
  RecursionError, not a message);
- more aliases than YAML_MAX_ALIASES (a "billion laughs" file is small on disk but
  every reader that walks it walks the expansion);
- the same key twice in one mapping (PyYAML keeps the last silently, so a typo'd
  second `fps:` would win without a word).
The depth and alias counts come from the event stream, which PyYAML parses without
recursion, so the check itself is bounded by the file size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from liveaudit.errors import ConfigError

YAML_MAX_DEPTH = 64
YAML_MAX_ALIASES = 100


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key repeated within one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: construct_mapping reports it below
                duplicate = False
            if duplicate:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            if _hashable(key):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_shape(text: str, where: str | Path) -> None:
    """ConfigError E003 when `text` nests deeper or aliases more than the limits allow."""
    depth = aliases = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > YAML_MAX_DEPTH:
                    raise ConfigError("E003", path=where, reason=f"nested deeper than {YAML_MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > YAML_MAX_ALIASES:
                    raise ConfigError("E003", path=where, reason=f"more than {YAML_MAX_ALIASES} aliases")
    except yaml.YAMLError as exc:
        raise ConfigError("E003", path=where, reason=f"not valid YAML ({_first_line(exc)})") from None


def load_yaml_text(text: str, where: str | Path) -> Any:
    """Parse YAML text from `where` (named in errors) under the limits above."""
    check_shape(text, where)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ConfigError("E003", path=where, reason=f"not valid YAML ({_first_line(exc)})") from None


def load_yaml(path: str | Path, max_bytes: int | None = None) -> Any:
    """Read and parse a YAML file; ConfigError E003 for unreadable, oversized or bad files."""
    file = Path(path)
    try:
        if max_bytes is not None and file.stat().st_size > max_bytes:
            raise ConfigError("E003", path=file, reason=f"is larger than {max_bytes} bytes")
        raw = file.read_bytes()
    except OSError as exc:
        raise ConfigError("E003", path=file, reason=f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("E003", path=file, reason="is not UTF-8 text") from None
    return load_yaml_text(text, file)


def _first_line(exc: BaseException) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return " ".join(line.strip() for line in lines[:3]) if lines else type(exc).__name__
