"""An index of other settings is detected, never mixed; one writer at a time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.errors import IndexBusy, IndexMismatch
from tests.conftest import SAMPLES


def test_index_built_with_other_chunk_settings_is_detected(tmp_path: Path) -> None:
    old = Assistant(
        Settings(data_dir=tmp_path, chunking={"max_tokens": 200}), embedder=HashingEmbedder()
    )
    old.ingest([SAMPLES / "northmere.md"])
    new = Assistant(
        Settings(data_dir=tmp_path, chunking={"max_tokens": 120}), embedder=HashingEmbedder()
    )
    with pytest.raises(
        IndexMismatch, match=r"built with other settings \(cqc-.*Re-ingest your reports"
    ):
        new.ask("How many complaints did Northmere receive?")
    new.ingest([SAMPLES / "northmere.md"])  # re-ingesting builds the new index beside the old
    assert (
        new.ask("How many complaints did Northmere receive?").index_fingerprint == new.fingerprint
    )
    assert new.fingerprint != old.fingerprint


def test_second_writer_waits_then_is_refused_with_a_message(tmp_path: Path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path, lock_wait_s=0.5), embedder=HashingEmbedder())
    tmp_path.mkdir(exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); l.acquire(); "
            "print('held', flush=True); time.sleep(30)",
            str(tmp_path / "write.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(
            IndexBusy, match=r"Another cqc-rag process is writing to .*Wait for it to finish"
        ):
            assistant.ingest([SAMPLES / "northmere.md"])
        assert time.monotonic() - started >= 0.5  # it waited before giving up
    finally:
        holder.kill()
        holder.wait()
    assert assistant.ingest([SAMPLES / "northmere.md"])[0].status == "indexed"  # lock freed on exit


def test_readers_answer_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path), embedder=HashingEmbedder())
    assistant.ingest([SAMPLES / "northmere.md"])
    reader = Assistant(Settings(data_dir=tmp_path), embedder=HashingEmbedder())
    with FileLock(str(tmp_path / "write.lock")):
        assert reader.ask("How many compliments did Northmere receive?").citations
