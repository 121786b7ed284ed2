"""The figure normalizer: worked examples, and property tests (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveaudit.classifier.figures import Figures, describe, parse_figures
from liveaudit.vocab import LATENCY_TYPES


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "up to 20–30 fps at 1280×720 on 8×A100, 4-step",
            {"fps": 20, "fps_max": 30, "width": 1280, "height": 720, "gpu": "A100 80GB", "gpu_count": 8, "steps": 4},
        ),
        (
            "Our model generates a 5-second 720p clip in 2 seconds on one RTX 4090.",
            {
                "duration_s": 5,
                "height": 720,
                "latency_s": 2,
                "latency_type": "end_to_end",
                "compute_s_per_video_s": 0.4,
                "gpu": "RTX 4090",
                "gpu_count": 1,
            },
        ),
        (
            "It is 3x faster than CausVid on a B200.",
            {"speedup": 3, "speedup_baseline": "CausVid", "gpu": "B200", "gpu_count": 1},
        ),
        ("The first frame appears in 800 milliseconds.", {"latency_s": 0.8, "latency_type": "first_frame"}),
        ("Runs 2.5x faster than real time with four sampling steps.", {"compute_s_per_video_s": 0.4, "steps": 4}),
        (
            "at 1280 by 720 in twenty-four frames per second on a single H100",
            {"width": 1280, "height": 720, "fps": 24, "gpu": "H100 SXM", "gpu_count": 1},
        ),
        ("latency of ~40 ms/frame", {"latency_s": 0.04, "latency_type": "per_frame"}),
    ],
)
def test_figures_worked_examples(text, expected):
    got = parse_figures(text).to_dict()
    for key, value in expected.items():
        assert (
            got[key] == pytest.approx(value)
            if isinstance(value, float | int) and not isinstance(value, bool)
            else got[key] == value
        ), key
    assert all(got[k] is None for k in got if k not in expected)


def test_figures_hedges_are_canonical():
    assert parse_figures("up to 30 fps").hedge == "up to"
    assert parse_figures("roughly 12 fps on an H100").hedge == "about"
    assert parse_figures("~25 fps").hedge == "about"
    assert parse_figures("latency under 100 ms").hedge == "under"
    assert parse_figures("30 fps").hedge is None


def test_figures_empty_or_vague_text_gives_a_reason():
    assert parse_figures("").notes == ["no figures stated: empty text"]
    assert parse_figures("It is very fast.").notes == ["no figures stated"]


def test_figures_out_of_range_value_is_dropped_with_a_note():
    f = parse_figures("runs at 99999 fps")
    assert f.fps is None and any("fps" in n and "plausible range" in n for n in f.notes)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_figures_any_text_gives_a_result_or_a_reason(text):
    f = parse_figures(text)
    assert isinstance(f, Figures)
    assert f.stated() or f.notes
    assert f.latency_type in (None, *LATENCY_TYPES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .,-x×~fpsmhzupto/", max_size=80))
def test_figures_number_soup_never_raises(text):
    parse_figures(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000), st.sampled_from(["ms", "milliseconds", "s", "seconds"]))
def test_figures_latency_unit_round_trip(value, unit):
    f = parse_figures(f"with a latency of {value} {unit}")
    scale = 0.001 if unit.startswith("m") else 1.0
    assert f.latency_s == pytest.approx(value * scale)


figures = st.builds(
    Figures,
    fps=st.one_of(st.none(), st.integers(1, 240).map(float)),
    latency_s=st.one_of(st.none(), st.integers(1, 9000).map(lambda ms: ms / 1000)),
    latency_type=st.sampled_from([None, *LATENCY_TYPES]),
    width=st.one_of(st.none(), st.integers(128, 4096)),
    height=st.integers(128, 4096),
    steps=st.one_of(st.none(), st.integers(1, 64)),
    gpu=st.sampled_from([None, "H100 SXM", "B200", "RTX 4090", "A100 80GB", "L40S"]),
    gpu_count=st.integers(1, 64),
)


@settings(max_examples=300, deadline=None)
@given(figures)
def test_figures_describe_then_parse_round_trip(f):
    if f.gpu is None:
        f.gpu_count = None
    if f.latency_s is None:
        f.latency_type = None
    back = parse_figures(describe(f))
    for key in ("fps", "latency_s", "latency_type", "width", "height", "steps", "gpu", "gpu_count"):
        assert getattr(back, key) == (
            pytest.approx(getattr(f, key)) if isinstance(getattr(f, key), float) else getattr(f, key)
        ), key


def test_figures_bare_gpu_number_needs_gpu_context():
    """A bare 4090/3090 is a GPU beside a GPU word or after "on"/"the", never a side of W × H or a duration."""
    f = parse_figures("a 128 × 3090 video")
    assert (f.gpu, f.width, f.height) == (None, 128, 3090)
    f = parse_figures("3090 × 128 at 24 fps")
    assert (f.gpu, f.width, f.height, f.fps) == (None, 3090, 128, 24)
    f = parse_figures("it took 4090 seconds")
    assert (f.gpu, f.latency_s) == (None, 4090)
    assert (parse_figures("runs on a 4090 at 16 fps").gpu, parse_figures("8x 4090 GPUs").gpu_count) == ("RTX 4090", 8)
    assert parse_figures("the 4090 handles 24 fps").gpu == "RTX 4090"


def test_figures_table_rows_of_real_readmes():
    """Row styles of real README tables: baseline beside ours, totals, per-step times, W x H x frames."""
    f = parse_figures(
        "Model: Wan 2.1; Hardware: H100; Resolution: 720P; Baseline (min): 31:35; Ours (min): 20:51; Speedup: 1.51×"
    )
    assert (f.latency_s, f.latency_type, f.speedup, f.height, f.gpu) == (1251, "end_to_end", 1.51, 720, "H100 SXM")
    f = parse_figures("Original, E2E Time: 184s    Ours, E2E Time: 1.9s   A 5-second video on a single RTX 5090.")
    assert (f.latency_s, f.duration_s, f.gpu_count) == (1.9, 5, 1)
    f = parse_figures("Resolution: 256p; Base (s): 1.6; Decode (s): 0.4; Total (s): 2.0")
    assert (f.latency_s, f.latency_type, f.height) == (2.0, "end_to_end", 256)
    f = parse_figures("Framework: Ours; GPUs: 8; Step Time: 0.75s/it; Speedup: 3.9x")
    assert (f.latency_s, f.latency_type, f.gpu_count, f.speedup) == (0.75, "per_step", 8, 3.9)
    f = parse_figures("Generate 720x480x121 videos in under a minute on RTX 4060")
    assert (f.width, f.height, f.latency_s, f.gpu, f.hedge) == (720, 480, 60, "RTX 4060", "under")
    assert parse_figures("We distill a 50-step teacher into a 4-step student.").steps == 4
    assert parse_figures("It speeds up generation by 100 to 200 times.").speedup == 200
    assert parse_figures("Clips with synchronized audio up to 10 seconds.").latency_s is None


def test_figures_how_long_a_video_runs_is_a_duration_not_a_latency():
    f = parse_figures("NVIDIA's LongLive keeps AI video going for four minutes")
    assert f.duration_s == 240 and f.latency_s is None
    assert parse_figures("it took 3 minutes on an H100").latency_s == 180


def test_figures_a_figure_belongs_to_the_clause_the_claim_is_in():
    # a declared height/width order, a table's inference-time cell, a "GPU NUM" cell
    f = parse_figures("Model: Ours; Setting (height/width/frame): 480px832px81f; Inference Time (s): 97")
    assert (f.width, f.height, f.latency_s, f.latency_type) == (832, 480, 97.0, "end_to_end")
    assert parse_figures("Setting (width/frame): 832x480; 40 ms per step").latency_type == "per_step"
    assert parse_figures("GPU NUM: 4; time: 205s").gpu_count == 4
    # a change from one time to another: the claim is the time it ends at
    f = parse_figures("Sampling went from ~3 mins/64frames to ~20s/64frames on one H100.")
    assert (f.latency_s, f.latency_type) == (20.0, "end_to_end")
    # a frame rate describing the clip beside its generation time is an output spec
    f = parse_figures("It takes 90 seconds to generate a 10s, 720p, 30fps video on 2 H100 GPUs.")
    assert (f.fps, f.latency_s, f.duration_s, f.height) == (None, 90.0, 10.0, 720)
    assert parse_figures("It streams 30fps video on one H100.").fps == 30.0
    # a percentage speed-up, and "N x speed" of inference rather than of training
    assert parse_figures("It gives over a 40% speedup.").speedup == 1.4
    assert parse_figures("It brings 4x speed for training and 1.5x speed for inference.").speedup == 1.5


def test_figures_a_row_timing_several_systems_keeps_the_claims_own_cell():
    from liveaudit.classifier.figure_clauses import own_cells

    row = "GPUs: 2; VidFlow + xdit: 410.5s; FastFlow: 220.4s"
    assert parse_figures(own_cells(row, "FastFlow")).to_dict()["latency_s"] == 220.4
    assert parse_figures(own_cells(row, "FastFlow")).gpu_count == 2
    assert own_cells(row, "SlowFlow") is None  # the claim's system heads no cell: the row as is
    assert own_cells("Model: FastFlow; Time (s): 12", "FastFlow") is None


def test_figures_readme_spellings_from_dev3():
    """Spellings read off real READMEs (our own sentences): a 'segment' is a clip, 'N-times' a
    speed-up, NFE a step count, '270p to 1080p' ends at 1080p, an inference-time cell is end to end."""
    f = parse_figures("It takes about 3 seconds to generate a 6-second segment!")
    assert (f.latency_type, f.duration_s, f.compute_s_per_video_s) == ("end_to_end", 6.0, 0.5)
    assert parse_figures("Real-time 25 FPS on one H100 with a 150-times acceleration.").speedup == 150.0
    f = parse_figures("Upscale 270p to 1080p, NFE = 4, Takes ~60s")
    assert (f.height, f.steps, f.latency_s, f.latency_type) == (1080, 4, 60.0, "end_to_end")
    f = parse_figures("Inference Time (A100, 25 steps): 9.5GB & 42s")
    assert (f.latency_s, f.latency_type) == (42.0, "end_to_end")


def test_figures_a_time_in_two_units_is_one_time():
    f = parse_figures("On one A100 the 50 steps took 8 minutes 31 seconds, or 10.23 s per step.")
    assert (f.latency_s, f.latency_type, f.steps) == (511.0, "end_to_end", 50)
    assert parse_figures("It took 1 h 20 min on an A100.").latency_s == 4800.0


def test_figures_a_length_in_a_spec_is_the_videos_length_not_a_time():
    f = parse_figures("Clips come out roughly 8 seconds in length at 12fps.")
    assert (f.duration_s, f.latency_s) == (8.0, None)
    f = parse_figures("Version 3 renders up to 768x768, 96 frames, 4s, 24fps from one prompt.")
    assert (f.duration_s, f.latency_s, f.fps) == (4.0, None, 24.0)
    f = parse_figures("It renders 81 frames, 2.5 s, on one H100.")  # no frame rate after it: a time
    assert (f.duration_s, f.latency_s) == (None, 2.5)


def test_figures_readme_spellings_from_dev4():
    """A trailing plus is a lower bound, a qualifier between the number and "fps" names what the
    rate measures, and "Tesla" is a brand, not a word between the article and the GPU."""
    f = parse_figures("The generation process can achieve 30fps+ on an NVIDIA Tesla V100")
    assert (f.fps, f.hedge, f.gpu, f.gpu_count) == (30, "over", "V100", 1)
    assert (parse_figures("It runs at 30+ FPS on one RTX 4090.").fps, parse_figures("30+ fps").hedge) == (30, "over")
    assert parse_figures("1596 frames in 13.56 s, or 117.7 E2E FPS, versus a 15.0 FPS baseline").fps == 117.7
    assert parse_figures("Model: 1.3B; Steady FPS (p50): 125.7; DiT FPS: 124.1").fps == 125.7
    assert parse_figures("Version 2.0+ supports 24 fps output").hedge is None  # "2.0+" is a version, not a bound


def test_figures_table_cells_ranges_and_multipliers_from_dev6():
    """dev6 spellings (our own rows): arrow headers, per-step cells, GPU part numbers with a count,
    a range's hedge, a word between a multiplier and its noun, throughput ratios."""
    f = parse_figures("Method: FooCache; Latency (s)↓: 958.2; Speedup ↑: 1.17x; PSNR ↑: 18.6")
    assert (f.latency_s, f.speedup) == (958.2, 1.17)
    f = parse_figures("Strategy: base; Per-step (ms): 870; Generated frames/s: 0.97")
    assert (f.latency_s, f.latency_type, f.fps) == (0.87, "per_step", 0.97)
    f = parse_figures("Model: m; GPU: A100-SXM4-80GB x 4; Method: ring; Wall Time (s): 47.1")
    assert (f.gpu, f.gpu_count, f.latency_s, f.latency_type) == ("A100 80GB", 4, 47.1, "end_to_end")
    assert parse_figures("GPU: 4090; FPS: 55-60 FPS").hedge == "range"
    assert parse_figures("It supports Wan2.2 with a 1.5-2x speedup.").hedge == "range"
    assert parse_figures("Latency: ~150-200ms end-to-end").hedge == "range"
    assert parse_figures("It runs at ~20 fps.").hedge == "about"
    assert parse_figures("bringing up to 2.6X end-to-end inference speedup").speedup == 2.6
    assert parse_figures("Four requests reach 1.39× the throughput of one.").speedup == 1.39


