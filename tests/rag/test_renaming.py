"""A report's council: from a folder's authorities.csv, and renamed after indexing
(facade, CLI), crash-safely and visibly to other processes (issue 14, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import rag.building
import rag.cli
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.errors import ConfigError, ReportNotFound
from rag.types import Filters
from tests.conftest import SAMPLES

# Fictional text written for these tests: it names no council anywhere.
UNNAMED = """## Learning, improvement and innovation

Score: 3

3 - Evidence shows a good standard

## Learning from feedback

This text is fictional and was written for the cqc-rag tests. The council received 412 complaints about adult social care in 2023/24 and answered most of them within 20 working days.

Staff reviewed every complaint with the person who made it, and the lessons went to a monthly practice forum.
"""
NAMED_TITLE = "# Vale Hollow Council: local authority assessment\n\n"


def _folder(tmp_path: Path, sidecar: str | None) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "unnamed.md").write_text(UNNAMED, encoding="utf-8")
    if sidecar is not None:
        (folder / "authorities.csv").write_text(sidecar, encoding="utf-8")
    return folder


def _assistant(tmp_path: Path) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path / "data"), embedder=HashingEmbedder())


def _authority(assistant: Assistant, report: str = "unnamed.md") -> str:
    return next(r.authority for r in assistant.reports() if r.report == report)


def test_a_folders_sidecar_names_a_report_whose_text_names_none(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "file,authority\nunnamed.md,Testshire Council\n")
    assistant = _assistant(tmp_path)
    outcomes = assistant.ingest([folder])
    assert [o.status for o in outcomes] == ["indexed"]  # the CSV itself is not a report
    assert _authority(assistant) == "Testshire Council"
    assert {r.authority for r in assistant.index.records} == {"Testshire Council"}
    answer = assistant.ask("How many complaints did Testshire Council receive in 2023/24?")
    assert answer.citations and answer.citations[0].record.authority == "Testshire Council"


def test_a_single_file_reads_its_folders_sidecar(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '"file","authority"\n"unnamed.md","Testshire, North Council"\n')
    assistant = _assistant(tmp_path)
    assistant.ingest([folder / "unnamed.md"])
    assert _authority(assistant) == "Testshire, North Council"  # a quoted comma


def test_the_reports_own_title_wins_over_the_sidecar(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "file,authority\nnorthmere.md,Somewhere Else Council\n")
    (folder / "northmere.md").write_bytes((SAMPLES / "northmere.md").read_bytes())
    assistant = _assistant(tmp_path)
    assistant.ingest([folder])
    assert _authority(assistant, "northmere.md") == "Northmere Borough Council"
    assert _authority(assistant) == "unnamed"  # the sidecar does not name it: its file name


def test_a_sidecar_with_a_bad_line_fails_its_folders_files_with_the_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "file,authority\nunnamed.md\n")
    assistant = _assistant(tmp_path)
    outcomes = assistant.ingest([folder, SAMPLES / "southbay.md"])
    failed = [o for o in outcomes if o.status == "failed"]
    assert [Path(o.path).name for o in failed] == ["unnamed.md"]
    assert "authorities.csv, line 2" in (failed[0].message or "")
    assert "'file,authority'" in (failed[0].message or "")
    assert [r.report for r in assistant.reports()] == ["southbay.md"]  # the rest was indexed


def test_the_shared_wirral_section_is_named_by_its_sidecar(
    real_report: Path, tmp_path: Path
) -> None:
    assert "Wirral" not in real_report.read_text(encoding="utf-8")[:2000]
    assistant = _assistant(tmp_path)
    assistant.ingest([real_report])
    assert _authority(assistant, real_report.name) == "Wirral Council"
    assert "Wirral Council" in assistant.index.authorities()
    assert assistant.resolve_filters(Filters(authority="wirral council")).authority == (
        "Wirral Council"
    )


def test_an_unchanged_report_under_its_file_name_takes_a_sidecar_added_later(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, None)
    assistant = _assistant(tmp_path)
    assistant.ingest([folder])
    assert _authority(assistant) == "unnamed"
    (folder / "authorities.csv").write_text("file,authority\nunnamed.md,Testshire Council\n")
    assert [o.status for o in assistant.ingest([folder])] == ["unchanged"]
    assert _authority(assistant) == "Testshire Council"


def test_rename_reaches_answers_filters_the_store_and_a_reopened_index(tmp_path: Path) -> None:
    folder = _folder(tmp_path, None)
    assistant = _assistant(tmp_path)
    assistant.ingest([folder])
    _, vectors_before = assistant.index.store.records_with_vectors()
    other = _assistant(tmp_path)  # another process's view, opened before the rename
    assert other.reports()[0].authority == "unnamed"

    renamed = assistant.rename_authority("unnamed.md", "  Testshire   Council ")
    assert renamed.authority == "Testshire Council"
    for a in (assistant, other, _assistant(tmp_path)):  # this, the other, and a new process
        assert _authority(a) == "Testshire Council"
        answer = a.ask(
            "How many complaints were received in 2023/24?",
            filters=Filters(authority="testshire council"),
        )
        assert answer.citations
        assert {c.record.authority for c in answer.citations} == {"Testshire Council"}
        assert a.search("complaints", filters=Filters(authority="Testshire Council"))
        assert not a.index.keyword.search("unnamed", 5, None)  # the old name left the keywords
    stored = assistant.index.store.all_records()
    assert stored and {r.authority for r in stored} == {"Testshire Council"}
    assert all(r.embed_text.startswith("Testshire Council") for r in stored)
    chroma = assistant.index.store._chunks  # type: ignore[attr-defined]
    assert len(chroma.get(where={"authority": "Testshire Council"})["ids"]) == len(stored)
    _, vectors_after = assistant.index.store.records_with_vectors()
    assert all(np.array_equal(a, b) for a, b in zip(vectors_before, vectors_after, strict=True))


def test_a_re_ingest_keeps_the_name_unless_the_text_names_a_council(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "file,authority\nunnamed.md,Sidecar Council\n")
    assistant = _assistant(tmp_path)
    assistant.ingest([folder])
    assistant.rename_authority("unnamed.md", "Testshire Council")
    assert [o.status for o in assistant.ingest([folder])] == ["unchanged"]
    assert _authority(assistant) == "Testshire Council"
    (folder / "unnamed.md").write_text(UNNAMED + "\nA new closing paragraph was added.\n")
    assert [o.status for o in assistant.ingest([folder])] == ["replaced"]
    assert _authority(assistant) == "Testshire Council"  # neither the sidecar nor the file name
    (folder / "unnamed.md").write_text(NAMED_TITLE + UNNAMED)
    assistant.ingest([folder])
    assert _authority(assistant) == "Vale Hollow Council"  # the text names it: the text wins


def test_a_rename_killed_before_its_chunks_shows_the_new_name_and_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, None)
    assistant = _assistant(tmp_path)
    assistant.ingest([folder, SAMPLES / "southbay.md"])
    store = assistant.index.store

    def killed(records: object) -> None:
        raise KeyboardInterrupt("killed after the manifest write")

    monkeypatch.setattr(store, "relabel", killed)
    with pytest.raises(KeyboardInterrupt):
        assistant.rename_authority("unnamed.md", "Testshire Council")
    monkeypatch.undo()
    assert {r.authority for r in store.all_records() if r.report == "unnamed.md"} == {"unnamed"}
    fresh = _assistant(tmp_path)  # the manifest is the truth: every chunk shows the new name
    fresh.index.refresh()
    assert {r.authority for r in fresh.index.records if r.report == "unnamed.md"} == {
        "Testshire Council"
    }
    fresh.rename_authority("southbay.md", "Southbay Council")  # any later rename repairs
    stored = {r.report: r.authority for r in fresh.index.store.all_records()}
    assert stored == {"unnamed.md": "Testshire Council", "southbay.md": "Southbay Council"}


def test_rename_refuses_an_unknown_report_and_an_empty_name(tmp_path: Path) -> None:
    assistant = _assistant(tmp_path)
    assistant.ingest([SAMPLES / "southbay.md"])
    with pytest.raises(ReportNotFound, match=r"No indexed report named 'nope\.md'.*southbay\.md"):
        assistant.rename_authority("nope.md", "X Council")
    with pytest.raises(ConfigError, match="council name is empty"):
        assistant.rename_authority("southbay.md", "   ")


def test_cqc_rag_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, None)
    _assistant(tmp_path).ingest([folder])
    monkeypatch.setattr(rag.building, "build_assistant", lambda **_: _assistant(tmp_path))
    done = CliRunner().invoke(rag.cli.cli, ["rename", "unnamed.md", "Testshire Council"])
    assert done.exit_code == 0, done.output
    assert "unnamed.md is now Testshire Council." in done.output
    listed = CliRunner().invoke(rag.cli.cli, ["list", "--json"])
    assert json.loads(listed.output)[0]["authority"] == "Testshire Council"
    missing = CliRunner().invoke(rag.cli.cli, ["rename", "nope.md", "X"])
    assert missing.exit_code == 1 and "No indexed report named 'nope.md'" in missing.output
