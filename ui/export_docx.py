"""A conversation as a Word document (.docx) staff can paste into a briefing.

Each question is a heading, its answer a paragraph, and each source a quote paragraph
with its council, quality statement, score and page, so the document stands on its own
when copied out of context. python-docx writes it; no Gradio, no HTML. The Markdown and
JSON exports live in `ui.conversation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from rag.facts.markers import marker
from rag.types import Answer, Citation


def source_line(c: Citation) -> str:
    """'[1] Northmere Borough Council · Safeguarding · score 3 · page 4 · northmere.md'."""
    r = c.record
    bits = [f"{marker(c.n)} {r.authority}", r.quality_statement or "no quality statement"]
    if r.score:
        bits.append(f"score {r.score}")
    if r.pages:
        bits.append(f"page {r.pages[0]}")
    if r.section_path:
        bits.append(" › ".join(r.section_path))
    return " · ".join([*bits, r.report])


def write_docx(answers: Sequence[Answer], path: Path, exported_at: datetime | None = None) -> Path:
    from docx import Document
    from docx.shared import Pt

    when = (exported_at or datetime.now(UTC)).strftime("%d %B %Y, %H:%M UTC")
    doc = Document()
    doc.core_properties.title = "CQC assessment reports: questions and cited answers"
    doc.add_heading("Questions and cited answers", level=0)
    doc.add_paragraph(
        f"Exported {when}. Every quote below is the report's own words; check the page before citing."
    )
    for i, answer in enumerate(answers, start=1):
        doc.add_heading(f"{i}. {' '.join(answer.question.split())}", level=2)
        doc.add_paragraph(answer.text)
        cited = list({c.n: c for c in answer.citations}.values())
        if not cited:
            continue
        doc.add_paragraph("Sources", style="Heading 3")
        for c in cited:
            where = doc.add_paragraph(style="List Bullet")
            where.add_run(source_line(c)).bold = True
            # The quote whole, line breaks kept as breaks inside one quote paragraph.
            quote = doc.add_paragraph(style="Quote")
            for n, line in enumerate(c.quote.splitlines() or [c.quote]):
                run = quote.add_run(line)
                run.font.size = Pt(10.5)
                if n < len(c.quote.splitlines()) - 1:
                    run.add_break()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