def test_figures_labelled_cells_lengths_and_written_multipliers_from_dev8():
    """dev8 spellings (our own rows): a length cell beside a labelled latency, a clip's length
    before its generation time, "generate 5s of ...", multipliers written "x2" or "twice as"."""
    f = parse_figures("Name: Foo Lite 5s; video duration: 5s; NFE: 50; Latency*: 80 s")
    assert (f.duration_s, f.latency_s, f.latency_type, f.compute_s_per_video_s) == (5.0, 80.0, "end_to_end", 16.0)
    f = parse_figures("8s clip (480p): 2-4 seconds generation")
    assert (f.duration_s, f.latency_s, f.hedge) == (8.0, 4.0, "range")
    f = parse_figures("Generate 4s (65 frames, 12 steps) of the small model in only 5 minutes on one GPU")
    assert (f.duration_s, f.latency_s, f.steps) == (4.0, 300.0, 12)
    assert parse_figures("A LoRA that can speed up x3 the sampling.").speedup == 3.0
    assert parse_figures("The new decoder is twice as fast as the old one.").speedup == 2.0
    # ten seconds or more with no unit of work: the whole clip's time, not a frame's
    assert parse_figures("Method: Bar; Latency (s): 412.5").latency_type == "end_to_end"
    assert parse_figures("Method: Bar; Latency (s): 0.4").latency_type is None


