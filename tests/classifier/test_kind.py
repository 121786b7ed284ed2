"""The kind models: rule layer, cue features, the cascade and the embedding cache."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from liveaudit.classifier.kind import CUES, CascadeKind, KindInput, LrMiniLMKind, embedder, load_kind_model, rule_kind
from liveaudit.classifier.pipeline import kind_input, models_dir
from liveaudit.errors import ConfigError


def test_kind_rule_layer_makes_term_plus_speed_figure_a_claim():
    plain = KindInput("Our generator runs in real time at 24 fps.", term=True, metric=True, figure=True)
    assert rule_kind(plain, "none") == "quantified"
    future = KindInput("We will run in real time at 30 fps next year.", term=True, metric=True, figure=True)
    assert rule_kind(future, "none") == "aspirational"
    negated = KindInput("The live demo ran at 30 fps.", term=True, metric=True, negated=True)
    assert rule_kind(negated, "none") == "none"
    assert rule_kind(KindInput("Real-time video for all.", term=True), "none") == "none"  # no figure: the model decides
    assert rule_kind(plain, "comparative") == "comparative"  # the rule only adds claims


def test_kind_cues_come_from_the_rules(classifier):
    (c,) = classifier.sentences(["Our engine streams near real-time video at up to 30 fps."])
    cues = kind_input(c).cues()
    assert cues["term"] and cues["metric"] and cues["hedge"] and cues["level_l2"] and cues["subject"] and cues["video"]
    assert not cues["negated"] and not cues["spec"] and set(cues) == set(CUES)
    (d,) = classifier.sentences(["The live demo streams at 30 fps."])
    assert kind_input(d).cues()["negated"]


def test_kind_the_shipped_models_load_and_agree_on_plain_claims(classifier):
    inputs = [
        kind_input(c)
        for c in classifier.sentences(
            [
                "Our generator runs in real time at 24 fps.",
                "It is 3x faster than CausVid.",
                "Pricing starts at $9 per month.",
            ]
        )
    ]
    for name in ("textcat", "lr-minilm", "cascade"):
        model = load_kind_model(models_dir(), name)
        kinds = [k for k, _ in model.predict(inputs)]
        assert kinds[0] == "quantified" and kinds[1] == "comparative", (name, kinds)
    choice = json.loads((models_dir() / "kind.json").read_text())
    assert choice["chosen"] in choice["models"] and all("dev" in m for m in choice["models"].values())


def test_kind_cascade_sends_only_unsure_sentences_to_the_lr(tmp_path, classifier):
    for name in ("kind-textcat", "kind-lr-minilm", "kind-cascade"):
        shutil.copytree(models_dir() / name, tmp_path / name)
    cascade = CascadeKind.load(tmp_path / "kind-cascade")
    inputs = [
        kind_input(c)
        for c in classifier.sentences(
            [
                "It runs in real time at 20 fps on one H100.",
                "Sign up today.",
                "Our model streams video with low latency.",
            ]
        )
    ]
    cascade.threshold = 0.0  # textcat decides everything
    kinds = [k for k, _ in cascade.predict(inputs)]
    assert cascade.calls == {"textcat": 2, "lr-minilm": 0}  # the out-of-scope sentence reaches no model
    assert kinds[1] == "none"
    cascade.threshold = 1.01  # the LR decides everything
    assert [k for k, _ in cascade.predict(inputs)] == [k for k, _ in cascade.lr.predict(inputs)]
    assert cascade.calls["lr-minilm"] == 2
    meta = json.loads((tmp_path / "kind-cascade" / "meta.json").read_text())
    meta["textcat"] = "kind-textcat@1999-01-01.1"
    (tmp_path / "kind-cascade" / "meta.json").write_text(json.dumps(meta))
    (tmp_path / "kind.json").write_text(json.dumps({"chosen": "cascade"}))
    with pytest.raises(ConfigError) as err:
        load_kind_model(tmp_path)
    assert err.value.code == "E601"


def test_kind_lr_round_trips_its_cues_and_scale(tmp_path):
    coef = np.arange(5 * (384 + 3), dtype=np.float32).reshape(5, -1) / 1000
    model = LrMiniLMKind(
        coef,
        np.zeros(5, dtype=np.float32),
        ["a", "b", "c", "d", "none"],
        "kind-lr-minilm@test.1",
        ("metric", "term", "video"),
        0.5,
    )
    model.save(tmp_path)
    back = LrMiniLMKind.load(tmp_path)
    assert back.cues == ("metric", "term", "video") and back.cue_scale == 0.5 and back.version == model.version
    assert np.array_equal(back.coef, coef)


def test_kind_embedding_cache_embeds_each_text_once():
    emb = embedder()
    old = emb.cache_size
    try:
        emb.cache.clear()
        emb.hits = emb.misses = 0
        a = emb(["Runs at 20 fps.", "A much longer sentence about generating video in real time.", "Runs at 20 fps."])
        assert emb.misses == 2 and emb.hits == 1 and np.allclose(a[0], a[2])
        b = emb(["A much longer sentence about generating video in real time."])
        assert emb.hits == 2 and np.allclose(a[1], b[0], atol=1e-6)
        alone = emb._embed(["A much longer sentence about generating video in real time."])
        assert np.allclose(alone[0], b[0], atol=1e-5)  # batching by length changes nothing
        emb.cache_size = 0
        emb.cache.clear()
        emb(["Not kept."])
        assert not emb.cache
    finally:
        emb.cache_size = old


def test_kind_scope_rules_veto_what_is_not_a_claim(classifier):
    from liveaudit.classifier.kind import vetoed

    outside = [
        "Use --fps 16 to change the frame rate of the saved video.",
        "pip install -e . for faster installs",
        "It can generate up to 50 FPS videos at native 4K resolution.",
        "Existing video models cannot run in real time on consumer hardware.",
        "@article{x, title={Real-Time Video}, author={Doe, J.}}",
        "Note that the first run will be slower because of compilation.",
        "Sign up today.",
    ]
    inside = [
        "It runs in real time at 20 fps on one H100.",
        "To further cut latency, we distill the model into 4 steps.",
        "Our model streams 720p video at 24 FPS.",
        "It is 3x faster than CausVid.",
    ]
    assert all(vetoed(kind_input(c)) for c in classifier.sentences(outside))
    assert not any(vetoed(kind_input(c)) for c in classifier.sentences(inside))
    negated = [
        "Real-Time Img2Img Demo",
        "An interactive world model for game environments.",
        "Model: CamDrift; Real-time: ❌; FVD: 410",
        "Checkpoints are converted on the fly when loaded.",
        "The previous version lacked real-time interaction.",
    ]
    assert not any(c.terms for c in classifier.sentences(negated))


def test_kind_scope_rules_from_fresh_real_readmes(classifier):
    """Rules read off the dev3 README errors (in our own words): each sentence below was
    mis-tagged before; each must now take the kind LABELING.md gives it."""
    from liveaudit.classifier.kind import vetoed

    outside = [  # vetoed: not about a system's generation speed
        "Video diffusion models are popular, yet their use for real-time streaming remains limited.",
        "We release the toolkit to accelerate open-source community research on video!",
        "It generates high-resolution video, with resolution up to 720P and video length up to 97 frames.",
        "Thanks to a contributor, our data curation script is now 4x faster.",
    ]
    assert all(vetoed(kind_input(c)) for c in classifier.sentences(outside))
    assert not any(c.terms for c in classifier.sentences(["Images live in a continuous latent space."]))
    # a lower-case setting in a table row is not an environment variable (the row is a claim)
    row = classifier.sentences(["Inference time (A100, 25 steps): 40s (tiled_vae=True)"])[0]
    assert vetoed(kind_input(row)) is None and row.figures.latency_s == 40.0
    # "~40s" is one token and still a time; "fewer steps" without a count makes a candidate
    assert classifier.sentences(["Prompt to 480p, Takes ~40s"])[0].candidate
    assert classifier.sentences(["We cut the total number of sampling steps."])[0].candidate
    assert kind_input(classifier.sentences(["Our method keeps quality while reducing latency."])[0]).cues()[
        "comparison"
    ]
    # an open to-do about speed is a goal; a done item or a kernel task is not
    todo, done, kernel = classifier.sentences(
        ["- [ ] Faster inference", "- [x] Release the code", "- [ ] Port the fused kernels for more speedup"]
    )
    assert (todo.kind, done.kind, kernel.kind) == ("aspirational", "none", "none")


def test_kind_scope_rules_from_dev_readmes_second_pass(classifier):
    """Second pass over the dev/dev2 README errors (sentences in our own words)."""
    from liveaudit.classifier.kind import vetoed

    outside = [
        "Samples below were generated at 5s, 720p, 16fps.",
        "Model: X-I2V; Resolution: 480x832; Video Length: 81; FPS: 16; Link: download",
        "It makes 8-second videos at 720p resolution and 16 FPS within 10k GPU training hours.",
        "FlashKit: A serving framework for accelerated video diffusion.",
        "[x] Accelerated inference release",
        "Or SD-XL, note that it is slower than SD-1.5 at this size.",
    ]
    assert [r for r in (vetoed(kind_input(c)) for c in classifier.sentences(outside)) if r is None] == []
    inside = [
        "You can get clips within just 6 steps (70 seconds on a single H100 GPU)!",
        "[x] Sequence parallel inference (faster inference on more GPUs)",
        "A 10 s video takes ~2h on one RTX 4090 (with --offload, more GPUs cut the time).",
        "Method: Latency(s); 1xA800: 98; 4xA800: 31",
        "It animates a portrait in 2~4 steps.",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(inside)] == [None] * len(inside)
    assert not classifier.sentences(["A project that aims to build an interactive, dynamic world."])[0].terms
    # figures: "by 2×" is a speed-up, "720P@24fps" a format
    fig = classifier.sentences(["Both models can be accelerated by 2×.", "One of the fastest 720P@24fps models."])
    assert fig[0].figures.speedup == 2.0 and fig[1].figures.fps is None
    # a comparison table's ticked "Real-time" cell is a qualitative claim
    assert classifier.sentences(["Model: GameX; Real-time: ✅; FVD: 300"])[0].kind == "qualitative"


def test_kind_scope_rules_from_blog_posts_and_project_pages(classifier):
    """dev5's blog posts and project pages (sentences in our own words)."""
    from liveaudit.classifier.kind import vetoed

    outside = [
        "The player appends each chunk to its buffer for streaming playback.",
        "The browser plays every segment as it streams back from the server.",
        "One trick for clips beyond 1 min is to zoom into the first frame.",
        "For example, use --offload to cut memory on small cards.",
        "While autoregressive models are better suited for live generation, they are slower to train.",
        "World models A, B and C are examples of such models, which can be explored in real time.",
        "Below, we present 5-second video results (24 FPS) from a fixed seed.",
        "The original GameWorld 3 reaches real-time speed (40 fps) with many GPUs.",
        "Compared to BF16, FP4 offers much higher theoretical throughput.",
        "If generation is slower than your ideas, iteration stalls.",
        "The open question: can we keep the speed-ups of sparse attention with 3 steps?",
        "Below, we show how each module speeds up denoising on one H200.",
        "It needs the TensorRT extension and an engine build, but it will be faster than the example above.",
        "Uses much more CPU memory but speeds up inference.",
        "2-4 steps should work for most prompts.",
        "Thanks @someone for the cool Real-Time Image-to-Image demo.",
        "title: Real-Time Demo emoji: x sdk: docker pinned: false",
        "For a 10s clip of 512x512 video, the inference latency of the baseline is:",
    ]
    got = classifier.sentences(outside)
    assert [c.kind for c in got] == ["none"] * len(outside)
    inside = [
        "For example, making a 6-second clip with a hosted model takes about 50 seconds.",
        "Machine: M4 Max; Resolution: 480p; Time per clip: ~5 min",
        "2.1 seconds of generation.",
        "Reaching sub-5-second end-to-end latency at 1080p took work at every layer.",
        "Our model has the same speed as CausVid but looks better.",
        "Thanks to KV caching, the first frame arrives after 1.3 seconds.",
        "We now support cache inference (deepcache, teacache), achieving significant speedup!",
    ]
    got = classifier.sentences(inside)
    assert [vetoed(kind_input(c)) for c in got] == [None] * len(inside)
    assert (got[1].figures.latency_s, got[2].figures.latency_s) == (300, 2.1)
    assert (got[3].figures.latency_s, got[3].figures.hedge) == (5, "under")
    assert kind_input(got[4]).cues()["comparison"]


