"""Role detection (classifier/role.py): who speaks, and the figures a report keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveaudit.classifier.role import Speaker, read_post, sentence_role

ROOT = Path(__file__).resolve().parents[2]
USER, VENDOR, PAGE = Speaker(), Speaker(vendor=True), Speaker(thread=False)


@pytest.mark.parametrize(
    "text,speaker,role",
    [
        ("On my A100 I only get about 2.5 fps.", USER, "report"),
        ("Getting ~3.9 fps end to end on a single H100.", USER, "report"),
        ("OOM on my 4090 at 832x480.", USER, "report"),
        ("On H100 we get 17 fps with the distilled model.", VENDOR, "claim"),
        ("Runs at 17 fps on one H100.", PAGE, "claim"),
        ("The README says 20.7 fps on H100.", USER, "quoted"),
        ("The paper claims 16 FPS on a single GPU.", USER, "quoted"),
        ("I heard it does 8-10 fps on an H100.", USER, "none"),
        ("What GPU did you use to reach 16 FPS?", USER, "none"),
        ("So we can expect ~20fps with an A100?", USER, "none"),
        ("+1", USER, "none"),
        ("Thanks for the great work!", VENDOR, "none"),
        ("Even for 30fps you have to generate a frame in 33ms.", USER, "none"),
    ],
)
def test_role_sentence_roles(text, speaker, role):
    assert sentence_role(text, speaker)[0] == role


def test_role_report_keeps_its_own_clause_figures_and_frames():
    s = read_post("The paper claims 20.7 FPS, but in my runs 240 frames took around 200 seconds, only 1.2 FPS.", USER)[
        0
    ]
    assert s.role == "report" and s.figures["fps"] == 1.2 and s.frames == 240 and s.figures["latency_s"] == 200


def test_role_gpu_comes_from_the_post_when_it_names_one():
    post = "Running on an RTX 4090 here.\nI get about 1.3 fps with the default config, bf16 and torch.compile."
    report = [s for s in read_post(post, USER) if s.role == "report"][-1]
    assert report.figures["gpu"] == "RTX 4090" and report.gpu_from_post
    assert report.settings["precision"] == ["bf16"] and report.settings["compile"] == ["torch.compile"]
    two = "My H100 gets 4 fps and my A100 gets 2 fps.\nWith compile I get 5 fps."
    assert read_post(two, USER)[-1].figures.get("gpu") is None


def test_role_gpus_missing_from_the_lexicon_are_named_not_read_as_hours():
    s = read_post("With the scripts on 8 H20 GPUs it takes 40 minutes to make the video.", USER)[0]
    assert (
        s.role == "report"
        and s.figures["gpu"] == "H20"
        and s.figures["gpu_count"] == 8
        and s.figures["latency_s"] == 2400
    )


def test_role_outcome_and_a_log_only_post():
    assert read_post("RTX 5090 with fp8: OOM.", USER)[0].outcome == "oom"
    assert read_post("It crashes with a CUDA error on my 3090 at 720p.", USER)[0].outcome == "failed"
    log = "```\nBlock 0 generation time: 595.09 ms\nBlock 1 generation time: 603.22 ms\n```"
    assert [s.role for s in read_post(log, USER)] == ["none", "none"]


def test_role_a_profile_under_a_first_hand_run_reports_its_block_times():
    """ "I ran the official code on my H100" above a profiler's output: each block's time is a
    per-chunk report on that GPU; the stage totals and per-step lines stay detail."""
    post = (
        "I have run the official code on my H100, and my result is even slower.\n```\n"
        "Diffusion generation time: 30464.60 ms (53.82%)\n"
        "- Block 0 generation time: 595.09 ms (1.95% of diffusion)\n"
        "- Block 1 generation time: 603.22 ms (1.98% of diffusion)\n"
        "step 3/4: 0.13 s\n```"
    )
    out = read_post(post, USER)
    assert [s.role for s in out] == ["none", "none", "report", "report", "none"]
    assert out[2].figures["latency_type"] == "per_chunk" and out[2].figures["latency_s"] == 0.59509
    assert out[3].figures["gpu"] == "H100 SXM" and out[3].gpu_from_post
    # someone else's profile, pasted without saying they ran it, is no report
    pasted = "The maintainers posted this profile:\n```\n- Block 0 generation time: 595.09 ms\n```"
    assert {s.role for s in read_post(pasted, USER)} == {"none"}


def test_role_vendor_measurement_is_never_a_report():
    sentences = read_post("We measured 2 seconds for 121 frames at 768x512 on an H100.", VENDOR)
    assert [s.role for s in sentences] == ["claim"]


def test_role_output_spec_and_throttle_are_not_reports():
    post = "On my H100 a 5s video takes 5 minutes.\nSettings: 16 fps output, 30 steps.\nI throttled my plugin to 1 fps."
    assert [s.role for s in read_post(post, USER)] == ["report", "none", "none"]


def test_role_eval_held_out_report_f1_and_labels_split_by_document():
    from liveaudit.classifier.role_eval import load_role_labels, role_report

    docs = load_role_labels()
    assert {d["split"] for d in docs} == {"train", "dev", "test"}
    assert len({d["id"] for d in docs}) == len(docs)
    report = role_report("test")
    assert report["sentences"] >= 50 and report["roles"]["report"]["support"] >= 15
    assert report["roles"]["report"]["f1"] >= 0.85


def test_role_eval_malformed_labels_file_raises_e003(tmp_path):
    from liveaudit.classifier.role_eval import role_report
    from liveaudit.errors import ConfigError

    (tmp_path / "bad.yaml").write_text("documents:\n- {id: x, split: test, posts: [{s: [[maybe, hi]]}]}\n")
    with pytest.raises(ConfigError) as err:
        role_report("test", tmp_path)
    assert err.value.code == "E003"


def test_role_extract_json_has_role_frames_outcome_on_threads_and_pages(classifier):
    from liveaudit.classifier.extraction import extract

    site = ROOT / "data" / "fixture_site" / "site"
    found = extract(
        [str(site / "threads" / "rollingforcing-16fps.html"), str(site / "models" / "self-forcing.html")], classifier
    )
    by = {c["sentence"]: c for c in found}
    user = by["We are trying to reproduce the results but only reach about 2.5 FPS on an A100."]
    assert (user["role"], user["fps"], user["outcome"]) == ("report", 2.5, None)
    assert {"role", "frames", "outcome", "kind", "fps", "gpu"} <= set(user)
    vendor = [c for c in found if c["source"].endswith("self-forcing.html")]
    assert vendor and all(c["role"] in ("claim", "quoted") for c in vendor)


def test_role_report_takes_the_gpu_the_author_owns_when_the_post_names_several():
    post = (
        "The paper reports 20.7 FPS, but in several runs of 240 frames it took me around 200 seconds, "
        "which is only 1.2 FPS.\nMy card is an H20, which is slower than an H100, but the gap looks too large."
    )
    report = next(s for s in read_post(post, Speaker()) if s.role == "report")
    assert report.figures["gpu"] == "H20" and report.gpu_from_post and report.figures["fps"] == 1.2


def test_role_bounds_are_reports_with_their_direction():
    (a,) = read_post(
        "On my RTX 4090 a 10-second video took more than an hour, much slower than my earlier runs.", Speaker()
    )
    assert a.role == "report" and a.figures["latency_s"] == 3600 and a.figures["hedge"] == "over"
    assert a.figures["gpu"] == "RTX 4090" and a.figures["duration_s"] == 10
    b = read_post(
        "On two RTX 5090 GPUs, I get less than 20 FPS, not the 25 FPS the documentation mentions.", Speaker()
    )[0]
    assert b.role == "report" and b.figures["fps"] == 20 and b.figures["hedge"] == "under"
