"""Rules v2 on hand-built rows: every kind of evidence, the physics for every claim, the context."""

from __future__ import annotations

from liveaudit.verdicts import Facts2, judge_claim_v2
from liveaudit.verdicts.consistency import conflicts
from liveaudit.verdicts.others import point_from_evidence, point_from_measurement
from liveaudit.verdicts.profile import Profile
from tests.verdicts.rows import analysis, claim, measurement, roofline

KREA = Profile(
    "Krea Realtime", output_fps=16, width=832, height=480, steps=4, duration_s=5.0625, family="chunked_ar_dit"
)
LONGLIVE = Profile("LongLive", output_fps=16, width=832, height=480, steps=4, family="chunked_ar_dit")


def report(id, gpu, fps, author="user1", sentence="I get {fps} fps end to end", figures=None, **fig):
    row = {
        "id": id,
        "kind": "report",
        "document_id": 500 + id,
        "sentence": sentence.format(fps=fps),
        "system": "LongLive",
        "author": author,
        "author_is_vendor": False,
        "gpu": gpu,
        "gpu_count": 1,
        "fps": fps,
        "latency_s": None,
        "latency_type": None,
        "outcome": None,
        "figures": figures or fig,
        "settings": {},
        "url": f"https://example.org/t/{id}",
        "title": f"LongLive #{id}",
        "warc_record_id": f"<urn:uuid:{id}>",
    }
    return point_from_evidence(row, 16)


def facts(*points, profile=LONGLIVE, analyses=(), open_weights=True):
    return Facts2(profile.name, True, open_weights, profile, list(analyses), list(points))


def test_rules_v2_weaker_gpu_report_never_contradicts_a_stronger_gpu_claim(th, gpus):
    v = judge_claim_v2(
        claim(system="LongLive", fps=20.7, gpu="H100 SXM", implied_level=None),
        facts(report(1, "A100 80GB", 2.5)),
        gpus,
        th,
    )
    assert v.verdict != "contradicted"
    assert "What users got" in v.reason and "2.5 fps" in v.reason and "A100 80GB is weaker" in v.reason
    assert v.evidence["evidence_ids"] == [{"kind": "report", "id": 1}]


def test_rules_v2_same_gpu_report_missing_a_hedged_claim_beyond_the_hedge_contradicts(th, gpus):
    miss = judge_claim_v2(
        claim(system="LongLive", fps=20.7, hedge="about", gpu="H100 SXM", implied_level=None),
        facts(report(1, "H100", 14.1)),
        gpus,
        th,
    )
    assert miss.verdict == "contradicted"
    assert (
        "14.1 fps" in miss.reason and "20.7 fps" in miss.reason and "H100" in miss.reason and "'about'" in miss.reason
    )
    within = judge_claim_v2(
        claim(system="LongLive", fps=20.7, hedge="about", gpu="H100 SXM", implied_level=None),
        facts(report(1, "H100", 18.0)),
        gpus,
        th,
    )  # 13% short: inside the 15% an 'about' allows
    assert within.verdict == "supported"


def test_rules_v2_mixed_evidence_is_disputed_and_says_which_way(th, gpus):
    v = judge_claim_v2(
        claim(system="LongLive", fps=20.7, gpu="H100 SXM", implied_level=None),
        facts(
            report(1, "H100", 12.0, author="a"),
            report(2, "H100", 14.0, author="b"),
            report(3, "H100", 21.0, author="c"),
        ),
        gpus,
        th,
    )
    assert v.verdict == "disputed"
    assert "Against it: 12 fps" in v.reason and "For it: 21 fps" in v.reason and "2 independent reports" in v.reason
    assert {e["id"] for e in v.evidence["against_ids"]} == {1, 2} and v.evidence["for_ids"] == [
        {"kind": "report", "id": 3}
    ]


