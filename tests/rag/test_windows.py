"""Sentence windows: what dense search matches, and a chunk scoring as its best window."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.types import Filters
from rag.windows import best_per_record, embed_windows, sentence_windows, stack
from tests.conftest import SAMPLES


def test_each_sentence_comes_with_the_one_before_it_in_its_paragraph() -> None:
    text = (
        "Carers waited 12 weeks. Ok. The council cut this to 4 weeks in 2024. It held.\n\n"
        "Reviews were late. The backlog was 300 reviews."
    )
    assert sentence_windows(text) == [
        "Carers waited 12 weeks.",
        # "Ok." is too short to stand alone, not to be what the next sentence follows;
        # a new paragraph starts without the last one's sentence
        "Ok. The council cut this to 4 weeks in 2024.",
        "Reviews were late.",
        "Reviews were late. The backlog was 300 reviews.",
    ]


def test_a_text_without_a_whole_sentence_is_one_window() -> None:
    assert sentence_windows("Score: 2") == ["Score: 2"]


def test_best_per_record_is_each_groups_maximum() -> None:
    rng = np.random.default_rng(3)
    groups = [rng.normal(size=(n, 4)).astype(np.float32) for n in (1, 5, 2, 7)]
    windows, starts = stack(groups)
    assert starts.tolist() == [0, 1, 6, 8] and windows.shape == (15, 4)
    query = rng.normal(size=4).astype(np.float32)
    expected = [float((g @ query).max()) for g in groups]
    assert best_per_record(windows @ query, starts) == pytest.approx(expected)


def test_stack_refuses_a_record_without_windows() -> None:
    with pytest.raises(ValueError, match="at least one window"):
        stack([np.ones((2, 3)), np.zeros((0, 3))])


def test_embed_windows_gives_each_record_its_own_windows(tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    assistant = Assistant(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    assistant.ingest([SAMPLES / "southbay.md"])
    records = assistant.index.records[:6]
    per_record = embed_windows(records, embedder, batch_size=4)
    for record, vectors in zip(records, per_record, strict=True):
        assert np.allclose(vectors, embedder.embed(sentence_windows(record.text)))


def test_a_chunk_scores_as_its_best_window_through_the_store(tmp_path: Path) -> None:
    """Ingest, store (Chroma, float16) and reload: every chunk's dense similarity is the
    best cosine over its own windows, not the cosine of one vector for the whole chunk."""
    embedder = HashingEmbedder()
    assistant = Assistant(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    assistant.ingest([SAMPLES / "northmere.md"])
    index = assistant.index
    query = embedder.embed_query("How long did financial assessments take on average?")
    got = dict(index.dense(query, len(index.records), Filters()))
    assert len(got) == len(index.records)
    several = 0  # chunks where the best window and a whole-chunk vector can differ
    for record in index.records:
        windows = sentence_windows(record.text)
        best = float((embedder.embed(windows) @ query).max())
        assert got[record.chunk_id] == pytest.approx(best, abs=2e-3)
        several += len(windows) > 1
    assert several > len(index.records) // 2


def test_the_cached_windows_equal_the_stores(tmp_path: Path) -> None:
    """The cache keeps windows as float16, as the store does: a process that loads the
    cache sees exactly what one that rebuilds from the store sees."""
    data = tmp_path / "data"
    Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).ingest([SAMPLES / "southbay.md"])
    assert any((data / "cache").iterdir())
    cached = Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).index
    assert cached.refresh() and cached.records
    shutil.rmtree(data / "cache")
    rebuilt = Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).index
    assert rebuilt.refresh()
    assert len(rebuilt.records) == len(cached.records)
    assert cached.view.windows.dtype == rebuilt.view.windows.dtype == np.float32
    assert np.array_equal(cached.view.windows, rebuilt.view.windows)
    assert np.array_equal(cached.view.starts, rebuilt.view.starts)


def test_a_cache_whose_windows_do_not_match_its_records_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).ingest([SAMPLES / "southbay.md"])
    for saved in (data / "cache").glob("*/*/windows.npy"):
        np.save(saved, np.load(saved)[:3])  # fewer windows than the records' starts point at
    index = Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).index
    assert index.refresh() and index.records
    assert int(index.view.starts[-1]) < len(index.view.windows)
    got = index.dense(index.view.windows[-1], 1, Filters())
    assert got and got[0][1] == pytest.approx(1.0, abs=1e-3)
    # the damaged cache was replaced by the rebuild's, so the next start loads it
    (saved,) = (data / "cache").glob(f"*/{index.generation}/windows.npy")
    assert len(np.load(saved)) == len(index.view.windows)
