"""Run an evaluation set through `ask` and write what came back, scored.

`run_eval` asks every question through exactly the call the CLI and UI make
(`assistant.ask(question, filters=..., k=...)`), appends one line per question to
`results.jsonl` as it goes (flushed, so an interrupted run resumes where it stopped),
then writes `metrics.json` and the report. The baseline goes through the same function:
it answers in the same `Answer` shape. Scoring is `eval.metrics`; rendering is
`eval.report`. This module does not build assistants or parse command lines.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

from eval.dataset import EvalQuestion
from eval.metrics import Judged, aggregate, judge
from eval.records import METRICS, AnswerRecord, QuestionResult, RunSummary
from rag.errors import CqcRagError, ReportNotFound
from rag.types import Answer, Filters, Turn

PACKAGES = ("cqc-rag", "chromadb", "sentence-transformers", "llama-index-core", "torch")
RESULTS, RUN = "results.jsonl", "run.json"

Progress = Callable[[int, int], None]  # (done, total)


class Asks(Protocol):
    """What the runner needs: the facade's `ask` (ours, or the baseline's adapter)."""

    @property
    def fingerprint(self) -> str: ...

    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[Turn] = (),
    ) -> Answer: ...


class ResumeMismatch(CqcRagError):
    """--resume into a folder that holds a run of other settings or another dataset."""


def package_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def score(question: EvalQuestion, answer: AnswerRecord) -> Judged:
    """Judge one answer (also used to re-score stored lines on --resume)."""
    if question.kind == "aggregate" and question.expected is not None:
        return _judge_aggregate(question, answer)
    return judge(
        id=question.id,
        answerable=question.answerable,
        gold_quotes=question.gold_quotes,
        facts=question.facts,
        passages=[p.text for p in answer.passages],
        citations=[c.text for c in answer.citations],
        answer_text=answer.answer,
        abstained=answer.abstained,
        retrieve_ms=answer.retrieve_ms,
        total_ms=answer.total_ms,
        error=answer.error,
    )


def _judge_aggregate(q: EvalQuestion, answer: AnswerRecord) -> Judged:
    from eval.metrics_aggregate import citation_problems, value_problems

    assert q.expected is not None
    abstained = answer.abstained
    return Judged(
        id=q.id,
        answerable=q.answerable,
        abstained=abstained,
        relevance=(),
        citations_correct=(),
        facts=(),
        facts_missing=(),
        retrieve_ms=answer.retrieve_ms,
        total_ms=answer.total_ms,
        error=answer.error,
        kind="aggregate",
        value_problems=tuple(
            value_problems(
                answerable=q.answerable,
                abstained=abstained,
                answer_text=answer.answer,
                include=q.expected.include,
                exclude=q.expected.exclude,
                numbers=q.expected.numbers,
            )
        ),
        citation_problems=tuple(
            citation_problems(
                answerable=q.answerable,
                abstained=abstained,
                cited=q.expected.cited,
                include=q.expected.include,
                quotes=[c.quote for c in answer.citations],
                authorities=[c.authority for c in answer.citations],
            )
        ),
    )


def _ask(assistant: Asks, q: EvalQuestion, k: int | None) -> AnswerRecord:
    filters = Filters(authority=q.filters.authority, quality_statement=q.filters.quality_statement)
    started = time.perf_counter()
    try:
        turns: list[Turn] = []
        for earlier in q.history:  # a follow-up: the conversation before it, asked for real
            turns.append(
                Turn.from_answer(assistant.ask(earlier, filters=filters, k=k, history=turns))
            )
        if not turns:  # systems without conversations (fakes) need not take `history`
            answer = assistant.ask(q.question, filters=filters, k=k)
        else:
            answer = assistant.ask(q.question, filters=filters, k=k, history=turns)
        return AnswerRecord.from_json(answer.to_json())
    except (
        ReportNotFound,
        ValueError,
    ) as exc:  # this question's problem; anything else stops the run
        ms = round((time.perf_counter() - started) * 1000, 2)
        return AnswerRecord.failed(q.question, str(exc), ms)


def _line(q: EvalQuestion, answer: AnswerRecord, judged: Judged, system: str) -> dict[str, Any]:
    return {
        "id": q.id,
        "system": system,
        **answer.raw,
        "expected": {
            "answerable": q.answerable,
            "gold_quotes": list(q.gold_quotes),
            "facts": list(q.facts),
            "filters": q.filters.model_dump(exclude_none=True),
            **(
                {"kind": q.kind, "aggregate": q.expected.model_dump()}
                if q.expected is not None
                else {}
            ),
        },
        "metrics": judged.values(),
        "passed": judged.passed,
        "reasons": judged.reasons(),
    }


def _written(path: Path, known: set[str]) -> dict[str, AnswerRecord]:
    """Answers already in results.jsonl; a line cut short by an interruption is dropped."""
    done: dict[str, AnswerRecord] = {}
    if not path.exists():
        return done
    keep = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and row.get("id") in known:
            done[row["id"]] = AnswerRecord.from_json(row)
            keep.append(line)
    path.write_text("".join(f"{line}\n" for line in keep), encoding="utf-8")
    return done


def _start(out_dir: Path, run: dict[str, Any], resume: bool) -> None:
    marker = out_dir / RUN
    if resume and marker.exists():
        before = json.loads(marker.read_text(encoding="utf-8"))
        changed = {
            key: (before.get(key), value) for key, value in run.items() if before.get(key) != value
        }
        if changed:
            what = ", ".join(f"{key} {old!r} -> {new!r}" for key, (old, new) in changed.items())
            raise ResumeMismatch(
                f"{out_dir} holds a run with other settings ({what}). "
                "Resume with the same options, or drop --resume / use another --out to start afresh."
            )
    elif not resume:
        (out_dir / RESULTS).unlink(missing_ok=True)
    marker.write_text(json.dumps(run, indent=2), encoding="utf-8")


def run_eval(
    assistant: Asks,
    questions: Sequence[EvalQuestion],
    out_dir: Path,
    *,
    k: int | None,
    resume: bool = False,
    progress: Progress | None = None,
    system: str = "cqc-rag",
    dataset: Path | None = None,
    dataset_hash: str | None = None,
    baseline: RunSummary | None = None,
    previous: RunSummary | None = None,
    settings: dict[str, Any] | None = None,
) -> RunSummary:
    """Ask every question not yet written, then write metrics.json, report.md and report.html."""
    from eval.report import write_report

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _start(
        out_dir,
        {
            "system": system,
            "fingerprint": assistant.fingerprint,
            "k": k,
            "dataset_hash": dataset_hash,
        },
        resume,
    )
    started = time.perf_counter()
    answers = _written(out_dir / RESULTS, {q.id for q in questions}) if resume else {}
    todo = [q for q in questions if q.id not in answers]
    done = len(questions) - len(todo)
    if progress:
        progress(done, len(questions))
    with (out_dir / RESULTS).open("a", encoding="utf-8") as sink:
        for q in todo:
            answer = _ask(assistant, q, k)
            answers[q.id] = answer
            sink.write(
                json.dumps(_line(q, answer, score(q, answer), system), ensure_ascii=False) + "\n"
            )
            sink.flush()  # a line on disk is a question a resumed run will not ask again
            done += 1
            if progress:
                progress(done, len(questions))
    results = tuple(QuestionResult(q, answers[q.id], score(q, answers[q.id])) for q in questions)
    summary = RunSummary(
        system=system,
        metrics=aggregate([r.judged for r in results]),
        k=k,
        fingerprint=assistant.fingerprint,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        results=results,
        extra={
            "asked": len(todo),
            "resumed": len(questions) - len(todo),
            "elapsed_s": round(time.perf_counter() - started, 2),
        },
    )
    _write_metrics(out_dir, summary, dataset, dataset_hash, baseline, previous, settings)
    write_report(out_dir, summary, baseline=baseline, previous=previous)
    return summary


def _write_metrics(
    out_dir: Path,
    run: RunSummary,
    dataset: Path | None,
    dataset_hash: str | None,
    baseline: RunSummary | None,
    previous: RunSummary | None,
    settings: dict[str, Any] | None,
) -> None:
    judged = [r.judged for r in run.results]
    data: dict[str, Any] = {
        "system": run.system,
        "created": run.created,
        "k": run.k,
        "index_fingerprint": run.fingerprint,
        "settings": settings,
        "dataset": {
            "path": str(dataset) if dataset else None,
            "sha256": dataset_hash,
            "questions": len(judged),
            "answerable": sum(j.answerable for j in judged),
            "unanswerable": sum(not j.answerable for j in judged),
        },
        "packages": package_versions(),
        "metrics": run.metrics,
        "failed": sorted(j.id for j in judged if not j.passed),
        "run": run.extra,
    }
    if baseline is not None:
        data["baseline"] = {"system": baseline.system, "k": baseline.k, "metrics": baseline.metrics}
    if previous is not None:
        data["previous"] = {
            "system": previous.system,
            "created": previous.created,
            "metrics": previous.metrics,
        }
    (out_dir / METRICS).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