def test_rules_v2_confidence_grows_with_independent_comparable_evidence(th, gpus):
    c = claim(system="LongLive", fps=20.7, gpu="H100 SXM", implied_level=None)
    one = judge_claim_v2(c, facts(report(1, "H100", 12.0, author="a")), gpus, th)
    same_person = judge_claim_v2(
        c, facts(report(1, "H100", 12.0, author="a"), report(2, "H100", 13.0, author="a")), gpus, th
    )
    two = judge_claim_v2(c, facts(report(1, "H100", 12.0, author="a"), report(2, "H100", 13.0, author="b")), gpus, th)
    assert one.verdict == two.verdict == "contradicted"
    assert one.confidence == same_person.confidence < two.confidence


def test_rules_v2_throughput_below_the_output_fps_is_not_streaming_on_any_gpu(th, gpus):
    krea = claim(system="Krea Realtime", fps=11, steps=4, gpu="B200", gpu_count=1, implied_level=None, terms=())
    v = judge_claim_v2(krea, facts(profile=KREA), gpus, th)
    assert v.verdict == "implausible"
    assert "11 fps" in v.reason and "16 fps" in v.reason and "any GPU" in v.reason
    fast = judge_claim_v2(
        claim(system="Krea Realtime", fps=17, gpu="B200", implied_level=None, terms=()), facts(profile=KREA), gpus, th
    )
    assert fast.verdict == "untested"


def _two_settings():
    heavy = analysis(
        id=11,
        settings={
            "width": 1280,
            "height": 720,
            "fps": 16,
            "steps": 4,
            "seconds": 5,
            "frames_per_chunk": 4,
            "cfg": False,
            "label": "published default",
        },
        roof={"B200": roofline(1.0, 0.2), "H100 SXM": roofline(2.0, 0.4)},
    )
    light = analysis(
        id=12,
        settings={
            "width": 640,
            "height": 360,
            "fps": 16,
            "steps": 4,
            "seconds": 5,
            "frames_per_chunk": 4,
            "cfg": False,
            "label": "lighter",
        },
        roof={"B200": roofline(0.25, 0.05), "H100 SXM": roofline(0.5, 0.1)},
    )
    return [heavy, light]


def test_rules_v2_defaults_and_most_favourable_settings_are_both_judged(th, gpus):
    # at the defaults a 4-step B200 bound is 16 fps; at 640x360, one step: far above 40 fps
    ok = judge_claim_v2(
        claim(system="LongLive", fps=40, gpu="B200", implied_level=None), facts(analyses=_two_settings()), gpus, th
    )
    assert ok.verdict == "untested"
    # 1 step at 640x360 on B200: 16 / (0.25 * 0.04 * 0.96 + 0.25 * 0.04) ~ 800 fps; 5,000 fps is beyond even that
    v = judge_claim_v2(
        claim(system="LongLive", fps=5000, gpu="B200", implied_level=None), facts(analyses=_two_settings()), gpus, th
    )
    assert v.verdict == "implausible"
    assert "most favourable settings (640×360, 1 step without guidance)" in v.reason
    assert "published defaults (1280×720" in v.reason and "states no resolution or steps" in v.reason
    assert (
        v.evidence["bound_used"] == "most favourable" and {"kind": "analysis", "id": 12} in v.evidence["evidence_ids"]
    )


def test_rules_v2_a_claim_naming_no_gpu_is_judged_against_the_fastest_gpu(th, gpus):
    assert gpus.fastest() == "B200"
    v = judge_claim_v2(
        claim(system="LongLive", fps=5000, implied_level=None), facts(analyses=_two_settings()), gpus, th
    )
    assert v.verdict == "implausible" and "even on a B200, the fastest catalogued GPU" in v.reason
    users = judge_claim_v2(
        claim(system="LongLive", fps=24.8, implied_level=None), facts(report(1, "H100", 14.1)), gpus, th
    )
    assert users.verdict == "unverifiable" and users.reason.startswith("Not contradicted, but users got less")
    assert "14.1 fps on H100" in users.reason and "B200" in users.reason


