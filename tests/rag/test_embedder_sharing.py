"""An upload's embedding never makes a question wait for the whole upload (issue 18, item 2).

The model is replaced by a slow fake (10 ms per text) so the timing is the lock's, not
the CPU's: a bulk call of 300 texts takes ~3 s; a question asked 0.3 s into it must be
embedded within about one batch, not after the bulk call ends. Both ways a question is
embedded are checked: by the numpy encoder (its own engine, no lock) and, where the model
folder is not one it runs, by sentence-transformers between the upload's batches.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from rag.config import EmbeddingSettings
from rag.embedder import SentenceTransformerEmbedder


class SlowModel:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        self.calls.append(len(texts))
        time.sleep(0.01 * len(texts))
        out = np.zeros((len(texts), 4), dtype=np.float32)
        out[:, 0] = [len(t) for t in texts]  # row i belongs to text i: order is checked
        return out


def embedder_with(model: SlowModel, small: SlowModel | None = None) -> SentenceTransformerEmbedder:
    embedder = SentenceTransformerEmbedder(EmbeddingSettings())
    embedder._model = model
    if small is None:
        embedder._small_failed = True  # e.g. a non-BERT folder: one engine for every call
    else:
        embedder._small = small
    embedder.dim = 4
    return embedder


@pytest.mark.parametrize("numpy_engine", [True, False], ids=["numpy-query", "one-engine"])
def test_a_question_waits_for_one_batch_not_for_the_upload(numpy_engine: bool) -> None:
    model, small = SlowModel(), SlowModel()
    embedder = embedder_with(model, small if numpy_engine else None)
    texts = ["x" * (i % 37 + 1) for i in range(300)]
    result: list[np.ndarray] = []
    upload = threading.Thread(target=lambda: result.append(embedder.embed(texts, batch_size=16)))
    upload.start()
    time.sleep(0.3)
    started = time.perf_counter()
    embedder.embed_query("How many complaints were received?")
    waited = time.perf_counter() - started
    upload.join()
    assert waited < 1.0, f"the question waited {waited:.2f} s for the upload's embedding"
    assert max(model.calls) <= 16  # never one call over the whole upload
    assert list(result[0][:, 0]) == [len(t) for t in texts]  # vectors in the texts' order
    assert small.calls == ([1] if numpy_engine else [])  # the question's own engine


def test_small_calls_are_embedded_in_one_batch() -> None:
    model, small = SlowModel(), SlowModel()
    embedder_with(model).embed(["a", "bb", "ccc"], batch_size=3)
    assert model.calls == [3]
    vectors = embedder_with(model, small).embed(["a", "bb", "ccc"], batch_size=3)
    assert small.calls == [3] and model.calls == [3]  # the numpy engine took it, whole
    assert list(vectors[:, 0]) == [1, 2, 3]
