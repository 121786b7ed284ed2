"""Each verdict rule on hand-built rows: hedges, missing hardware, latency types, closed systems."""

from __future__ import annotations

import pytest

from liveaudit.verdicts import SystemFacts, judge_claim
from tests.verdicts.rows import SETTINGS, analysis, claim, measurement


def facts(*measurements, analyses=None, open_weights=True, name="Self-Forcing"):
    return SystemFacts(
        name,
        True,
        open_weights,
        analyses=[analysis()] if analyses is None else analyses,
        measurements=list(measurements),
    )


def test_rules_supported_under_the_same_conditions_names_the_figures(th):
    v = judge_claim(claim(fps=16, gpu="H100 SXM", width=832, height=480, steps=4), facts(measurement(fps_p50=17.0)), th)
    assert v.verdict == "supported" and v.measured_level == "L2" and v.implied_level == "L2"
    assert "16 fps" in v.reason and "17 fps" in v.reason and "H100 SXM" in v.reason and "832×480" in v.reason
    assert v.evidence["measurement_ids"] == [100] and v.confidence == 0.9


def test_rules_contradicted_when_the_best_run_falls_short(th):
    v = judge_claim(
        claim(fps=24, gpu="H100 SXM", width=832, height=480, steps=4),
        facts(measurement(fps_p50=17.0, mode="eager"), measurement(id=101, fps_p50=18.0, mode="compiled")),
        th,
    )
    assert v.verdict == "contradicted"
    assert "24 fps" in v.reason and "18 fps" in v.reason and "compiled" in v.reason and "falls short" in v.reason


def test_rules_hedge_up_to_is_compared_with_the_measured_maximum(th):
    run = measurement(fps_p50=20.0, fps_max=31.0)
    hedged = judge_claim(claim(fps=30, hedge="up to", gpu="H100 SXM"), facts(run), th)
    bare = judge_claim(claim(fps=30, gpu="H100 SXM"), facts(run), th)
    assert hedged.verdict == "supported" and "maximum frame rate" in hedged.reason and "31 fps" in hedged.reason
    assert bare.verdict == "contradicted" and "median frame rate" in bare.reason and "20 fps" in bare.reason


def test_rules_hedge_about_allows_a_wider_tolerance(th):
    run = measurement(fps_p50=26.5)
    assert judge_claim(claim(fps=30, hedge="about", gpu="H100 SXM"), facts(run), th).verdict == "supported"
    assert judge_claim(claim(fps=30, gpu="H100 SXM"), facts(run), th).verdict == "contradicted"


def test_rules_implausible_beyond_the_roofline_of_the_stated_gpu(th):
    v = judge_claim(claim(fps=24, gpu="A10G", width=832, height=480, steps=4), facts(), th)  # A10G: 16 / 2.5 = 6.4 fps
    assert v.verdict == "implausible" and v.confidence == 0.9
    assert (
        "24 fps" in v.reason
        and "A10G" in v.reason
        and "6.4 fps" in v.reason
        and "832×480, 4 denoising steps" in v.reason
    )
    assert v.evidence["analysis_ids"] == [10]


def test_rules_implausible_assumes_the_most_favourable_unstated_conditions(th):
    # No step count: one step without guidance, 0.04 x 2.5 + 0.96 x 2.5 / 4 = 0.7 s per video second, 22.9 fps.
    assert judge_claim(claim(fps=20, gpu="A10G", width=832, height=480), facts(), th).verdict == "untested"
    v = judge_claim(claim(fps=24, gpu="A10G", width=832, height=480), facts(), th)
    assert v.verdict == "implausible" and "22.9 fps" in v.reason and "most favourable" in v.reason
    # No resolution: the vendor may mean any size, so physics cannot exclude it.
    assert judge_claim(claim(fps=240, gpu="A10G"), facts(), th).verdict == "untested"
    # A heavier analysis (720p) never bounds a 480p claim.
    heavy = analysis(settings={**SETTINGS, "width": 1280, "height": 720})
    assert (
        judge_claim(claim(fps=24, gpu="A10G", width=832, height=480, steps=4), facts(analyses=[heavy]), th).verdict
        == "untested"
    )


def test_rules_implausible_level_from_wording_alone(th):
    v = judge_claim(claim(kind="qualitative", gpu="A10G", width=832, height=480, steps=4), facts(), th)
    assert v.verdict == "implausible" and "L0" in v.reason and "L2 (streaming)" in v.reason  # "real-time" on an A10G
    assert v.measured_level is None and v.evidence["compared"][0]["bound_level"] == "L0"


def test_rules_multi_gpu_claim_scales_the_bound(th):
    assert (
        judge_claim(claim(fps=12, gpu="A10G", gpu_count=2, width=832, height=480, steps=4), facts(), th).verdict
        != "implausible"
    )


def test_rules_missing_hardware_supports_but_never_contradicts(th):
    fast = judge_claim(claim(fps=16), facts(measurement(fps_p50=17.0)), th)
    assert fast.verdict == "supported" and "names no GPU" in fast.reason
    slow = judge_claim(claim(fps=30), facts(measurement(fps_p50=17.0)), th)
    assert slow.verdict == "unverifiable" and "names no GPU" in slow.reason and "17 fps" in slow.reason


