"""`liveaudit bench dashboard`: time to first render of each page on stores of 1k and 100k claims.

A page's first render is timed as Streamlit's own test runner (AppTest) runs the page
script to its end with an empty cache: every query the page makes, every chart it
builds. The browser's paint is not included (the browser test checks the pages render).
The same page is then re-rendered from the warm cache, the baseline a user sees on
every later interaction. Stores are synthetic (`synth.py`), built once per size.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from liveaudit.dashboard import synth
from liveaudit.store import Store

PAGES = ("overview", "claims", "system", "card", "runs")
GOAL_S = 3.0


def _render(app: Path, page: str, query: dict[str, str]) -> tuple[float, float]:
    """Seconds for a cold render, then a warm one, of one page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(app), default_timeout=600)
    at.query_params.update(query)
    if page != "overview":
        at.run()  # register the pages (with the cache cleared again below, so it costs nothing here)
        at.switch_page(f"views/{page}.py")
        st.cache_data.clear()
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    failed = [e.value for e in at.exception] + [e.value for e in at.error]
    if failed:
        raise RuntimeError(f"page {page} failed: {failed[0]}")
    start = time.perf_counter()
    at.run()
    return cold, time.perf_counter() - start


def bench(
    sizes: list[int], workdir: str | None = None, repeat: int = 1, on_step: Callable[[str], None] | None = None
) -> dict:
    """Build (or reuse) a synthetic store per size and time every page; returns table columns, rows, notes."""
    from liveaudit.dashboard.server import APP

    folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="liveaudit-bench-dashboard-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows, notes = [], []
    saved = os.environ.get("LIVEAUDIT_DB")
    start = time.perf_counter()
    import altair as alt
    import pandas as pd
    import streamlit.testing.v1  # noqa: F401

    alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()  # loads Altair's schema
    notes.append(
        f"imports and Altair's schema, paid once per dashboard process (not counted per page): "
        f"{time.perf_counter() - start:.1f} s"
    )
    try:
        for size in sizes:
            if on_step:
                on_step(f"building a store of {size:,} claims")
            start = time.perf_counter()
            db = synth.build(folder / f"dashboard-{size}.db", size)
            Store.open(str(db)).close()  # a reused store from an older liveaudit is brought to the current schema
            notes.append(f"store of {size:,} claims: {db} (ready in {time.perf_counter() - start:.1f} s)")
            os.environ["LIVEAUDIT_DB"] = str(db)
            query = {"system": "Self-Forcing", "claim": str(max(1, size // 2))}
            for page in PAGES:
                if on_step:
                    on_step(f"{size:,} claims: {page}")
                runs = [
                    _render(APP, page, {k: v for k, v in query.items() if k in ("system", "claim")})
                    for _ in range(repeat)
                ]
                cold = min(r[0] for r in runs)
                warm = min(r[1] for r in runs)
                rows.append((f"{size:,}", page, cold, warm, "yes" if cold < GOAL_S else "NO"))
    finally:
        if saved is None:
            os.environ.pop("LIVEAUDIT_DB", None)
        else:
            os.environ["LIVEAUDIT_DB"] = saved
    notes.append(
        f"goal: first render < {GOAL_S:.0f} s per page at 100k claims; machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    return {
        "columns": ("claims", "page", "first render (s)", "cached re-render (s)", f"< {GOAL_S:.0f} s"),
        "rows": rows,
        "notes": notes,
    }
