"""`liveaudit bench dashboard` on a tiny synthetic store: the returned figures (their shape, not
their speed) and the printed table."""

from __future__ import annotations

import subprocess
import sys

from liveaudit.dashboard import synth
from liveaudit.dashboard.filters import ClaimFilter, count_claims
from liveaudit.dashboard.queries import counts_by
from liveaudit.store import Store


def test_bench_synthetic_store_follows_the_contracts(tmp_path):
    path = synth.build(tmp_path / "s.db", 200)
    store = Store.open(str(path), upgrade=False)
    assert count_claims(store.engine, ClaimFilter()) == 200
    assert set(counts_by(store.engine, "verdict")["value"]) == set(synth.VERDICTS)
    claim = store.rows("current_claims", limit=1)[0]
    assert set(claim["figures"]) >= {"fps", "gpu", "latency_type", "compute_s_per_video_s"}
    assert "score" in claim["specificity"]
    store.close()


def test_bench_returns_a_first_and_a_cached_render_per_page(tmp_path):
    from liveaudit.dashboard import bench

    out = bench([100], workdir=str(tmp_path))
    assert [row[1] for row in out["rows"]] == ["overview", "claims", "system", "card", "runs"]
    for size, _page, cold, warm, met in out["rows"]:
        assert size == "100" and cold > 0 and warm > 0 and met in ("yes", "NO")
    assert len(out["columns"]) == len(out["rows"][0])


def test_bench_dashboard_command_prints_a_row_per_page(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "liveaudit", "bench", "dashboard", "--sizes", "100", "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for page in ("overview", "claims", "system", "card", "runs"):
        assert page in result.stdout
