"""Several copies of the embedding model, so several questions embed at once.

Embedding is ~95% of an answer's time (profiled over 40 evaluation questions: 241 of
252 ms in MiniLM), and torch releases the GIL while it computes, so two threads can use
two cores, but not through one model: `SentenceTransformerEmbedder` holds a lock (its
fast tokenizer raises "Already borrowed" when two threads use it at once). The pool hands
each call a model of its own, borrowed for that call and given back; copies are loaded
only when every existing one is busy, so a CLI that asks one question at a time loads one.
Questions and answer sentences (small calls) go on to the one numpy encoder all copies
share (`rag.minilm`: stateless, no lock); the copies' torch models serve bulk calls.

Thread-safe; the query-vector cache is shared by all copies under one lock. It does not
set torch's thread count (the caller does: one thread per copy serves best when all
copies are busy, see ui/cli.py).
"""

from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from rag.embedder import Embedder


class EmbedderPool:
    def __init__(self, make: Callable[[], Embedder], size: int, *, query_cache: int = 512) -> None:
        if size < 1:
            raise ValueError(f"An embedder pool needs at least 1 model, not {size}.")
        self._make = make
        self._size = size
        self._idle: queue.SimpleQueue[Embedder] = queue.SimpleQueue()
        self._made: list[Embedder] = []
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = query_cache
        first = self._borrow_new()
        self.name, self.dim = first.name, first.dim
        self._idle.put(first)

    @classmethod
    def for_settings(cls, settings: Any) -> EmbedderPool:
        """settings.workers copies of the configured sentence-transformers model."""
        from rag.embedder import SentenceTransformerEmbedder

        return cls(
            lambda: SentenceTransformerEmbedder(settings.embedding, query_cache=0),
            settings.workers,
        )

    @property
    def loaded(self) -> int:
        """Copies made so far (at most the pool's size)."""
        return len(self._made)

    def _borrow_new(self) -> Embedder:
        model = self._make()
        with self._lock:
            self._made.append(model)
        return model

    @contextmanager
    def _model(self) -> Iterator[Embedder]:
        try:
            model = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                room = len(self._made) < self._size
                if room:
                    self._made.append(None)  # type: ignore[arg-type]  # reserve the slot
            if room:
                model = self._make()
                with self._lock:
                    self._made[self._made.index(None)] = model  # type: ignore[arg-type]
            else:
                model = self._idle.get()  # all copies busy: wait for one
        try:
            yield model
        finally:
            self._idle.put(model)

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        with self._model() as model:
            vectors = model.embed(texts, batch_size=batch_size)
        self.dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else self.dim
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vector = self.embed([text])[0]
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    def count_word_pieces(self, text: str) -> int:
        with self._model() as model:
            return model.count_word_pieces(text)

    def __getattr__(self, name: str) -> object:
        # What the first copy knows besides the protocol (e.g. `bf16`), for reports.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._made[0], name)
