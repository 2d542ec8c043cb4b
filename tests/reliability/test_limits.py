"""Limits and hints (issue 18, item 10): k, feedback size, one upload limit, a writer that
says it waits, no secret echoed, hints that fit an installed product, uploads that go
with their report."""

from __future__ import annotations

import shutil
from pathlib import Path

import gradio as gr
import pytest

from rag.assistant import Assistant
from rag.config import Settings
from rag.errors import IndexBusy, IndexMissing
from rag.types import IngestOutcome
from tests.conftest import SAMPLES
from ui import uploads
from ui.api import endpoints
from ui.auth import UsersFileError, load_users
from ui.feedback import FeedbackStore

NORTHMERE = SAMPLES / "northmere.md"


@pytest.mark.parametrize("k", [0, -1, 51, 10**9])
def test_k_outside_1_to_50_is_refused(fake_assistant: Assistant, k: int, tmp_path: Path) -> None:
    fake_assistant.ingest([NORTHMERE])
    with pytest.raises(ValueError, match="1 to 50"):
        fake_assistant.search("carers", k=k)
    with pytest.raises(ValueError, match="1 to 50"):
        fake_assistant.ask("How long did people wait?", k=k)
    if k:
        api = endpoints(fake_assistant, FeedbackStore(tmp_path / "feedback.jsonl"))
        with pytest.raises(gr.Error, match="1 to 50"):
            api["search"]("carers", k=k)
    assert len(fake_assistant.search("carers", k=50)) <= 50


def test_feedback_comments_are_bounded(fake_assistant: Assistant, tmp_path: Path) -> None:
    fake_assistant.ingest([NORTHMERE])
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    answer = fake_assistant.ask("How long did people wait for an assessment?").to_json()
    api = endpoints(fake_assistant, store)
    with pytest.raises(gr.Error, match="limit is 2,000"):
        api["feedback"](answer, "down", comment="x" * 5_000_000)
    with pytest.raises(ValueError, match="not an /ask result"):
        store.add({**answer, "answer": "y" * 1_000_000}, "up")
    assert store.records() == []
    assert store.add(answer, "down", comment="Quoted the wrong year.").comment


def test_one_upload_limit_everywhere() -> None:
    assert uploads.MAX_BYTES == int(Settings().max_file_mb * 1e6) == 20_000_000
    serve_source = (Path(uploads.__file__).parent / "cli.py").read_text(encoding="utf-8")
    assert "max_file_size=int(assistant.settings.max_file_mb * 1e6)" in serve_source


def test_a_waiting_writer_says_so_and_for_how_long(tmp_path: Path) -> None:
    from filelock import FileLock

    said: list[str] = []
    assistant = Assistant(Settings(data_dir=tmp_path, lock_wait_s=1.5))
    assistant.notify = said.append
    with FileLock(str(tmp_path / "write.lock")), pytest.raises(IndexBusy, match="waited 2 s"):
        assistant.remove("x.md")
    assert said == [
        f"Another cqc-rag process is writing to {tmp_path}; waiting up to 2 s for it to finish "
        "(Ctrl+C to give up)."
    ]


def test_a_bad_users_line_is_not_echoed(tmp_path: Path) -> None:
    users = tmp_path / "users.txt"
    users.write_text("alice:correct-horse-battery-staple\n", encoding="utf-8")
    with pytest.raises(UsersFileError) as raised:
        load_users(users)
    assert "correct-horse" not in str(raised.value) and "entry 1" in str(raised.value)


def test_an_empty_users_file_says_it_is_empty(tmp_path: Path) -> None:
    users = tmp_path / "users.txt"
    users.write_text("# nobody yet\n", encoding="utf-8")
    with pytest.raises(UsersFileError, match=r"has no entries.*python -m ui.auth NAME"):
        load_users(users)


def test_the_nothing_indexed_hint_fits_an_installed_product(fake_assistant: Assistant) -> None:
    with pytest.raises(IndexMissing) as raised:
        fake_assistant.search("carers")
    assert "data/sample_reports" not in str(raised.value)
    assert "cqc-rag ingest PATH" in str(raised.value)


def test_an_uploaded_file_goes_with_its_report(fake_assistant: Assistant, tmp_path: Path) -> None:
    upload_dir = fake_assistant.settings.data_dir / "uploads"
    upload_dir.mkdir(parents=True)
    uploaded = upload_dir / "northmere.md"
    shutil.copyfile(NORTHMERE, uploaded)
    own = tmp_path / "southbay.md"
    shutil.copyfile(SAMPLES / "southbay.md", own)
    fake_assistant.ingest([uploaded, own])
    fake_assistant.remove("northmere.md")
    fake_assistant.remove("southbay.md")
    assert not uploaded.exists()
    assert own.exists()  # a report ingested from the user's own folder is never deleted


def test_gradio_temp_copies_and_unindexed_uploads_are_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "gradio-cache"
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(cache))
    (cache / "abc").mkdir(parents=True)
    good, bad = cache / "abc" / "good.md", cache / "abc" / "bad.exe"
    good.write_text("# A report\n\nSome text.\n", encoding="utf-8")
    bad.write_text("MZ", encoding="utf-8")
    mine = tmp_path / "mine.md"
    mine.write_text("# Mine\n\nText.\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    stored, rejected = uploads.store_uploads([good, bad, mine], data / "uploads")
    assert [r.name for r in rejected] == ["bad.exe"]
    assert not good.exists() and not bad.exists()  # Gradio's copies, accepted or not
    assert mine.exists()  # not Gradio's: left alone

    outcomes = [
        IngestOutcome(str(stored[0]), "failed", message="no text"),
        IngestOutcome(str(stored[1]), "indexed"),
    ]
    uploads.discard_unindexed(stored, outcomes, [])
    assert not stored[0].exists() and stored[1].exists()


def test_uploads_into_a_vanished_data_dir_say_so(tmp_path: Path) -> None:
    from rag.errors import DataDirGone

    source = tmp_path / "r.md"
    source.write_text("# R\n\nText.\n", encoding="utf-8")
    with pytest.raises(DataDirGone, match="missing"):
        uploads.store_uploads([source], tmp_path / "gone" / "uploads")
    assert not (tmp_path / "gone").exists()
