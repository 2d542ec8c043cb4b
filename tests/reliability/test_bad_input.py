"""A batch of everything staff might have on a drive: bad files fail alone, with one clear
line each; the good ones are indexed; the exit code says some failed; `list` is consistent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import rag.building
import rag.cli
from rag.assistant import Assistant
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.store import MemoryStore
from tests.conftest import SAMPLES
from tests.ingest.test_pdf_parser import make_pdf


@pytest.fixture
def batch(tmp_path: Path) -> tuple[list[Path], Path]:
    d = tmp_path / "drive"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    full = make_pdf()
    (d / "truncated.pdf").write_bytes(full[: len(full) // 2])
    (d / "locked.pdf").write_bytes(make_pdf(password="secret"))
    (d / "scanned.pdf").write_bytes(make_pdf(pages=2, header=False, text=False))
    (d / "windows.txt").write_bytes(
        "## Safeguarding\n\nStaff said \u201cwe listen\u201d \u2013 always, in 2023.\n".encode(
            "cp1252"
        )
    )
    (d / "huge.txt").write_bytes(b"Care and support notes. " * 2_200_000)  # ~53 MB
    (d / "notes.txt").write_text(
        "Plain notes about a visit, with no headings of any kind.", encoding="utf-8"
    )
    (d / "copy-of-southbay.md").write_bytes((SAMPLES / "southbay.md").read_bytes())
    (d / "scripts.html").write_text(
        "<html><head><title>Vale Council: local authority assessment</title><script>alert(1)</script>"
        "<style>p{}</style></head><body><script>document.write('x')</script><h2>Safeguarding</h2>"
        "<p>The council received 77 concerns.</p><script>steal()</script></body></html>",
        encoding="utf-8",
    )
    (d / "sub").mkdir()
    (d / "sub" / "dangling.md").symlink_to(d / "nowhere.md")
    return [SAMPLES / "southbay.md", d, tmp_path / "does-not-exist.pdf"], d


def test_bad_batch_through_the_cli(
    batch: tuple[list[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _ = batch
    store = MemoryStore()

    def build(**overrides: object) -> Assistant:
        return Assistant(
            Settings(data_dir=tmp_path / "data"), embedder=HashingEmbedder(), store=store
        )

    monkeypatch.setattr(rag.building, "build_assistant", build)
    result = CliRunner().invoke(rag.cli.cli, ["ingest", "--json", *map(str, paths)])
    assert result.exit_code == 1  # some failed
    lines = [json.loads(line) for line in result.output.splitlines()]
    by_name = {Path(o["path"]).name: o for o in lines}
    expected_failures = {
        "empty.txt": "empty",
        "photo.pdf": "not a PDF file",
        "truncated.pdf": "truncated or damaged",
        "locked.pdf": "password-protected",
        "scanned.pdf": "no extractable text (scanned?)",
        "huge.txt": "over the 20 MB limit",
        "dangling.md": "broken link",
        "does-not-exist.pdf": "no such file",
    }
    for name, problem in expected_failures.items():
        assert by_name[name]["status"] == "failed", name
        assert problem in by_name[name]["message"], (name, by_name[name]["message"])
        assert by_name[name]["message"].rstrip().endswith("."), "each line ends with what to do"
    assert by_name["copy-of-southbay.md"]["status"] == "duplicate"
    assert by_name["southbay.md"]["status"] == "indexed"
    assert by_name["windows.txt"]["status"] == "indexed" and by_name["windows.txt"]["warnings"]
    assert by_name["notes.txt"]["status"] == "indexed" and by_name["notes.txt"]["warnings"]
    assert by_name["scripts.html"]["status"] == "indexed"

    listed = json.loads(CliRunner().invoke(rag.cli.cli, ["list", "--json"]).output)
    assert {r["report"] for r in listed} == {
        "southbay.md",
        "windows.txt",
        "notes.txt",
        "scripts.html",
    }
    assert sum(r["chunks"] for r in listed) == len(store.all_records())
    text = " ".join(r.text for r in store.all_records())
    assert "alert(" not in text and "steal()" not in text and "77 concerns" in text


def test_human_output_has_one_line_per_file_and_a_summary(
    batch: tuple[list[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _ = batch
    monkeypatch.setattr(
        rag.building,
        "build_assistant",
        lambda **_: Assistant(
            Settings(data_dir=tmp_path / "d"), embedder=HashingEmbedder(), store=MemoryStore()
        ),
    )
    result = CliRunner().invoke(rag.cli.cli, ["ingest", *map(str, paths)])
    assert result.exit_code == 1
    assert (
        "x failed    " in result.output
        and "file(s) failed: see the lines marked x" in result.output
    )
