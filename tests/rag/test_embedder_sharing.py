"""An upload's embedding never makes a question wait for the whole upload (issue 18, item 2).

The model is replaced by a slow fake (10 ms per text) so the timing is the lock's, not
the CPU's: a bulk call of 300 texts takes ~3 s; a question asked 0.3 s into it must be
embedded within about one batch, not after the bulk call ends.
"""

from __future__ import annotations

import threading
import time

import numpy as np

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


def embedder_with(model: SlowModel) -> SentenceTransformerEmbedder:
    embedder = SentenceTransformerEmbedder(EmbeddingSettings())
    embedder._model = model
    embedder.dim = 4
    return embedder


def test_a_question_waits_for_one_batch_not_for_the_upload() -> None:
    model = SlowModel()
    embedder = embedder_with(model)
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


def test_small_calls_are_embedded_in_one_batch() -> None:
    model = SlowModel()
    embedder_with(model).embed(["a", "bb", "ccc"], batch_size=3)
    assert model.calls == [3]
