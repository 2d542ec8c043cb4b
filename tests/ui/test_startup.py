"""ui.startup: an empty index gets the starter reports; a filled one is left alone."""

from __future__ import annotations

from pathlib import Path

from rag.assistant import Assistant
from tests.conftest import SAMPLES
from ui.startup import ensure_indexed, starter_paths, warm_up


def test_starter_paths_are_the_samples_plus_shared_reports_when_present(tmp_path: Path) -> None:
    assert starter_paths(SAMPLES, tmp_path / "missing") == [
        SAMPLES / "northmere.md",
        SAMPLES / "southbay.md",
    ]
    assert starter_paths(SAMPLES, tmp_path)[-1] == tmp_path


def test_empty_index_is_filled_once(fake_assistant: Assistant, tmp_path: Path) -> None:
    said: list[str] = []
    outcomes = ensure_indexed(
        fake_assistant, said.append, starter_paths(SAMPLES, tmp_path / "missing")
    )
    assert [o.status for o in outcomes] == ["indexed", "indexed"]
    assert "Nothing indexed yet" in said[0] and said[-1].startswith("Done: 2 indexed")
    assert ensure_indexed(fake_assistant, said.append) == []  # already indexed: nothing to do
    warm_up(fake_assistant)
