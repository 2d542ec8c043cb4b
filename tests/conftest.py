"""Shared fixtures: the real report beside the project, our own samples, and fakes.

The real report is read from ../shared/reports (never copied into the project); tests
that need it skip with a reason when it is absent. Unit tests use the deterministic
fakes (HashingEmbedder, MemoryStore); the tests marked `slow` use the real model.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault(
    "CQC_RAG_DATA_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "cqc-rag-tests-unused")
)

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.store import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample_reports"
# The documented JSON of an answer (README "JSON output"): the keys every answer has, and
# every citation's keys. The CLI, the UI's API and the evaluation results all promise them.
ANSWER_KEYS = frozenset(
    {"question", "answer", "abstained", "citations", "passages", "timings_ms", "index_fingerprint"}
)
CITATION_KEYS = frozenset(
    {
        "n",
        "chunk_id",
        "report",
        "authority",
        "quality_statement",
        "score",
        "section_path",
        "quote",
        "text",
        "page",
        "char_start",
        "char_end",
    }
)
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
REAL_REPORT = SHARED_REPORTS / "000_9cb2d3eb327cb64a.txt"


@pytest.fixture
def real_report() -> Path:
    if not REAL_REPORT.exists():
        pytest.skip(
            f"the real report is not at {REAL_REPORT} (../shared/reports beside the project)"
        )
    return REAL_REPORT


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


class CountingEmbedder(HashingEmbedder):
    """HashingEmbedder that counts the texts it embedded (to prove no re-embedding)."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed(self, texts, *, batch_size: int = 32):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return super().embed(texts, batch_size=batch_size)


@pytest.fixture
def fake_assistant(settings: Settings) -> Assistant:
    return Assistant(settings, embedder=CountingEmbedder(), store=MemoryStore())
