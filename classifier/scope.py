"""Sense and scope: which liveness words and figures are not about generation speed.

Two layers, both rules read off the real documents of the dev split (data/labels/real)
and the hard negatives of data/labels (LABELING.md "Is it a claim at all"):

`NEGATING` (term level, used by the rule component): a liveness word inside one of
these is in another sense or negated, so it does not make a candidate: a demo, UI,
server or event ("Real-Time Img2Img Demo"), "interactive" as a genre ("an interactive
world model"), a table cell marked false ("Real-time: ❌"), on-the-fly conversion,
"lacks real-time interaction", the field's needs ("to meet real-time demand").

`out_of_scope(...)` (sentence level, used before the kind model): instructions, CLI
flags and install lines, notes and tips, citations, statements about prior work or
the field, output specs (fps or a length of the video, no speed), steps with no
word of speed. A vetoed sentence is kind none and never reaches a model.
"""

from __future__ import annotations

import re

from liveaudit.classifier.scope_orders import ADVICE, FLAG, INSTRUCTION, PURPOSE
from liveaudit.classifier.scope_spec import (
    audio_format,
    frame_rate_multiple,
    operation_row,
    output_spec,
    price,
    warm_up,
)

_TERM = r"(?:real[- ]?time|realtime|interactive(?:ly)?|live|streaming|instant(?:ly)?|low[- ]latency|on[- ]the[- ]fly)"
NEGATING = re.compile(
    "|".join(
        (
            # a demo, UI, server, event or app named by a liveness word
            rf"\b{_TERM}\s+(?:[\w/+-]+\s+){{0,2}}?(?:demos?|ui|gui|webui|interfaces?|playgrounds?|notebooks?|colab|spaces?|events?|"
            r"webcam|camera feed|feed|sessions?|server|apps?|depth mapping|video sharing|benchmark)\b",
            # a path or a project name that holds the word ("demo/realtime-img2img", "Real-Time-Latent-Consistency")
            r"(?:[\w.-]+/)+[\w.-]+",
            rf"\b{_TERM}(?:-[A-Z][\w]*)+",
            # "interactive" as a genre or a field, not a speed
            r"\binteractive(?:,?\s+(?:and\s+)?[\w-]+){0,3}?,?\s+(?:world|game|gaming|3d|environments?|applications?|control|editing|ui|object|segmentation|"
            r"experiences?|entertainment|storytelling|media|content|avatar creation)\b",
            r"\b(?:field|area|research)\s+of\s+interactive\b",
            r"\binteractive\s*[\u2705\u2714]",
            # a table cell marked false, a negation or a lack before the word
            rf"\b{_TERM}\s*:?\s*[\u274c\u2718\u2717\u00d7]",
            rf"\b(?:not|no|lack\w*|cannot|can't|never|unable to|far from|struggles?\s+(?:in|with|to)|fails?\s+to|"
            rf"impossible)\s+(?:[\w-]+\s+){{0,2}}?{_TERM}",
            # on-the-fly / instant in a non-generation sense
            r"\b(?:conver\w+|downcast\w*|quantiz\w+|dequantiz\w+|load\w*|compil\w+|cast\w*)\b[^.;]{0,40}\bon[- ]the[- ]fly\b",
            r"\bon[- ]the[- ]fly\s+(?:conversion|quantization|casting|compilation|loading|downcast\w*)\b",
            r"\b(?:usually|approval|access|download)\s+(?:is\s+)?instant\w*",
            # the field's needs, not a system's speed
            rf"\b(?:meet|meets|meeting|demands?\s+of|requirements?\s+of)\s+(?:the\s+)?(?:\w+\s+)?{_TERM}",
            r"\bbenchmark\s+for\s+real[- ]?time\b",
            r"\bstreams\s+(?:of|in|from|move|across|into|down|out)\b|\b(?:flowing|liquid|light|water|river|mountain)\s+streams?\b",
            r"\binstantly\s+(?:begins?|turns?|becomes?|transforms?|freezes?|changes?|shatters?|bursts?|appears?)\b",
            # a prompt's scene ("the water instantly crystallizes"), not a system answering at once
            r"\binstantly\s+(?!(?:generat|render|respond|produc|stream|return|deliver|creat|updat|react)\w*)[a-z]+(?:s|es)\b",
            rf"\b(?:training|evaluation)\s+(?:framework|code|recipe|data)\s+for\s+{_TERM}",
            r"\bstreaming\s+(?:long\s+tuning|vae|encode|server|protocol|platforms?|multi-?processors?)\b",
            # weights, blocks or data moved between devices, CUDA streams, network transport: not generation
            r"\b(?:block|weights?|layer|host|memory|pcie|data|webrtc|rtmp|hls|network|cpu\s*(?:\u2192|->|to)\s*gpu)\s+streaming\b",
            r"\blive\s+portrait\b",  # LivePortrait, spelled apart
            r"\bstreaming\s+(?:weights?|blocks?|layers?|copies)\b|\bstreams?\s+(?:[\w-]+\s+){0,2}?weights\b",
            r"\b(?:compute|cuda|background|separate|dedicated|multiple|two|side)\s+streams?\b",
            r"\binteractive\s+(?:mode|shell|session|sampling run|base model|installations?)\b|\bfor interactive sampling\b",
            # others' work: "compared with other interactive video methods"
            rf"\bother\s+{_TERM}\b",
            # a UI's progress or log shown as it happens, not generation
            rf"\b{_TERM}\s+(?:progress|logs?|logging|monitoring|metrics|stats|statistics)\b",
            # "live" the verb: "modalities live in a continuous space"
            r"\blive[sd]?\s+(?:in|on|within)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:space|manifold|domain|latent)\b",
        )
    ),
    re.I,
)

