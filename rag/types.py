"""The vocabulary of retrieval and answering, shared by CLI, UI and eval.

`ingest.types` holds what a report is made of (Section, Chunk); this module holds what
the index stores and what an answer is. Frozen dataclasses; `to_json()` gives the
documented JSON shapes (README, "JSON output"), so every front end prints the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ingest.types import Chunk, ParsedReport, Section
from rag.inert import orders_in

__all__ = [
    "Answer",
    "Chunk",
    "ChunkRecord",
    "Citation",
    "Filters",
    "IngestOutcome",
    "ParsedReport",
    "Passage",
    "ReportInfo",
    "Section",
    "Turn",
]


@dataclass(frozen=True, slots=True)
class Filters:
    """Metadata restrictions; None means no restriction."""

    authority: str | None = None
    quality_statement: str | None = None
    score: int | None = None
    report: str | None = None

    def is_empty(self) -> bool:
        return all(
            v is None for v in (self.authority, self.quality_statement, self.score, self.report)
        )

    def merged(self, other: Filters) -> Filters:
        """Self, with other's values where self has none."""
        return Filters(
            authority=self.authority or other.authority,
            quality_statement=self.quality_statement or other.quality_statement,
            score=self.score if self.score is not None else other.score,
            report=self.report or other.report,
        )

    def focused(self, cited_authorities: Iterable[str]) -> Filters:
        """The filters a follow-up inherits: these, plus the council the answer cited when
        the question never named one ("How many compliments?" after a complaints answer
        quoting one council stays on that council; mixed citations add nothing)."""
        if self.authority:
            return self
        cited = set(cited_authorities)
        return replace(self, authority=cited.pop() if len(cited) == 1 else None)

    def matches(self, record: ChunkRecord) -> bool:
        return (
            (self.authority is None or record.authority.lower() == self.authority.lower())
            and (
                self.quality_statement is None
                or (record.quality_statement or "").lower() == self.quality_statement.lower()
            )
            and (self.score is None or record.score == self.score)
            and (self.report is None or record.report == self.report)
        )


@dataclass(frozen=True, slots=True)
class ChunkRecord:
    """One indexed chunk as stored beside its vector (everything needed to cite it)."""

    chunk_id: str
    report: str
    content_hash: str
    authority: str
    theme: str | None
    quality_statement: str | None
    score: int | None
    score_meaning: str | None
    section_path: tuple[str, ...]
    text: str  # the report's own words, as shown and quoted
    embed_text: str  # text plus its context, as embedded and keyword-indexed
    char_start: int  # into the report's extracted text
    pages: tuple[int, ...]
    position: int  # order within the report

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def renamed(self, authority: str) -> ChunkRecord:
        """This chunk under another council name: the name in its context prefix (the
        first line of embed_text, which the keyword index reads) changes with it."""
        if authority == self.authority:
            return self
        head, sep, rest = self.embed_text.partition("\n")
        if sep and head.startswith(self.authority):
            head = authority + head[len(self.authority) :]
        return replace(self, authority=authority, embed_text=head + sep + rest)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChunkRecord:
        return cls(
            **{**data, "section_path": tuple(data["section_path"]), "pages": tuple(data["pages"])}
        )


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with its rank and the evidence behind the rank."""

    rank: int
    record: ChunkRecord
    score: float  # fused score
    dense_similarity: float | None = None  # cosine to the question, when dense search found it
    keyword_score: float | None = None

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "rank": self.rank,
            "chunk_id": r.chunk_id,
            "report": r.report,
            "authority": r.authority,
            "quality_statement": r.quality_statement,
            "section_path": list(r.section_path),
            "text": r.text,
            "score": round(self.score, 6),
            "page": r.pages[0] if r.pages else None,
            # report text addressed to an assistant or reader: data, never an answer (rag.inert)
            "gives_orders": bool(orders_in(r.text)),
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source of an answer: the quoted sentence(s) and where they stand."""

    n: int
    record: ChunkRecord
    quote: str
    quote_start: int  # offset of the quote within record.text

    @property
    def char_start(self) -> int:
        """Offset of the quote in the report's extracted text."""
        return self.record.char_start + self.quote_start

    @property
    def char_end(self) -> int:
        return self.char_start + len(self.quote)

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "n": self.n,
            "chunk_id": r.chunk_id,
            "report": r.report,
            "authority": r.authority,
            "quality_statement": r.quality_statement,
            "score": r.score,
            "section_path": list(r.section_path),
            "quote": self.quote,
            "text": r.text,
            "page": r.pages[0] if r.pages else None,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }


@dataclass(frozen=True, slots=True)
class Turn:
    """One earlier exchange of a conversation, used to resolve follow-up questions."""

    question: str
    answer: str = ""
    filters: Filters = field(default_factory=Filters)

    @classmethod
    def from_answer(cls, answer: Answer) -> Turn:
        """A turn that remembers the council the answer was about (`Filters.focused`)."""
        return cls(
            answer.question,
            answer.text,
            answer.filters.focused(c.record.authority for c in answer.citations),
        )


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    timings_ms: dict[str, float]
    index_fingerprint: str
    mode: str = "extractive"  # extractive | score | generative
    notice: str | None = None  # e.g. why a generative answer fell back
    filters: Filters = field(default_factory=Filters)  # what was applied (asked or inferred)
    verification: dict[str, Any] | None = None
    support: float = 0.0  # best evidence score, compared with the abstention threshold
    kind: str = "text"  # "scores": computed from the scores table (rag.score_answers)

    def with_timings(self, **timings: float) -> Answer:
        return replace(
            self, timings_ms={**self.timings_ms, **{k: round(v, 2) for k, v in timings.items()}}
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "passages": [p.to_json() for p in self.passages],
            "timings_ms": dict(self.timings_ms),
            "index_fingerprint": self.index_fingerprint,
            "mode": self.mode,
            "notice": self.notice,
            "filters": {k: v for k, v in asdict(self.filters).items() if v is not None},
            "verification": self.verification,
            "support": self.support,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """An indexed report as `cqc-rag list` shows it."""

    report: str
    authority: str
    content_hash: str
    chunks: int
    sections: int
    scores: dict[str, int]  # quality statement -> score
    overall_rating: str | None
    indexed_at: str  # ISO 8601, UTC
    source: str
    overall_percentage: int | None = None  # the stated overall score, e.g. 56 for "56%"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input file."""

    path: str
    status: str  # indexed | replaced | unchanged | duplicate | failed
    report: str | None = None
    chunks: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "failed"