def test_figures_a_multiplier_cell_without_a_header_is_a_speed_up():
    """dev10's header-less result rows (our own rows): the first multiplier cell is the speed-up,
    unless the row speaks of compression, sizes or lengths."""
    assert parse_figures("| FooAttn | 27.1 | 0.88 | 31.2% | 396 PF | 1.58× |").speedup == 1.58
    assert parse_figures("Reference: Base clip; Ours (2.4x): Our clip; BarCache (1.7x): Bar clip").speedup == 2.4
    assert parse_figures("GPUs: 2; H20: 6.1x; B200: 5.2x").speedup == 6.1
    assert parse_figures("Spatial Compression: 8x8; Temporal Compression: 4x").speedup is None
    assert parse_figures("| 1x | 2x | 4x |").speedup is None  # playback buttons: no speed-up of 1x
    assert parse_figures("It trains 3x on two nodes.").speedup is None  # not a table row


def test_figures_a_row_named_by_its_metric():
    """dev11's engineering logs (our own rows): the metric named in the first cell gives the unit."""
    assert parse_figures("Metric: FPS; Value: 6.3").fps == 6.3
    assert parse_figures("Metric: FPS; Baseline: 6.3; Fast: 9.0; Change: +43%").fps == 6.3
    f = parse_figures("Component: Whole step; Time (ms): ~120.5; % of Step: 100%")
    assert (f.latency_s, f.hedge) == (0.1205, "about")
    assert parse_figures("Metric: Memory; Value: 12.1").fps is None


