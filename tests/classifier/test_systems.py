"""System resolution on sentences written the way READMEs, abstracts and news write them."""

from __future__ import annotations

import pytest

from liveaudit.classifier.document_system import document_system
from liveaudit.classifier.lexicon import load_lexicon
from liveaudit.classifier.systems import acronyms, resolve, unknown_subject


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_systems_longer_name_around_an_alias_is_not_that_alias(lex):
    # "Stream Diffusion" is a StreamDiffusion alias; the longer name is another system.
    r = resolve("Quantum Stream Diffusion (QSD) turns a webcam feed into anime at 30 fps.", "QSD demo", None, lex)
    assert (r.system, r.mention, r.how) == (None, "Quantum Stream Diffusion", "unknown")
    r = resolve(
        "Live Stream Diffusion (LSD) is a new class of models for infinite video-to-video streams.",
        "MirageLSD by Decart",
        "https://about.decart.ai/publications/mirage",
        lex,
    )
    assert r.system == "MirageLSD"  # Decart's own name for MirageLSD, never StreamDiffusion


def test_systems_acronym_binds_to_its_expansion(lex):
    doc = "We present Quantum Stream Diffusion (QSD), a streaming video model. QSD runs at 30 fps on a single RTX 4090."
    assert acronyms(doc) == {"QSD": "Quantum Stream Diffusion"}
    r = resolve("QSD runs at 30 fps on a single RTX 4090.", "QSD", None, lex, doc)
    assert (r.system, r.mention) == (None, "Quantum Stream Diffusion")  # the name the acronym stands for
    doc = "Our dynamic sequence parallel (DSP) method is new. DSP cuts latency 2x."
    assert resolve("DSP cuts latency 2x.", "A blog", None, lex, doc).mention == "DSP"  # a registry name stays
    # an acronym the document defines overrides a registered alias spelled the same way
    doc = "Our Layered Temporal Xfusion (LTX) layer is new. LTX runs at 30 fps on one H100."
    assert resolve("LTX runs at 30 fps on one H100.", "A blog", None, lex, doc).system is None
    doc = "MirageLSD is Decart's Live Stream Diffusion (LSD) model. LSD answers in under 40 ms."
    assert resolve("LSD answers in under 40 ms.", "Decart", None, lex, doc).system == "MirageLSD"


def test_systems_sana_video_sentence_in_a_longlive_readme_is_sana_video(lex):
    title, source = "LongLive: Real-time Interactive Long Video Generation", "https://github.com/NVlabs/LongLive"
    doc = "We present LongLive. Now SANA-Video can generate 60s interactive videos in real-time."
    r = resolve("Now SANA-Video can generate 60s interactive videos in real-time.", title, source, lex, doc)
    assert (r.system, r.mention) == ("SANA-Video", "SANA-Video")
    # a system the registry does not know resolves to nothing, not to the document's system
    r = resolve("VidFlow-XL runs at 30 FPS on one H100.", title, source, lex, doc)
    assert (r.system, r.mention) == (None, "VidFlow-XL")


def test_systems_versions_are_different_systems(lex):
    cases = {
        "LongLive 2.0 reaches 45.7 FPS with NVFP4.": ("LongLive 2.0", "LongLive 2.0"),
        "LongLive 3.0 sustains 60 FPS on a B200.": (None, "LongLive 3.0"),
        "Matrix-Game 3.0 reaches 40 FPS at 720p with a 5B model.": ("Matrix-Game 3.0", "Matrix-Game 3.0"),
        "LTX-2 makes 20-second clips with sound.": ("LTX-2", "LTX-2"),
        "LTX-2.3 is faster still.": (None, "LTX-2.3"),
        "Waypoint-1.5 runs at 60 fps on an RTX 5090.": ("Waypoint-1.5", "Waypoint-1.5"),
        "StreamDiffusion V2 keeps the first frame under 0.5 s.": ("StreamDiffusionV2", "StreamDiffusion V2"),
    }
    for sentence, want in cases.items():
        r = resolve(sentence, "A news roundup", "https://news.example/roundup", lex)
        assert (r.system, r.mention) == want, sentence
    # a figure after the name is not a version
    assert resolve("LongLive 20.7 FPS on H100 in our table.", None, None, lex).system == "LongLive"