def test_kind_scope_rules_from_accelerators_blogs_and_tools(classifier):
    """dev6's accelerator READMEs, serving blog posts and third-party tools (sentences in our own words)."""
    from liveaudit.classifier.kind import vetoed

    outside = [
        "Model: PIXEL-1; GPU: A100; Method: cache; Wall Time (s): 7.1; Speedup: 2.05x; (on FLUX.1-dev)",
        "Method: ours; GenEval overall: 0.66; Latency: 12.4s; Speed Up: 2.7",
        "Our cache reaches a 1.8x speedup on Qwen-Image-Edit.",
        "On DiT, it keeps FID within 0.2 at a 3x acceleration.",
        "In the measured 720p 10s workload, peak HBM rose about 20% (22.0 -> 26.4 GB).",
        "Transformer 20B FP8: ~21GB total, kept in host memory with block streaming",
        "The copy engine runs on a dedicated stream, overlapped with the compute stream.",
        "No frame-by-frame streaming: each run returns one finished clip.",
        "Feature caching has been proposed to speed up diffusion models by reusing features.",
        "State-of-the-art video diffusion models rely on bidirectional attention over all frames.",
        "Yet their compute demands remain prohibitive for real-time applications.",
        "We hypothesize that full attention is redundant, which could greatly accelerate inference.",
        "Up to 5x faster model loading than the reference library.",
        "Resolution: 1280×720 @ 30fps",
    ]
    got = classifier.sentences(outside)
    assert [c.kind for c in got] == ["none"] * len(outside)
    inside = [
        "Swift Cache: Training-Free Video Diffusion Acceleration with Adaptive Reuse",
        "Our tiling slashes generation to 4 minutes, no extra training required.",
        "A model trained in 9 days on one RTX 4090 that plays at ~12 FPS on an RTX 3080.",
        "The Wan2.1 1.3B model needs 8 GB of VRAM and makes a 5-second clip in about 4 minutes.",
        "GPU: A10 24GB; 384x672x25: ~110s; 576x1008x25: ~300s",
        "Batching 4 requests reaches 3.1× the throughput of one request.",
    ]
    got = classifier.sentences(inside)
    assert [vetoed(kind_input(c)) for c in got] == [None] * len(inside)
    assert kind_input(got[5]).cues()["comparison"]  # "3.1×" ends in a non-word character
    assert classifier.sentences(["Strategy: base; Per-step (ms): 870; Generated frames/s: 0.97"])[0].figures.fps == 0.97


