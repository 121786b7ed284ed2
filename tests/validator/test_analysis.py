"""One analysis per schedule family on tiny real configs: the row contract and the arithmetic."""

from __future__ import annotations

import pytest

from liveaudit.validator import analyze, load_hardware
from liveaudit.validator.counting import count_call
from liveaudit.validator.networks import build
from liveaudit.validator.plan import meta, vae_decode_calls
from liveaudit.validator.registry import parse_system
from tests.validator.conftest import TINY_SYSTEMS, WAN_VAE


@pytest.fixture(scope="module")
def gpus():
    return load_hardware()


def _row(slug, gpus, overrides=None):
    return analyze(parse_system(TINY_SYSTEMS[slug], slug), gpus, overrides)


@pytest.mark.parametrize("slug", ["tiny-wan", "tiny-causal", "tiny-ltx", "tiny-stream"])
def test_analysis_row_follows_the_contract(slug, gpus):
    row = _row(slug, gpus)
    assert set(row["settings"]) == {"width", "height", "fps", "steps", "seconds", "frames_per_chunk", "cfg", "label"}
    assert [s["name"] for s in row["result"]["stages"]] == ["text_encoder", "denoiser", "vae_decode"]
    assert row["flops_per_video_second"] == pytest.approx(sum(s["flops"] for s in row["result"]["stages"]))
    assert row["result"]["crosscheck"]["ratio"] == pytest.approx(1.0, abs=1e-9)
    for gpu, roof in row["result"]["roofline"].items():
        assert set(roof) >= {"compute_s_per_video_s", "memory_s_per_video_s", "min_s_per_video_s", "max_fps", "bound", "best_level"}
        assert roof["min_s_per_video_s"] >= max(roof["compute_s_per_video_s"], roof["memory_s_per_video_s"]) * (1 - 1e-12)
        assert roof["max_fps"] == pytest.approx(row["settings"]["fps"] / roof["min_s_per_video_s"])
        assert roof["best_level"] in {"L0", "L1", "L2"}


def test_analysis_roofline_is_the_sum_of_stage_maxima(gpus):
    row = _row("tiny-wan", gpus)
    gpu = gpus["H100 SXM"]
    expected = sum(max(s["flops"] / gpu["peak_flops"], s["bytes"] / gpu["bandwidth"]) for s in row["result"]["stages"])
    assert row["result"]["roofline"]["H100 SXM"]["min_s_per_video_s"] == pytest.approx(expected)
    assert row["result"]["roofline"]["H100 SXM"]["best_level"] == "L1"  # a whole clip shows nothing early


def test_analysis_whole_clip_counts_steps_and_cfg(gpus):
    row = _row("tiny-wan", gpus)
    den = row["result"]["stages"][1]
    assert den["calls"] == pytest.approx(2 / 1.125)  # 2 steps per 1.125-s clip, CFG as one batch of 2
    more = _row("tiny-wan", gpus, {"steps": 4})
    assert more["result"]["stages"][1]["flops"] == pytest.approx(2 * den["flops"])
    assert more["settings"]["steps"] == 4


def test_analysis_chunked_adds_kv_attention_by_hand(gpus):
    row = _row("tiny-causal", gpus)
    den = row["result"]["stages"][1]
    # 5 latent frames in chunks of 1 (8 tokens each), 3 calls per chunk (2 steps + KV pass), 2 blocks of width 16:
    # chunk k attends over 8k cached tokens: 2 blocks x 3 calls x 2 x 2 x 8 x 8k x 16 FLOPs
    kv_flops = sum(2 * 3 * 4 * 8 * (8 * k) * 16 for k in range(5))
    kv_bytes = sum(2 * 3 * 2 * (8 * k) * 16 * 2 for k in range(5))
    assert den["kv_cache"]["flops_per_video_s"] == pytest.approx(kv_flops / 2.125)
    assert den["kv_cache"]["bytes_per_video_s"] == pytest.approx(kv_bytes / 2.125)
    assert row["settings"]["frames_per_chunk"] == 4
    assert row["result"]["first_chunk_flops"] < row["flops_per_video_second"] * 2.125


def test_analysis_wan_vae_decode_is_affine_in_latent_frames():
    vae, _ = build("AutoencoderKLWan", WAN_VAE)
    direct = count_call(vae, lambda m: m.decode(meta(1, 4, 5, 4, 4), return_dict=False), 2)
    calls = vae_decode_calls(0, vae, 5, 4, 4, per_clip=1.0, first_chunk=1.0)
    counts = [(count_call(vae, c.run, 2), c.per_clip) for c in calls]
    assert sum(c.flops * k for c, k in counts) == pytest.approx(direct.flops)
    assert sum(c.bytes * k for c, k in counts) == pytest.approx(direct.bytes)


def test_analysis_records_unknown_config_keys(gpus):
    import copy

    spec = copy.deepcopy(TINY_SYSTEMS["tiny-stream"])
    spec["architecture"]["networks"][1]["config"]["mystery_knob"] = 7
    row = analyze(parse_system(spec, "x.yaml"), gpus)
    assert row["unknown_config_keys"] == {"networks[1] UNet2DConditionModel": ["mystery_knob"]}
