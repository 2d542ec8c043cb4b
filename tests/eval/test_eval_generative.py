"""`cqc-rag eval --llm-url`: the same set answered by a (scripted) model, verified, and
compared with the extractive run in one table and in OUT/generative/."""

from __future__ import annotations

import json
import re
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
from tests.rag.test_llm import ScriptedServer

pytestmark = pytest.mark.slow
IDS = ("nm-02", "nm-14", "nm-16", "un-05")


def echo_first_passage(prompt: str) -> str:
    """A well-behaved model: the first sentence of passage 1, cited."""
    body = re.search(r"<passage n=\"1\"[^>]*>\s*(.+?)</passage>", prompt, re.S)
    assert body, prompt[:500]
    sentence = re.split(r"(?<=[.!?])\s", body.group(1).strip())[0]
    return f"{sentence} [1]"


def test_generative_run_beside_extractive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        line
        for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] in IDS
    ]
    dataset = tmp_path / "set.jsonl"
    dataset.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store, embedder = MemoryStore(), HashingEmbedder()
    built: list[Assistant] = []

    def build(**overrides: object) -> Assistant:
        assistant = Assistant(
            load_settings(data_dir=tmp_path / "data", **overrides), embedder=embedder, store=store
        )
        built.append(assistant)
        return assistant

    monkeypatch.setattr(rag.building, "build_assistant", build)
    with ScriptedServer() as server:
        for _ in range(20):
            server.reply(echo_first_passage)
        out = tmp_path / "out"
        result = CliRunner().invoke(
            cli,
            [
                "eval",
                "--dataset",
                str(dataset),
                "--out",
                str(out),
                "--ingest",
                str(SAMPLES / "northmere.md"),
                "--llm-url",
                server.url,
                "--llm-model",
                "scripted",
            ],
            catch_exceptions=False,
        )
        asked = len(server.requests)
    assert result.exit_code == 0, result.output
    assert "Generative (LLM, verified) beside extractive:" in result.output
    assert "cqc-rag generative" in result.output and "Verification:" in result.output
    assert asked >= 1  # the generative run really called the model
    generative = [
        json.loads(line) for line in (out / "generative" / "results.jsonl").read_text().splitlines()
    ]
    extractive = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in generative] == [r["id"] for r in extractive] == list(IDS)
    assert all(r["mode"] != "generative" for r in extractive)  # the extractive run used no model
    assert any(r["mode"] == "generative" for r in generative)
    assert (out / "generative" / "report.md").exists() and (
        out / "generative" / "metrics.json"
    ).exists()
    assert built[0].settings.llm.url is None and built[-1].settings.llm.url == server.url
