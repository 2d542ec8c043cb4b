"""What a run produced, typed: each answer (the `ask --json` object read once), each
question's result and the run's summary. The runner writes these and the report reads them;
neither imports the other's module for them.

The runner asks through the facade and stores what `Answer.to_json()` gives (so a line in
results.jsonl is exactly what the CLI prints with --json); `AnswerRecord.from_json` reads
that object once into the fields the judge, the report and the comparisons use, and keeps
the object itself to write back unchanged. `answer_changes` compares two runs' answers
question by question (`cqc-rag eval --compare`): the text and the passages cited.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.dataset import EvalQuestion
from eval.metrics import Judged
from rag.errors import CqcRagError

METRICS = "metrics.json"


@dataclass(frozen=True, slots=True)
class Cited:
    """A passage or citation of an answer: where it comes from and its text."""

    text: str
    authority: str = ""
    report: str = ""
    quote: str = ""  # the quoted span of a citation (empty for a passage)
    section_path: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Cited:
        return cls(
            text=str(data.get("text") or ""),
            authority=str(data.get("authority") or ""),
            report=str(data.get("report") or ""),
            quote=str(data.get("quote") or ""),
            section_path=tuple(str(s) for s in data.get("section_path") or ()),
        )


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer as the runner judges and writes it."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Cited, ...]
    passages: tuple[Cited, ...]
    retrieve_ms: float
    total_ms: float
    error: str | None
    mode: str
    raw: Mapping[str, Any] = field(repr=False, compare=False)  # as asked: written back as is

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AnswerRecord:
        timings = data.get("timings_ms") or {}
        error = data.get("error")
        return cls(
            question=str(data.get("question") or ""),
            answer=str(data.get("answer") or ""),
            abstained=bool(data.get("abstained")),
            citations=tuple(Cited.from_json(c) for c in data.get("citations") or ()),
            passages=tuple(Cited.from_json(p) for p in data.get("passages") or ()),
            retrieve_ms=float(timings.get("retrieve", 0.0)),
            total_ms=float(timings.get("total", 0.0)),
            error=None if error is None else str(error),
            mode=str(data.get("mode") or ""),
            raw=dict(data),
        )

    @classmethod
    def failed(cls, question: str, error: str, total_ms: float) -> AnswerRecord:
        """A question the system refused with an error of its own (a bad filter, say)."""
        return cls.from_json(
            {
                "question": question,
                "answer": "",
                "abstained": False,
                "citations": [],
                "passages": [],
                "timings_ms": {"retrieve": 0.0, "total": total_ms},
                "error": error,
            }
        )

    @property
    def said(self) -> tuple[str, tuple[tuple[str, str], ...], bool]:
        """What a reader gets, for comparing runs: the text, what it cites, and whether it
        declined (timings and scores left out: they differ run to run)."""
        return (self.answer, tuple((c.report, c.text) for c in self.citations), self.abstained)


def read_answers(path: Path) -> dict[str, AnswerRecord]:
    """The answers in a run's results.jsonl by question id; unreadable lines are skipped."""
    out: dict[str, AnswerRecord] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            out[row["id"]] = AnswerRecord.from_json(row)
    return out


@dataclass(frozen=True, slots=True)
class AnswerChanges:
    """Two runs' answers to the same questions, compared."""

    compared: int
    changed: tuple[str, ...]  # ids whose text, citations or abstention differ
    only_here: tuple[str, ...]  # asked in this run, not in the other
    only_there: tuple[str, ...]

    def summary(self) -> str:
        same = self.compared - len(self.changed)
        line = f"Answers: {same} of {self.compared} identical to the previous run"
        if self.changed:
            line += f"; changed: {', '.join(self.changed)}"
        if self.only_here or self.only_there:
            line += (
                f"; {len(self.only_here)} question(s) only in this run, "
                f"{len(self.only_there)} only in the previous"
            )
        return line + "."


def answer_changes(
    ours: Mapping[str, AnswerRecord], theirs: Mapping[str, AnswerRecord]
) -> AnswerChanges:
    both: Sequence[str] = [i for i in ours if i in theirs]
    return AnswerChanges(
        compared=len(both),
        changed=tuple(i for i in both if ours[i].said != theirs[i].said),
        only_here=tuple(i for i in ours if i not in theirs),
        only_there=tuple(i for i in theirs if i not in ours),
    )


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question, what came back (the `ask --json` object, typed) and its score."""

    question: EvalQuestion
    answer: AnswerRecord
    judged: Judged


@dataclass(frozen=True, slots=True)
class RunSummary:
    """A finished run as the report and the comparison tables need it."""

    system: str
    metrics: dict[str, float | None]
    k: int | None
    fingerprint: str
    created: str
    results: tuple[QuestionResult, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> RunSummary:
        """A previous run from its metrics.json (for --compare)."""
        path = Path(folder) / METRICS if Path(folder).is_dir() else Path(folder)
        if not path.is_file():
            raise CqcRagError(
                f"No {METRICS} in {folder}. Pass --compare the --out folder of an earlier `cqc-rag eval` run."
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                data["system"],
                data["metrics"],
                data.get("k"),
                data.get("index_fingerprint", ""),
                data["created"],
            )
        except (ValueError, KeyError) as exc:
            raise CqcRagError(
                f"{path} is not a cqc-rag eval metrics file ({exc}). Point --compare at a run folder."
            ) from exc
