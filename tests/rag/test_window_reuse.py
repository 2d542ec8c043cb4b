"""The answerer reads the sentence-window vectors ingest stored instead of embedding the
candidate sentences again (issue 14, "No work done twice at answer time")."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rag import answering
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.retrieval import retrieve
from rag.types import Filters
from rag.windows import sentence_windows
from tests.conftest import SAMPLES

QUESTIONS = (
    "How many complaints were received between April 2023 and March 2024?",
    "How long did people wait for a care act assessment?",
    "What did CQC say about carers' assessments?",
    "How does the council learn from feedback and complaints?",
    "Who leads adult social care?",
)


class CountingEmbedder(HashingEmbedder):
    """Counts the texts embedded other than questions."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._query = False

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        if not self._query:
            self.texts.extend(texts)
        return super().embed(texts, batch_size=batch_size)

    def embed_query(self, text: str) -> np.ndarray:
        self._query = True
        try:
            return super().embed_query(text)
        finally:
            self._query = False


def _assistant(tmp_path: Path, real_report: Path) -> tuple[Assistant, CountingEmbedder]:
    embedder = CountingEmbedder()
    assistant = Assistant(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    outcomes = assistant.ingest([real_report, SAMPLES / "northmere.md", SAMPLES / "southbay.md"])
    assert all(o.ok for o in outcomes)
    embedder.texts.clear()
    return assistant, embedder


def test_every_candidate_sentence_is_a_stored_window(tmp_path: Path, real_report: Path) -> None:
    """What the answerer scores a sentence by (the sentence with its context) is one of the
    windows ingest embedded for that chunk: the two are cut the same way."""
    assistant, _ = _assistant(tmp_path, real_report)
    index = assistant.index
    checked = 0
    for question in QUESTIONS:
        vector = assistant.embedder.embed_query(question)
        passages = retrieve(
            question, vector, index=index, filters=Filters(), settings=assistant.settings.retrieval
        )
        for c in answering.candidates(passages, assistant.read(question)):
            window = f"{c.context} {c.text}".strip()
            assert window in sentence_windows(c.passage.record.text), window
            checked += 1
    assert checked > 20


def test_asking_embeds_only_the_question(tmp_path: Path, real_report: Path) -> None:
    assistant, embedder = _assistant(tmp_path, real_report)
    answered = 0
    for question in QUESTIONS:
        answer = assistant.ask(question)
        answered += not answer.abstained
    assert answered >= 2  # the candidates were scored, not skipped
    assert embedder.texts == []


def test_a_stored_window_is_the_embedding_of_its_text(tmp_path: Path, real_report: Path) -> None:
    """The looked-up vector equals embedding the window now (float16 storage aside), so
    support scores do not change by reading instead of embedding."""
    assistant, embedder = _assistant(tmp_path, real_report)
    records = assistant.index.records[::7]
    keys = [(r.chunk_id, w) for r in records for w in sentence_windows(r.text)]
    found = assistant.index.window_vectors(keys)
    assert all(v is not None for v in found)
    fresh = embedder.embed([w for _, w in keys])
    got = np.stack([np.asarray(v) for v in found])
    assert np.allclose(got, fresh, atol=2e-3)


def test_a_window_not_stored_is_embedded(tmp_path: Path, real_report: Path) -> None:
    assistant, embedder = _assistant(tmp_path, real_report)
    record = assistant.index.records[3]
    stored = sentence_windows(record.text)[0]
    other = "A sentence no report holds, about something else entirely."
    keys = [(record.chunk_id, stored), (record.chunk_id, other), ("no-such-chunk", stored)]
    assert [v is None for v in assistant.index.window_vectors(keys)] == [False, True, True]
    vectors = assistant._window_vectors(keys)
    assert embedder.texts == [other, stored]  # only the two the index does not hold
    assert vectors.shape == (3, embedder.dim)
    assert np.allclose(vectors, embedder.embed([stored, other, stored]), atol=2e-3)


def test_rank_candidates_scores_by_the_vectors_it_is_given() -> None:
    """Support is half the cosine of the given window vector, half the lexical score; the
    keys asked for are (chunk id, sentence with its context)."""
    from rag.types import ChunkRecord, Passage

    text = "Waiting lists were long. The council received 220 complaints."
    record = ChunkRecord(
        chunk_id="r:h:00001",
        report="r.md",
        content_hash="h",
        authority="Testshire Council",
        theme=None,
        quality_statement=None,
        score=None,
        score_meaning=None,
        section_path=("Feedback",),
        text=text,
        embed_text=text,
        char_start=0,
        pages=(),
        position=1,
    )
    passage = Passage(1, record, 1.0)
    cands = [
        answering.Candidate(passage, 0, 24, lexical=0.2),
        answering.Candidate(passage, 25, len(text), lexical=0.4, context=text[:24]),
    ]
    asked: list[list[tuple[str, str]]] = []

    def vectors(keys: list[tuple[str, str]]) -> np.ndarray:
        asked.append(keys)
        return np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)[: len(keys)]

    ranked = answering.rank_candidates(cands, np.array([0.0, 1.0], dtype=np.float32), vectors)
    assert asked == [[("r:h:00001", text), ("r:h:00001", text[:24])]]
    # the lexically better sentence was asked for first; the other's vector is the
    # question's, so it wins on meaning
    assert [c.start for c in ranked] == [0, 25]
    assert ranked[0].support == pytest.approx(0.5 * 1.0 + 0.5 * 0.2)
    assert ranked[1].support == pytest.approx(0.5 * 0.0 + 0.5 * 0.4)