def test_systems_we_and_our_model_are_the_documents_system(lex):
    title = "Rolling Forcing: Autoregressive Long Video Diffusion in Real Time"
    for sentence in (
        "Our model streams text-to-video at 16 fps on a single GPU.",
        "We outperform Self-Forcing and CausVid on long videos while staying real-time.",
        "The 1.3B model sustains 16 FPS on one GPU.",
        "It runs in real time, 2x faster than MAGI-1.",
    ):
        r = resolve(sentence, title, "https://arxiv.org/abs/2509.25161", lex)
        assert (r.system, r.how) == ("Rolling Forcing", "title"), sentence
        assert r.mention is None
    doc = "A new streaming model. We present Reward Forcing, which distills Wan2.1 into a 4-step student."
    assert document_system("Streaming video, fast", None, doc, lex) == ("Reward Forcing", "document")
    r = resolve("It runs at 23.1 FPS on a single H100.", "Streaming video, fast", None, lex, doc)
    assert r.system == "Reward Forcing"


def test_systems_ordinary_words_and_ambiguous_names_resolve_to_nothing(lex):
    for sentence in (
        "The oasis of calm in our office is the live stream diffusion of coffee.",
        "A diamond-hard deadline: we render the helios scene in real time.",
    ):
        r = resolve(sentence, "Office news", "https://blog.example/office", lex)
        assert r.system is None, sentence
    r = resolve("Wan2.1 runs in real time on our cluster.", "A blog", "https://blog.example/post", lex)
    assert (r.system, r.mention) == (None, "Wan2.1")  # 1.3B or 14B: not guessed


def test_systems_unknown_subject_is_conservative(lex):
    assert unknown_subject("Helix-7 generates 4K video at 60 fps.", lex) == "Helix-7"
    for sentence in (
        "Our model runs at 17 FPS.",
        "The 14B model generates at 11 fps.",
        "GPU inference runs at 9 fps.",
        "It runs in real time.",
        "H100 runs it at 20 fps.",
        "Inference runs at 24 fps.",
        "NVIDIA can serve it live.",
    ):
        assert unknown_subject(sentence, lex) is None, sentence


def test_systems_extract_json_has_system_mention(classifier, tmp_path):
    from liveaudit.classifier.extraction import extract
    from liveaudit.classifier.pipeline import EXTRACT_KEYS

    page = tmp_path / "readme.md"
    page.write_text(
        "# LongLive\n\nLongLive sustains 20.7 FPS on a single H100.\n\n"
        "VidFlow-XL runs in real time at 30 FPS on one H100.\n",
        encoding="utf-8",
    )
    claims = extract([str(page)], classifier)
    assert [list(c) for c in claims] == [list(EXTRACT_KEYS)] * 2 and "system_mention" in EXTRACT_KEYS
    assert [(c["system"], c["system_mention"]) for c in claims] == [("LongLive", "LongLive"), (None, "VidFlow-XL")]


def test_systems_source_url_names_the_documents_system(lex):
    assert document_system(None, "https://github.com/PKU-YuanGroup/Helios", None, lex) == ("Helios", "source")
    assert document_system(None, "https://github.com/eloialonso/diamond", None, lex) == ("DIAMOND", "source")
    r = resolve("Our model plays at about 10 fps on an RTX 3090.", None, "https://github.com/eloialonso/diamond", lex)
    assert (r.system, r.mention, r.how) == ("DIAMOND", None, "source")


def test_systems_acronym_definition_names_the_acronym(lex):
    # the sentence that defines an acronym for a name the registry lacks is about that name (named by its expansion)
    doc = "We propose Sliced Frame Caching (SFC), the first method to stream 60 fps video. SFC is training-free."
    r = resolve("We propose Sliced Frame Caching (SFC), the first method to stream 60 fps video.", None, None, lex, doc)
    assert (r.system, r.mention) == (None, "Sliced Frame Caching")
    # a generic technical acronym is no system: the sentence falls back to the document's system
    doc = "Helios uses Distribution Matching Distillation (DMD) to reach 19.5 fps."
    assert resolve(doc, "Helios", None, lex, doc).system == "Helios"