def test_rules_latency_type_must_match(th):
    no_ttff = measurement(ttff_s=None)
    v = judge_claim(claim(latency_s=0.5, latency_type="first_frame", gpu="H100 SXM"), facts(no_ttff), th)
    assert v.verdict == "untested" and "time to first frame" in v.reason
    per_frame = judge_claim(claim(latency_s=0.07, latency_type="per_frame", gpu="H100 SXM"), facts(no_ttff), th)
    assert per_frame.verdict == "supported" and "time per frame" in per_frame.reason  # 1 / 17 fps = 59 ms
    untyped = judge_claim(claim(latency_s=0.5, gpu="H100 SXM", implied_level=None), facts(no_ttff), th)
    assert untyped.verdict == "unverifiable" and "which latency" in untyped.reason


def test_rules_end_to_end_time_needs_the_clip_length(th):
    ok = judge_claim(
        claim(latency_s=4.5, latency_type="end_to_end", duration_s=5, fps=24, gpu="H100 SXM"), facts(measurement()), th
    )  # 24 fps is the clip's playback rate here, not a throughput claim
    assert ok.verdict == "supported" and "RTF 0.90" in ok.reason and "24 fps" not in ok.reason
    assert len(ok.evidence["compared"]) == 1
    bare = judge_claim(claim(latency_s=4.5, latency_type="end_to_end", gpu="H100 SXM", implied_level=None), facts(), th)
    assert bare.verdict == "unverifiable" and "length of the clip" in bare.reason


def test_rules_closed_system_is_unverifiable(th):
    closed = SystemFacts("MirageLSD", True, False)
    v = judge_claim(claim(system="MirageLSD", fps=24, gpu="H100 SXM"), closed, th)
    assert v.verdict == "unverifiable" and "closed system" in v.reason and "24 fps" in v.reason


def test_rules_open_system_without_runs_is_untested_with_its_bound(th):
    v = judge_claim(claim(fps=16, gpu="H100 SXM"), facts(), th)
    assert v.verdict == "untested" and "not been measured" in v.reason and "H100 SXM" in v.reason
    unregistered = judge_claim(claim(system="NewModel", fps=16), None, th)
    assert unregistered.verdict == "untested" and "registry" in unregistered.reason


def test_rules_nearest_comparable_gpu_only_in_the_sound_direction(th):
    # Claimed on A10G (slower than an H100 SXM in both compute and bandwidth).
    miss = judge_claim(claim(fps=6, gpu="A10G"), facts(measurement(fps_p50=5.0)), th)
    assert miss.verdict == "contradicted" and "at least as fast as the claimed A10G" in miss.reason
    hit = judge_claim(claim(fps=6, gpu="A10G"), facts(measurement(fps_p50=12.0)), th)
    assert hit.verdict == "untested"  # passing on a faster GPU says nothing about an A10G
    weaker = judge_claim(claim(fps=10, gpu="H100 SXM"), facts(measurement(hardware="A10G", fps_p50=11.0)), th)
    assert weaker.verdict == "supported" and "no faster than" in weaker.reason


def test_rules_heavier_settings_cannot_contradict(th):
    heavy = {**SETTINGS, "width": 1280, "height": 720}
    v = judge_claim(
        claim(fps=16, gpu="H100 SXM", width=832, height=480), facts(measurement(fps_p50=9.0, settings=heavy)), th
    )
    assert v.verdict == "untested" and "not comparable" in v.reason


def test_rules_qualitative_claim_compares_levels(th):
    slow = measurement(gap_p99=0.5)  # chunks arrive later than they play: L1
    v = judge_claim(claim(kind="qualitative", gpu="H100 SXM"), facts(slow), th)
    assert v.verdict == "contradicted" and "L1 (faster than real time)" in v.reason and v.measured_level == "L1"
    assert judge_claim(claim(kind="qualitative", gpu="H100 SXM"), facts(measurement()), th).verdict == "supported"


@pytest.mark.parametrize(
    "row, fragment",
    [
        (claim(kind="aspirational", fps=30), "aim"),
        (claim(system=None, fps=30), "names no system"),
        (claim(kind="comparative", implied_level=None, speedup=20.0, speedup_baseline="Wan2.1"), "20× speed-up"),
        (claim(kind="qualitative", implied_level=None), "too vague"),
    ],
)
def test_rules_vague_claims_are_unverifiable(th, row, fragment):
    v = judge_claim(row, facts(measurement()), th)
    assert v.verdict == "unverifiable" and fragment in v.reason


def test_rules_supported_figure_still_reports_the_level_gap(th):
    whole_clip = measurement(fps_p50=60.0, gap_p99=None, rtf=0.4)  # faster than playback, nothing streamed: L1
    v = judge_claim(claim(fps=48, gpu="H100 SXM"), facts(whole_clip), th)
    assert v.verdict == "supported" and v.measured_level == "L1"
    assert "implies L2 (streaming), but the run reached L1 (faster than real time)" in v.reason


def test_rules_lexicon_hedges_on_latency(th):
    run = measurement(ttff_s=1.02)
    strict = judge_claim(
        claim(latency_s=1.0, latency_type="first_frame", hedge="under", gpu="H100 SXM"), facts(run), th
    )
    bare = judge_claim(claim(latency_s=1.0, latency_type="first_frame", gpu="H100 SXM"), facts(run), th)
    assert strict.verdict == "contradicted" and "1.02 s" in strict.reason  # a stated bound has no tolerance
    assert bare.verdict == "supported"  # 2% over a bare figure is within the 5% tolerance
    low = judge_claim(
        claim(latency_s=0.22, latency_type="per_chunk", hedge="as low as", gpu="H100 SXM"), facts(run), th
    )
    assert low.verdict == "supported" and "fastest chunk" in low.reason and "210 ms" in low.reason
