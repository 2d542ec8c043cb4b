"""ui.uploads: names that cannot escape the uploads folder, type and size limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.uploads import ALLOWED_SUFFIXES, check_upload, sanitise_name, store_uploads


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("northmere.md", "northmere.md"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\evil.PDF", "evil.pdf"),
        ("/abs/path/report v2 (final).html", "report_v2_final.html"),
        (".hidden.txt", "hidden.txt"),
        ("..", "report"),
        ("Café Conseil.md", "Cafe_Conseil.md"),
        ("a<script>.md", "a_script.md"),
    ],
)
def test_sanitise_name_examples(given_name: str, expected: str) -> None:
    assert sanitise_name(given_name) == expected


@given(st.text(max_size=80))
def test_sanitised_names_stay_in_one_folder(name: str) -> None:
    safe = sanitise_name(name)
    assert safe and "/" not in safe and "\\" not in safe and not safe.startswith(".")
    assert safe not in (".", "..")
    assert (Path("/uploads") / safe).parent == Path("/uploads")


def test_type_size_and_empty_checks(tmp_path: Path) -> None:
    ok = tmp_path / "r.md"
    ok.write_text("# A report\n", encoding="utf-8")
    assert check_upload(ok, "r.md") is None
    assert "Upload one of: .pdf" in (check_upload(ok, "tool.exe") or "")
    assert "over the 0 MB limit" in (check_upload(ok, "r.md", max_bytes=3) or "")
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    assert "empty" in (check_upload(empty, "e.txt") or "")
    assert ".pdf" in ALLOWED_SUFFIXES and ".html" in ALLOWED_SUFFIXES


def test_store_uploads_copies_good_files_and_reports_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "vale report.md").write_text("# Vale\n", encoding="utf-8")
    (src / "virus.exe").write_bytes(b"MZ")
    stored, rejected = store_uploads(
        [src / "vale report.md", src / "virus.exe"], tmp_path / "uploads"
    )
    assert [p.name for p in stored] == ["vale_report.md"]
    assert stored[0].parent == (tmp_path / "uploads").resolve()
    assert [(r.name, "Upload one of" in r.reason) for r in rejected] == [("virus.exe", True)]