def test_systems_a_product_shaped_hyphen_part_makes_another_name(lex):
    r = resolve("LTXV-Q4 is a 4-bit build that runs faster on consumer GPUs.", "A blog", None, lex)
    assert (r.system, r.mention) == (None, "LTXV-Q4")
    assert resolve("Helios-Distilled reaches 19.5 fps.", "A blog", None, lex).system == "Helios"


def test_systems_a_title_that_spells_the_repository_is_the_name(lex):
    # the whole title, its plural too, before a guess at a product-shaped subject inside it
    src = "https://github.com/someone/fast-frame-model"
    assert document_system("Fast-Frame Model", src, "Some text.", lex) == (None, "unknown")
    r = resolve("It streams at 20 fps.", "Fast-Frame Model", src, lex, "It streams at 20 fps.")
    assert r.mention == "Fast-Frame Model"
    r = resolve("It streams at 20 fps.", "Fast Frame Models", src, lex, "It streams at 20 fps.")
    assert r.mention == "Fast Frame Models"


def test_systems_accelerated_objects_and_option_lists_are_not_the_subject(lex):
    src = "https://github.com/svg-project/Sparse-VideoGen"
    # the passive sentence's accelerated models are what the document's own system speeds up
    r = resolve("Self-Forcing and CausVid can be accelerated by 2x.", "Sparse VideoGen", src, lex)
    assert r.system != "Self-Forcing" and r.mention != "Self-Forcing"
    # options listed in parentheses in a sentence about "we" are not the subject either
    r = resolve(
        "We now support cache inference (deepcache, teacache), reaching a clear speed-up!",
        "LongLive",
        "https://github.com/NVlabs/LongLive",
        lex,
    )
    assert r.system == "LongLive"
    # without "we", a listed name still counts
    assert resolve("Caching (TeaCache, DeepCache) cuts the time by half.", None, None, lex).system == "TeaCache"


def test_systems_a_row_timing_several_systems_is_about_the_documents_or_the_last(lex):
    row = "GPU NUM: 2; CausVid + xDiT: 480.1s; Self-Forcing: 380.5s"
    # the document's own system wins when the row names it
    r = resolve(row, "CausVid", "https://github.com/tianweiy/CausVid", lex)
    assert r.system == "CausVid"
    # else the last one: results rows put the proposed method last
    assert resolve(row, None, None, lex).system == "Self-Forcing"
    # an adapter's name is not the system that runs it
    assert resolve("Model: LCM-LoRA + Dreamshaper; Steps: 4; fps: 38", None, None, lex).system is None


def test_systems_a_method_applied_to_an_earlier_figure_is_the_pages_system(lex):
    # FramePack's README: the per-frame time with TeaCache on is FramePack's figure, not TeaCache's
    page = ("FramePack", "https://github.com/lllyasviel/FramePack")
    r = resolve("TeaCache brings that down to about 1.5 seconds per frame.", *page, lex)
    assert (r.system, r.mention) == ("FramePack", None)
    # the method's own claim stays the method's, on its own page and elsewhere
    assert resolve("TeaCache cuts that to 1.5 s per frame.", "TeaCache", None, lex).system == "TeaCache"
    assert resolve("TeaCache speeds up Wan2.1 by 2x.", *page, lex).system == "TeaCache"
    # a video generator named the same way is not a method
    assert resolve("LongLive brings that down to 0.6 s.", *page, lex).system == "LongLive"


