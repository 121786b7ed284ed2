"""Output specs and prices are no speed (classifier/scope_spec.py), and the scope rules they
sit in (sentences in our own words, modelled on dev15's and dev16's real pages)."""

import pytest

from liveaudit.classifier.kind import vetoed
from liveaudit.classifier.pipeline import kind_input
from liveaudit.classifier.scope_spec import output_spec, price


@pytest.mark.parametrize(
    "text, spec",
    [
        ("The model renders videos at 24 fps.", True),
        ("Clip: 97 frames (24 FPS = ~4 seconds)", True),
        # a frame rate said as the speed of making the video
        ("Our sampler can generate videos at 31.5FPS speed, see the clips below.", False),
        ("A cache option gives a further speedup (over 40FPS generation speed).", False),
        ("[x] Add step caching for a bigger speed-up -> over 40FPS!", False),
    ],
)
def test_output_spec_but_not_a_frame_rate_said_as_speed(text, spec):
    assert output_spec(text) is spec


@pytest.mark.parametrize(
    "text, priced",
    [
        ("Quality: 720p; 6 seconds: $0.12; 12 seconds: $0.24", True),
        ("Billing is $0.02 per second of output.", True),
        ("A 6 second clip takes 40 seconds on one L40S.", False),
    ],
)
def test_price_of_a_clip(text, priced):
    assert price(text) is priced


def test_scope_keeps_a_run_logs_rows_and_frame_rates_beside_kernel_words(classifier):
    kept = [
        # a run log's row is no order to "run"
        "Run: 14b; Date: 2026-03-02; What changed: fused norm; Key measured result: 22.0 FPS",
        # a frame rate measures the whole pipeline, even when a kernel made it faster
        "Milestone: two GPUs, new attention kernel; FPS: 18.5; What unlocked it: a fixed bias kernel",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(kept)] == [None, None]
    assert vetoed(kind_input(classifier.sentences(["Quality: 720p; 6 seconds: $0.12"])[0])) == "a price"
    # the order to run something stays an instruction; a kernel's own timing stays a component's
    told = ["Run the script with --fp8 for faster sampling.", "The fused GEMM kernel reaches 610 TFLOPS."]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(told)] == ["instruction", "component benchmark"]


def test_scope_a_transport_protocols_stream_is_no_generation(classifier):
    sent = [
        "RTMP Streaming: frames go out to the relay over RTMP",
        "Low Latency - WebRTC output keeps the delay small",
        "Installer: the weights download in 5-10 minutes on a fast line",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(sent)] == ["delivery", "delivery", "set-up time"]
    # the generation itself, carried over such a protocol, stays in scope
    kept = [
        "Capture video over NDI and restyle it with AI in real time.",
        "After installing the faster attention package it fell to 9 s.",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(kept)] == [None, None]


def test_kind_a_capability_to_run_in_real_time_and_a_step_cut_with_its_speed_up(classifier):
    # a small talking-head model that "can run on phones in real time" asserts liveness
    (c,) = classifier.sentences(["Our tiny portrait model can run on phones in real time!"])
    assert c.kind == "qualitative"
    # a step count with the speed-up it brings is no usage advice
    (c,) = classifier.sentences(["Fast: generation now requires only 2 steps, leading to a x15 speed-up"])
    assert vetoed(kind_input(c)) is None and c.kind != "none"


def test_scope_an_audio_streams_format_is_no_speed(classifier):
    sent = [
        "Audio Chunking: send 200ms chunks (3200 samples at 16kHz) to keep frames flowing",
        "Property: Recommended chunk size; Value: ~50 ms (800 samples = 1600 bytes)",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(sent)] == ["an audio format"] * 2
    (c,) = classifier.sentences(["The avatar answers within 300 ms of the end of speech on one L4."])
    assert vetoed(kind_input(c)) is None


def test_scope_loading_and_initialising_time_is_set_up_not_generation(classifier):
    sent = [
        "Loading the weights straight to the GPU saves 20 seconds on model initialization",
        "Metric: Model loading; Value: ~25 seconds",
        "Model initialization may take up to ~4 minutes while buffers are pinned",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(sent)] == ["set-up time"] * 3
    # a few-step model's initialisation, or generation time beside loading, stays in scope
    kept = ["Each 5 s clip now renders in 40 seconds after initialization on one H100."]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(kept)] == [None]


def test_scope_orders_to_ensure_play_or_avoid_are_instructions(classifier):
    sent = [
        "Ensure the driving clip is exactly 30fps",
        "Play at 30 fps (one frame every 33ms)",
        "Avoid batches over 4 to keep 20 FPS",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(sent)] == ["instruction"] * 3


def test_scope_streaming_multiprocessors_are_the_gpus_units(classifier):
    (c,) = classifier.sentences(["An H200 holds 132 streaming multiprocessors, each with its own fast SRAM."])
    assert c.terms == [] and c.kind == "none"


@pytest.mark.parametrize(
    "text, reason",
    [
        # a guide's row and an adjective are no orders
        ("Use Case: Short preview; Setting: 480p, 3s; Expected Time: ~35s", None),
        ("Lower-end cards may lag badly (about 0.3 FPS on an 8GB GPU).", None),
        ("Use Case: Club night; Setting: random; Behavior: live visuals for a VJ set", "instruction"),
        # an avatar sent over WebRTC is still made in real time
        (
            "Real-Time Talking Avatar: hears the caller over WebRTC and answers with a lip-synced face in real time.",
            None,
        ),
        ("WebRTC output: frames go to the browser in real time.", "delivery"),
        # compile, first-run and warm-up times are set-up; a frame rate beside one is the speed itself
        ("The first run takes about 4 minutes while the kernels compile.", "set-up time"),
        ("Mode: max-autotune; Cold compile (approx.): ~40 s", "set-up time"),
        ("Result: about 60 fps once warm; cold compile spikes of ~25 s remain.", None),
        ("The runs after the first one are much faster, and later runs will be faster still.", "set-up time"),
        ("Changing the model needs a ~25 s pipeline reload.", "set-up time"),
        ("About 90 seconds from download to your first stream.", "set-up time"),
        # a frame rate doubled by interpolation is the output; a speed-up of the frame rate is a speed-up
        ("Frame interpolation: silkier motion (2x framerate)", "output spec"),
        ("Our kernels give a 40x FPS improvement, reaching 30 FPS on one GPU.", None),
        # single operations are components; the full pass is the system's speed
        ("Operation: LayerNorm; Eager: ~3ms; Fused: ~1ms; Speedup: 3x", "component benchmark"),
        ("Operation: Full Forward Pass; Eager: ~140ms; Fused: ~70ms; Speedup: 2x", None),
    ],
)
def test_scope_guide_rows_set_up_times_frame_rate_multiples_and_operations(classifier, text, reason):
    (c,) = classifier.sentences([text])
    assert vetoed(kind_input(c)) == reason


def test_scope_live_portrait_spelled_apart_is_a_name(classifier):
    (c,) = classifier.sentences(["Uses the Live Portrait model for facial animation."])
    assert c.terms == []
