"""The sources file: which pages to crawl, how far to follow links, and what they are about.

Format (YAML; `data/sources.yaml` is the shipped list, `data/sources.fixture.yaml` the offline one):

    base_url: http://127.0.0.1:8800     # optional; relative start URLs resolve against it
    sources:
      - id: ltx-video-readme            # unique, lower case: letters, digits, . _ -
        kind: repository_readme         # one of KINDS below
        name: LTX-Video README          # optional, for people
        start_urls: [https://raw.githubusercontent.com/Lightricks/LTX-Video/main/README.md]
        allowed_domains: [raw.githubusercontent.com]   # optional; default: the start URLs' hosts
        follow: ['/blog/']              # optional regexes a link must match to be followed
        deny: ['/tag/']                 # optional regexes that stop a link
        depth: 1                        # links followed from a start URL (0 = start URLs only)
        systems: [LTX-Video]            # optional canonical system names the source is about

Every bad entry is reported (E501) with its index and id, all at once; see `load_sources`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from liveaudit.errors import ConfigError, InputError
from liveaudit.yamlfile import load_yaml

KINDS = (
    "vendor_page",
    "blog",
    "paper_abstract",
    "repository_readme",
    "model_card",
    "news",
    "feed",
    "sitemap",
    "issue_thread",
    "third_party",
    "benchmark",
)
MAX_DEPTH = 10


class Source(BaseModel):
    """One entry of a sources file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,199}$")
    kind: Literal[
        "vendor_page",
        "blog",
        "paper_abstract",
        "repository_readme",
        "model_card",
        "news",
        "feed",
        "sitemap",
        "issue_thread",
        "third_party",
        "benchmark",
    ]
    name: str | None = None
    start_urls: list[str] = Field(min_length=1)
    allowed_domains: list[str] = Field(default_factory=list)
    follow: list[str] = Field(default_factory=list)
    deny: list[str] = Field(default_factory=list)
    depth: int = Field(default=0, ge=0, le=MAX_DEPTH)
    systems: list[str] = Field(default_factory=list)

    @field_validator("start_urls")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{url!r} is not an absolute http(s) URL")
        return urls

    @field_validator("follow", "deny")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a valid regular expression ({exc})") from None
        return patterns

    @model_validator(mode="after")
    def _default_domains(self) -> Source:
        if not self.allowed_domains:
            hosts = sorted({urlsplit(u).hostname for u in self.start_urls})
            object.__setattr__(self, "allowed_domains", hosts)
        return self

    def allows(self, url: str) -> bool:
        """True when `url` is on an allowed domain and passes the follow/deny rules."""
        host = urlsplit(url).hostname or ""
        if not any(host == d or host.endswith("." + d) for d in self.allowed_domains):
            return False
        if any(re.search(p, url) for p in self.deny):
            return False
        return not self.follow or any(re.search(p, url) for p in self.follow)


def _describe(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "entry"
    msg = error["msg"].removeprefix("Value error, ")
    return f"{where}: {msg}"


def parse_sources(data: object, origin: str, base_url: str | None = None) -> list[Source]:
    """Validate the loaded YAML of a sources file; raises ConfigError E501 listing every bad entry."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError("E501", path=origin, problems="the file must be a mapping with a `sources:` list")
    unknown = set(data) - {"base_url", "sources"}
    if unknown:
        raise ConfigError(
            "E501", path=origin, problems=f"unknown top-level keys {sorted(unknown)} (allowed: base_url, sources)"
        )
    base = base_url or data.get("base_url")
    if base is not None and (not isinstance(base, str) or urlsplit(base).scheme not in ("http", "https")):
        raise ConfigError("E501", path=origin, problems=f"base_url {base!r} is not an http(s) URL")
    problems: list[str] = []
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["sources"], start=1):
        label = f"source #{index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label += f" ({entry['id']})"
        if not isinstance(entry, dict):
            problems.append(f"{label}: must be a mapping, got {type(entry).__name__}")
            continue
        entry = dict(entry)
        if base and isinstance(entry.get("start_urls"), list):
            entry["start_urls"] = [
                urljoin(base.rstrip("/") + "/", u) if isinstance(u, str) else u for u in entry["start_urls"]
            ]
        try:
            source = Source.model_validate(entry)
        except ValidationError as exc:
            problems.extend(f"{label}: {_describe(e)}" for e in exc.errors())
            continue
        if source.id in seen:
            problems.append(f"{label}: id {source.id!r} is already used by source #{seen[source.id]}")
            continue
        seen[source.id] = index
        sources.append(source)
    if problems:
        raise ConfigError("E501", path=origin, problems="; ".join(problems))
    if not sources:
        raise ConfigError("E501", path=origin, problems="the `sources:` list is empty")
    return sources


def load_sources(path: str | Path | None = None, base_url: str | None = None) -> list[Source]:
    """Read and validate a sources file (default: the shipped data/sources.yaml).

    `base_url` overrides the file's `base_url:` (relative start URLs resolve against it).
    Raises InputError E202 for a missing file, ConfigError E501 for bad content.
    """
    from liveaudit.config import data_dir

    file = Path(path) if path else data_dir() / "sources.yaml"
    if not file.is_file():
        raise InputError("E202", input=str(file))
    try:
        data = load_yaml(file)  # safe types, no duplicate keys, bounded nesting
    except ConfigError as exc:
        raise ConfigError("E501", path=str(file), problems=str(exc.fields["reason"])) from None
    return parse_sources(data, str(file), base_url)