def test_rules_v2_self_contradiction_on_one_page_names_the_other_claim(th, gpus):
    mirage = Profile("MirageLSD", output_fps=24)
    zero = {
        **claim(id=1, system="MirageLSD", implied_level="L2", terms=()),
        "document_id": 9,
        "url": "https://x/mirage",
        "sentence": "the first system to achieve real-time, zero-latency video generation",
    }
    fast = {
        **claim(id=2, system="MirageLSD", latency_s=0.04, latency_type="per_frame", implied_level="L2"),
        "document_id": 9,
        "url": "https://x/mirage",
        "sentence": "with less than 40 ms response time",
    }
    found = conflicts([zero, fast])
    assert found[1][0]["other"]["claim_id"] == 2 and found[2][0]["other"]["claim_id"] == 1
    v = judge_claim_v2(zero, facts(profile=mirage, open_weights=False), gpus, th, found[1])
    assert v.verdict == "implausible" and "inconsistent" in v.reason and "#2" in v.reason and "40 ms" in v.reason
    assert {"kind": "claim", "id": 2} in v.evidence["evidence_ids"]


def test_rules_v2_secondary_source_inflating_the_primary_is_flagged(th):
    paper = {**claim(id=1, system="LongLive", fps=17), "document_id": 1, "page_kind": "paper", "url": "https://p"}
    news = {**claim(id=2, system="LongLive", fps=30), "document_id": 2, "page_kind": "news", "url": "https://n"}
    found = conflicts([paper, news])
    assert found[2][0]["type"] == "inflated by a secondary source" and "30 fps" in found[2][0]["why"]
    assert found[1][0]["other"]["claim_id"] == 2


def test_rules_v2_negated_terms_imply_no_level(th, gpus):
    c = {
        **claim(system="LongLive", implied_level="L2", terms=("real-time",)),
        "sentence": "LongLive is not real-time on a laptop.",
    }
    v = judge_claim_v2(c, facts(), gpus, th)
    assert v.implied_level is None and v.verdict == "unverifiable"


def test_rules_v2_whole_clip_real_time_means_l1_and_context_levels(th, gpus):
    ltx = Profile("LTX-Video", output_fps=24, family="whole_clip_dit")
    c = {**claim(system="LTX-Video", implied_level="L2"), "sentence": "LTX-Video generates videos in real time."}
    assert judge_claim_v2(c, facts(profile=ltx), gpus, th).implied_level == "L1"
    resp = {
        **claim(system="MirageLSD", implied_level="L2", latency_s=0.04, latency_type="per_frame"),
        "sentence": "running at 24 FPS with less than 40 ms response time",
    }
    assert judge_claim_v2(resp, facts(profile=Profile("MirageLSD", output_fps=24)), gpus, th).implied_level == "L4"
    nav = {**claim(system="LongLive", implied_level="L2"), "sentence": "Users can navigate the world in real time."}
    assert judge_claim_v2(nav, facts(), gpus, th).implied_level == "L3"


def test_rules_v2_smoke_runs_are_never_evidence(th, gpus):
    tiny = measurement(fps_p50=40.0, settings={"width": 64, "height": 64, "fps": 16, "steps": 1, "tiny": True})
    assert point_from_measurement(tiny) is None
    assert point_from_measurement(measurement(hardware="cpu")) is None
    assert point_from_measurement(measurement()).kind == "measurement"


def test_rules_v2_reworded_claim_shows_both_versions_with_a_word_diff(th, gpus):
    from liveaudit.verdicts.consistency import wording_changes

    old = {
        "id": 1,
        "document_id": 1,
        "doc_key": "https://fastwan",
        "system": "FastWan",
        "sentence": "FastWan generates a video in 12 seconds on a single RTX 4090 and near real time on a single H200.",
    }
    new = {
        "id": 2,
        "document_id": 2,
        "doc_key": "https://fastwan",
        "system": "FastWan",
        "sentence": "FastWan generates a video in 5 s end to end on one H200.",
    }
    change = wording_changes([new], [old])[2]
    assert change["old_sentence"] == old["sentence"] and change["old_claim_id"] == 1
    assert change["diff"] == (
        "FastWan generates a video in [-12 seconds-] {+5 s end to end+} on "
        "[-a single RTX 4090 and near real time on a single-] {+one+} H200."
    )
    v = judge_claim_v2(
        {**claim(system="FastWan", implied_level=None), "sentence": new["sentence"]},
        facts(profile=Profile("FastWan")),
        gpus,
        th,
        wording=change,
    )
    assert "wording changed" in v.reason and v.evidence["wording_change"]["diff"] == change["diff"]