# a component or kernel benchmark, not the speed of generating video
_COMPONENT = re.compile(
    r"\b(?:gb/s|tflops|tops|kernels?|overheads?|head dim|seq(?:uence)? length|batch size|bandwidth|"
    r"k-?means|gemm|matmul|all-?reduce)\b",
    re.I,
)
# training, not generation
_TRAINING = re.compile(
    r"(?<!pre-)\b(?:train|trains|trained|training|convergence|fine-?tun\w*|data\s+(?:curation|preparation|processing|collection))\b",
    re.I,
)
# an option offered or a dependency's purpose, with no figure: a feature list, not the system's speed
_OFFERED = re.compile(
    r"\b(?:we\s+)?(?:also\s+)?provide[sd]?\s+[^.;]{0,60}?\bfor\s+(?:faster|accelerated|quicker)\b|"
    r"^\W*[\w .+-]{2,40}\s+[\u2014\u2013]\s+for\s+(?:[\w-]+\s+){0,3}?(?:faster|accelerated|efficient)\b|"
    # a dependency's purpose: "Using FlashAttention-3 can further improve inference speed"
    r"^\W*(?:using|installing|enabling)\s+[\w.+-]+(?:\s+[\w.+-]+){0,3}\s+(?:can|will|may|could)\s+(?:further\s+)?"
    r"(?:improve|boost|increase|speed up|accelerate)\b",
    re.I,
)
# "training-free", "no extra training required": said of a method's speed-up, not of training
_TRAINING_FREE = re.compile(
    r"\btraining[- ]free\b|\b(?:no|without|zero)\s+(?:any\s+)?(?:additional\s+|extra\s+|re-?)?training(?:\s+required)?\b",
    re.I,
)
# a speed word whose object is training ("to accelerate convergence", "speeds up training")
_FASTER_TRAINING = re.compile(
    r"\b(?:accelerat\w*|speeds?\s+up|faster)\s+(?:the\s+)?(?:model(?:'s)?\s+)?(?:training|convergence)\b", re.I
)
_INFERENCE = re.compile(r"\b(?:inference|sampling|real[- ]?time|realtime|latency|fps)\b", re.I)
_GENERATION = re.compile(
    r"\b(?:inferenc\w*|generat\w*|sampl\w*|render\w*|denois\w*|decod\w*|real[- ]?time|stream\w*|play(?:s|ed|able|ing)?)\b",
    re.I,
)
# another project introduced in a list ("X - X: a framework that integrates ...", "X, a lightweight framework ...")
_THIRD_PARTY = re.compile(
    r"^[\W\d_]*[\w.-]+(?:\s+v?[\d.]+)?\s+-\s+[\w.-]+\s*:|"
    r"^[\W\d_]*[\w.-]+(?:\s+[\w.-]+)?,\s+(?:a|an)\s+[^,]{0,80}?\b(?:framework|model|tool|app|library|engine|approach)\b|"
    r"\b(?:now )?(?:supports?|offers?|integrates?|includes?)\b[^.;]{0,60}\b(?:support for|acceleration for|for [\w.-]+ acceleration)\b|"
    r"^[\W\d_]*[\w.-]+ (?:now )?supports [\w.-]+[^.;]{0,40}$|"
    r"^[\W\d_]*[\w.-]+(?:\s+[\w.-]+)?\s*:\s*(?:an?|the)\s+[^.;]{0,80}?\b(?:framework|engine|library|toolkit|tool|system|platform)\b",
    re.I,
)
_CITATION = re.compile(r"^\s*@\w+\s*\{|\b(?:title|author|booktitle|journal)\s*=\s*\{", re.I)
# statements about prior work or the field
_FIELD = re.compile(
    r"^\W*with the (?:rapid\s+)?(?:advancement|advances|development|progress|rise|success) of\b|"
    r"^[\W\d_]*(?:however,?\s+)?(?:current|existing|prior|previous|traditional|conventional|most|many|recent|typical|standard|"
    r"state[- ]of[- ]the[- ]art)\s+(?:[\w-]+\s+){0,3}?(?:models|methods|approaches|systems|works|generators|pipelines|"
    r"techniques|advances)\b|\b(?:has|have) been proposed\b",
    re.I,
)
# a class of models as the subject ("autoregressive models are better suited for ...", "these models
# can ...", "X, Y and Z are examples of such models"): the field, not one system
_MODEL_CLASS = re.compile(
    r"^\W*(?:(?:while|although|though|but|however,?|consequently,?|as a result,?)\s+)?(?:these|such|(?:most\s+)?"
    r"(?:autoregressive|bidirectional|causal|diffusion|video diffusion|generative|world|few-step|multi-step))\s+"
    r"(?:\w+\s+){0,2}?models\s+(?:are|can|could|is|have|tend|remain|struggle|require|must|serve|offer)\b|"
    r"\bare (?:examples|instances) of (?:such|these)\b",
    re.I,
)
# a pointer to what follows ("Below, we present 5-second video results (24 FPS) ..."), not a finding
_POINTER = re.compile(
    r"^\W*(?:below|above|here|in the (?:table|figure|video)s? below)\s*,?\s*(?:we\s+)?"
    r"(?:show|present|demonstrate|list|compare|report|provide|include)\b",
    re.I,
)
# a hypothetical or a reader's wish, with no figure ("If generation is slower than the pace of ideation,
# ...", "you want to see the result immediately")
_HYPOTHETICAL = re.compile(
    r"^\W*(?:(?:but|and|so)\s+)?(?:if|when|unless)\s+(?!we\b|our\b)|\byou\s+(?:want|wish|need|know)\b", re.I
)
# a speed option or tool, said without a figure ("Significantly increases CPU memory usage but speeds up
# inference", "It requires TensorRT ... but it will be faster"): a tip, not the system's speed
_OPTION = re.compile(
    r"\b(?:tensorrt|fsdp|deepspeed|ulysses|xformers|flash[- ]?attn|offload\w*|cpu memory|caching strateg\w+|"
    r"presets?|stream batch|lower (?:resolutions?|settings))\b",
    re.I,
)
# usage advice about steps ("1-4 steps should work", "X requires only 4 steps")
_STEP_ADVICE = re.compile(r"\bsteps?\s+(?:should|would|will)\s+work\b|\brequires?\s+(?:only\s+)?\d+\s+steps\b", re.I)
# thanks and credits, and a hosted Space's config header ("title: ... sdk: docker pinned: false")
_CREDIT = re.compile(
    r"^\W*(?:special thanks|thanks|thank you)\s+(?:@|for\b|go(?:es)? to\b)|\bsdk\s*:\s*\w+.*\bpinned\s*:|\bif we missed\b|"
    # "We thank these projects for advancing real-time video": others' work (a promise after it still counts)
    r"^\W*we\s+(?:would like to\s+|also\s+|sincerely\s+)?(?:thank|gratefully acknowledge|are grateful)\b(?![^.]*\blook forward)",
    re.I,
)
# a label that opens a sentence ("Run inference: ..."), and what a test set-up says before its results
_LABEL = re.compile(r"^[\W\d_]*[\w.-]+(?:\s+[\w.-]+){0,2}\s*:\s*")
_TEST_SETUP = re.compile(
    r"^\W*(?:in this (?:paper|report|section|post),?\s+)?we\s+(?:\w+\s+)?(?:tested|compared|evaluated|benchmarked|measured|profiled)\b",
    re.I,
)
# a port or fork speaking of the project it copies ("The original Matrix-Game-3.0 achieves ...")
_UPSTREAM = re.compile(r"^\W*the original\s+[\w.-]+", re.I)
# number formats compared with each other ("Compared to BF16, NVFP4 offers higher throughput")
_FORMATS = re.compile(r"\b(?:compared (?:to|with)|than|versus|vs\.?)\s+(?:bf16|fp16|fp32|fp8|int8|fp4)\b", re.I)
# the field's state: "... yet their use in real-time streaming remains limited"
_FIELD_STATE = re.compile(
    r"\b(?:remains?|is still|are still)\s+(?:\w+\s+)?(?:limited|challenging|difficult|elusive|out of reach|"
    r"an? (?:open |major |key |significant )?(?:problem|challenge|question)|unsolved|underexplored|prohibitive|"
    r"(?:much\s+)?less explored)\b",
    re.I,
)
# "accelerate" said of people or a field, not of generation
_OTHER_ACCELERATE = re.compile(
    r"\baccelerat\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:community|research|exploration|development|adoption|progress|"
    r"innovation|discovery|field|ecosystem)\b",
    re.I,
)
# what training cost, whatever else the sentence says ("within 20.7k A100 GPU training hours")
# a still-image model as the subject (FLUX, Qwen-Image, HiDream, DiT on ImageNet) or a row scored with image
# metrics (GenEval, ImageReward, DrawBench): LABELING.md's scope is video, image streams and world models
_IMAGE_ONLY = re.compile(
    r"\b(?:flux(?:\.1)?(?:[- ](?:dev|schnell|kontext|pro))?|qwen-image(?:-edit)?|omnigen2?|hidream(?:-i1)?|sd3(?:\.5)?|"
    r"pixart[-\w]*|imagenet|geneval|imagerewa?r?d|drawbench|t2i-compbench|sdxl(?:-turbo)?|text-to[- ]image|"
    r"image (?:synthesis|generation))\b|\bon\s+dit\b",
    re.I,
)
_MOVING = re.compile(
    r"\b(?:videos?|hunyuan\w*|wan\s?\d|mochi|open-?sora\w*|cogvideo\w*|ltx\w*|latte|world|frames?|fps|stream\w*|"
    r"real[- ]?time|realtime|interactive|animat\w+)\b",
    re.I,
)
# memory use, not speed ("peak HBM grew about 22%", "~23GB total, CPU-resident")
_MEMORY = re.compile(
    r"\b(?:hbm|vram|gpu memory|peak memory|memory (?:usage|footprint))\b|\b\d+(?:\.\d+)?\s*gi?b\b", re.I
)
_SPEED_FIGURE_WORD = re.compile(
    r"\b(?:fps|frames/s|latency|faster|speed-?ups?|speeds?\s+up|sped\s+up|accelerat\w*|throughput|seconds?|minutes?|ms|"
    r"produc\w*|generat\w*)\b|"
    r"\d\s*(?:s|secs?|min|ms|fps)\b(?!\s+(?:workloads?|clips?|videos?))",
    re.I,
)
# the speed of something other than generating: loading, start-up, installing, compiling
_NOT_GENERATING = re.compile(
    r"\b(?:faster|quicker|speed-?ups?|accelerat\w*)\s+(?:\w+\s+)?(?:loading|load times?|start-?up|downloads?|installation|"
    r"compil\w+|tokeniz\w+)\b|\bdepending on your (?:internet|network|connection|download)\b|"
    r"\bslower\s+(?:due to|because of)\s+(?:the\s+)?compil\w+|"
    r"^\W*(?:cold start|warm-?up|health check|model load(?:ing)?|start-?up|launch|script processing)\s*:|"
    # a delivery protocol's latency ("WebRTC/WHEP: Low latency (~1s)", "HLS: higher latency")
    r"^\W*(?:webrtc|whep|whip|hls|rtmp|rtsp|dash)\b[^:;]{0,20}:\s*(?:\w+\s+)?latency\b|"
    # a set of prompts for an interactive demo ("Interactive Prompt 3"), not a speed
    r"\binteractive prompts?\b(?!\s+(?:switch|chang|updat|control))|"
    # an API reference row ("Handler: on_stream_started; Parameters: ...", "Returns: ...")
    r"^\W*(?:handler|returns?|parameters?|arguments?|signature)\s*:(?!\s*(?:speed|latency|fps|time|throughput)\b)|"
    r";\s*parameters?\s*:|"
    r"^\W*method\s*:\s*[a-z_][\w.]*\((?:[a-z_]\w*(?:,\s*[a-z_]\w*)+)?\)",  # "Method: setPrompt(prompt, enhance)"
    re.I,
)
_DELIVERY = re.compile(r"\b(?:webrtc|whip|whep|rtmp|rtsp|hls|ndi|mjpeg)\b", re.I)
_MAKING = re.compile(
    r"generat|diffusion|fps\b|frames per second|\bmodels?\b|\binference\b|transform|restyl|\bai\b|avatar|lip[- ]?sync",
    re.I,
)
_SETUP_TIME = re.compile(  # how long a download takes ("Model downloads ~2GB (5-10 minutes)")
    r"\bdownload(?:s|ing)?\b[^.;]{0,40}\b\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?(?:s|sec|seconds|min|mins|minutes|h|hours)\b",
    re.I,
)
# loading, initialising, compiling or warming up: time before generation starts ("30s faster init")
_LOAD_TIME = re.compile(
    r"^(?=.*\d\s*(?:s|sec\w*|min\w*)\b).*\b(?:model load\w*|load\w* time|initiali[sz]ation|init|one-time|"
    r"cold[- ]?(?:compile|start)|compil(?:e|ation)|first run)\b",
    re.I,
)
_FPS_WORD = re.compile(r"\bfps\b", re.I)  # a frame rate beside a compile time is the speed itself
_TRAINING_COST = re.compile(r"\b(?:gpu|training)[\s-]+(?:hours|days)\b", re.I)
# a roadmap item already done or a status row, about releasing something ("[x] Accelerated inference")
_DONE_ITEM = re.compile(r"^[\s*+-]*\[[xX]\]|\bstatus\s*:\s*[\u2705\u2714]", re.I)
_EXPLICIT_GAIN = re.compile(r"\b(?:faster|quicker|speed-?ups?|speeds? up|lower latency)\b", re.I)
_OURS = re.compile(r"\b(?:we|our|ours|us)\b", re.I)
# a reporter's or a summariser's voice: news of someone's launch, a description others give
_REPORTED = re.compile(
    r"\b(?:launch(?:es|ed)|debut(?:s|ed)|rolls? out|rolled out|unveil(?:s|ed)|(?:is|are|was|were)\s+(?:\w+\s+)?"
    r"described as|according to|(?:this|the) creator)\b",
    re.I,
)
_STEPS = re.compile(
    r"\b(?:\d+|one|two|three|four|few|single)[\s-]*(?:sampling\s+|denoising\s+|inference\s+)?steps?\b", re.I
)
_HARDWARE = re.compile(r"\b(?:[hbal]\d{2,3}|rtx|gpus?|npus?|tpus?|4090|5090|3090|geforce)\b", re.I)
_SPEED_WORD = re.compile(
    r"\b(?:only|just|few|fewer|as (?:little|few) as|distill\w*|reduc\w*|compress\w*|fast\w*|speed\w*|latency|efficien\w*|"
    r"accelerat\w*|quick\w*|faster|real[- ]?time)\b",
    re.I,
)