def test_kind_scope_rules_from_docs_pages_and_avatar_readmes(classifier):
    """dev7's documentation pages, project pages and avatar READMEs (sentences in our own words)."""
    from liveaudit.classifier.kind import vetoed

    outside = [
        "10-20s",
        "If we missed any related projects, we will add them to the acknowledgement immediately.",
        "In this report, we systematically tested the acceleration of our engine on 1-8 L40 GPUs.",
        "With the advancement of interactive video generation, diffusion models act as world models.",
        "(Optional) Interpolate the clip to 60 FPS.",
        "Argument: --fast_mode; Type: bool; Default: false; Description: faster inference (~2x speedup)",
        "We are releasing PixTurbo, a lightning fast text-to-image model.",
        "The first download could take ~10 minutes, depending on your internet connection.",
        "The fixed all-gather overhead (~150 ms/step) is hidden behind 4 concurrent computations.",
        "Error-aware interactive base model with self-correction.",
        "We compared control accuracy with other interactive video methods.",
        "QuickD (Improved Distillation for Fast Image Synthesis)",
    ]
    assert [c.kind for c in classifier.sentences(outside)] == ["none"] * len(outside)
    inside = [
        "Run inference: it needs about 2GB of GPU memory and runs at 35FPS (measured on a V100).",
        "--turbo makes local generation ~2.5× faster by skipping half of the frames.",
        "Lever: distilled model; Effect on the card: ~15× vs full-step; Use it?:",
    ]
    got = classifier.sentences(inside)
    assert [vetoed(kind_input(c)) for c in got] == [None] * len(inside)
    cues = [
        kind_input(c).cues()["comparison"]
        for c in classifier.sentences(
            [
                "With more GPUs, the inference latency continues to decrease.",
                "It generates long clips quickly.",
                "Step distillation further enhances inference speed.",
            ]
        )
    ]
    assert cues == [True, True, True]


