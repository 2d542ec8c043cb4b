"""The llama-index quickstart baseline on the sample reports, with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.dataset import load_dataset
from eval.runner import run_eval
from tests.conftest import ROOT, SAMPLES


@pytest.mark.slow
def test_baseline_returns_k_passages_per_question_and_leaves_llama_settings_alone(
    tmp_path: Path,
) -> None:
    from llama_index.core import Settings as LlamaSettings

    from eval.baseline import LlamaIndexBaseline
    from rag.embedder import resolve_model_path

    questions = [
        q
        for q in load_dataset(ROOT / "eval" / "questions.jsonl")
        if q.id.startswith(("nm-", "sb-"))
    ][:12]
    baseline = LlamaIndexBaseline(
        [SAMPLES / "northmere.md", SAMPLES / "southbay.md"],
        model_path=resolve_model_path("all-MiniLM-L6-v2"),
        top_k=5,  # ours's k: the quickstart's own 2 would not fill hit@5
    )
    try:
        run = run_eval(baseline, questions, tmp_path / "out", k=5, system="llamaindex-default")
        assert len(baseline.ask(questions[0].question, k=3).passages) == 3  # an asked k wins
    finally:
        baseline.close()
    assert baseline.nodes > 2
    for r in run.results:
        assert len(r.answer.passages) == 5 and len(r.answer.citations) == 5, r.question.id
        assert r.answer.answer == "\n\n".join(p.text for p in r.answer.passages)
        assert not r.answer.abstained and r.answer.mode == "baseline"
        assert {p.report for p in r.answer.passages} <= {"northmere.md", "southbay.md"}
    assert run.metrics["hit_1"] is not None and run.metrics["abstention_accuracy"] is None
    assert run.k == 5
    # the starter example never got an LLM or a global embedder from us (so never OpenAI)
    assert LlamaSettings._llm is None and LlamaSettings._embed_model is None
