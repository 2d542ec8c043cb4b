"""Text/Markdown parsing, on the real report and on our own fixtures."""

from pathlib import Path

import pytest

from ingest import parse_bytes, parse_file
from ingest.errors import EmptyReport, UnreadableReport, UnsupportedFileType
from tests.conftest import SAMPLES


def test_real_report_sections_scores_and_paths(real_report: Path) -> None:
    report = parse_file(real_report)
    text = real_report.read_text(encoding="utf-8")
    assert report.authority == real_report.stem  # the section does not name its council
    assert {s.quality_statement for s in report.sections} == {
        "Learning, improvement and innovation"
    }
    assert {s.score for s in report.sections} == {3}
    assert all(s.theme == "Leadership" for s in report.sections)
    assert report.sections[0].score_meaning == "3 - Evidence shows a good standard"
    paths = [s.heading_path for s in report.sections]
    assert (
        "Learning, improvement and innovation",
        "Key findings for this quality statement",
        "Continuous learning, improvement and professional development",
    ) in paths
    assert ("Learning, improvement and innovation", "Learning from feedback") in paths
    for s in report.sections:  # offsets slice back out of the file's text
        assert text[s.char_start : s.char_end] == s.text
    assert not any("©" in s.text for s in report.sections)


def test_authority_override_used_only_when_document_is_silent(real_report: Path) -> None:
    assert parse_file(real_report, authority="Somewhere Council").authority == "Somewhere Council"
    named = parse_file(SAMPLES / "northmere.md", authority="Ignored")
    assert named.authority == "Northmere Borough Council"


def test_sample_report_has_all_nine_statements_with_scores() -> None:
    report = parse_file(SAMPLES / "southbay.md")
    scored = {s.quality_statement: s.score for s in report.sections if s.quality_statement}
    assert len(scored) == 9 and all(v in (1, 2, 3, 4) for v in scored.values())
    assert report.overall_rating == "Requires improvement"
    themes = {s.theme for s in report.sections if s.theme}
    assert len(themes) == 4


def test_plain_line_headings_nest_under_key_findings() -> None:
    data = (
        b"## Safeguarding\n\nScore: 2\n\n2 - Evidence shows some shortfalls\n\n"
        b"## Key findings for this quality statement\n\nResponding to concerns\n\n"
        b"There were 10 concerns and staff followed them up quickly.\n"
    )
    report = parse_bytes(data, "x.md")
    assert report.sections[-1].heading_path == (
        "Safeguarding",
        "Key findings for this quality statement",
        "Responding to concerns",
    )
    assert report.sections[-1].score == 2


def test_windows_1252_is_decoded_with_a_warning() -> None:
    data = "## Safeguarding\n\nStaff said \u201cwe listen\u201d \u2013 always.\n".encode("cp1252")
    report = parse_bytes(data, "old.txt")
    assert "\u201cwe listen\u201d" in report.sections[0].text
    assert any("Windows-1252" in w for w in report.warnings)


def test_no_headings_becomes_one_section_with_warning() -> None:
    report = parse_bytes(b"Just some notes about care.\nNothing structured here.", "notes.txt")
    assert len(report.sections) == 1 and report.sections[0].heading_path == ()
    assert any("no recognisable sections" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("data", "name", "error", "match"),
    [
        (b"", "empty.txt", EmptyReport, "empty.txt: the file is empty"),
        (b"  \n\n ", "blank.md", EmptyReport, "blank.md"),
        (
            b"hello",
            "report.docx",
            UnsupportedFileType,
            r"unsupported file type '.docx'.*Supported types: .txt",
        ),
        (b"\x00\x01\x02binary", "data.txt", UnreadableReport, "binary file"),
        (
            b"\x81\x8d\x8f\x90\x9d text",
            "bad.txt",
            UnreadableReport,
            "neither UTF-8 nor Windows-1252.*Re-save",
        ),
    ],
)
def test_bad_input_errors_name_file_and_fix(
    data: bytes, name: str, error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        parse_bytes(data, name)
