"""Our own runs among the evidence (verdicts/weigh.py): their measured level, eager-only runs, and
what they say of the makers' own rates."""

from __future__ import annotations

from liveaudit.verdicts import Facts2, judge_claim_v2
from liveaudit.verdicts.others import chunk_points, point_from_evidence, point_from_measurement
from liveaudit.verdicts.profile import Profile
from tests.verdicts.rows import SETTINGS, claim, measurement

CAUSAL = Profile("CausVid", output_fps=16, width=832, height=480, steps=4, family="chunked_ar_dit")
CHUNKS_OF_12 = {**SETTINGS, "frames_per_chunk": 12}  # a chunk plays for 0.75 s at 16 fps


def ours(gap_p99: float, fps: float = 16.8, mode: str = "compiled", hardware: str = "H200", id: int = 7):
    row = measurement(
        id=id, system="CausVid", hardware=hardware, fps_p50=fps, rtf=16 / fps, gap_p99=gap_p99, settings=CHUNKS_OF_12
    )
    row["result"]["mode"] = mode
    return point_from_measurement(row)


def facts(*points, own=()):
    return Facts2("CausVid", True, True, CAUSAL, [], list(points), list(own))


def _report(id, fps, outcome, source_kind="issue_thread", sentence=None, author=None):
    row = {
        "id": id,
        "kind": "report",
        "document_id": 9,
        "sentence": sentence or f"I get {fps} fps",
        "system": "CausVid",
        "author": author or f"user{id}",
        "author_is_vendor": False,
        "gpu": "A100 80GB",
        "gpu_count": 1,
        "fps": fps,
        "latency_s": None,
        "latency_type": None,
        "outcome": outcome,
        "figures": {},
        "settings": {},
        "url": f"https://example.org/t/{id}",
        "title": f"CausVid #{id}",
        "source_kind": source_kind,
    }
    return point_from_evidence(row, 16)


def streaming_claim():
    return claim(system="CausVid", implied_level="L2", terms=("streams",))


def test_weigh_our_run_that_streams_supports_a_streaming_claim(th, gpus):
    v = judge_claim_v2(streaming_claim(), facts(ours(gap_p99=0.5)), gpus, th)
    assert v.verdict == "supported"
    assert v.evidence["measurement_ids"] == [7]


def test_weigh_our_run_that_keeps_up_but_stalls_between_chunks_is_only_shown(th, gpus):
    # 16.8 fps on average, but a chunk of 0.75 s of video took up to 0.85 s: L1 by our rule
    v = judge_claim_v2(streaming_claim(), facts(ours(gap_p99=0.85)), gpus, th)
    assert v.verdict not in ("supported", "contradicted", "disputed")
    assert "reached L1, not L2" in v.reason and "16.8 fps on H200" in v.reason


def test_weigh_an_eager_run_alone_never_contradicts_a_figure(th, gpus):
    figure = claim(system="CausVid", fps=20.7, gpu="H100 SXM", implied_level=None, terms=())
    eager = judge_claim_v2(figure, facts(ours(0.5, fps=16.7, mode="eager")), gpus, th)
    assert eager.verdict != "contradicted"
    assert "timed eagerly alone" in eager.reason
    compiled = judge_claim_v2(figure, facts(ours(0.5, fps=16.7, mode="compiled")), gpus, th)
    assert compiled.verdict == "contradicted" and "measurement #7" in compiled.reason


def test_weigh_a_run_that_kept_up_outweighs_the_makers_slower_figures(th, gpus):
    own = [{"fps": 9.4, "gpu": None, "text": "It streams at 9.4 FPS on a single GPU.", "source": "https://x.org/p"}]
    alone = judge_claim_v2(streaming_claim(), facts(own=own), gpus, th)
    assert alone.verdict == "implausible" and "9.4 fps" in alone.reason
    v = judge_claim_v2(streaming_claim(), facts(ours(gap_p99=0.85), own=own), gpus, th)
    assert v.verdict != "implausible"


def test_weigh_a_figure_its_author_took_back_is_not_shown_as_what_users_got(th, gpus):

    figure = claim(system="CausVid", fps=20.7, gpu="H100 SXM", implied_level=None, terms=())
    v = judge_claim_v2(figure, facts(_report(1, 1.5, "retracted"), _report(2, 2.5, None)), gpus, th)
    assert "2.5 fps" in v.reason and "1.5 fps" not in v.reason


def test_weigh_a_hedge_bounds_only_the_figure_it_can(th, gpus):
    # "17 FPS with sub-second latency": the "under" is the latency's; the 17 fps is a plain figure
    both = claim(system="CausVid", fps=17.0, latency_s=1.0, hedge="under", implied_level=None, terms=())
    v = judge_claim_v2(both, facts(ours(0.5, fps=16.7, mode="eager")), gpus, th)
    assert v.verdict == "supported" and "claims 17 fps" in v.reason and "under 17" not in v.reason
    alone = claim(system="CausVid", fps=17.0, hedge="under", implied_level=None, terms=())
    assert judge_claim_v2(alone, facts(ours(0.5, fps=16.7, mode="eager")), gpus, th).verdict != "supported"


