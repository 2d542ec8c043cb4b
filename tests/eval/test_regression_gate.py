"""The regression gate: the whole evaluation set with the real model, against eval/floors.json.

Indexes the two sample reports and the real reports in ../shared/reports into a temporary folder, asks
every question through `Assistant.ask` and fails when a metric falls below its floor (or
a lower-is-better metric rises above its ceiling). Raise the floors as quality improves;
lower one only with the reason in the commit message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dataset import load_dataset
from eval.runner import run_eval
from rag.assistant import Assistant
from rag.config import Settings
from tests.conftest import ROOT, SAMPLES

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_metrics_stay_at_or_above_their_floors(tmp_path: Path, real_report: Path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path / "data"))
    real = sorted(real_report.parent.glob("*.txt"))  # every real report beside the project
    outcomes = assistant.ingest([SAMPLES / "northmere.md", SAMPLES / "southbay.md", *real])
    assert all(o.ok for o in outcomes), outcomes
    questions = load_dataset(ROOT / "eval" / "questions.jsonl")
    run = run_eval(assistant, questions, tmp_path / "out", k=FLOORS["k"])

    failed = [r.question.id for r in run.results if not r.judged.passed]
    below = {
        key: (run.metrics[key], floor)
        for key, floor in FLOORS["floors"].items()
        if run.metrics[key] is None or run.metrics[key] < floor
    }
    above = {
        key: (run.metrics[key], ceiling)
        for key, ceiling in FLOORS["ceilings"].items()
        if run.metrics[key] is None or run.metrics[key] > ceiling
    }
    assert not below and not above, (
        f"metric (measured, limit) out of bounds: {below | above}; failing questions: {failed}; "
        f"see {tmp_path / 'out' / 'report.md'}"
    )