def test_kind_scope_rules_from_quiet_readmes(classifier):
    """dev9's quiet READMEs (sentences in our own words)."""
    outside = [
        "The river instantly freezes into a glittering sheet of ice.",
        "The clip below plays at 4x speed.",
        "File: bench/target-1080p.mp4, 2048x1080, 269 frames, 25 fps, 10s",
        "It extends video length up to 4 minutes 15 seconds.",
        "World models serve as simulators for games, capable of interactive generation.",
    ]
    assert [c.kind for c in classifier.sentences(outside)] == ["none"] * len(outside)


def test_kind_scope_rules_from_release_notes_and_changelogs(classifier):
    """dev8's release notes and changelogs (sentences in our own words)."""
    outside = [
        "Cold Start: ~25 seconds",
        "Generation queue with real-time progress tracking (step count display)",
        "5s checkpoints can generate videos up to 5 seconds long.",
        "The first run can be slower due to the compilation process.",
        "It needs about 40 GB of GPU memory to decode 49 frames (6 seconds of video at 8 FPS).",
        "We also provide RapidCache inference for faster generation (for the 5s checkpoints).",
        "FlashAttention 3 — for efficient attention and faster inference.",
    ]
    assert [c.kind for c in classifier.sentences(outside)] == ["none"] * len(outside)
    from liveaudit.classifier.kind import vetoed

    kept = classifier.sentences(["Interactive Video Generation at Playback Speed"])
    assert vetoed(kind_input(kept[0])) is None


