"""PDF parsing: page numbers kept, running headers/footers dropped, bad PDFs refused."""

import io

import pytest
from fpdf import FPDF

from ingest import parse_bytes
from ingest.errors import NoTextLayer, UnreadableReport

PARAGRAPHS = [
    "Staff told us the council completed {n} carers' assessments during the year, and people said the "
    "process was timely, respectful and focused on what mattered to them.",
    "Leaders described a new duty team for page {n}, which screened referrals on the day they arrived and "
    "passed urgent ones to a social worker within hours.",
    "Partners said that joint visits with district nurses had cut repeat contacts, although some families "
    "still waited longer than they expected for equipment in case {n}.",
]


def make_pdf(
    pages: int = 3, header: bool = True, text: bool = True, password: str | None = None
) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        if header:
            pdf.cell(
                0,
                6,
                "Fictional Vale Council: local authority assessment",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if text:
            pdf.set_font("Helvetica", style="B", size=12)
            pdf.cell(
                0,
                8,
                "Assessing needs" if page == 1 else f"Findings part {page}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.set_font("Helvetica", size=11)
            if page == 1:
                pdf.cell(0, 6, "Score: 3", new_x="LMARGIN", new_y="NEXT")
            body = PARAGRAPHS[(page - 1) % 3 :] + PARAGRAPHS[: (page - 1) % 3]
            pdf.multi_cell(0, 6, " ".join(t.format(n=100 * page + i) for i, t in enumerate(body)))
        if header:
            pdf.set_y(-20)
            pdf.set_font("Helvetica", size=9)
            pdf.cell(0, 6, f"Care Quality Commission - page {page} of {pages}")
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


def test_pages_kept_and_running_lines_dropped() -> None:
    report = parse_bytes(make_pdf(), "vale.pdf")
    assert report.authority == "Fictional Vale Council"
    assert "page 1 of 3" not in report.text and "page 2 of 3" not in report.text
    assert report.text.count("local authority assessment") <= 1
    by_pages = {s.pages for s in report.sections}
    assert (1,) in by_pages and (3,) in by_pages
    three = next(s for s in report.sections if "301 carers" in s.text)
    assert three.pages == (3,) and three.quality_statement == "Assessing needs" and three.score == 3
    for s in report.sections:
        assert report.text[s.char_start : s.char_end] == s.text


def test_scanned_pdf_without_text_layer_is_refused_with_advice() -> None:
    with pytest.raises(
        NoTextLayer, match=r"scan.pdf: the PDF has 2 page\(s\) but no extractable text.*OCR"
    ):
        parse_bytes(make_pdf(pages=2, header=False, text=False), "scan.pdf")


def test_truncated_and_fake_pdfs_are_refused() -> None:
    data = make_pdf()
    with pytest.raises(UnreadableReport, match=r"half\.pdf"):
        parse_bytes(data[: len(data) // 3], "half.pdf")
    with pytest.raises(UnreadableReport, match="not a PDF file"):
        parse_bytes(b"PK\x03\x04 zip really", "renamed.pdf")


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(UnreadableReport, match="password-protected"):
        parse_bytes(make_pdf(password="secret"), "locked.pdf")
