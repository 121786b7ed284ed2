"""The export stage of `liveaudit demo`: every format from the demo store into <workdir>/export."""

from __future__ import annotations

from liveaudit.publish.export.run import FORMATS, export
from liveaudit.store import Store


def demo_stage(store: Store, ctx) -> dict:
    """Write each format into ctx.workdir/export; returns rows per format and the folder."""
    out = ctx.workdir / "export"
    summary = {fmt: export(store, fmt, out)["rows"] for fmt in FORMATS}
    return {**summary, "folder": str(out)}
