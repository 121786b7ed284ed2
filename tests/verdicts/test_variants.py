"""Checkpoint variants: a Lite claim is never weighed against a Pro report; NVFP4 is lighter than bf16."""

from __future__ import annotations

import pytest

from liveaudit.verdicts import Facts2, judge_claim_v2
from liveaudit.verdicts.others import point_from_evidence
from liveaudit.verdicts.profile import Profile
from liveaudit.verdicts.variants import precision_bits, tier, tier_clash
from tests.verdicts.rows import claim

HEAD = Profile("SoulX-FlashHead", output_fps=25, width=512, height=512, steps=1, family="chunked_ar_dit")


def _report(sentence, gpu, fps, gpu_count=1, frames=None, latency=None, output_fps=25):
    row = {
        "id": 7,
        "kind": "report",
        "document_id": 9,
        "sentence": sentence,
        "system": HEAD.name,
        "author": "user1",
        "gpu": gpu,
        "gpu_count": gpu_count,
        "fps": fps,
        "latency_s": latency,
        "latency_type": "end_to_end" if latency else None,
        "frames": frames,
        "outcome": None,
        "figures": {},
        "settings": {},
        "url": "https://example.org/t/7",
        "title": "thread #7",
    }
    return point_from_evidence(row, output_fps)


def _claim(sentence, **fig):
    return {**claim(system=HEAD.name, implied_level=None, **fig), "sentence": sentence}


def test_variants_read_the_tier_and_the_precision_a_sentence_names():
    assert tier("The Lite model reaches 96 FPS on a single RTX 4090.") == "lite"
    assert tier("SoulX-FlashHead-Pro on two cards") == "pro"
    assert tier("RTX PRO 6000 Blackwell 96GB") is None  # a GPU, not a tier
    assert tier("a pro tip: compile it") is None
    assert tier_clash("the Lite model", "Running the Pro model") == "Lite vs Pro"
    assert tier_clash("the Lite model", "my 4090 run") is None
    assert precision_bits("B200 | NVFP4 4-step | 20.4 fps") == 4
    assert precision_bits("fp8 and flash attn 3") == 8
    assert precision_bits("plain run", {"precision": ["half precision"]}) == 16
    assert precision_bits("no precision named") is None


def test_variants_a_report_on_another_tier_never_decides_the_claim(th, gpus):
    lite = _claim("The Lite model reaches 96 FPS on a single RTX 4090.", fps=96, gpu="RTX 4090")
    pro = _report("Running the Pro model on two RTX 5090 GPUs, I get 20 FPS.", "RTX 5090", 20, gpu_count=2)
    v = judge_claim_v2(lite, Facts2(HEAD.name, True, True, HEAD, [], [pro]), gpus, th)
    assert v.verdict != "contradicted"
    assert v.evidence["users_got"][0]["why_not_comparable"] == "it ran another checkpoint (Lite vs Pro)"
    same = _report("Running the Lite model on an RTX 4090 I get 40 FPS.", "RTX 4090", 40)
    assert judge_claim_v2(lite, Facts2(HEAD.name, True, True, HEAD, [], [same]), gpus, th).verdict == "contradicted"


def test_variants_a_lower_precision_run_that_misses_a_claim_still_contradicts_it(th, gpus):
    bf16 = _claim("The model runs at 24.8 FPS on a B200.", fps=24.8, gpu="B200")
    fp4 = _report("B200 | NVFP4 4-step | 20.4 fps", "B200", 20.4)
    assert judge_claim_v2(bf16, Facts2(HEAD.name, True, True, HEAD, [], [fp4]), gpus, th).verdict == "contradicted"
    fp4_claim = _claim("The NVFP4 checkpoint runs at 15 FPS on a B200.", fps=15, gpu="B200")
    bf16_run = _report("B200, bf16: 20.4 fps", "B200", 20.4)
    # heavier settings (bf16) that still meet an NVFP4 claim support it
    assert judge_claim_v2(fp4_claim, Facts2(HEAD.name, True, True, HEAD, [], [bf16_run]), gpus, th).verdict == (
        "supported"
    )


