"""Fakes for the eval tests: a scripted assistant whose answers are known in advance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dataset import EvalQuestion
from rag.errors import ReportNotFound
from rag.types import Answer, ChunkRecord, Citation, Filters, Passage


def record(text: str, n: int = 0) -> ChunkRecord:
    return ChunkRecord(
        chunk_id=f"r:{n}",
        report="r.md",
        content_hash="h",
        authority="Testshire Council",
        theme=None,
        quality_statement=None,
        score=None,
        score_meaning=None,
        section_path=("Section",),
        text=text,
        embed_text=text,
        char_start=0,
        pages=(),
        position=n,
    )


class ScriptedAssistant:
    """Answers answerable questions with their first gold quote at rank 1; abstains on the
    rest. Questions whose id is in `wrong` get an unrelated passage; `fail` raises."""

    fingerprint = "scripted"

    def __init__(
        self,
        questions: list[EvalQuestion],
        *,
        wrong: set[str] = frozenset(),
        fail: set[str] = frozenset(),
    ) -> None:  # type: ignore[assignment]
        self.by_text = {q.question: q for q in questions}
        self.wrong, self.fail = wrong, fail
        self.calls: list[tuple[str, Filters | None, int | None]] = []

    def ask(self, question: str, *, filters: Filters | None = None, k: int | None = None) -> Answer:
        self.calls.append((question, filters, k))
        q = self.by_text[question]
        if q.id in self.fail:
            raise ReportNotFound(f"No indexed report is about {q.filters.authority!r}.")
        if not q.answerable:
            return Answer(
                question,
                "The indexed reports do not appear to answer this question.",
                True,
                (),
                (Passage(1, record("Unrelated text."), 0.1),),
                {"retrieve": 5.0, "answer": 1.0, "total": 6.0},
                "scripted",
            )
        text = "Unrelated text." if q.id in self.wrong else f"It says {q.gold_quotes[0]}, in full."
        rec = record(text)
        return Answer(
            question,
            f"{text} [1]",
            False,
            (Citation(1, rec, text, 0),),
            (Passage(1, rec, 0.9),),
            {"retrieve": 10.0, "answer": 2.0, "total": 12.0},
            "scripted",
        )


def questions_file(tmp_path: Path, n_answerable: int = 4, n_unanswerable: int = 2) -> Path:
    rows = [
        {
            "id": f"a{i}",
            "question": f"How many things in case {i}?",
            "answerable": True,
            "gold_quotes": [f"there were {100 + i} things"],
            "facts": [str(100 + i)],
            "filters": {"authority": "Testshire Council"} if i == 0 else {},
        }
        for i in range(n_answerable)
    ]
    rows += [
        {
            "id": f"u{i}",
            "question": f"What is unknown number {i}?",
            "answerable": False,
            "gold_quotes": [],
            "facts": [],
            "filters": {},
        }
        for i in range(n_unanswerable)
    ]
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def small_set(tmp_path: Path) -> Path:
    return questions_file(tmp_path)