def test_systems_a_pronoun_subject_is_the_system_the_sentence_before_named(classifier, lex):
    from liveaudit.classifier.system_context import previous_subject

    before = "Consumer GPUs: the T2V-1.3B model needs only 8.19 GB of VRAM."
    assert previous_subject("It generates a 5-second clip in 4 minutes.", before, lex) == "Wan2.1-T2V-1.3B"
    assert previous_subject("Generation takes 4 minutes.", before, lex) is None  # no pronoun subject
    assert previous_subject("It runs at 20 fps.", "Unlike CausVid, we stream.", lex) is None  # a baseline
    assert previous_subject("It runs at 20 fps.", "LongLive and CausVid both stream.", lex) is None  # two
    text = (
        "# Wan2.1\n\nWan2.1 is an open suite of video models.\n\n"
        "- Consumer GPUs: the T2V-1.3B model needs only 8.19 GB of VRAM. It generates a 5-second 480P "
        "video on an RTX 4090 in about 4 minutes.\n- Many tasks: text-to-video and image-to-video.\n\n"
        "It streams in real time on one H100.\n"
    )
    claims = classifier.claims(text, "Wan2.1", "https://github.com/Wan-Video/Wan2.1")
    systems = {c.sentence[:14]: c.system for c in claims}
    assert systems["It generates a"] == "Wan2.1-T2V-1.3B"
    assert systems["It streams in "] is None  # after a list item naming no system: the family, ambiguous


def test_systems_a_section_named_after_a_system_is_that_systems(classifier, lex):
    from liveaudit.classifier.system_context import heading_system

    assert heading_system("TeaCache for LTX-Video 🍵", lex) == "TeaCache"
    assert heading_system("LTX-VideoQ8 🎱", lex) == "LTX-VideoQ8"
    assert heading_system("Community Contribution", lex) is None
    assert heading_system("October 23, 2025: LTX-2 Announced", lex) is None  # names it, not after it
    text = (
        "# LTX-Video\n\nLTX-Video makes 30 FPS videos faster than they play.\n\n"
        "## Community Contribution\n\n### LTX-VideoQ8\n\n"
        "LTX-VideoQ8 is an 8-bit version of LTX-Video, designed for faster performance on ADA GPUs.\n\n"
        "- Up to 3X speed-up with no accuracy loss\n\n"
        "### TeaCache for LTX-Video\n\n"
        "TeaCache is a caching approach to accelerate LTX-Video inference by up to 2x.\n\n"
        "- Speeds up LTX-Video inference by up to 2x.\n\n"
        "# Models\n\nThe 2B distilled model runs in real time on one H100.\n"
    )
    claims = classifier.claims(text, "LTX-Video", "https://github.com/Lightricks/LTX-Video", keep_none=True)
    systems = {c.sentence[:12]: c.system for c in claims}
    assert systems["LTX-Video ma"] == "LTX-Video"
    assert systems["LTX-VideoQ8 "] == "LTX-VideoQ8" and systems["Up to 3X spe"] == "LTX-VideoQ8"
    assert systems["TeaCache is "] == "TeaCache" and systems["Speeds up LT"] == "TeaCache"
    assert systems["The 2B disti"] == "LTX-Video"  # a new top-level section: the README's own again


def test_systems_a_sentence_about_we_or_our_method_is_the_documents_own(lex):
    """Systems such a sentence names are what it is compared with, built on or applied to; one
    named right after "our", or presented ("we introduce X"), is the subject."""
    page = ("Self-Forcing", "https://github.com/guandeh17/Self-Forcing")
    for s in (
        "Our method has the same speed as CausVid but has much better video quality.",
        "Additionally, based on our human evaluation, our fast model surpasses approaches such as CogVideoX.",
        "We turn LTX-2.3, an open-source model, into a single-GPU speed machine.",
        "Building upon CausVid, we support 4-step 14B training and faster sampling.",
    ):
        assert resolve(s, *page, lex, s).system == "Self-Forcing", s
    assert resolve("We present LongLive, a real-time framework.", *page, lex).system == "LongLive"
    assert resolve("Our LongLive model runs at 20.7 fps.", *page, lex).system == "LongLive"
    assert resolve("CausVid is as fast as our method.", *page, lex).system == "CausVid"  # not a "we" sentence


def test_systems_a_framework_credit_is_not_the_subject(lex):
    r = resolve("Powered by FastVideo, FastWan-QAD-1.3B makes a 5-second clip in 1.8 s.", None, None, lex)
    assert r.system == "FastWan-QAD"
    r = resolve("Building upon Self-Forcing, this repo trains 4-step 14B models.", "Our repo", None, lex)
    assert r.system != "Self-Forcing"


