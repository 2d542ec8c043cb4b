"""The scores table: every indexed report's stated scores, each tied to the line stating it.

Derived from the index (its chunk records and manifest), never stored beside it, so it is
right after any ingest, re-ingest or remove, from another process too and with a Chroma
server: `table_of(index)` rebuilds it when the index's generation (the manifest hash)
changes and reuses it otherwise. Per report: the council, the overall rating and
percentage when stated, each quality statement's score when stated; each value with the
chunk and the character span, within the chunk's text, of the line it comes from, found by
the one score grammar (ingest.scorelines). A statement page's own `Score: N` comes first;
the summary page or press release list fills the statements whose page is not in the file.
A value the manifest holds but no chunk's text shows (a rating stated only in a heading) is
kept without a line. This module reads; answering questions about the table is
rag.score_answers.
"""

from __future__ import annotations

import csv
import io
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ingest.framework import QUALITY_STATEMENTS
from ingest.scorelines import ScoreLine, page_score, read_score_lines
from rag.types import ChunkRecord, ReportInfo

if TYPE_CHECKING:
    from rag.index import Index


@dataclass(frozen=True, slots=True)
class Stated:
    """One stated value and the line it comes from: `record.text[quote_start:][:len(quote)]`."""

    value: int | str
    record: ChunkRecord | None  # None: the manifest has it, no chunk's text shows it
    quote: str = ""
    quote_start: int = 0

    @property
    def chunk_id(self) -> str | None:
        return self.record.chunk_id if self.record else None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "chunk_id": self.chunk_id,
            "start": self.quote_start if self.record else None,
            "end": self.quote_start + len(self.quote) if self.record else None,
            "quote": self.quote or None,
        }


@dataclass(frozen=True, slots=True)
class CouncilScores:
    """One report's row of the table."""

    report: str
    authority: str
    rating: Stated | None
    percentage: Stated | None
    statements: dict[str, Stated]  # canonical quality statement -> its stated score

    def score(self, statement: str) -> int | None:
        stated = self.statements.get(statement)
        return int(stated.value) if stated else None

    def to_json(self) -> dict[str, Any]:
        lines: dict[str, Any] = {}
        if self.rating:
            lines["overall_rating"] = self.rating.to_json()
        if self.percentage:
            lines["overall_percentage"] = self.percentage.to_json()
        lines |= {qs: s.to_json() for qs, s in self.statements.items()}
        return {
            "report": self.report,
            "authority": self.authority,
            "overall_rating": self.rating.value if self.rating else None,
            "overall_percentage": self.percentage.value if self.percentage else None,
            "scores": {qs: self.score(qs) for qs in QUALITY_STATEMENTS if qs in self.statements},
            "lines": lines,
        }