def test_weigh_a_supported_figure_says_when_our_run_missed_the_level(th, gpus):
    streams = claim(system="CausVid", fps=17.0, implied_level="L2", terms=("streams",))
    v = judge_claim_v2(streams, facts(ours(gap_p99=0.85, fps=16.7, mode="eager")), gpus, th)
    assert v.verdict == "supported"
    assert "level it implies is not shown: our eager run reached L1" in v.reason
    kept_up = judge_claim_v2(streams, facts(ours(gap_p99=0.5, fps=16.7, mode="eager")), gpus, th)
    assert kept_up.verdict == "supported" and "not shown" not in kept_up.reason


def test_weigh_a_run_its_author_calls_slower_than_usual_is_only_shown(th, gpus):
    figure = claim(system="CausVid", fps=9.4, gpu="A100 80GB", implied_level=None, terms=())
    slow = _report(1, 1.5, "anomalous")
    v = judge_claim_v2(figure, facts(slow), gpus, th)
    assert v.verdict != "contradicted"
    assert "slower than their own usual ones" in v.reason
    assert judge_claim_v2(figure, facts(_report(2, 1.5, None)), gpus, th).verdict == "contradicted"


def test_weigh_another_projects_measurement_is_not_called_a_users_report(th, gpus):
    figure = claim(system="CausVid", fps=9.4, gpu="A100 80GB", implied_level=None, terms=())
    user = judge_claim_v2(figure, facts(_report(1, 1.5, None)), gpus, th)
    assert user.verdict == "contradicted" and "a user's report running CausVid" in user.reason
    other = judge_claim_v2(figure, facts(_report(2, 1.5, None, source_kind="third_party")), gpus, th)
    assert other.verdict == "contradicted" and "a third party's measurement running CausVid" in other.reason


def test_weigh_one_source_timing_eager_and_compiled_is_not_two_sources_disagreeing(th, gpus):
    figure = claim(system="CausVid", fps=9.4, gpu="A100 80GB", implied_level=None, terms=())
    eager = _report(1, 8.0, None, "third_party", "CausVid | A100 | bf16, eager | fps | 8.0", "bench")
    compiled = _report(2, 9.5, None, "third_party", "CausVid | A100 | bf16, torch.compile | fps | 9.5", "bench")
    v = judge_claim_v2(figure, facts(eager, compiled), gpus, th)
    assert v.verdict == "disputed"
    assert "8 fps on A100 80GB (eager)" in v.reason and "9.5 fps on A100 80GB (compiled)" in v.reason
    assert "one source that timed it two ways" in v.reason and "heavier side" not in v.reason
    # two people in one thread are two sources
    other = _report(3, 9.5, None, "issue_thread", "On my A100 I get 9.5 fps")
    two = judge_claim_v2(figure, facts(eager, other), gpus, th)
    assert two.verdict == "disputed" and "one source" not in two.reason


def _block(id, seconds):
    row = {
        "id": id,
        "kind": "report",
        "document_id": 9,
        "post_index": 3,
        "sentence": f"- Block {id} generation time: {seconds * 1000:.2f} ms (2.0% of diffusion)",
        "system": "CausVid",
        "author": "profiler",
        "gpu": "H100 SXM",
        "gpu_count": 1,
        "fps": None,
        "latency_s": seconds,
        "latency_type": "per_chunk",
        "figures": {},
        "settings": {},
        "url": "https://example.org/t/26",
        "title": "CausVid #26",
        "source_kind": "issue_thread",
    }
    return point_from_evidence(row, 16)


def test_weigh_a_profiles_block_times_are_one_report_at_its_median_block(th, gpus):
    blocks = [_block(i, s) for i, s in enumerate((0.595, 0.603, 0.684, 0.761, 0.767), start=1)]
    assert chunk_points(blocks, None) == blocks  # frames per block unknown: no rate is made up
    (one,) = chunk_points(blocks, 12)
    assert one.latency_s == 0.684 and round(one.fps, 2) == 17.54 and one.timed == "denoising only"
    figure = claim(system="CausVid", fps=20.7, gpu="H100 SXM", implied_level=None, terms=())
    v = judge_claim_v2(figure, facts(one), gpus, th)
    assert v.verdict == "contradicted"
    assert "a median block of 0.684 s for 12 frames, over 5 blocks of 0.595-0.767 s" in v.reason
    assert "(denoising only)" in v.reason
    # timed without the VAE, a block rate can show a claim is missed, never that it is met
    assert judge_claim_v2(claim(system="CausVid", fps=16, gpu="H100 SXM"), facts(one), gpus, th).verdict != "supported"


def test_weigh_a_gpu_written_with_other_memory_is_said_as_written():
    """ "H100 (92GB)" is read as the catalogue's H100 SXM (80 GB); the reason says what was written."""
    from liveaudit.verdicts.others import written_variant

    p = _report(5, 13.1, None, sentence="In my own runs on an H100 (92GB), an 81-frame video takes 6.2 s.")
    p.gpu = "H100 SXM"
    written_variant(p, 80)
    assert p.where() == 'on H100 SXM (written "H100 (92GB)", not the catalogue\'s 80 GB part)'
    same = _report(6, 13.1, None, sentence="On an H100 80GB I get 13 fps.")
    same.gpu = "H100 SXM"
    written_variant(same, 80)
    assert same.where() == "on H100 SXM"
