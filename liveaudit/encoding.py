"""Encode text for the place it lands, so nothing from a page can run there.

Pages are untrusted; their titles and sentences reach three places that would
execute them if copied raw:

- HTML that embeds JSON-LD in `<script type="application/ld+json">`: a `</script>`
  inside a string ends the block (`json_for_html` escapes `<`, `>`, `&` and the two
  Unicode line separators as `\\uXXXX`, which JSON parsers read back unchanged);
- spreadsheets that open our CSV files: a cell starting with `=`, `+`, `-`, `@`, tab
  or carriage return is a formula (`csv_cell` prefixes a `'`, per OWASP's CSV
  injection advice; numbers are left alone);
- terminals: escape sequences move the cursor or rewrite the screen, and Rich reads
  `[tag]` as markup (`terminal_text` drops control characters, `rich_text` also
  escapes markup).

Every writer calls these; tests/liveaudit/test_encoding.py holds the attacks.
"""

from __future__ import annotations

import json
import re
from typing import Any

_HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")

# C0 controls except tab and newline, DEL, C1 controls (incl. the 8-bit CSI \x9b),
# and the bidi overrides/isolates that reorder what a reader sees.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def json_for_html(obj: Any, *, indent: int | None = 2) -> str:
    """JSON text that is safe inside an HTML `<script>` block and still the same JSON."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=False)
    return _HTML_UNSAFE_RE.sub(lambda m: _HTML_UNSAFE[m.group(0)], text)


def csv_cell(value: Any) -> Any:
    """A CSV cell value a spreadsheet shows as text: formula starts get a leading `'`.

    Non-strings (numbers, None, booleans) pass through unchanged, so numeric columns
    stay numeric; a string that is a plain number ("-3.5") is left alone too.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def csv_column(array: Any) -> Any:
    """`csv_cell` over a whole pyarrow string array, vectorized (no per-row Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    risky = pc.and_(
        pc.match_substring_regex(array, "^[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20]"),
        pc.invert(pc.match_substring_regex(array, "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$")),
    )
    quoted = pc.binary_join_element_wise(pa.scalar("'", array.type), array, pa.scalar("", array.type))
    return pc.if_else(pc.fill_null(risky, False), quoted, array)


def terminal_text(value: Any) -> str:
    """Text with control and escape characters removed (tab and newline kept)."""
    return _CONTROL_RE.sub("", "" if value is None else str(value))


def rich_text(value: Any) -> str:
    """`terminal_text`, with Rich markup escaped so `[/x]` prints as written."""
    from rich.markup import escape

    return escape(terminal_text(value))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text