@dataclass(frozen=True, slots=True)
class ScoreTable:
    generation: str | None
    rows: tuple[CouncilScores, ...]  # sorted by council, then report
    # one row per council (lower-cased name), merged over its reports: built once, so a
    # question over 153 councils does not scan 561 report rows per council (~90 ms)
    by_council: dict[str, CouncilScores] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.rows and not self.by_council:
            self.by_council.update(_merge(self.rows))

    def authorities(self) -> list[str]:
        return [c.authority for c in self.by_council.values()]

    def council(self, authority: str) -> CouncilScores | None:
        """The council's row; with several reports for one council, each value from the
        first report (by name) that states it."""
        return self.by_council.get(authority.lower())

    def councils(self) -> list[CouncilScores]:
        return list(self.by_council.values())

    def to_json(self) -> list[dict[str, Any]]:
        return [r.to_json() for r in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for row in self.rows:
            writer.writerow(csv_row(row))
        return out.getvalue()


def _merge(rows: Sequence[CouncilScores]) -> dict[str, CouncilScores]:
    groups: dict[str, list[CouncilScores]] = {}
    for row in sorted(rows, key=lambda r: (r.authority, r.report)):
        groups.setdefault(row.authority.lower(), []).append(row)
    out: dict[str, CouncilScores] = {}
    for key, group in groups.items():
        if len(group) == 1:
            out[key] = group[0]
            continue
        statements: dict[str, Stated] = {}
        for row in group:
            statements |= {k: v for k, v in row.statements.items() if k not in statements}
        out[key] = CouncilScores(
            " + ".join(r.report for r in group),
            group[0].authority,
            next((r.rating for r in group if r.rating), None),
            next((r.percentage for r in group if r.percentage), None),
            {qs: statements[qs] for qs in QUALITY_STATEMENTS if qs in statements},
        )
    return out


CSV_COLUMNS: tuple[str, ...] = (
    "council",
    "report",
    "overall_rating",
    "overall_percentage",
    *QUALITY_STATEMENTS,
)


def csv_row(row: CouncilScores) -> list[str | int]:
    return [
        row.authority,
        row.report,
        str(row.rating.value) if row.rating else "",
        int(row.percentage.value) if row.percentage else "",
        *(row.score(qs) or "" for qs in QUALITY_STATEMENTS),
    ]


_CACHE: weakref.WeakKeyDictionary[Index, ScoreTable] = weakref.WeakKeyDictionary()


def table_of(index: Index) -> ScoreTable:
    """The table for the index's current generation (call `index.refresh()` first)."""
    cached = _CACHE.get(index)
    if cached is not None and cached.generation == index.generation:
        return cached
    table = build_table(index.reports, index.records, index.generation)
    _CACHE[index] = table
    return table


def build_table(
    reports: Iterable[ReportInfo], records: Sequence[ChunkRecord], generation: str | None = None
) -> ScoreTable:
    by_report: dict[str, list[ChunkRecord]] = {}
    for r in records:
        by_report.setdefault(r.report, []).append(r)
    rows = [
        _row(info, sorted(by_report.get(info.report, []), key=lambda r: r.position))
        for info in reports
    ]
    return ScoreTable(generation, tuple(sorted(rows, key=lambda r: (r.authority, r.report))))


def _row(info: ReportInfo, records: list[ChunkRecord]) -> CouncilScores:
    statements: dict[str, Stated] = {}
    for r in records:  # statement pages: the section's own `Score: N` line
        qs = r.quality_statement
        if qs and r.score is not None and qs not in statements:
            line = page_score(r.text, 0, len(r.text), qs)
            if line is not None and line.value == r.score:
                statements[qs] = Stated(r.score, r, r.text[line.start : line.end], line.start)
    text = _report_text(records)
    stated = read_score_lines(text)
    for line in stated.statements:  # the summary page or press release
        if line.key not in statements:
            statements[line.key] = _cite(line, text, records)
    for qs, value in info.scores.items():  # what ingest saw that no chunk shows
        if qs not in statements:
            statements[qs] = Stated(value, None)
    rating = _cite(stated.rating, text, records) if stated.rating else None
    if rating is None and info.overall_rating:
        rating = Stated(info.overall_rating, None)
    percentage = _cite(stated.percentage, text, records) if stated.percentage else None
    if percentage is None and info.overall_percentage is not None:
        percentage = Stated(info.overall_percentage, None)
    ordered = {qs: statements[qs] for qs in QUALITY_STATEMENTS if qs in statements}
    return CouncilScores(info.report, info.authority, rating, percentage, ordered)


def _report_text(records: Sequence[ChunkRecord]) -> str:
    """The report's extracted text as far as its chunks hold it, at the same offsets;
    what no chunk holds (headings, blank lines) becomes line breaks."""
    pieces: list[str] = []
    pos = 0
    for r in sorted(records, key=lambda r: r.char_start):
        if r.char_start < pos:  # chunks never overlap; if they ever did, keep the first
            r_text = r.text[pos - r.char_start :]
        else:
            pieces.append("\n" * (r.char_start - pos))
            r_text = r.text
        pieces.append(r_text)
        pos = max(pos, r.char_start + len(r.text))
    return "".join(pieces)


def _cite(line: ScoreLine, text: str, records: Sequence[ChunkRecord]) -> Stated:
    """The value with the chunk holding its line(s); a line split over two chunks is cited
    by its part in the chunk that holds the value (a summary item by its `Score: N` line)."""
    for start in (line.start, line.line_start):
        for r in records:
            if r.char_start <= start and line.end <= r.char_start + len(r.text):
                return Stated(line.value, r, text[start : line.end], start - r.char_start)
    for r in records:
        if r.char_start < line.end <= r.char_start + len(r.text):
            start = max(line.start, r.char_start)
            return Stated(line.value, r, text[start : line.end], start - r.char_start)
    return Stated(line.value, None)
