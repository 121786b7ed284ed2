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


@pytest.mark.slow
def test_fullsize_every_exact_published_parameter_count_within_3_percent():
    """Every open system's networks, built on meta from the registry, against each exact published count."""
    from liveaudit.validator.analysis.counting import param_count
    from liveaudit.validator.networks import build

    checked = 0
    for name, spec in load_systems().items():
        arch = spec.get("architecture")
        if arch is None:
            continue
        counts = {}
        for net in arch["networks"]:
            module, _ = build(net["class"], net["config"], where=f"{name} {net['role']}")
            counts[net["role"]] = counts.get(net["role"], 0) + param_count(module)
            counts[net["class"]] = counts.get(net["class"], 0) + param_count(module)
        counts["all"] = sum(v for k, v in counts.items() if k in {n["role"] for n in arch["networks"]})
        for pub in spec.get("parameters", []):
            if pub.get("nominal"):
                continue
            assert counts[pub["network"]] == pytest.approx(pub["value"], rel=0.03), (name, pub)
            checked += 1
    assert checked >= 7  # the exact counts the registry cites today