def test_systems_a_blog_posts_front_matter_names_its_title():
    from liveaudit.classifier.extraction import markdown_title

    post = '+++\ntitle = "Open-sourcing FastVideo Dreamverse: real-time directing"\ndate = 2026-05-26\n+++\n\n# Intro\n'
    assert markdown_title(post) == "Open-sourcing FastVideo Dreamverse: real-time directing"
    assert markdown_title("---\nlayout: post\ntitle: A post\n---\ntext") == "A post"
    assert markdown_title("# Heading\n\ntitle = not front matter") == "Heading"


def test_systems_gold_names_are_read_through_the_registrys_aliases():
    from types import SimpleNamespace

    from liveaudit.classifier.evaluate import named

    assert named("Veo-3 Fast", SimpleNamespace(system="Veo 3 Fast", system_mention="Veo-3 Fast"))
    assert not named("Veo-3 Fast", SimpleNamespace(system="Genie 3", system_mention=None))
    assert named("Matrix-Game-mlx", SimpleNamespace(system=None, system_mention="Matrix-Game-mlx"))


def test_systems_a_title_naming_several_systems_is_about_the_one_before_its_colon(lex):
    title = "Open-sourcing FastVideo Dreamverse: real-time directing with LTX-2 on one B200"
    assert document_system(title, None, None, lex)[0] == "Dreamverse"


def test_systems_a_presented_name_the_registry_lacks_is_kept_as_written(lex):
    r = resolve("We have released VoxTalk, a real-time lip-sync model, usable with SomeGen.", "SomeGen", None, lex)
    assert (r.system, r.mention) == (None, "VoxTalk")
    assert resolve("We release the code today.", None, None, lex).mention is None


def test_systems_a_github_io_site_names_its_project_page_not_its_blog_posts(lex):
    from liveaudit.classifier.document_system import document_system

    page = "https://raw.githubusercontent.com/TideForcing/TideForcing.github.io/0a1b/index.html"
    text = "Tide Forcing streams video. Tide Forcing reaches 20 fps on one H100."
    assert document_system(None, page, text, lex) == (None, "unknown")
    assert resolve("It reaches 20 fps on one H100.", None, page, lex, text).mention == "Tide Forcing"
    post = "https://raw.githubusercontent.com/some-lab/some-lab.github.io/0a1b/content/blogs/tide/index.md"
    text = "We made generation fast. It reaches 20 fps on one H100."
    assert resolve("It reaches 20 fps on one H100.", None, post, lex, text).mention != "some-lab"


def test_systems_a_title_head_and_a_results_row_name_their_systems(lex):
    from liveaudit.classifier.document_system import document_system

    text = "Our model animates a face in real time."
    src = "https://raw.githubusercontent.com/some-org/quill-talkinghead/0a1b/README.md"
    title = "Quill: Motion-Space Diffusion for Realtime Talking Heads"
    assert document_system(title, src, text, lex) == (None, "unknown")
    assert resolve("It runs in real time.", title, src, lex, text).mention == "Quill"
    # a results row's first cell names a system the registry lacks; "Ours" and the page's variants do not
    row = "Method: NOVA-X; Total Score: 80.1; Params: 0.6B; FPS: 0.88"
    assert resolve(row, title, src, lex, text).mention == "NOVA-X"
    assert resolve("Method: Ours; FPS: 23.1", title, src, lex, text).mention == "Quill"
    assert resolve("Configuration: Quill_3; Time(s): 14", title, src, lex, text).mention == "Quill"
    assert resolve("Configuration: Wan-X Official; Time(s): 366", title, src, lex, text).mention == "Wan-X"


def test_systems_a_release_number_is_the_project_and_a_tagline_is_no_name(lex):
    src = "https://raw.githubusercontent.com/someone/Quill-Cam/0a1b/README.md"
    text = "Quill-Cam swaps faces in real time."
    assert resolve("Everything is in real time.", "Quill-Cam 2.1.6", src, lex, text).mention == "Quill-Cam"
    src = "https://raw.githubusercontent.com/someone/DuoTalk/0a1b/README.md"
    title = "Let Them Speak: Audio-Driven Multi-Person Video"
    assert resolve("It runs fast.", title, src, lex, "DuoTalk makes videos.").mention != "Let Them Speak"


