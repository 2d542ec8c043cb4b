"""The embedder pool: one model copy per concurrent call, never one copy for two threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.embedder import HashingEmbedder
from rag.embedder_pool import EmbedderPool
from tests.conftest import SAMPLES


class Exclusive(HashingEmbedder):
    """Fails if two threads are inside one copy at once; counts how many run together."""

    running = 0
    most = 0
    guard = threading.Lock()

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        assert not self.busy, "one model copy used by two threads at once"
        self.busy = True
        with Exclusive.guard:
            Exclusive.running += 1
            Exclusive.most = max(Exclusive.most, Exclusive.running)
        time.sleep(0.02)  # long enough for the other threads to arrive
        with Exclusive.guard:
            Exclusive.running -= 1
        self.busy = False
        return super().embed(texts, batch_size=batch_size)


def test_copies_are_made_only_when_needed_and_never_shared() -> None:
    Exclusive.running = Exclusive.most = 0
    pool = EmbedderPool(Exclusive, 3)
    pool.embed(["one question at a time"])
    pool.embed(["needs one copy"])
    assert pool.loaded == 1

    errors: list[BaseException] = []

    def ask(i: int) -> None:
        try:
            for j in range(5):
                vector = pool.embed_query(f"question {i} {j}")
                assert vector.shape == (384,)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert pool.loaded == 3 and Exclusive.most == 3  # all three used at once, never more


def test_query_vectors_are_cached_across_copies() -> None:
    pool = EmbedderPool(HashingEmbedder, 2)
    first = pool.embed_query("How many complaints?")
    assert pool.embed_query("How many complaints?") is first


def test_a_pool_needs_a_model() -> None:
    with pytest.raises(ValueError, match="at least 1 model"):
        EmbedderPool(HashingEmbedder, 0)


def test_the_assistant_answers_from_several_threads(fake_assistant: Assistant) -> None:
    assert all(o.ok for o in fake_assistant.ingest([SAMPLES / "northmere.md"]))
    question = "How many compliments were received in Northmere?"
    expected = fake_assistant.ask(question).to_json()
    got: list[dict[str, object]] = []

    def ask() -> None:
        got.append(fake_assistant.ask(question).to_json())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    strip = lambda a: {k: v for k, v in a.items() if k != "timings_ms"}  # noqa: E731
    assert [strip(a) for a in got] == [strip(expected)] * 6