def test_kind_scope_rules_from_docs_and_api_references(classifier):
    """dev10's docs pages (sentences in our own words): an API reference row and a delivery
    protocol's latency are no claims; a speed-up beside a memory saving stays in scope."""
    from liveaudit.classifier.kind import vetoed

    outside = [
        "Handler: on_session_opened; Parameters: session_id: str; Description: Interactive session ready",
        "Returns: JobInfo - the job's state with its output streams when done.",
        "WebRTC/WHEP: Low latency (~1s), needs a recent browser",
        "HLS: higher latency (~6-12s), plays on more devices",
        "Method: updateScene(prompt, strength, timeoutMs); Description: waits for the ack (default 10s)",
    ]
    assert [vetoed(kind_input(c)) for c in classifier.sentences(outside)] == ["another sense"] * len(outside)
    # a table whose first column is headed "Parameters" is no API reference
    kept = classifier.sentences(["Parameters: Speed; 14B: 11 fps (1× B200, 4 steps)"])
    assert vetoed(kind_input(kept[0])) is None
    # a reporter's or summariser's voice is someone else's account, never the vendor's claim
    told = [
        "Acme debuts WorldBox, an app that builds playable worlds in real time.",
        "ZetaWorld is widely described as a real-time world model running at 16 FPS.",
        "This creator stresses how the model keeps the scene interactive for minutes.",
    ]
    assert {vetoed(kind_input(c)) for c in classifier.sentences(told)} == {"someone else's account"}
    # a dependency's purpose and a clip's frame count beside its rate
    for text in (
        "Using FlashAttention-3 can further improve inference speed.",
        "Clip: 97 frames (24 FPS = ~4 seconds)",
    ):
        assert vetoed(kind_input(classifier.sentences([text])[0])) is not None, text
    # the names of a demo's prompt set are no claim of interactivity
    assert vetoed(kind_input(classifier.sentences(["Interactive Prompt 4"])[0])) == "another sense"
    # a results row labelled "Method: Latency(s)" is no function signature
    assert vetoed(kind_input(classifier.sentences(["Method: Latency(s); 1xH100: 90; 8xH100: 20"])[0])) is None
    kept = classifier.sentences(["8-bit weights further speed up inference and cut memory use."])
    assert vetoed(kind_input(kept[0])) is None
