"""The lexicon (data/lexicon.yaml): liveness terms, hedges, units, hardware and system aliases.

`load_lexicon()` reads the shipped file (or another path) once and validates it; a
malformed file raises ConfigError E003 naming the key. System aliases come from the
registry (data/systems/*.yaml, `name` + `aliases`) when it exists, merged over the
lexicon's own fallback list.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from liveaudit.config import data_dir
from liveaudit.errors import ConfigError
from liveaudit.vocab import LEVELS  # the one copy of the level names


@dataclass(frozen=True)
class Lexicon:
    version: int
    sha256: str
    terms: dict[str, str]  # canonical term -> implied level
    term_variants: dict[str, str]  # variant (lowercase) -> canonical term
    hedges: dict[str, str]  # variant (lowercase) -> canonical hedge
    negative_contexts: tuple[str, ...]
    hardware: dict[str, str]  # alias (lowercase) -> canonical GPU name
    systems: dict[str, str]  # alias -> canonical system name (case kept)
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    methods: frozenset[str] = frozenset()  # systems that speed up other models (canonical names)
    # system -> lower-case words that speak for it: its accounts' handles, its organisation's words
    speakers: dict[str, frozenset[str]] = field(default_factory=dict)

    def level_of(self, terms: list[str]) -> str | None:
        """The highest level any of `terms` implies, or None."""
        levels = [self.terms[t] for t in terms if t in self.terms]
        return max(levels, key=LEVELS.index) if levels else None


def _fail(path: Path, reason: str) -> ConfigError:
    return ConfigError("E003", path=path, reason=reason)


def _mapping(raw: dict, key: str, path: Path) -> dict:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise _fail(path, f"`{key}` must be a non-empty mapping")
    return value


# words of an organisation's name that name nobody in particular
_GENERIC_ORG = {"team", "labs", "research", "group", "university", "institute", "inc", "ltd", "the", "and"}


def _speakers(spec: dict) -> frozenset[str]:
    """Who speaks for a registry system: its accounts' handles and the words of its organisation."""
    words = set()
    for item in spec.get("accounts") or []:
        handle = item.get("handle") if isinstance(item, dict) else None
        if isinstance(handle, str) and handle.strip():
            words.add(handle.strip().lstrip("@").lower())
    org = spec.get("organisation")
    for word in str(org).lower().replace("-", " ").split() if isinstance(org, str) else []:
        word = "".join(ch for ch in word if ch.isalnum())
        if len(word) >= 4 and word not in _GENERIC_ORG:
            words.add(word)
    return frozenset(words)


def _registry_systems(folder: Path) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Aliases, and who speaks for each system, from the system registry (data/systems/*.yaml)."""
    found: dict[str, str] = {}
    speakers: dict[str, frozenset[str]] = {}
    if not folder.is_dir():
        return found, speakers
    for file in sorted(folder.glob("*.yaml")):
        try:
            spec = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the validator reports a broken registry file; we only read names
        name = spec.get("name") if isinstance(spec, dict) else None
        if not isinstance(name, str):
            continue
        for alias in [name, *[a for a in (spec.get("aliases") or []) if isinstance(a, str)]]:
            found[alias] = name
        speakers[name] = _speakers(spec)
    return found, speakers


def read_lexicon(path: Path, systems_dir: Path | None = None) -> Lexicon:
    """Read and check a lexicon file."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _fail(path, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise _fail(path, "the top level must be a mapping")
    terms, variants = {}, {}
    for term, spec in _mapping(raw, "terms", path).items():
        if not isinstance(spec, dict) or spec.get("level") not in LEVELS:
            raise _fail(path, f"term {term!r} needs a `level` among {', '.join(LEVELS)}")
        terms[term] = spec["level"]
        for v in [term, *(spec.get("variants") or [])]:
            variants[str(v).lower()] = term
    hedges = {str(v).lower(): h for h, vs in _mapping(raw, "hedges", path).items() for v in [h, *(vs or [])]}
    hardware = {str(v).lower(): g for g, vs in _mapping(raw, "hardware", path).items() for v in [g, *(vs or [])]}
    systems = {str(v): s for s, vs in _mapping(raw, "systems", path).items() for v in [s, *(vs or [])]}
    registry, speakers = _registry_systems(systems_dir if systems_dir is not None else path.parent / "systems")
    systems.update(registry)
    units = {k: tuple(str(x).lower() for x in v) for k, v in (raw.get("units") or {}).items()}
    return Lexicon(
        version=int(raw.get("version", 1)),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        terms=terms,
        term_variants=variants,
        hedges=hedges,
        negative_contexts=tuple(str(n).lower() for n in raw.get("negative_contexts") or []),
        hardware=hardware,
        systems=systems,
        units=units,
        methods=frozenset(str(m) for m in raw.get("methods") or []),
        speakers=speakers,
    )


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at `path`, or the shipped data/lexicon.yaml (cached)."""
    return read_lexicon(Path(path) if path else data_dir() / "lexicon.yaml")
