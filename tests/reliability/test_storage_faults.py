"""Storage faults: the index heals, and users get a message with the fix (issue 18, 3-6).

Faults are injected through the store seam: a real embedded Chroma in tmp_path whose
collection calls fail on cue, with the errors Chroma itself raises (InternalError with
SQLite's words), before or after the write went through. A real read-only directory is
used where the tests do not run as root (root ignores permission bits).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.errors import DataDirGone, DataDirReadOnly, DiskFull, StoreUnavailable
from rag.faults import storage_error
from rag.store import ChromaStore
from tests.conftest import SAMPLES

NORTHMERE = SAMPLES / "northmere.md"
SOUTHBAY = SAMPLES / "southbay.md"


def chroma_assistant(data_dir: Path) -> Assistant:
    return Assistant(Settings(data_dir=data_dir), embedder=HashingEmbedder())


def fail(
    target: Any, method: str, message: str, *, after: bool = False, times: int = 1
) -> list[int]:
    """Make target.method raise chromadb's InternalError(message) `times` times: before
    doing anything, or (after=True) once the call has gone through."""
    from chromadb.errors import InternalError

    real = getattr(target, method)
    left = [times]

    def faulty(*args: Any, **kwargs: Any) -> Any:
        if left[0] <= 0:
            return real(*args, **kwargs)
        left[0] -= 1
        if after:
            real(*args, **kwargs)
        raise InternalError(message)

    setattr(target, method, faulty)
    return left


def store_of(assistant: Assistant) -> ChromaStore:
    store = assistant.index.store
    assert isinstance(store, ChromaStore)
    return store


# -- 3: a listed report never stays without its chunks ---------------------------------------


def test_a_report_whose_chunks_were_deleted_is_found_and_reingested(tmp_path: Path) -> None:
    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE, SOUTHBAY])
    assert assistant.check().ok
    store = store_of(assistant)
    store.delete(store.chunk_ids("southbay.md"))  # what the issue found after a storage error

    health = assistant.check()
    assert [d.report.report for d in health.damaged] == ["southbay.md"]
    assert health.damaged[0].found == 0
    outcome = assistant.ingest([SOUTHBAY])[0]
    assert outcome.status == "replaced" and "missing" in outcome.message  # not "unchanged"
    assert assistant.check().ok
    answer = assistant.ask("How long did people wait for an assessment in Southbay?")
    assert any(c.record.report == "southbay.md" for c in answer.citations)


def test_opening_the_index_notices_a_report_missing_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from rag import building, cli

    data = tmp_path / "data"
    writer = chroma_assistant(data)
    writer.ingest([NORTHMERE, SOUTHBAY])
    store = store_of(writer)
    store.delete(store.chunk_ids("southbay.md")[:3])
    writer.index.announce()  # as any other writer would after changing the store

    opened = chroma_assistant(data)
    assert [r.report for r in opened.reports()] == ["northmere.md", "southbay.md"]
    assert opened.index.damaged == ["southbay.md"]
    monkeypatch.setattr(building, "build_assistant", lambda **_: opened)
    result = CliRunner().invoke(cli.cli, ["list"])
    assert "southbay.md has chunks missing" in result.output and "check --repair" in result.output


def test_check_repair_reingests_from_the_file_or_takes_the_report_off_the_list(
    tmp_path: Path,
) -> None:
    gone = tmp_path / "gone.md"
    shutil.copyfile(SOUTHBAY, gone)
    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE, gone])
    store = store_of(assistant)
    store.delete(store.chunk_ids("northmere.md")[:5])
    store.delete(store.chunk_ids("gone.md"))
    gone.unlink()

    health, done = assistant.repair()
    assert {d.report.report for d in health.damaged} == {"northmere.md", "gone.md"}
    assert any(line.startswith("re-ingested northmere.md") for line in done)
    assert any(line.startswith("removed gone.md") and "its file is gone" in line for line in done)
    after = assistant.check()
    assert after.ok and after.reports == 1
    assert [r.report for r in assistant.reports()] == ["northmere.md"]


def test_a_manifest_write_that_fails_before_saving_leaves_no_orphans(tmp_path: Path) -> None:
    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE])
    store = store_of(assistant)
    fail(store._manifest, "upsert", "database or disk is full")
    with pytest.raises(DiskFull, match=r"disk holding .* is full.*Free some space"):
        assistant.ingest([SOUTHBAY])
    health = assistant.check()
    assert health.ok and health.reports == 1  # southbay's chunks rolled back, northmere whole
    assert assistant.ingest([SOUTHBAY])[0].status == "indexed"
    assert assistant.check().ok


def test_a_manifest_write_that_fails_after_saving_stands(tmp_path: Path) -> None:
    """The issue's case: the storage error came once the write was already saved."""
    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE])
    store = store_of(assistant)
    fail(store._manifest, "upsert", "database or disk is full", after=True)
    with pytest.raises(DiskFull):
        assistant.ingest([SOUTHBAY])
    health = assistant.check()
    assert health.ok and health.reports == 2  # committed after all: listed, with its chunks
    assert assistant.ingest([NORTHMERE, SOUTHBAY])[1].status == "unchanged"
    assert assistant.check().ok


