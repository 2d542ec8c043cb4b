"""A cached keyword index is only used with the analyser it was built with."""

import json
from pathlib import Path

import pytest

from rag import analysis
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.types import Filters
from tests.conftest import SAMPLES


def test_a_keyword_index_from_another_stemmer_release_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a PyStemmer upgrade the saved BM25 terms no longer match the query's terms
    ("added" stems to "ad" in 2.2 and "add" in 3.1): the cache is rebuilt from the store."""
    data = tmp_path / "data"
    Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).ingest([SAMPLES / "southbay.md"])
    monkeypatch.setattr(analysis, "ANALYSER", "terms-1/snowball-0.0")
    index = Assistant(Settings(data_dir=data), embedder=HashingEmbedder()).index
    assert index.refresh() and index.records
    (saved,) = (data / "cache").glob(f"*/{index.generation}/bm25/idf.json")
    # rebuilt, and saved again for the next start
    assert json.loads(saved.read_text())["analyser"] == "terms-1/snowball-0.0"
    assert index.keyword.search("carers assessments", 3, index.mask(Filters()))
