"""Our own fictional reports in all three formats parse to the same structure."""

from pathlib import Path

from ingest import parse_file
from ingest.framework import QUALITY_STATEMENTS
from tests.conftest import SAMPLES

FORMATS = SAMPLES / "formats"


def scores(paths: list[Path]) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in paths:
        for s in parse_file(path).sections:
            if s.quality_statement and s.score:
                found.setdefault(s.quality_statement, s.score)
    return found


def test_pdf_matches_markdown_scores_and_keeps_pages() -> None:
    pdf = parse_file(FORMATS / "northmere.pdf")
    assert pdf.authority == "Northmere Borough Council" and pdf.overall_rating == "Good"
    assert scores([FORMATS / "northmere.pdf"]) == scores([SAMPLES / "northmere.md"])
    assert len(scores([FORMATS / "northmere.pdf"])) == 9
    pages = [p for s in pdf.sections for p in s.pages]
    assert pages == sorted(pages) and max(pages) > 5
    assert (
        "page 2 of" not in pdf.text
        and pdf.text.lower().count("northmere borough council: local authority assessment") == 0
    )
    assert "1,064 carers' assessments" in pdf.text  # body text survives header/footer removal


def test_html_pages_match_markdown_scores() -> None:
    pages = sorted((FORMATS / "southbay").glob("*.html"))
    assert len(pages) == 9
    assert scores(pages) == scores([SAMPLES / "southbay.md"])
    for page in pages:
        report = parse_file(page)
        assert report.authority == "Southbay City Council"
        statements = {s.quality_statement for s in report.sections} - {None}
        assert len(statements) == 1 and statements <= set(QUALITY_STATEMENTS)
        assert "cookie" not in report.text.lower() and "<script" not in report.text
