"""Read our Markdown report format into blocks, so writers can render it as HTML or PDF.

Pure. It reads only the format `generate` writes (and the hand-written samples share):
a `# <Authority>: local authority assessment` title, front paragraphs (notice, overall
rating and score), `## Theme N: ...` headings, `## <quality statement>` headings each
followed by `Score: N` and its meaning line, then `##` or plain-line subsection headings
and paragraphs. It is not the product's parser (that is `ingest`), and it raises
`ValueError` rather than guessing when the text does not follow the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from eval.corpus.statements import QUALITY_STATEMENTS, THEMES

TITLE_SUFFIX = ": local authority assessment"
_STATEMENT_NAMES = frozenset(qs.name for qs in QUALITY_STATEMENTS)
_THEME = re.compile(r"^Theme ([1-4]): (.+)$")
_SCORE = re.compile(r"^Score: ([1-4])$")
_MEANING = re.compile(r"^[1-4] - Evidence shows .+$")


@dataclass(frozen=True, slots=True)
class Block:
    """A subsection heading (`##` or plain-line alike) or a paragraph."""

    kind: Literal["heading", "paragraph"]
    text: str


@dataclass(frozen=True, slots=True)
class StatementPart:
    """One quality statement: one HTML page, one run of PDF pages."""

    theme: str  # "Theme 1: How the local authority works with people"
    name: str
    score_line: str  # "Score: 3"
    meaning_line: str  # "3 - Evidence shows a good standard"
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ReportDocument:
    authority: str
    title: str
    front: tuple[str, ...]  # paragraphs before the first theme: notice, rating, score
    statements: tuple[StatementPart, ...]


def is_plain_heading(line: str) -> bool:
    """A short line without closing punctuation, as CQC sets subsection headings."""
    return len(line.split()) <= 14 and not line.endswith((".", "!", "?", ":", ";", ","))


def read_report(markdown: str) -> ReportDocument:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]
    if (
        not paragraphs
        or not paragraphs[0].startswith("# ")
        or not paragraphs[0].endswith(TITLE_SUFFIX)
    ):
        first = paragraphs[0][:80] if paragraphs else ""
        raise ValueError(
            f"report must open with '# <Authority>{TITLE_SUFFIX}', found {first!r}; "
            "write the title line first"
        )
    title = paragraphs[0][2:]
    front: list[str] = []
    statements: list[StatementPart] = []
    theme = ""
    name: str | None = None  # the quality statement being read
    score_line = meaning_line = ""
    blocks: list[Block] = []

    def close() -> None:
        if name is not None:
            statements.append(StatementPart(theme, name, score_line, meaning_line, tuple(blocks)))

    for para in paragraphs[1:]:
        heading = para[3:] if para.startswith("## ") else None
        theme_match = _THEME.match(heading or "")
        if theme_match:
            number, theme_name = int(theme_match.group(1)), theme_match.group(2)
            if THEMES[number] != theme_name:
                raise ValueError(f"theme {number} is {THEMES[number]!r}, not {theme_name!r}")
            theme = para[3:]
        elif heading in _STATEMENT_NAMES:
            close()
            name, score_line, meaning_line, blocks = heading, "", "", []
        elif name is None:
            if heading is not None:
                raise ValueError(f"heading {heading!r} comes before any quality statement")
            front.append(para)
        elif _SCORE.match(para) and not score_line:
            score_line = para
        elif _MEANING.match(para) and not meaning_line:
            meaning_line = para
        elif heading is not None or is_plain_heading(para):
            blocks.append(Block("heading", heading if heading is not None else para))
        else:
            blocks.append(Block("paragraph", para))
    close()
    if not statements:
        raise ValueError(
            f"{title!r} has no quality statement headings; expected '## Assessing needs' and the rest"
        )
    missing = [s.name for s in statements if not s.score_line or not s.meaning_line]
    if missing:
        raise ValueError(f"no 'Score: N' and meaning line under: {', '.join(missing)}")
    return ReportDocument(title[: -len(TITLE_SUFFIX)], title, tuple(front), tuple(statements))
