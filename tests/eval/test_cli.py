"""`cqc-rag eval` through click's test runner, on the fake assistant (hashing embedder,
in-memory store) with a few of the project's questions about the Northmere sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import rag.building
import rag.cli
from rag.assistant import Assistant
from rag.building import load_settings
from rag.cli import cli
from rag.embedder import HashingEmbedder
from rag.store import MemoryStore
from tests.conftest import ROOT, SAMPLES

IDS = ("nm-01", "nm-02", "nm-09", "nm-14", "un-05")
NORTHMERE = str(SAMPLES / "northmere.md")


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    rows = [
        line
        for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] in IDS
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch, fake_assistant: Assistant) -> list[str]:
    """build_assistant returns the fake; the list collects every question asked."""
    asked: list[str] = []
    ask = fake_assistant.ask

    def counting(question, **kw):  # type: ignore[no-untyped-def]
        asked.append(question)
        return ask(question, **kw)

    monkeypatch.setattr(fake_assistant, "ask", counting)
    monkeypatch.setattr(rag.building, "build_assistant", lambda **overrides: fake_assistant)
    return asked


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["eval", *args], catch_exceptions=False)


def test_eval_runs_the_set_and_prints_one_table(
    tmp_path: Path, dataset: Path, patched: list[str]
) -> None:
    out = tmp_path / "out"
    result = invoke(
        "--dataset", str(dataset), "--out", str(out), "--ingest", NORTHMERE, "--k", "10"
    )
    assert result.exit_code == 0, result.output
    assert len(patched) == len(IDS)
    assert (
        "hit@1" in result.output
        and "citation precision" in result.output
        and "cqc-rag (k=10)" in result.output
    )
    assert f"{len(IDS)} questions" in result.output
    for name in (
        "results.jsonl",
        "metrics.json",
        "report.md",
        "report.html",
        "latency.png",
        "metrics.png",
    ):
        assert (out / name).is_file(), name
    assert json.loads((out / "metrics.json").read_text())["settings"]["data_dir"].startswith(
        str(tmp_path)
    )


def test_resume_and_compare(tmp_path: Path, dataset: Path, patched: list[str]) -> None:
    out = tmp_path / "out"
    assert (
        invoke("--dataset", str(dataset), "--out", str(out), "--ingest", NORTHMERE).exit_code == 0
    )
    results = out / "results.jsonl"
    results.write_text(
        "\n".join(results.read_text().splitlines()[:2]) + "\n"
    )  # interrupted after 2
    patched.clear()
    result = invoke("--dataset", str(dataset), "--out", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert len(patched) == len(IDS) - 2
    assert len(results.read_text().splitlines()) == len(IDS)

    again = invoke(
        "--dataset", str(dataset), "--out", str(tmp_path / "second"), "--compare", str(out)
    )
    assert again.exit_code == 0, again.output
    assert "ours - previous" in again.output and "+0.000" in again.output
    assert (tmp_path / "second" / "compare.png").is_file()
    # the same index and questions: every answer the same, and --compare says so
    assert f"Answers: {len(IDS)} of {len(IDS)} identical to the previous run." in again.output

    # one answer changed in the compared run: named
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    lines[0]["answer"] = "Something else entirely."
    results.write_text("".join(json.dumps(line) + "\n" for line in lines))
    third = invoke(
        "--dataset", str(dataset), "--out", str(tmp_path / "third"), "--compare", str(out)
    )
    assert f"identical to the previous run; changed: {lines[0]['id']}." in third.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x"}\n{"id": broken\n', "set.jsonl line 1: missing field"),
        (
            '{"id": "a", "question": "q", "answerable": false, "gold_quotes": [], "facts": [], "filters": {}}\n{"id": broken\n',
            "set.jsonl line 2: not valid JSON",
        ),
        ("\n\n", "set.jsonl has no questions"),
    ],
)
def test_bad_datasets_are_clear_errors(
    tmp_path: Path, patched: list[str], content: str, message: str
) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(content, encoding="utf-8")
    result = invoke("--dataset", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and message in result.output and "Error:" in result.output
    assert patched == []


def test_missing_dataset_names_the_path(tmp_path: Path, patched: list[str]) -> None:
    result = invoke("--dataset", str(tmp_path / "nope.jsonl"))
    assert (
        result.exit_code == 1 and f"No evaluation set at {tmp_path / 'nope.jsonl'}" in result.output
    )


def test_unknown_baseline_lists_the_choices(tmp_path: Path, dataset: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "--dataset", str(dataset), "--baseline", "bm25"])
    assert result.exit_code == 2 and "llamaindex-default" in result.output


def test_sweep_runs_each_configuration_on_its_own_index(
    tmp_path: Path, dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CQC_RAG_DATA_DIR", str(tmp_path / "data"))
    stores: dict[str, MemoryStore] = {}
    built: list[dict] = []

    def build(**overrides):  # type: ignore[no-untyped-def]
        built.append(overrides)
        settings = load_settings(**overrides)
        return Assistant(
            settings,
            embedder=HashingEmbedder(),
            store=stores.setdefault(settings.fingerprint(), MemoryStore()),
        )

    monkeypatch.setattr(rag.building, "build_assistant", build)
    out = tmp_path / "sweep"
    result = invoke(
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        "--ingest",
        NORTHMERE,
        "--sweep",
        "k=3,5 chunk_tokens=64,128",
        "--candidates",
        "20",
    )
    assert result.exit_code == 0, result.output
    table = (out / "sweep.md").read_text(encoding="utf-8")
    for name in (
        "k=3 chunk_tokens=64",
        "k=5 chunk_tokens=64",
        "k=3 chunk_tokens=128",
        "k=5 chunk_tokens=128",
    ):
        assert f"| {name} |" in table and name in result.output
    assert len(stores) == 2  # two chunk sizes, two indexes
    assert all(s.chunk_ids() for s in stores.values())
    assert built[-1] == {
        "chunking__max_tokens": 128,
        "retrieval__candidates": 20,
        "answer__abstain_below": None,
    }
    assert (out / "k-5_chunk_tokens-128" / "results.jsonl").is_file()
    assert json.loads((out / "k-3_chunk_tokens-64" / "metrics.json").read_text())["k"] == 3


def test_bad_sweep_names_the_sweepable_settings(
    tmp_path: Path, dataset: Path, patched: list[str]
) -> None:
    result = invoke(
        "--dataset", str(dataset), "--out", str(tmp_path / "o"), "--sweep", "temperature=1,2"
    )
    assert (
        result.exit_code == 1
        and "Cannot sweep 'temperature'. Sweepable: k, chunk_tokens" in result.output
    )


def test_setting_overrides_reach_the_settings_and_an_empty_index_says_ingest(
    tmp_path: Path, dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CQC_RAG_DATA_DIR", str(tmp_path / "data"))
    built: list[Assistant] = []

    def build(**overrides):  # type: ignore[no-untyped-def]
        built.append(
            Assistant(load_settings(**overrides), embedder=HashingEmbedder(), store=MemoryStore())
        )
        return built[-1]

    monkeypatch.setattr(rag.building, "build_assistant", build)
    args = ["--chunk-tokens", "96", "--candidates", "12", "--abstain-below", "0.3"]
    result = invoke("--dataset", str(dataset), "--out", str(tmp_path / "o"), *args)
    assert result.exit_code == 1 and "Add --ingest PATH" in result.output
    settings = built[0].settings
    assert (
        settings.chunking.max_tokens,
        settings.retrieval.candidates,
        settings.answer.abstain_below,
    ) == (96, 12, 0.3)