def test_chunks_written_partly_before_a_failure_are_rolled_back(tmp_path: Path) -> None:
    assistant = chroma_assistant(tmp_path / "data")
    store = store_of(assistant)
    fail(store._chunks, "upsert", "database or disk is full", after=True)
    with pytest.raises(DiskFull):
        assistant.ingest([NORTHMERE])
    assert store.chunk_ids() == [] and store.reports() == []
    assert assistant.ingest([NORTHMERE])[0].status == "indexed"


# -- 4 and 6: storage errors are messages with the fix, in the CLI and the API ---------------


@pytest.mark.parametrize(
    ("raised", "kind", "words"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied", "/d/write.lock"),
            DataDirReadOnly,
            "read-only",
        ),
        (OSError(errno.EROFS, "Read-only file system"), DataDirReadOnly, "chmod"),
        (RuntimeError("attempt to write a readonly database"), DataDirReadOnly, "CQC_RAG_DATA_DIR"),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFull, "Free some space"),
        (RuntimeError("InternalError: database or disk is full"), DiskFull, "check --repair"),
        (RuntimeError("Error in compactor: backfill failed"), DataDirGone, "ingest PATH"),
        (RuntimeError("(code: 1032) attempt to write a readonly database"), DataDirGone, "deleted"),
        (RuntimeError("database is locked"), StoreUnavailable, "locked"),
    ],
)
def test_storage_errors_are_sorted_into_messages_with_the_fix(
    raised: Exception, kind: type, words: str
) -> None:
    error = storage_error(raised, "/srv/cqc")
    assert isinstance(error, kind)
    assert "/srv/cqc" in str(error) and words in str(error)
    assert "Traceback" not in str(error)


def test_a_lock_file_that_cannot_be_made_is_a_read_only_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    def refuse(self: Any, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "write.lock"))

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    assistant = chroma_assistant(tmp_path)
    with pytest.raises(DataDirReadOnly, match=r"The data dir .* is read-only"):
        assistant.ingest([NORTHMERE])


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root ignores permission bits; the seam tests above cover this case",
)
def test_a_real_read_only_data_dir_gives_the_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    chroma_assistant(data).ingest([NORTHMERE])
    for path in [data, *data.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        from click.testing import CliRunner

        from rag.cli import cli

        result = CliRunner().invoke(
            cli, ["ingest", str(SOUTHBAY)], env={"CQC_RAG_DATA_DIR": str(data)}
        )
        assert result.exit_code != 0
        assert "read-only" in result.output and "Traceback" not in result.output
    finally:
        for path in [data, *data.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_the_cli_says_what_failed_and_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from rag import building, cli

    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE])
    fail(store_of(assistant)._manifest, "upsert", "database or disk is full", times=99)
    monkeypatch.setattr(building, "build_assistant", lambda **_: assistant)
    result = CliRunner().invoke(cli.cli, ["remove", "northmere.md"])
    assert result.exit_code == 1
    assert "is full" in result.output and "Free some space" in result.output
    assert "InternalError" not in result.output.split("(")[0]


def test_the_api_says_what_failed_and_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gradio as gr

    from ui.api import endpoints
    from ui.feedback import FeedbackStore

    assistant = chroma_assistant(tmp_path / "data")
    assistant.ingest([NORTHMERE])
    fail(store_of(assistant)._manifest, "delete", "database or disk is full", times=99)
    feedback_file = tmp_path / "ro" / "feedback.jsonl"
    api = endpoints(assistant, FeedbackStore(feedback_file))
    with pytest.raises(gr.Error, match=r"is full.*Free some space"):
        api["remove"]("northmere.md")

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(feedback_file))

    monkeypatch.setattr(FeedbackStore, "_append", no_space)
    answer = assistant.ask("How long did people wait for an assessment?").to_json()
    with pytest.raises(gr.Error, match=r"is full.*Free some space"):
        api["feedback"](answer, "up")


# -- 5: a data dir deleted or replaced under a running process ------------------------------


def test_a_deleted_data_dir_is_noticed_and_a_new_one_opened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = chroma_assistant(data)  # the long-running process
    server.ingest([NORTHMERE])
    assert server.ask("How long did people wait for an assessment?").citations
    shutil.rmtree(data)

    with pytest.raises(DataDirGone, match=r"was deleted while cqc-rag was running.*ingest PATH"):
        server.ask("How long did people wait for an assessment?")
    with pytest.raises(DataDirGone):
        server.reports()

    chroma_assistant(data).ingest([SOUTHBAY])  # another terminal builds the index again
    assert [r.report for r in server.reports()] == ["southbay.md"]
    answer = server.ask("How long did people wait for an assessment?")
    assert {c.record.report for c in answer.citations} == {"southbay.md"}


def test_feedback_after_the_data_dir_vanished_says_so_and_makes_no_new_folder(
    tmp_path: Path,
) -> None:
    import gradio as gr

    from ui.api import endpoints
    from ui.feedback import FeedbackStore

    data = tmp_path / "data"
    server = chroma_assistant(data)
    server.ingest([NORTHMERE])
    answer = server.ask("How long did people wait for an assessment?").to_json()
    api = endpoints(server, FeedbackStore(data / "feedback.jsonl"))
    shutil.rmtree(data)
    with pytest.raises(gr.Error, match=r"missing or damaged.*ingest PATH"):
        api["feedback"](answer, "up")
    assert not data.exists()
