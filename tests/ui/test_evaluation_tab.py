"""ui.evaluation: runs the eval runner lazily, reads runs back, renders them escaped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rag.assistant import Assistant
from ui import evaluation

LINES = [
    {
        "id": "t-1",
        "question": "How many carers' assessments were completed in Northmere in 2023/24?",
        "answerable": True,
        "gold_quotes": ["1,064 carers' assessments were completed"],
        "facts": ["1,064"],
        "filters": {},
    },
    {
        "id": "t-2",
        "question": "What is Northmere's budget for 2030?",
        "answerable": False,
        "gold_quotes": [],
        "facts": [],
        "filters": {},
    },
]


def test_a_run_writes_metrics_plots_and_a_report(ingested: Assistant, tmp_path: Path) -> None:
    pytest.importorskip(
        "eval.runner", reason="the evaluation runner (eval/runner.py) is not in this checkout"
    )
    dataset = tmp_path / "set.jsonl"
    dataset.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    seen: list[tuple] = []
    folder = evaluation.run(
        ingested, dataset, tmp_path / "runs", k=5, progress=lambda *a: seen.append(a)
    )
    assert seen and seen[-1][-2:] == (2, 2)
    assert evaluation.list_runs(tmp_path / "runs") == [folder]
    view = evaluation.read_run(folder)
    assert view.metrics and view.report_md and view.plots
    html = evaluation.metrics_html(view.metrics)
    assert "<table" in html and "<td>questions</td><td>2</td>" in html


def test_without_the_runner_the_tab_says_so(
    ingested: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "eval.runner", None)  # import fails as if the file were absent
    with pytest.raises(
        evaluation.EvalUnavailable, match=r"evaluation runner is not available.*eval/runner\.py"
    ):
        evaluation.run(ingested, evaluation.DEFAULT_DATASET, tmp_path, k=5)


def test_missing_dataset_is_named(ingested: Assistant, tmp_path: Path) -> None:
    pytest.importorskip("eval.runner")
    with pytest.raises(evaluation.EvalUnavailable, match=r"No evaluation set at .*nope\.jsonl"):
        evaluation.run(ingested, tmp_path / "nope.jsonl", tmp_path, k=5)


def test_read_run_finds_failures_and_escapes_them(tmp_path: Path) -> None:
    run = tmp_path / "20240101-000000"
    run.mkdir()
    (run / "metrics.json").write_text(
        json.dumps({"metrics": {"hit@5": 0.5, "n": 2}, "dataset": {"questions": 2}})
    )
    rows = [
        {
            "id": "a",
            "question": "<script>alert(1)</script>",
            "passed": False,
            "reasons": ["missed"],
        },
        {"id": "b", "question": "fine", "passed": True},
    ]
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows) + "{cut sho")
    (run / "report.md").write_text("# Run\n\n![metrics.png](metrics.png)\n\n<b>bold</b>\n")
    view = evaluation.read_run(run)
    assert [f["id"] for f in view.failures] == ["a"]
    table = evaluation.failures_html(view.failures)
    assert "<script" not in table and "&lt;script&gt;" in table
    html = evaluation.metrics_html(view.metrics)
    assert "<td>hit@5</td><td>0.500</td>" in html and "<td>questions</td><td>2</td>" in html
    md = evaluation.safe_markdown(view.report_md)
    assert "![" not in md and "&lt;b&gt;bold&lt;/b&gt;" in md


def test_flat_metrics_hand_example() -> None:
    assert evaluation.flat_metrics({"a": {"b": 1, "c": [1]}, "d": "x", "e": True}) == [
        ("a.b", 1),
        ("d", "x"),
        ("e", True),
    ]
