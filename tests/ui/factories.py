"""Hand-built records, citations and answers for the pure rendering tests."""

from __future__ import annotations

from rag.types import Answer, ChunkRecord, Citation, Filters, Passage

NO_FILTERS = Filters()


def record(
    text: str,
    *,
    n: int = 1,
    authority: str = "Northmere Borough Council",
    report: str = "northmere.md",
    statement: str | None = "Safeguarding",
    score: int | None = 3,
    path: tuple[str, ...] = ("Safeguarding", "Key findings"),
    pages: tuple[int, ...] = (4,),
) -> ChunkRecord:
    return ChunkRecord(
        chunk_id=f"{report}:abc:{n:05d}",
        report=report,
        content_hash="abc",
        authority=authority,
        theme=None,
        quality_statement=statement,
        score=score,
        score_meaning=None,
        section_path=path,
        text=text,
        embed_text=text,
        char_start=100 * n,
        pages=pages,
        position=n,
    )


def citation(rec: ChunkRecord, quote: str, n: int = 1) -> Citation:
    return Citation(n=n, record=rec, quote=quote, quote_start=rec.text.index(quote))


def answer(
    text: str,
    citations: tuple[Citation, ...] = (),
    *,
    question: str = "How many complaints?",
    abstained: bool = False,
    passages: tuple[Passage, ...] | None = None,
    filters: Filters = NO_FILTERS,
) -> Answer:
    if passages is None:
        passages = tuple(Passage(i + 1, c.record, 0.5) for i, c in enumerate(citations))
    return Answer(
        question=question,
        text=text,
        abstained=abstained,
        citations=citations,
        passages=passages,
        timings_ms={"retrieve": 1.0, "answer": 1.0, "total": 2.0},
        index_fingerprint="fp123",
        filters=filters,
    )