def test_figures_step_changes_plural_speedups_and_reduced_by():
    """dev10 and dev12 spellings (our own sentences)."""
    assert parse_figures("It was cut from 50 steps (the default) to 8 steps.").steps == 8
    assert parse_figures("with real inference speedups of 1.6×, 1.9× and 1.4×").speedup == 1.6
    f = parse_figures("It keeps quality while reducing latency by over 90X against the prior online method.")
    assert (f.speedup, f.hedge) == (90.0, "over")


def test_figures_speed_ups_in_brackets_and_fps_improvements():
    assert parse_figures("It can give large speedups (up to 1.9x) on common models.").speedup == 1.9
    assert parse_figures("These tricks give a 120× FPS improvement over the baseline.").speedup == 120.0


@pytest.mark.parametrize(
    ("text", "latency"),
    [
        ("A100 owners: 240s \u2192 75s (3.2x faster)", 75.0),  # the time after the arrow is the claim's
        ("Expected: 20% faster \u2192 30 sec per step \u2192 12 sec per step", 12.0),  # the last of a chain
        ("Encode time: 50 s -> 14 s", 14.0),
        ("Latency fell from 1.8 s to 0.7 s on one L40S", 0.7),
    ],
)
def test_figures_a_change_of_time_claims_the_new_time(text, latency):
    assert parse_figures(text).latency_s == latency