def test_rules_v2_gap_table_has_the_median_got_over_claimed_ratio(th):
    from liveaudit.verdicts import SystemFacts
    from liveaudit.verdicts.gaps import gap_rows

    claims = [
        claim(id=1, system="LongLive", fps=20.7, gpu="H100 SXM"),
        claim(id=2, system="LongLive", fps=16, gpu="H100 SXM"),
    ]
    ratios = {
        1: [{"kind": "report", "id": 7, "ratio": 0.5}, {"kind": "report", "id": 8, "ratio": 0.9}],
        2: [{"kind": "report", "id": 9, "ratio": 0.6}],
    }
    rows = gap_rows(
        claims, {1: "contradicted", 2: "contradicted"}, {"LongLive": SystemFacts("LongLive", True, True)}, th, ratios
    )
    assert rows[0]["evidence"]["median_ratio"] == 0.6 and rows[0]["evidence"]["compared_evidence"] == 3


def test_rules_v2_a_bounded_report_counts_only_in_its_direction(th, gpus):
    """'less than 20 fps' on the claimed GPU can miss a 25 fps claim, never meet a 15 fps one."""
    under = report(1, "H100", 20.0, sentence="I get less than {fps} FPS", figures={"fps": 20.0, "hedge": "under"})
    missed = judge_claim_v2(
        claim(system="LongLive", fps=25, gpu="H100 SXM", implied_level=None), facts(under), gpus, th
    )
    assert missed.verdict == "contradicted" and "at most 20 fps" in missed.reason
    met = judge_claim_v2(claim(system="LongLive", fps=15, gpu="H100 SXM", implied_level=None), facts(under), gpus, th)
    assert met.verdict != "supported"


def test_rules_v2_a_claim_naming_no_gpu_is_judged_on_the_one_gpu_its_page_names(th, gpus):
    from liveaudit.verdicts.judge import page_gpus

    named = {**claim(id=1, system="LongLive", fps=20.7, gpu="H100 SXM"), "document_id": 7, "url": "u"}
    bare = {**claim(id=2, system="LongLive", fps=20.7, implied_level=None), "document_id": 7, "url": "u"}
    elsewhere = {**claim(id=3, system="LongLive", fps=20.7, implied_level=None), "document_id": 8, "url": "w"}
    page_gpus([named, bare, elsewhere])
    assert bare["page_gpu"]["gpu"] == "H100 SXM" and "page_gpu" not in elsewhere and "page_gpu" not in named
    miss = facts(report(1, "H100", 14.1))
    v = judge_claim_v2(bare, miss, gpus, th)
    assert v.verdict == "contradicted" and "its page names H100 SXM" in v.reason
    assert v.evidence["judged_on"]["gpu"] == "H100 SXM"
    assert judge_claim_v2(elsewhere, miss, gpus, th).verdict != "contradicted"  # judged on the fastest GPU


def test_rules_v2_a_time_of_more_than_an_hour_misses_a_per_frame_claim_on_the_same_gpu(th, gpus):
    """'a 10-second video took more than an hour' on an RTX 4090 (at most 0.5 fps of 30 fps output)."""
    slow = report(1, "RTX 4090", None, sentence="took more than an hour", hedge="over", duration_s=10.0)
    slow.latency_s, slow.latency_type, slow.rtf, slow.fps = 3600.0, "end_to_end", 360.0, 30 / 360
    per_frame = claim(system="LongLive", hedge="about", latency_s=2.5, latency_type="per_frame", gpu="RTX 4090")
    v = judge_claim_v2(per_frame, facts(slow), gpus, th)
    assert v.verdict == "contradicted" and "at least 12 s on RTX 4090" in v.reason
    easy = claim(system="LongLive", hedge="about", latency_s=60.0, latency_type="per_frame", gpu="RTX 4090")
    assert judge_claim_v2(easy, facts(slow), gpus, th).verdict != "supported"  # a lower bound on the time meets nothing
