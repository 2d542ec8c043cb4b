"""all-MiniLM-L6-v2 in numpy: the query path's embedder, without torch or transformers.

A cold `cqc-rag ask` embeds one question and a few answer sentences, yet importing
sentence-transformers (torch, then transformers' model machinery) cost ~3.7 s of a 10 s
start; `from transformers import BertModel` alone costs as much, so loading the weights
"through transformers" would not help. The model is a 6-layer BERT (384 wide, 12 heads):
its forward pass is a dozen matrix products per layer, which numpy's BLAS runs at about
torch's fp32 speed, and the Rust `tokenizers` package reads the same tokenizer.json the
fast tokenizer does. numpy, `tokenizers` and `safetensors` import in ~0.3 s.

What sentence-transformers does for this model, step by step (modules.json:
Transformer, Pooling, Normalize): word pieces with [CLS]/[SEP], truncated to
max_seq_length (sentence_bert_config.json, 256) and padded to the longest text of the
batch; BERT (embeddings + LayerNorm, then per layer self-attention, residual + LayerNorm,
GELU feed-forward, residual + LayerNorm); the mean of the token vectors under the
attention mask; L2 normalisation. tests/rag/test_minilm.py holds the vectors to
sentence-transformers' within 1e-5.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import ConfigError

# erf for float32 as Eigen and XLA compute it (a rational function of x on [-4, 4], where
# erf reaches ±1 in float32): numpy has none, and scipy.special costs an import. Within
# 2e-7 of math.erf over the whole line (tests/rag/test_minilm.py checks it).
_ERF_ALPHA = (
    -2.72614225801306e-10,
    2.77068142495902e-08,
    -2.10102402082508e-06,
    -5.69250639462346e-05,
    -7.34990630326855e-04,
    -2.95459980854025e-03,
    -1.60960333262415e-02,
)
_ERF_BETA = (
    -1.45660718464996e-05,
    -2.13374055278905e-04,
    -1.68282697438203e-03,
    -7.37332916720468e-03,
    -1.42647390514189e-02,
)


def erf(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, -4.0, 4.0)
    x2 = x * x
    p = np.full_like(x, _ERF_ALPHA[0])
    for c in _ERF_ALPHA[1:]:
        p = p * x2 + c
    q = np.full_like(x, _ERF_BETA[0])
    for c in _ERF_BETA[1:]:
        q = q * x2 + c
    return np.asarray(x * p / q, dtype=x.dtype)


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x) (config.json "gelu", not the tanh approximation)."""
    return np.asarray(0.5 * x * (1.0 + erf(x * np.float32(1 / math.sqrt(2)))), dtype=x.dtype)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return np.asarray(centred / np.sqrt(var + np.float32(eps)) * weight + bias, dtype=np.float32)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}. Reinstall the model folder.") from exc
    return data if isinstance(data, dict) else {}


class MiniLM:
    """A BERT sentence encoder (mean pooling, unit vectors) from a sentence-transformers folder."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from threadpoolctl import threadpool_limits
        from tokenizers import Tokenizer

        # numpy's OpenBLAS, on one thread for the whole process. Its idle threads spin, and
        # a question is too small to share: one question's vector took 204 ms on 2 threads
        # with a neighbour busy, 16 ms on one. (An environment variable would come too late
        # wherever numpy was imported first; torch's threads are its own, set by
        # CQC_RAG_EMBEDDING__THREADS.)
        threadpool_limits(limits=1, user_api="blas")

        missing = [
            name
            for name in ("config.json", "model.safetensors", "tokenizer.json")
            if not (folder / name).exists()
        ]
        if missing:
            raise ConfigError(
                f"{folder} has no {', '.join(missing)}: the numpy encoder reads a BERT "
                "sentence-transformers folder (e.g. all-MiniLM-L6-v2)."
            )
        config = _read_json(folder / "config.json")
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise ConfigError(
                f"{folder} holds a {config.get('model_type')!r} model with "
                f"{config.get('hidden_act')!r} activation; the numpy encoder runs BERT with "
                "GELU (e.g. all-MiniLM-L6-v2); rag.embedder runs other models through "
                "sentence-transformers."
            )
        pooling = _read_json(folder / "1_Pooling" / "config.json")
        if not pooling.get("pooling_mode_mean_tokens", True):
            raise ConfigError(f"{folder}: the numpy encoder does mean pooling only.")
        st_config = folder / "sentence_bert_config.json"
        self.max_tokens = int(
            (_read_json(st_config) if st_config.exists() else {}).get("max_seq_length", 512)
        )
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.dim = int(config["hidden_size"])
        self.normalize = "2_Normalize" in (folder / "modules.json").read_text(encoding="utf-8")
        weights = load_file(str(folder / "model.safetensors"))
        self._w = {k.removeprefix("bert."): v for k, v in weights.items()}
        # Linear layers store (out, in); transpose once so each product is x @ W.
        for key in list(self._w):
            if key.endswith(".weight") and self._w[key].ndim == 2 and "embeddings" not in key:
                self._w[key] = np.ascontiguousarray(self._w[key].T)
        # tokenizer.json carries padding and truncation to 128 from its export; the
        # encoder pads per batch and truncates at max_seq_length, as sentence-transformers
        # does, and the counter reads whole texts.
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        self.counter = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.counter.no_padding()
        self.counter.no_truncation()

    def count(self, text: str) -> int:
        """Word pieces in `text`, without [CLS]/[SEP] and untruncated."""
        return len(self.counter.encode(text, add_special_tokens=False).ids)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text: mean-pooled (and, as the model says, unit-length) float32 vectors."""
        encodings = self.tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.float32)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1.0
        hidden = self._forward(ids, mask)
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        if self.normalize:
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.maximum(norms, np.float32(1e-12))
        return np.asarray(pooled, dtype=np.float32)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, eps = self._w, self.eps
        batch, width = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:width][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        head = self.dim // self.heads
        scale = np.float32(1 / math.sqrt(head))
        # Padded positions get the most negative float32 before the softmax, as BERT does.
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def linear(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # 2-D products: numpy hands those to BLAS, stacked 3-D ones it may loop over.
                flat = v.reshape(-1, v.shape[-1]) @ w[p + name + ".weight"]
                return np.asarray(flat + w[p + name + ".bias"]).reshape(*v.shape[:-1], -1)

            def split(v: np.ndarray, order: tuple[int, ...] = (0, 2, 1, 3)) -> np.ndarray:
                shaped = v.reshape(batch, width, self.heads, head).transpose(order)
                return np.ascontiguousarray(shaped)

            q = split(linear(x, "attention.self.query"))
            k = split(linear(x, "attention.self.key"), (0, 2, 3, 1))  # keys transposed
            v = split(linear(x, "attention.self.value"))
            scores = (q @ k) * scale + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, self.dim)
            x = _layer_norm(
                linear(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                eps,
            )
            inner = gelu(linear(x, "intermediate.dense"))
            x = _layer_norm(
                linear(inner, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                eps,
            )
        return x