# a step range ("1~8 steps", "2-4 steps") is a few-step model's setting range, said as speed
_STEP_RANGE = re.compile(r"\b\d+\s*[~\u2013-]\s*\d+\s*(?:sampling\s+|denoising\s+|inference\s+)?steps\b", re.I)
_PARENS = re.compile(r"\([^()]*\)")
_LATENCY_WORD = re.compile(r"\blatenc(?:y|ies)\b", re.I)


def out_of_scope(text: str, term: bool, metric: bool, speedup: bool, figure: bool, comparison: bool) -> str | None:
    """Why the sentence cannot be a claim of generation speed, or None (the model decides)."""
    if _CITATION.search(text):
        return "citation"
    # a flag in brackets inside a timed claim stays: "(using --sequence_batch, ~1.5h on one RTX 4090)"
    # a mode's own speed-up or time stays: "--fast makes generation ~2.7x faster" (an imperative does not)
    said_of_flag = (speedup or metric) and re.match(r"^\W*--[a-z]", text) and not ADVICE.search(text)
    if (
        FLAG.search(text)
        and not said_of_flag
        and not (metric and _HARDWARE.search(text) and not FLAG.search(_PARENS.sub("", text)))
    ):
        return "instruction"
    # "Run inference: it takes ... at 40 FPS on a V100": a label before a timed statement, not an order
    labelled = metric and _HARDWARE.search(text) and not INSTRUCTION.search(_LABEL.sub("", text, count=1))
    # a run log's row, a guide's "Use case: ...; Expected time: ~40s" row
    run_row = metric and re.match(r"^\W*(?:run\s*:\s*[\w.\u2013-]{1,8}\s*;|use cases?\s*:)", text, re.I)
    if INSTRUCTION.search(text) and not PURPOSE.search(text) and not labelled and not run_row:
        return "instruction"
    if (_FIELD.search(text) or _FIELD_STATE.search(text) or _MODEL_CLASS.search(text)) and not _OURS.search(text):
        return "prior work"
    if _HYPOTHETICAL.search(text) and not figure and not _OURS.search(text):
        return "a hypothetical"
    if re.search(r"\bwe hypothesi[sz]e\b", text, re.I) and not metric:
        return "a hypothesis"
    if _UPSTREAM.search(text) and not _OURS.search(text):
        return "another project"
    if _REPORTED.search(text) and not _OURS.search(text):
        return "someone else's account"  # "Google debuts Project Genie ...", "X is described as real-time"
    if text.rstrip().endswith("?") and not metric:
        return "a question"
    if re.search(r"\b(?:at|in)\s+\d+(?:\.\d+)?\s*[x\u00d7]\s+speed\b", text, re.I):
        return "playback speed"  # a video played faster ("shown at 4x speed")
    if _OFFERED.search(text) and not (metric and _HARDWARE.search(text)) and not speedup and not term:
        return "a feature offered"  # "we also provide X inference for faster generation", "X — for faster inference"
    if not re.search(r"[A-Za-z]{3,}", text):
        return "no words"  # a timestamp or a bare number ("10-20s")
    if _TEST_SETUP.search(text) and not metric and not speedup and not term:
        return "a description of the test"
    if text.rstrip().endswith(":") and ";" not in text and not metric and not speedup and not term:
        return "a lead-in to a table or list"
    if _CREDIT.search(text):
        return "a credit"
    if _OPTION.search(text) and comparison and not metric and not speedup and not term and not _OURS.search(text):
        return "a speed option"
    if _STEP_ADVICE.search(text) and not metric and not speedup:
        return "usage advice"
    if _POINTER.search(text) and not speedup and not (metric and _HARDWARE.search(text)):
        return "a pointer to results"
    if _FORMATS.search(text) and not _HARDWARE.search(text) and not metric:
        return "component benchmark"
    if (_OTHER_ACCELERATE.search(text) and not metric) or _NOT_GENERATING.search(text):
        return "another sense"
    if _DELIVERY.search(text) and not _MAKING.search(text):
        return "delivery"  # "WHIP Streaming: frames are sent to the server over WebRTC": the transport, not generation
    loading = not term and _LOAD_TIME.search(text) and not _GENERATION.search(text)
    if (_SETUP_TIME.search(text) and not _MAKING.search(text)) or (
        (loading or warm_up(text)) and not _FPS_WORD.search(text)
    ):
        return "set-up time"  # "First run: the model downloads (5-10 minutes)", "Subsequent runs will be faster"
    if operation_row(text):
        return "component benchmark"
    if frame_rate_multiple(text):
        return "output spec"
    if _IMAGE_ONLY.search(text) and (not _MOVING.search(text) or re.search(r"\btask\s*:\s*t2i\b", text, re.I)):
        return "a still-image model"
    lengths = re.sub(
        r"\d+\s*(?:seconds?|s)\s+(?:of\s+)?(?:video|footage|clip)\b", " ", text, flags=re.I
    )  # "6 seconds of video"
    if _MEMORY.search(text) and not term and not speedup and not _SPEED_FIGURE_WORD.search(_MEMORY.sub(" ", lengths)):
        return "memory"
    if ADVICE.search(text) and not _OURS.search(text) and not metric:
        return "instruction"
    if (
        not term
        and _COMPONENT.search(text)
        and not re.search(r"\b(?:videos?|clips?|frames?|inference|end-to-end)\b|fps\b", text, re.I)
    ):
        return "component benchmark"
    if (_TRAINING.search(_TRAINING_FREE.sub(" ", text)) and not _GENERATION.search(text)) or _TRAINING_COST.search(
        text
    ):
        return "training"
    if _FASTER_TRAINING.search(text) and not metric and not _INFERENCE.search(text):
        return "training"  # "with the Muon optimizer to accelerate convergence, ... generation": training's speed
    if _DONE_ITEM.search(text) and not term and not metric and not _EXPLICIT_GAIN.search(text):
        return "a release note"
    if not term and _THIRD_PARTY.search(text) and not _OURS.search(text):
        return "another project"
    if not term and not comparison and output_spec(text) and not _HARDWARE.search(text):
        return "output spec"
    if not term and price(text):
        return "a price"  # "5 seconds: $0.10": what a clip costs, not how fast it is made
    if not term and not comparison and audio_format(text):
        return "an audio format"  # "400 ms chunks (6400 samples at 16kHz)": what the client sends
    if not term and not figure and len(text.split()) <= 4:
        return "a heading with no liveness word or figure"
    if not term and not metric and not speedup and not comparison:
        if not figure:
            return "no liveness word, figure or comparison"
        if _LATENCY_WORD.search(text) and re.search(r"[;|]", text):
            return None  # a table row under a latency header ("Method: Latency(s); 1xH800: 106")
        if not _STEPS.search(text) or not (_SPEED_WORD.search(text) or _STEP_RANGE.search(text)):
            return "no speed"  # a length, a resolution or a step count said as a setting
    return None


# an open to-do item of a README's roadmap ("- [ ] Inference acceleration") about speed
_TODO = re.compile(r"^[\s*+-]*\[\s\]\s*\S")
_COMPONENT_WORK = re.compile(r"\b(?:kernels?|operators?|cuda graphs?)\b", re.I)  # a kernel task, not the system's speed
_TODO_SPEED = re.compile(
    r"\b(?:accelerat\w*|faster|speed\w*|real[- ]?time|realtime|streaming|latency|distill\w*)\b", re.I
)


def open_todo(text: str, term: bool) -> bool:
    """An unchecked to-do item about speed: a goal, so aspirational (LABELING.md)."""
    return bool(_TODO.match(text) and (term or _TODO_SPEED.search(text)) and not _COMPONENT_WORK.search(text))