def test_systems_a_method_the_page_supports_is_the_pages_speed_up(lex):
    # a page that adds a cache or a distilled LoRA speaks of its own system, sped up by it
    page = ("FramePack", "https://github.com/lllyasviel/FramePack")
    for sentence in (
        "We now support teacache, giving roughly 3x faster sampling.",
        "Added TeaCache support for quicker generations.",
        "With the lightx2v LoRA acceleration only 4 steps are needed.",
    ):
        assert resolve(sentence, *page, lex).system == "FramePack", sentence
    # a page the registry does not know keeps its own name as written
    r = resolve("We support TeaCache, about 2x faster.", "Zebra-Video", "https://github.com/someone/Zebra-Video", lex)
    assert (r.system, r.mention) == (None, "Zebra-Video")
    # the method as the sentence's subject is still the method's claim
    assert resolve("TeaCache gives a 2x speed-up on Wan2.1.", *page, lex).system == "TeaCache"


def test_systems_an_upper_case_suffix_makes_another_name_and_docs_pages_their_titles_product(lex):
    from liveaudit.classifier.document_system import document_name, document_system

    # "SVG-EAR" is a method of its own, not Sparse VideoGen ("SVG")
    assert resolve("SVG-EAR reaches a 1.9x speedup.", None, None, lex).system != "Sparse VideoGen"
    assert resolve("SVG reaches a 1.9x speedup.", None, None, lex).system == "Sparse VideoGen"
    # a docs page inside a repository names the product in its title, not the repository
    page = ("Speeding Up Zeta Render 3.1", "https://raw.githubusercontent.com/acme/cookbook/0123abc/docs/speed.md")
    assert document_system(*page, "", lex) == (None, "unknown")
    assert document_name(*page, "", lex) == "Zeta Render 3.1"
    # a root README still names its repository
    readme = ("Speeding Up Zeta Render 3.1", "https://raw.githubusercontent.com/acme/zeta/0123abc/README.md")
    assert document_name(*readme, "", lex) == "zeta"


def test_systems_a_repository_named_after_a_registered_system_is_a_derivative(lex):
    from liveaudit.classifier.document_system import document_name, document_system

    fork = (None, "https://raw.githubusercontent.com/someone/LongLive-Faster/0123abc/README.md")
    assert document_system(*fork, "Our fork trims latency.", lex) == (None, "derived")
    assert document_name(*fork, "Our fork trims latency.", lex) == "LongLive-Faster"
    r = resolve("Steady state: 700 ms -> 560 ms.", *fork, lex, doc_text="Our fork trims latency.")
    assert (r.system, r.mention, r.how) == (None, "LongLive-Faster", "derived")
    # the registered project's own repository is still the system
    own = (None, "https://raw.githubusercontent.com/NVlabs/LongLive/0123abc/README.md")
    assert document_system(*own, "", lex)[0] == "LongLive"
    # a title whose registered name and the word after it spell the repository: that derivative
    titled = ("Mirage Hello: launch notes", "https://raw.githubusercontent.com/someone/mirage-hello/0a/NOTES.md")
    assert document_system(*titled, "", lex) == (None, "derived")
    assert document_name(*titled, "", lex) == "Mirage Hello"
    assert document_system("Mirage Hello: launch notes", None, "", lex)[0] == "MirageLSD"  # no repository to spell


def test_systems_a_project_page_repository_names_its_project():
    from liveaudit.classifier.document_system import _repo_name

    assert (
        _repo_name("https://raw.githubusercontent.com/someone/Zebra-Video-project-page/abc/index.html") == "Zebra-Video"
    )
    assert _repo_name("https://raw.githubusercontent.com/someone/zebra-page/abc/index.html") == "zebra"
    assert _repo_name("https://raw.githubusercontent.com/someone/page/abc/index.html") == "page"
