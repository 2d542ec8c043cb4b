"""Indexes the current settings do not use (other chunk settings, an older format) are
reported after an ingest and deleted only by `cqc-rag prune --yes`; the one in use never."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import rag.building
import rag.cli
from rag.assistant import Assistant
from rag.config import ChunkSettings, Settings
from rag.embedder import HashingEmbedder
from rag.errors import ConfigError
from tests.conftest import SAMPLES

NORTHMERE = SAMPLES / "northmere.md"


def assistant_for(data_dir: Path, chunk_tokens: int = 160) -> Assistant:
    return Assistant(
        Settings(data_dir=data_dir, chunking=ChunkSettings(max_tokens=chunk_tokens)),
        embedder=HashingEmbedder(),
    )


def test_ingest_notes_other_indexes_and_prune_lists_then_deletes_only_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    old = assistant_for(data, chunk_tokens=96)
    old.ingest([NORTHMERE])
    old_name = old.settings.collection_name
    monkeypatch.setattr(rag.building, "build_assistant", lambda **_: assistant_for(data))

    ingested = CliRunner().invoke(rag.cli.cli, ["ingest", str(NORTHMERE)])
    assert ingested.exit_code == 0, ingested.output
    assert (
        f"Note: {old_name} also hold data" in ingested.output
        and "cqc-rag prune --yes" in ingested.output
    )

    listed = CliRunner().invoke(rag.cli.cli, ["prune"])
    assert listed.exit_code == 0 and old_name in listed.output and "--yes" in listed.output
    assert assistant_for(data).other_indexes() == [old_name]  # listing deleted nothing

    pruned = CliRunner().invoke(rag.cli.cli, ["prune", "--yes"])
    assert pruned.exit_code == 0 and f"Deleted {old_name}" in pruned.output
    current = assistant_for(data)
    assert current.other_indexes() == []
    assert not (data / "cache" / old_name).exists()
    assert [r.report for r in current.reports()] == ["northmere.md"]  # the index in use is whole
    assert current.search("Financial assessments were completed")[0].record.report == "northmere.md"

    again = CliRunner().invoke(rag.cli.cli, ["prune"])
    assert "Nothing to prune" in again.output


def test_the_index_in_use_cannot_be_dropped(tmp_path: Path) -> None:
    assistant = assistant_for(tmp_path / "data")
    assistant.ingest([NORTHMERE])
    with pytest.raises(ConfigError, match="is never dropped"):
        assistant.drop_indexes([assistant.settings.collection_name])
    with pytest.raises(ValueError, match="in use"):
        assistant.index.store.drop_index(assistant.settings.collection_name)
    assert assistant.reports()
