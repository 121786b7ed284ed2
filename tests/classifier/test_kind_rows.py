"""A benchmark table's row with a speed cell is a quantified claim even where the kind model
hesitates (classifier/kind.py, rule_kind)."""

from __future__ import annotations

from liveaudit.classifier.kind import KindInput, rule_kind


def test_kind_rows_a_row_with_a_speed_cell_is_quantified(classifier):
    rows = [
        "Method: Plain; PFLOPs: 210; Speedup: 1.0x; Latency (s): 1900; VBench: 80.1%",
        "Milestone: TP=2 + compile; FPS: 22.5; What changed: fused collectives; Notes: Run 9",
    ]
    assert [c.kind for c in classifier.sentences(rows)] == ["quantified", "quantified"]


def test_kind_rows_the_rule_needs_a_row_and_a_speed_cell():
    row = KindInput(text="Model: Quill; Steps: 4; Latency: 0.9 s; Notes: -", metric=True)
    assert rule_kind(row, "none") == "quantified"
    # a sentence, not a row; and a row with no speed cell
    assert rule_kind(KindInput(text="It renders at 24 FPS.", metric=True), "none") == "none"
    spec = KindInput(text="Model: Quill; Resolution: 512; VRAM: 24 GB; Notes: -", metric=True)
    assert rule_kind(spec, "none") == "none"


def test_kind_rows_a_model_cards_spec_row_stays_out_of_scope(classifier):
    (c,) = classifier.sentences(["Model Name: Quill-I2V; Resolution: 544p; Video Length: 97; FPS: 24; Download: link"])
    assert c.kind == "none"


def test_kind_rows_a_plain_time_cell_counts_but_not_a_breakdown_or_a_set_up_time():
    timed = KindInput(text="Clip: a.mp4; Length: 6s; Time: 70s; Prompt: fox in snow", metric=True)
    assert rule_kind(timed, "none") == "quantified"
    breakdown = KindInput(text="stage: norms; time: ~0.7 s; share: ~12%; note: fusable", metric=True)
    assert rule_kind(breakdown, "none") == "none"
    onboarding = KindInput(text="Goal: web demo; Tool: JS SDK; Time to first demo: 10 min; Docs: link", metric=True)
    assert rule_kind(onboarding, "none") == "none"


def test_kind_rows_a_results_column_marked_better_when_higher_is_measured_speed(classifier):
    rows = [
        "Model: Quill-Lite; Params: 9B; FPS\u2191: 0.74",
        "Type: Streaming; Model: Quill; Params: 3B; FPS\u2191: 21.5",
    ]
    got = classifier.sentences(rows)
    assert [c.kind for c in got] == ["quantified", "quantified"]
    assert [c.figures.fps for c in got] == [0.74, 21.5]
    # without the arrow, a card's "FPS: 24" cell is the video's spec
    (spec,) = classifier.sentences(["Model: Quill; Resolution: 720p; FPS: 24"])
    assert spec.kind == "none"


def test_kind_rows_a_short_real_time_heading_that_names_generation_is_qualitative():
    for heading in ("Realtime v2v for the gallery wall", "Real-Time Talking Avatar Calls"):
        assert rule_kind(KindInput(text=heading, term=True), "none") == "qualitative"
    # a demo, an audio input or a page of notes is no claim of generation
    for heading in ("Real-Time Img2Img Demo", "Realtime microphone input", "Realtime performance notes"):
        assert rule_kind(KindInput(text=heading, term=True), "none") == "none"
    # a sentence, not a heading
    sentence = "Realtime video needs a fast GPU: see the table."
    assert rule_kind(KindInput(text=sentence, term=True), "none") == "none"


def test_kind_rows_a_title_after_its_name_counts_as_a_heading():
    title = KindInput(text="GlintSync: Realtime talking avatar for video calls", term=True)
    assert rule_kind(title, "none") == "qualitative"
