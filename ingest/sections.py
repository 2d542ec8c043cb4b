"""Find the CQC structure in a parsed document: quality statements, scores, heading paths.

Pure. Works on any `Document`, so text, HTML and PDF share one notion of structure:
- a heading naming a quality statement starts it (theme and score follow from it);
- "Theme N: ..." headings set the theme; the document title (level 1) is preamble;
- other headings are subsections; plain-line headings (inferred for text, found by
  layout for PDF) nest under the current subsection, as "Continuous learning, ..." sits
  under "Key findings for this quality statement" in the real report.
A document with no recognisable headings becomes one section, with a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.framework import (
    MEANING_LINE,
    THEME_OF,
    match_quality_statement,
    match_theme,
    score_meaning,
)
from ingest.scorelines import page_score, read_score_lines
from ingest.types import Document, Heading, ParsedReport, Section

_AUTHORITY_TITLE = re.compile(r"^\s*(.+?)\s*[:\-–|]\s*local authority assessment", re.I)
_FOOTER = re.compile(r"\n?\s*©[^\n]*$")
_LIST_OR_LABEL = re.compile(r"^([-*•+]|\d+[.)]|Score:|\d\s*[-–—]\s*Evidence|©)")


def split_sections(
    document: Document, *, report: str, authority: str | None = None
) -> ParsedReport:
    text = document.text
    stated = read_score_lines(text)
    # The summary page's statement list ("Assessing needs" / "Score: 2" ...) names every
    # statement: those lines are list items, not the start of nine empty sections.
    headings = sorted(
        (
            h
            for h in (
                *document.headings,
                *(infer_plain_headings(text, document.headings) if document.infer_headings else ()),
            )
            if not any(start <= h.start < end for start, end in stated.lists)
        ),
        key=lambda h: h.start,
    )
    found_authority = authority_from(document, headings)
    name = found_authority or authority or Path(document.source).stem
    scores = _scores_by_statement(text, headings)
    warnings = list(document.notes)

    sections: list[Section] = []
    theme: str | None = None
    statement: str | None = None
    path: list[str] = []
    sub_depth = 0  # length of `path` up to the current markup subsection
    bounds = [h.start for h in headings[1:]] + [len(text)] if headings else []
    if headings and headings[0].start > 0:
        _append(sections, document, report, name, None, None, None, (), 0, headings[0].start)
    for heading, next_start in zip(headings, bounds, strict=True):
        qs = match_quality_statement(heading.text)
        if qs:
            statement, theme, path = qs, THEME_OF[qs], [qs]
            sub_depth = 1
        elif match_theme(heading.text) and heading.level < 4:
            theme, statement, path, sub_depth = match_theme(heading.text), None, [], 0
            continue
        elif heading.level == 1:
            statement, path, sub_depth = None, [], 0
        elif heading.level == 4 and path:
            path = [*path[:sub_depth], heading.text]
        else:
            path = [statement, heading.text] if statement else [heading.text]
            sub_depth = len(path)
        score = scores.get(statement) if statement else None
        _append(
            sections,
            document,
            report,
            name,
            theme,
            statement,
            score,
            tuple(path),
            heading.end,
            next_start,
        )
    if not headings:
        warnings.append("no recognisable sections (no headings found); indexed as one section")
        _append(sections, document, report, name, None, None, None, (), 0, len(text))
    return ParsedReport(
        report=report,
        source=document.source,
        authority=name,
        text=text,
        sections=tuple(sections),
        overall_rating=str(stated.rating.value) if stated.rating else None,
        # a statement page's own score first; the summary page or press release fill the rest
        scores=scores | {k: v for k, v in stated.scores().items() if k not in scores},
        overall_percentage=int(stated.percentage.value) if stated.percentage else None,
        warnings=tuple(warnings),
    )


def _append(
    out: list[Section],
    doc: Document,
    report: str,
    authority: str,
    theme: str | None,
    statement: str | None,
    score: int | None,
    path: tuple[str, ...],
    start: int,
    end: int,
) -> None:
    body = _FOOTER.sub("", doc.text[start:end])
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    if not body:
        return
    start += lead
    out.append(
        Section(
            report=report,
            authority=authority,
            theme=theme,
            quality_statement=statement,
            score=score,
            score_meaning=score_meaning(score),
            heading_path=path,
            text=body,
            source=doc.source,
            char_start=start,
            char_end=start + len(body),
            pages=doc.pages_for(start, start + len(body)),
        )
    )


def _scores_by_statement(text: str, headings: list[Heading]) -> dict[str, int]:
    """The first 'Score: N' after each quality statement heading, before the next one."""
    scores: dict[str, int] = {}
    marks = [(h, match_quality_statement(h.text)) for h in headings]
    starts = [h.start for h, qs in marks if qs] + [len(text)]
    for heading, qs in marks:
        if qs and qs not in scores:
            limit = next(s for s in starts if s > heading.start)
            line = page_score(text, heading.end, limit, qs)
            if line:
                scores[qs] = int(line.value)
    return scores


def authority_from(document: Document, headings: list[Heading]) -> str | None:
    """The authority the document names in its title or top heading, if any."""
    candidates = [document.title or ""] + [h.text for h in headings if h.level == 1]
    candidates += document.text[:600].splitlines()[:5]
    for candidate in candidates:
        m = _AUTHORITY_TITLE.match(candidate.lstrip("# "))
        if m:
            return m.group(1).strip()
    return None


def infer_plain_headings(text: str, explicit: tuple[Heading, ...] = ()) -> tuple[Heading, ...]:
    """Plain-line subsection headings: a short line alone between blank lines, no closing
    punctuation, followed by a longer paragraph ("Carers' assessments")."""
    taken = {h.start for h in explicit}
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text)]
    lines = [(pos, line) for pos, line in lines if pos == 0 or text[pos - 1] == "\n"]
    found: list[Heading] = []
    for i in range(1, len(lines) - 2):
        (_, before), (pos, raw), (_, after), (_, following) = lines[i - 1 : i + 3]
        line = raw.strip()
        if before.strip() or after.strip() or not line or pos in taken:
            continue
        if line.startswith("#") or following.lstrip().startswith("#"):
            continue
        if _looks_like_plain_heading(line, following.strip()):
            start = pos + len(raw) - len(raw.lstrip())
            found.append(Heading(4, line, start, start + len(line)))
    return tuple(found)


def _looks_like_plain_heading(line: str, following: str) -> bool:
    return (
        len(line) <= 100
        and len(line.split()) <= 14
        and line[:1].isupper()
        and not line.endswith((".", ",", ";", ":", "!", "?"))
        and ":" not in line
        and not _LIST_OR_LABEL.match(line)
        and not MEANING_LINE.match(line)
        and len(following) > len(line)
    )
