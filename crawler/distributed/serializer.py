"""JSON serializer of queued requests (scrapy-redis's SCHEDULER_SERIALIZER names this module).

scrapy-redis pickles requests by default; a pickle from a shared Redis would run code in
every worker, so requests travel as JSON: bytes as base64, datetimes as ISO text, and the
WARC `Exchange` records a request carries (redirect hops) field by field.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import datetime
from typing import Any


def _encode(value: Any) -> Any:
    from liveaudit.crawler.warc import Exchange

    if isinstance(value, bytes):
        return {"__b64__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, Exchange):
        return {"__exchange__": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot queue a request whose meta holds a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "__b64__" in value and len(value) == 1:
            return base64.b64decode(value["__b64__"])
        if "__dt__" in value and len(value) == 1:
            return datetime.fromisoformat(value["__dt__"])
        if "__tuple__" in value and len(value) == 1:
            return tuple(_decode(v) for v in value["__tuple__"])
        if "__exchange__" in value and len(value) == 1:
            from liveaudit.crawler.warc import Exchange

            fields = {k: _decode(v) for k, v in value["__exchange__"].items()}
            for key in ("request_headers", "response_headers"):
                fields[key] = [tuple(h) for h in fields.get(key) or []]
            return Exchange(**fields)
        return {k: _decode(v) for k, v in value.items()}
    return value


def dumps(obj: Any) -> str:
    return json.dumps(_encode(obj), separators=(",", ":"))


def loads(data: str | bytes) -> Any:
    return _decode(json.loads(data))
