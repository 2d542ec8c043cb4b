"""The runner with a scripted assistant: what it asks, what it writes, how it resumes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dataset import dataset_hash, load_dataset
from eval.records import RunSummary
from eval.runner import ResumeMismatch, run_eval
from rag.types import Filters
from tests.conftest import ANSWER_KEYS
from tests.eval.conftest import ScriptedAssistant


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_asks_through_ask_with_filters_and_k_and_writes_every_file(
    tmp_path: Path, small_set: Path
) -> None:
    questions = load_dataset(small_set)
    assistant = ScriptedAssistant(questions, wrong={"a2"})
    out = tmp_path / "out"
    run = run_eval(
        assistant, questions, out, k=10, dataset=small_set, dataset_hash=dataset_hash(small_set)
    )

    assert [c[0] for c in assistant.calls] == [q.question for q in questions]
    assert assistant.calls[0][1:] == (Filters(authority="Testshire Council"), 10)
    assert {p.name for p in out.iterdir()} >= {
        "results.jsonl",
        "metrics.json",
        "report.md",
        "report.html",
        "latency.png",
        "metrics.png",
    }
    rows = lines(out / "results.jsonl")
    assert [r["id"] for r in rows] == ["a0", "a1", "a2", "a3", "u0", "u1"]
    first = rows[0]
    assert set(first) >= ANSWER_KEYS
    assert (
        first["passed"]
        and first["metrics"]["hit@1"] == 1.0
        and first["expected"]["facts"] == ["100"]
    )
    wrong = rows[2]
    assert not wrong["passed"]
    assert wrong["reasons"] == [
        "no gold quote in top 5 (none of 1 passage)",
        "no citation contains a gold quote",
        "fact '102' missing from answer",
    ]

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["metrics"]["hit_1"] == 0.75 and metrics["metrics"]["abstention_accuracy"] == 1.0
    assert metrics["dataset"] == {
        "path": str(small_set),
        "sha256": dataset_hash(small_set),
        "questions": 6,
        "answerable": 4,
        "unanswerable": 2,
    }
    assert (
        metrics["failed"] == ["a2"]
        and metrics["k"] == 10
        and metrics["index_fingerprint"] == "scripted"
    )
    assert set(metrics["packages"]) == {
        "cqc-rag",
        "chromadb",
        "sentence-transformers",
        "llama-index-core",
        "torch",
    }
    assert metrics["created"].startswith("20")
    assert run.metrics == metrics["metrics"]


def test_report_holds_the_aggregates_and_the_failures_table(
    tmp_path: Path, small_set: Path
) -> None:
    questions = load_dataset(small_set)
    out = tmp_path / "out"
    previous = run_eval(ScriptedAssistant(questions), questions, tmp_path / "before", k=5)
    baseline = run_eval(
        ScriptedAssistant(questions, wrong={"a0", "a1"}),
        questions,
        tmp_path / "base",
        k=None,
        system="llamaindex-default",
    )
    run_eval(
        ScriptedAssistant(questions, wrong={"a2"}),
        questions,
        out,
        k=5,
        baseline=baseline,
        previous=RunSummary.load(tmp_path / "before"),
    )
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| metric | cqc-rag (k=5) | llamaindex-default | ours - baseline | previous" in md
    assert "## Failures (1)" in md
    assert (
        "| a2 | How many things in case 2? | facts: 102; passage with “there were 102 things” |"
        in md
    )
    assert "fact '102' missing from answer" in md
    assert "![compare.png](compare.png)" in md and (out / "compare.png").stat().st_size > 1000
    page = (out / "report.html").read_text(encoding="utf-8")
    assert (
        "<h2>Failures (1)</h2>" in page
        and "How many things in case 2?" in page
        and 'src="metrics.png"' in page
    )
    assert previous.metrics["hit_1"] == 1.0


def test_resume_asks_only_the_questions_not_written(tmp_path: Path, small_set: Path) -> None:
    questions = load_dataset(small_set)
    out = tmp_path / "out"
    run_eval(ScriptedAssistant(questions), questions, out, k=5)
    # Simulate a run interrupted after 3 questions, the 4th line cut off mid-write.
    written = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "results.jsonl").write_text(
        "\n".join(written[:3]) + "\n" + written[3][:40], encoding="utf-8"
    )

    again = ScriptedAssistant(questions)
    run = run_eval(again, questions, out, k=5, resume=True)
    assert [c[0] for c in again.calls] == [q.question for q in questions[3:]]
    assert [r["id"] for r in lines(out / "results.jsonl")] == [q.id for q in questions]
    assert run.extra["asked"] == 3 and run.extra["resumed"] == 3
    assert run.metrics["hit_1"] == 1.0

    fresh = ScriptedAssistant(questions)
    run_eval(fresh, questions, out, k=5)  # without --resume: everything again
    assert len(fresh.calls) == len(questions) and len(lines(out / "results.jsonl")) == len(
        questions
    )


def test_resume_refuses_a_folder_of_other_settings(tmp_path: Path, small_set: Path) -> None:
    questions = load_dataset(small_set)
    run_eval(ScriptedAssistant(questions), questions, tmp_path / "out", k=5)
    with pytest.raises(ResumeMismatch, match=r"other settings \(k 5 -> 10\)"):
        run_eval(ScriptedAssistant(questions), questions, tmp_path / "out", k=10, resume=True)


def test_a_question_that_errors_is_recorded_and_the_run_goes_on(
    tmp_path: Path, small_set: Path
) -> None:
    questions = load_dataset(small_set)
    run = run_eval(ScriptedAssistant(questions, fail={"a0"}), questions, tmp_path / "out", k=5)
    row = lines(tmp_path / "out" / "results.jsonl")[0]
    assert row["error"].startswith("No indexed report is about") and row["reasons"][0].startswith(
        "error: No indexed"
    )
    assert len(run.results) == len(questions) and run.metrics["hit_1"] == 0.75


def test_compare_needs_a_run_folder(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"No metrics\.json in"):
        RunSummary.load(tmp_path)


def test_a_follow_up_is_asked_after_its_conversation() -> None:
    """`history` questions are asked first, and the follow-up gets their turns."""
    from eval.dataset import EvalQuestion
    from eval.runner import _ask
    from rag.types import Answer

    seen: list[tuple[str, int]] = []

    class Recorder:
        fingerprint = "f"

        def ask(self, question, *, filters=None, k=None, history=()):  # type: ignore[no-untyped-def]
            seen.append((question, len(history)))
            return Answer(question, "a", False, (), (), {}, "f")

    q = EvalQuestion(
        id="fu",
        question="And in Southbay?",
        answerable=False,
        gold_quotes=(),
        facts=(),
        history=("How many complaints did Northmere receive?",),
    )
    _ask(Recorder(), q, None)
    assert seen == [("How many complaints did Northmere receive?", 0), ("And in Southbay?", 1)]
