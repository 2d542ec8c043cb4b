"""Chunk invariants (hypothesis) and one hand-checked example."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Section, chunk_section, parse_file
from ingest.chunking import chunk_spans


def words(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))


def section_of(text: str) -> Section:
    return Section(
        report="r",
        authority="A",
        theme=None,
        quality_statement="Safeguarding",
        score=2,
        score_meaning=None,
        heading_path=("Safeguarding", "Key findings"),
        text=text,
        source="r.md",
        char_start=100,
        char_end=100 + len(text),
    )


sentence = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(
        st.sampled_from(
            [
                "care",
                "staff",
                "told",
                "us",
                "220",
                "complaints",
                "were",
                "received",
                "carers",
                "assessment",
                "waited",
                "weeks",
                "supercalifragilisticexpialidocious-and-more",
                "council",
            ]
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([".", "!", "?", ""]),
)
paragraphs = st.lists(
    st.lists(sentence, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=6
).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(text=paragraphs, budget=st.integers(min_value=8, max_value=120))
def test_chunk_invariants(text: str, budget: int) -> None:
    section = section_of(text)
    chunks = chunk_section(section, max_tokens=budget, count_tokens=words)
    assert chunks, "a non-empty section has at least one chunk"
    last_end = 0
    for i, c in enumerate(chunks):
        assert c.text and c.text.strip() == c.text  # none empty, no ragged edges
        assert section.text[c.start : c.end] == c.text  # offsets slice back
        assert words(c.text) <= budget  # within the token limit
        assert c.start >= last_end and c.index == i  # ordered, non-overlapping
        assert c.section.heading_path == section.heading_path
        assert c.doc_start == section.char_start + c.start
        last_end = c.end
    covered = "".join(ch for c in chunks for ch in c.text if not ch.isspace())
    assert covered == "".join(ch for ch in text if not ch.isspace())  # covers the section in order


def test_hand_example_breaks_at_sentences() -> None:
    text = "One two three. Four five six. Seven eight nine."
    spans = chunk_spans(text, max_tokens=9, count_tokens=words)
    assert [text[s:e] for s, e in spans] == ["One two three. Four five six.", "Seven eight nine."]


def test_budget_below_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        chunk_spans("Some text.", max_tokens=4, count_tokens=words)


def test_real_report_chunks_respect_tiktoken_budget(real_report: Path) -> None:
    import tiktoken

    enc = tiktoken.get_encoding("cl100k_base")
    report = parse_file(real_report)
    for section in report.sections:
        for c in chunk_section(section, max_tokens=120, count_tokens=lambda t: len(enc.encode(t))):
            assert len(enc.encode(c.text)) <= 120
            assert report.text[c.doc_start : c.doc_end] == c.text