def test_figures_a_run_logs_key_value_pairs(classifier):
    # "frames=480 fps=31.2": 480 is the frame count, the key after it names the next value
    line = "done: time=15.4 frames=480 fps=31.2 its=190.1"
    assert parse_figures(line).fps == 31.2
    (c,) = classifier.sentences([line])
    assert c.candidate and c.kind == "quantified"


def test_figures_a_rows_time_cell_wins_over_the_clips_length_in_another_cell(classifier):
    (c,) = classifier.sentences(["Use Case: Short preview; Setting: 480p, 3s; Expected Time: ~35s"])
    assert c.figures.latency_s == 35.0
    (c,) = classifier.sentences(["Clip: b.mp4; Length: 6s; Time: 70s; Prompt: fox in snow"])
    assert c.figures.latency_s == 70.0


def test_figures_a_speedup_cell_named_by_its_baseline_or_as_a_ratio(classifier):
    (c,) = classifier.sentences(
        ["Stage: + fused norms; Latency: 200.5s; Speedup vs previous: 1.4x; Speedup vs teacher: 1.6x"]
    )
    assert c.figures.speedup == 1.4
    (c,) = classifier.sentences(["GPUs: 4; Mode: SP4; Latency: 50.2s; Speedup Ratio: 3.7x"])
    assert c.figures.speedup == 3.7


def test_figures_minutes_and_seconds_in_one_figure_and_a_rate_that_went_up(classifier):
    (c,) = classifier.sentences(["Base 720p: ~41min05s; With cache: ~20min30s; Faster cache: ~15min10s"])
    assert (c.kind, c.figures.latency_s) == ("quantified", 2465.0)
    (c,) = classifier.sentences(["After the fused kernels, FPS increased 3.1 -> 4.6 on our card."])
    assert c.figures.fps == 4.6


def test_figures_about_an_hour_is_a_time(classifier):
    (c,) = classifier.sentences(["Rendering one 1080p clip takes about an hour on a single L40S."])
    assert (c.figures.latency_s, c.figures.hedge) == (3600.0, "about")
