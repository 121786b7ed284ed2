"""The classifier on sentences: kinds, hard negatives, terms, levels and systems."""

from __future__ import annotations


def test_pipeline_tags_claims_and_hard_negatives(classifier):
    out = classifier.sentences(
        [
            "Our model streams video at 17 fps on a single H100.",
            "Join our live demo every Thursday.",
            "v2.0 is now live on GitHub.",
            "Real-time rendering of shadows is now cheaper in the engine.",
            "Set streaming=True to avoid downloading the dataset.",
        ],
        titles=["Self Forcing"] + [None] * 4,
        sources=["https://github.com/guandeh17/Self-Forcing"] + [None] * 4,
    )
    assert out[0].kind == "quantified" and out[0].system == "Self-Forcing" and out[0].figures.fps == 17
    assert [c.kind for c in out[1:]] == ["none"] * 4


def test_pipeline_terms_level_and_term_hedge(classifier):
    (c,) = classifier.sentences(["The avatar answers in near real-time, in a live conversation."])
    assert "live conversation" not in c.terms  # canonical names only
    assert c.terms == ["conversational", "real-time"] and c.implied_level == "L4"
    assert c.hedge == "near"


def test_pipeline_system_is_unresolved_rather_than_guessed(classifier):
    (c,) = classifier.sentences(
        ["Wan2.1 runs in real time on our cluster."], titles=["A blog"], sources=["https://blog.example/post"]
    )
    assert c.system is None


def test_pipeline_document_claims_skip_none_and_keep_offsets(classifier):
    text = "# Vendor\n\nOur video generator runs in real time at 24 fps on one H100. Pricing starts at $9.\n"
    claims = classifier.claims(text, title="Vendor", source="https://vendor.example")
    assert [c.sentence for c in claims] == ["Our video generator runs in real time at 24 fps on one H100."]
    c = claims[0]
    assert text[c.start_char : c.end_char] == c.sentence


def test_pipeline_an_output_spec_frame_rate_is_no_claim(classifier):
    # LABELING: "videos at 30 fps" with no generation time is the output's spec, not a speed
    spec, speed = (
        "It makes 6-second videos at 720p resolution and 30 FPS.",
        "It makes 720p video at 30 FPS on one H100.",
    )
    claims = classifier.claims(spec + " " + speed, keep_none=True)
    kinds = {c.sentence: c.kind for c in claims}
    assert kinds[spec] == "none" and kinds[speed] != "none"
    # the length and rate of the clip, and a card it fits on, are still its spec
    fits = (
        "The release makes clips about 8 seconds in length at 12fps.",
        "It renders 1080P video with 30fps and can also run on gaming cards like the 4090.",
    )
    claims = classifier.sentences(list(fits))
    assert [c.candidate for c in claims] == [False, False]


def test_pipeline_speeding_up_training_is_no_generation_claim(classifier):
    slow, fast = (
        "A new optimizer is used to accelerate convergence, which improves the quality of the generation.",
        "Distillation makes generation 4x faster than the teacher.",
    )
    kinds = {c.sentence: c.kind for c in classifier.claims(slow + " " + fast, keep_none=True)}
    assert kinds[slow] == "none" and kinds[fast] == "comparative"


def test_pipeline_a_time_header_and_a_step_range_written_as_one_token_are_speed_quantities(classifier):
    rows = ["Model: VidFlow; Setting: 480px832px81f; Inference Time(s): 932", "It samples with 2~4 steps."]
    claims = classifier.sentences(rows)
    assert [c.candidate for c in claims] == [True, True]
    assert (claims[0].figures.latency_s, claims[1].figures.steps) == (932.0, 4)


def test_pipeline_a_multiplier_before_its_noun_is_a_candidate(classifier):
    # the entity patterns miss "N× and M× speedups"; the gate still lets the sentence through
    claims = classifier.claims(
        "On one H100 GPU, it reaches 1.6× and 1.9× speedups at two quality levels.", keep_none=True
    )
    assert claims[0].candidate and claims[0].figures.speedup == 1.9


def test_pipeline_a_timing_cell_with_its_unit_in_the_header_is_a_candidate(classifier):
    claims = classifier.claims("Configuration: 2×H100; Time (seconds): 512", keep_none=True)
    assert claims[0].candidate and claims[0].figures.latency_s == 512.0


def test_pipeline_a_labelled_time_with_its_unit_after_and_an_image_task_row(classifier):
    from liveaudit.classifier.kind import vetoed
    from liveaudit.classifier.pipeline import kind_input

    row = "Task: T2V; Model: Foo; Length (#Frames): 49; Resolution: 480x720; Inference Time: 3min; GPU Memory (GB): 20G"
    claim = classifier.claims(row, keep_none=True)[0]
    assert claim.candidate and claim.figures.latency_s == 180.0
    image = row.replace("T2V", "T2I").replace("Foo", "Flux-dev")
    assert vetoed(kind_input(classifier.sentences([image])[0])) == "a still-image model"
