"""Aggregate questions (over the scores table): the dataset kind, exact scoring, the
committed question files, and a small generated corpus answered end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.aggregate_questions import (
    GENERATED_FILE,
    REAL_FILE,
    build,
    generated_questions,
    generated_truth,
    real_questions,
)
from eval.dataset import DatasetError, load_dataset
from eval.metrics import aggregate
from eval.metrics_aggregate import citation_problems, value_problems
from rag.assistant import Assistant


def test_value_problems_hand_examples() -> None:
    text = "Councils that scored 1 for Safeguarding: North Vale Council [1] and Dale Council [2]."
    ok = dict(answerable=True, abstained=False, answer_text=text)
    assert (
        value_problems(
            **ok,
            include=["North Vale Council", "Dale Council"],
            exclude=["Vale Council"],
            numbers=["1"],
        )
        == []
    )
    assert value_problems(**ok, include=["Ash Council|Ashby"], exclude=[], numbers=[]) == [
        "council 'Ash Council|Ashby' missing"
    ]
    assert value_problems(**ok, include=[], exclude=["Dale Council"], numbers=["2.50"]) == [
        "council 'Dale Council' named but must not be",
        "value '2.50' missing",
    ]
    assert value_problems(
        answerable=False, abstained=False, answer_text="", include=[], exclude=[], numbers=[]
    ) == ["answered unanswerable"]


def test_citation_problems_need_score_lines_for_each_named_council() -> None:
    good = citation_problems(
        answerable=True,
        abstained=False,
        cited=True,
        include=["Dale Council"],
        quotes=["Score: 2", "7. safeguarding: 3", "Safeguarding\nScore: 1"],
        authorities=["Dale Council", "Dale Council", "Dale Council"],
    )
    assert good == []
    bad = citation_problems(
        answerable=True,
        abstained=False,
        cited=True,
        include=["Dale Council", "Vale Council"],
        quotes=["The council worked well with partners."],
        authorities=["Dale Council"],
    )
    assert bad == ["citation [1] is not a score line", "no score line cited for 'Vale Council'"]


def test_dataset_kind_aggregate_needs_expected(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    line = {
        "id": "a",
        "question": "q",
        "answerable": True,
        "gold_quotes": [],
        "facts": [],
        "kind": "aggregate",
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="needs `expected`"):
        load_dataset(path)
    line["expected"] = {"include": ["Dale"], "unknown": 1}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"unknown field 'expected\.unknown'"):
        load_dataset(path)


def test_committed_question_files_are_current_and_large_enough() -> None:
    assert [
        json.loads(x) for x in REAL_FILE.read_text(encoding="utf-8").splitlines()
    ] == real_questions()
    generated = generated_questions()
    assert [
        json.loads(x) for x in GENERATED_FILE.read_text(encoding="utf-8").splitlines()
    ] == generated
    assert len(load_dataset(REAL_FILE)) >= 40 and len(load_dataset(GENERATED_FILE)) >= 40


def test_truth_matches_the_generated_text() -> None:
    from eval.corpus.generate import generate_report

    for truth in generated_truth(3, 7):
        text = generate_report(generated_truth(3, 7).index(truth), 7)
        assert text.startswith(f"# {truth.name}: local authority assessment")
        assert (
            f"Overall score: {truth.percent}%" in text and f"Overall rating: {truth.rating}" in text
        )
        assert [int(x) for x in __import__("re").findall(r"\nScore: (\d)\n", text)] == list(
            truth.scores
        )


def test_small_generated_corpus_answers_every_aggregate_question(
    fake_assistant: Assistant, tmp_path: Path
) -> None:
    """Six generated authorities (two each as Markdown, HTML pages, PDF) through `ask`,
    scored by the same code as the eval: all exact, all cited to score lines."""
    from eval.corpus.generate import generate_corpus
    from eval.runner import run_eval

    entries = generate_corpus(6, 11, tmp_path / "corpus")
    outcomes = fake_assistant.ingest([p for e in entries for p in e.paths])
    assert all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]
    questions_file = tmp_path / "q.jsonl"
    questions_file.write_text(
        "".join(json.dumps(q) + "\n" for q in build(generated_truth(6, 11), "t", 11, short={})),
        encoding="utf-8",
    )
    questions = load_dataset(questions_file)
    summary = run_eval(fake_assistant, questions, tmp_path / "run", k=None)
    failed = {r.question.id: r.judged.reasons() for r in summary.results if not r.judged.passed}
    assert failed == {}
    assert summary.metrics["aggregate_exact"] == 1.0 and summary.metrics["aggregate_cited"] == 1.0
    assert summary.metrics["hit_5"] is None  # aggregate questions stay out of the text metrics
    assert aggregate([r.judged for r in summary.results])["aggregate_p95_ms"] is not None