def test_variants_frames_and_time_give_the_clip_length_for_a_real_time_factor():
    p = _report(
        "With diffusers, one H800 takes 27 seconds to generate 161 frames.",
        "H800",
        None,
        frames=161,
        latency=27.0,
        output_fps=24,
    )
    assert p.rtf == pytest.approx(27.0 / (161 / 24), rel=1e-3)


def test_variants_checkpoint_sizes_are_told_apart():
    from liveaudit.verdicts.variants import size, size_clash

    assert size("At 50 steps CogVideoX-5B takes about 90 seconds on one H100.") == "5B"
    assert size("| CogVideoX-2B | A100 80GB | bf16 | 93.9 |") == "2B"
    assert size("ltxv-13b-0.9.8-distilled runs on a B200") == "13B"
    assert size("Wan2.2-T2V-A14B on eight B300 GPUs") is None  # a name's A14B and a GPU are no sizes
    assert size("the 1.3B and the 14B models") is None  # several: not one checkpoint
    assert size_clash("CogVideoX-2B takes about 45 s on one H100", "CogVideoX-5B | H100 | 112.4") == "2B vs 5B"
    assert size_clash("CogVideoX-5B takes about 90 s", "CogVideoX-5B | H100 | 112.4") is None
    assert size_clash("CogVideoX takes about 90 s", "CogVideoX-5B | H100 | 112.4") is None


COG = Profile("CogVideoX", output_fps=8, width=720, height=480, steps=50, duration_s=6, family="whole_clip_dit")


def _timed(sentence, gpu, seconds, rid=7):
    row = {
        "id": rid,
        "kind": "report",
        "document_id": 9,
        "sentence": sentence,
        "system": COG.name,
        "author": "bench",
        "gpu": gpu,
        "gpu_count": 1,
        "fps": None,
        "latency_s": seconds,
        "latency_type": "end_to_end",
        "frames": None,
        "outcome": None,
        "figures": {},
        "settings": {},
        "url": f"https://example.org/t/{rid}",
        "title": f"thread #{rid}",
    }
    return point_from_evidence(row, COG.output_fps, COG.duration_s)


def _cog_claim(sentence, seconds, gpu="H100 SXM"):
    c = claim(system=COG.name, implied_level=None, hedge="about", latency_s=seconds, latency_type="end_to_end", gpu=gpu)
    return {**c, "sentence": sentence}


def test_variants_a_report_on_another_size_never_decides_the_claim(th, gpus):
    small = _cog_claim("At 50 steps CogVideoX-2B takes about 45 seconds on a single H100.", 45.0)
    big = _timed("| CogVideoX-5B | H100 | bf16, eager | end-to-end time (s) | 112.4 |", "H100 SXM", 112.4)
    v = judge_claim_v2(small, Facts2(COG.name, True, True, COG, [], [big]), gpus, th)
    assert v.verdict != "contradicted"
    assert v.evidence["users_got"][0]["why_not_comparable"] == "it ran another checkpoint (2B vs 5B)"


def test_variants_whole_clip_times_without_a_length_compare_at_the_default_clip(th, gpus):
    """Neither side states the clip length: both are read at the published default (6 s)."""
    five = _cog_claim("At 50 steps CogVideoX-5B takes about 90 seconds on a single H100.", 90.0)
    slow = _timed("| CogVideoX-5B | H100 | bf16, eager | end-to-end time (s) | 112.4 |", "H100 SXM", 112.4, 7)
    fast = _timed("| CogVideoX-5B | H100 | bf16, torch.compile | end-to-end time (s) | 87.5 |", "H100 SXM", 87.5, 8)
    v = judge_claim_v2(five, Facts2(COG.name, True, True, COG, [], [slow]), gpus, th)
    assert v.verdict == "contradicted" and "the published default length" in v.reason
    assert judge_claim_v2(five, Facts2(COG.name, True, True, COG, [], [fast]), gpus, th).verdict == "supported"
    assert judge_claim_v2(five, Facts2(COG.name, True, True, COG, [], [slow, fast]), gpus, th).verdict == "disputed"
    assert slow.fps is None  # no frame rate is made up from an assumed length
