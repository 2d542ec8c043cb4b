"""Chunking a long section costs time in proportion to its length (issue 18, item 1).

Work is measured, not timed: every character handed to the token counter or to the
sentence splitter is added up, so the tests hold on a busy machine. Before the fix,
`_carried_sentence` re-split all the text before each chunk (the sum grew with the square
of the section) and a sentence with no full stop was counted whole at every cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import rag.ingestion as ingestion
from ingest import Section
from ingest.chunking import chunk_spans
from ingest.sentences import sentence_spans
from rag.config import Settings
from rag.embedder import HashingEmbedder
from rag.ingestion import _carried_sentence, build_records

WORDS = [
    "the",
    "council",
    "carers",
    "support",
    "assessment",
    "waiting",
    "people",
    "services",
    "team",
    "plan",
]


def counting(total: list[int]) -> Callable[[str], int]:
    def count(text: str) -> int:
        total[0] += len(text)
        return len(re.findall(r"\w+|[^\w\s]", text))

    return count


def paragraph(sentences: int, *, full_stops: bool = True) -> str:
    """One fictional paragraph: `sentences` sentences of 12 words, no paragraph break."""
    end = ". " if full_stops else " "
    return "".join(
        " ".join(WORDS[(i + j) % len(WORDS)] for j in range(12)).capitalize() + end
        for i in range(sentences)
    ).strip()


def test_chunking_one_long_paragraph_counts_each_character_a_bounded_number_of_times() -> None:
    for text in (paragraph(3000), paragraph(3000, full_stops=False)):
        total = [0]
        spans = chunk_spans(text, 64, counting(total))
        assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
        assert total[0] < 12 * len(text), f"{total[0]:,} characters counted for {len(text):,}"


def test_a_huge_word_is_cut_without_counting_the_rest_of_it_each_time() -> None:
    text = "x" * 200_000
    total = [0]
    spans = chunk_spans(text, 64, counting(total))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert total[0] < 20 * len(text)


def test_building_records_splits_a_long_section_into_sentences_about_once(
    monkeypatch, tmp_path
) -> None:
    scanned = [0]

    def spy(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        end = len(text) if end is None else end
        scanned[0] += end - start
        return sentence_spans(text, start, end)

    monkeypatch.setattr(ingestion, "sentence_spans", spy)
    text = paragraph(2500)
    section = Section(
        report="long.md",
        authority="Fictional Council",
        theme=None,
        quality_statement=None,
        score=None,
        score_meaning=None,
        heading_path=(),
        text=text,
        source="long.md",
        char_start=0,
        char_end=len(text),
    )
    from ingest.types import ParsedReport

    parsed = ParsedReport(
        report="long.md",
        source="long.md",
        authority="Fictional Council",
        text=text,
        sections=(section,),
        overall_rating=None,
        warnings=(),
    )
    records = build_records(
        parsed,
        "0" * 64,
        Settings(data_dir=tmp_path),
        HashingEmbedder(),
        lambda t: len(re.findall(r"\w+|[^\w\s]", t)),
    )
    assert len(records) > 100
    assert scanned[0] < 3 * len(text), f"{scanned[0]:,} characters split for {len(text):,}"


def _old_carried_sentence(text: str, start: int, room: int, embedder: HashingEmbedder) -> str:
    """The quadratic original, kept here as the specification of the answer."""
    head = text[:start].rstrip()
    if not head or text[len(head) : start].count("\n") >= 2:
        return ""
    spans = sentence_spans(head)
    if not spans:
        return ""
    s, e = spans[-1]
    lead = head[s:e] + " "
    return lead if embedder.count_word_pieces(lead) <= room else ""


piece = st.sampled_from(
    ["Carers waited", " e.g. the team", ". ", "! ", "? ", "\n\n", "\n- item", " No. 4", " 12", " B"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(piece, min_size=1, max_size=40), st.data())
def test_carried_sentence_is_what_splitting_everything_before_the_chunk_gave(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    room = data.draw(st.integers(0, 60))
    embedder = HashingEmbedder()
    starts = [s for s, _ in sentence_spans(text)]
    assert _carried_sentence(text, starts, start, room, embedder) == _old_carried_sentence(
        text, start, room, embedder
    )


def test_a_long_single_file_shows_embedding_progress(fake_assistant, tmp_path) -> None:
    from eval.bench.long import long_section_text

    path = tmp_path / "long.md"
    path.write_text(long_section_text(0.7), encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    outcome = fake_assistant.ingest([path], progress=lambda *a: seen.append(a))[0]
    assert outcome.status == "indexed" and outcome.chunks > 600
    steps = [done for stage, done, _ in seen if stage == "embed"]
    assert steps[0] == 0 and steps[-1] == outcome.chunks
    assert any(0 < done < outcome.chunks for done in steps)  # it moved before the end


class _Scanned(str):
    """A text that adds up the characters `rfind` scans and slices copy."""

    total = 0

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        lo, hi = start or 0, len(self) if end is None else end
        at = str.rfind(self, sub, lo, hi)
        _Scanned.total += hi - (at if at >= 0 else lo)
        return at

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            _Scanned.total += len(part)
        return part


def test_splitting_one_long_paragraph_reads_each_character_a_bounded_number_of_times() -> None:
    # Each full stop asked whether it ended a list number ("12.") by reading back to the
    # line's start: in one long paragraph that is the whole text before it (19 MB took
    # 232 s against 26 s once it read only the characters before the dot).
    text = _Scanned(paragraph(3000).replace(". ", ". 12 people. "))
    _Scanned.total = 0
    spans = sentence_spans(text)
    assert len(spans) > 5000
    assert _Scanned.total < 12 * len(text), f"{_Scanned.total:,} characters read for {len(text):,}"
