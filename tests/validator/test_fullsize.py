"""Full-size analysis of a shipped system (slow: builds the real 1.3B network and its 5.7B text encoder on meta)."""

from __future__ import annotations

import pytest

from liveaudit.validator import analyze, load_hardware, load_systems


@pytest.mark.slow
def test_fullsize_wan_1_3b_matches_published_figures():
    row = analyze(load_systems()["Wan2.1-T2V-1.3B"], load_hardware())
    den = next(s for s in row["result"]["stages"] if s["name"] == "denoiser")
    assert den["class"] == "WanTransformer3DModel"
    assert den["params"] == pytest.approx(1.42e9, rel=0.03)  # the published bf16 checkpoint: 2.84 GB
    assert row["result"]["crosscheck"]["ratio"] == pytest.approx(1.0, abs=0.01)
    # 30 blocks x 32,760 tokens (21 x 30 x 52), 50 steps with CFG: about 5.6 PFLOP per second of video
    assert row["flops_per_video_second"] == pytest.approx(5.65e15, rel=0.02)
    h100 = row["result"]["roofline"]["H100 SXM"]
    assert h100["bound"] == "compute" and h100["best_level"] == "L0"
