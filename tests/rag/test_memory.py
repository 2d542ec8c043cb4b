"""Ingest hands freed memory back: glibc keeps what embedding and PDF parsing free unless
asked (7,048 chunks grew the ingest process by ~700 MB of freed-but-kept heap)."""

from __future__ import annotations

import ctypes.util
import sys
from pathlib import Path

import pytest

import rag.ingestion
from rag.assistant import Assistant
from rag.embedder import trim_heap
from tests.conftest import SAMPLES

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("c") is None,
    reason="malloc_trim is glibc's",
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@glibc
def test_trim_returns_fragmented_free_memory_to_the_system() -> None:
    # 64 KB blocks sit below glibc's mmap threshold, so they live on the heap; keeping
    # every tenth pins the heap so freeing the rest returns nothing by itself.
    blocks = [bytearray(64 * 1024) for _ in range(4000)]  # ~250 MB, touched (zeroed)
    kept = blocks[::10]
    del blocks
    before = _rss_mb()
    assert trim_heap() is True
    after = _rss_mb()
    assert before - after > 100, (before, after)
    assert len(kept) == 400


def test_ingest_trims_after_parsing_and_after_every_group(
    fake_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    monkeypatch.setattr(rag.ingestion, "trim_heap", lambda: events.append("trim") or True)
    monkeypatch.setattr(rag.ingestion, "_EMBED_GROUP", 20)  # several groups from two samples
    store = fake_assistant.index.store
    add = store.add
    monkeypatch.setattr(store, "add", lambda *a, **k: (events.append("add"), add(*a, **k))[1])
    outcomes = fake_assistant.ingest([SAMPLES / "northmere.md", SAMPLES / "southbay.md"])
    assert [o.status for o in outcomes] == ["indexed", "indexed"]
    groups = events.count("add")
    assert groups >= 2
    assert events == ["trim"] + ["add", "trim"] * groups
