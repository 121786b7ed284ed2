"""`liveaudit bench dashboard` runs end to end on a tiny synthetic store (figures are not asserted)."""

from __future__ import annotations

import subprocess
import sys

from liveaudit.dashboard import synth
from liveaudit.dashboard.queries import count_claims, ClaimFilter, counts_by
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


def test_bench_dashboard_command_prints_a_row_per_page(tmp_path):
    result = subprocess.run([sys.executable, "-m", "liveaudit", "bench", "dashboard", "--sizes", "100",
                             "--workdir", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    for page in ("overview", "claims", "system", "card", "runs"):
        assert page in result.stdout
    assert "goal: first render < 3 s" in result.stdout
