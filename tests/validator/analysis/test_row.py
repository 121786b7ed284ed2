"""One analysis per schedule family on tiny real configs: the row contract and the roofline arithmetic."""

from __future__ import annotations

import pytest

from liveaudit.validator import analyze
from liveaudit.validator.registry import parse_system
from tests.validator.conftest import TINY_SYSTEMS, counted_row


@pytest.mark.parametrize("slug", ["tiny-wan", "tiny-causal", "tiny-ltx", "tiny-stream"])
def test_row_follows_the_contract(slug, gpus):
    row = counted_row(slug, gpus)
    assert set(row["settings"]) == {"width", "height", "fps", "steps", "seconds", "frames_per_chunk", "cfg", "label"}
    assert [s["name"] for s in row["result"]["stages"]] == ["text_encoder", "denoiser", "vae_decode"]
    assert row["flops_per_video_second"] == pytest.approx(sum(s["flops"] for s in row["result"]["stages"]))
    assert row["result"]["crosscheck"]["ratio"] == pytest.approx(1.0, abs=1e-9)
    for roof in row["result"]["roofline"].values():
        assert set(roof) >= {
            "compute_s_per_video_s",
            "memory_s_per_video_s",
            "min_s_per_video_s",
            "max_fps",
            "bound",
            "best_level",
        }
        assert roof["min_s_per_video_s"] >= max(roof["compute_s_per_video_s"], roof["memory_s_per_video_s"]) * (
            1 - 1e-12
        )
        assert roof["max_fps"] == pytest.approx(row["settings"]["fps"] / roof["min_s_per_video_s"])
        assert roof["best_level"] in {"L0", "L1", "L2"}


def test_row_roofline_is_the_sum_of_stage_maxima(gpus):
    row = counted_row("tiny-wan", gpus)
    gpu = gpus["H100 SXM"]
    expected = sum(max(s["flops"] / gpu["peak_flops"], s["bytes"] / gpu["bandwidth"]) for s in row["result"]["stages"])
    assert row["result"]["roofline"]["H100 SXM"]["min_s_per_video_s"] == pytest.approx(expected)
    assert row["result"]["roofline"]["H100 SXM"]["best_level"] == "L1"  # a whole clip shows nothing early


def test_row_records_unknown_config_keys(gpus):
    import copy

    spec = copy.deepcopy(TINY_SYSTEMS["tiny-stream"])
    spec["architecture"]["networks"][1]["config"]["mystery_knob"] = 7
    row = analyze(parse_system(spec, "x.yaml"), gpus)
    assert row["unknown_config_keys"] == {"networks[1] UNet2DConditionModel": ["mystery_knob"]}
