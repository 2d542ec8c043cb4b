"""The cold-start figure (issue 17): a cold `cqc-rag ask` beside `python -c "import torch"`,
taken in turn, medians, their ratio in the table and against the 1.6x target."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from eval.bench import process as proc
from eval.bench.measure import Latency, SizeRow
from eval.bench.report import COLD_RATIO, bench_table, targets


def fake_runs(
    monkeypatch: pytest.MonkeyPatch, asks: Sequence[float], torches: Sequence[float], fail: int = -1
) -> list[str]:
    """`proc.run` answering from two queues; returns what was spawned, in order."""
    spawned: list[str] = []
    queues = {"ask": list(asks), "torch": list(torches)}

    def run(argv: Sequence[str], **kwargs: object) -> proc.Run:
        kind = "torch" if list(argv) == list(proc.TORCH_IMPORT) else "ask"
        spawned.append(kind)
        output = json.dumps({"answer": "x"}) if kind == "ask" else ""
        code = 1 if kind == "ask" and len(spawned) // 2 == fail else 0
        return proc.Run(queues[kind].pop(0), 100, code, output)

    monkeypatch.setattr(proc, "run", run)
    return spawned


def test_cold_start_takes_both_in_turn_and_keeps_medians(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spawned = fake_runs(monkeypatch, [3.0, 9.0, 2.0], [2.0, 2.5, 1.0])
    got = proc.cold_start(tmp_path, "q", tmp_path / "log", repeat=3)
    assert spawned == ["ask", "torch"] * 3  # a burst of load falls on both
    assert got.ask.seconds == 3.0 and got.torch_import_s == 2.0 and got.repeat == 3
    assert got.ratio == pytest.approx(1.5)


def test_a_failed_cold_ask_stops_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_runs(monkeypatch, [1.0, 1.0], [1.0, 1.0], fail=1)
    with pytest.raises(RuntimeError, match="cold `cqc-rag ask` failed"):
        proc.cold_start(tmp_path, "q", tmp_path / "log", repeat=2)


def row(cold: float | None, torch: float | None) -> SizeRow:
    base = SizeRow(1, 1, 10, 0.1, 1.0, 1.0, 0.1, 1, 2**30, *(Latency(1.0, 2.0, 5),) * 6, 0)
    return replace(base, cold_ask_s=cold, torch_import_s=torch)


def test_the_ratio_is_in_the_table_the_json_and_the_targets() -> None:
    slow, fast = row(4.0, 2.0), row(3.0, 2.0)
    assert slow.cold_ratio == pytest.approx(2.0) and fast.cold_ratio == pytest.approx(1.5)
    assert "| 4.00 | 2.00 | 2.00x |" in bench_table([slow])
    found = {t.name: t for t in targets([slow], None)}["cold ask / import torch"]
    assert found.limit == COLD_RATIO == 1.6
    assert found.status == "missed by 0.40x (1.25x the target)"
    assert {t.name: t for t in targets([fast], None)}["cold ask / import torch"].status == "met"
    data = slow.to_json()
    assert data["cold_ask_over_torch_import"] == 2.0
    assert SizeRow.from_json(json.loads(json.dumps(data))).torch_import_s == 2.0
    unmeasured = row(None, None)
    assert unmeasured.cold_ratio is None and "| - | - | - |" in bench_table([unmeasured])
