"""Quote checks: exact, close, or not in the indexed reports, with where.

Hand-made records (fictional text written for this test) for the pure function; the
fictional sample reports through the facade with the fake embedder.
"""

from __future__ import annotations

from rag.assistant import Assistant
from rag.quotes import check_quote
from rag.types import ChunkRecord
from tests.conftest import SAMPLES

TEXT = (
    "This passage is fictional. The council received 143 complaints about adult social care "
    "in 2023/24, and 38% were upheld. Managers shared the lessons at team meetings."
)


def record(text: str = TEXT, **kw: object) -> ChunkRecord:
    base: dict[str, object] = {
        "chunk_id": "r.md:abc:00001",
        "report": "r.md",
        "content_hash": "abc",
        "authority": "Fictional Council",
        "theme": None,
        "quality_statement": "Learning, improvement and innovation",
        "score": 3,
        "score_meaning": None,
        "section_path": ("Learning", "Complaints"),
        "text": text,
        "embed_text": text,
        "char_start": 0,
        "pages": (12,),
        "position": 1,
    }
    return ChunkRecord(**{**base, **kw})  # type: ignore[arg-type]


def test_exact_quote_with_other_case_spacing_and_curly_quotes() -> None:
    check = check_quote("received  143 COMPLAINTS about adult\nsocial care", [record()])
    assert check.verdict == "exact"
    assert TEXT[check.start : check.end] == "received 143 complaints about adult social care"
    assert check.message == (
        "Exact quote found in Fictional Council, page 12, section Learning › Complaints (r.md)."
    )


def test_one_changed_word_of_eight_is_a_close_match() -> None:
    check = check_quote("the council received 143 complaints about adult health care", [record()])
    assert check.verdict == "close"
    assert 0.75 <= check.share < 1.0
    assert check.message.startswith("Close match (")
    assert "page 12" in check.message
    assert TEXT[check.start : check.end].startswith("The council received 143")


def test_nonsense_and_scattered_words_are_not_found() -> None:
    for text in ("xyzzy florbing quantum marmalade", "council meetings lessons complaints"):
        check = check_quote(text, [record()])
        assert check.verdict == "not_found", text
        assert check.record is None
        assert check.message.startswith("Not in the indexed reports")
    assert check_quote("   ", [record()]).verdict == "not_found"


def test_exact_beats_close_in_another_record() -> None:
    near = record("The council received 143 complaints about adult care.", chunk_id="a")
    exact = record(chunk_id="b")
    check = check_quote("received 143 complaints about adult social care", [near, exact])
    assert (check.verdict, check.record) == ("exact", exact)


def test_the_facade_checks_every_passage_in_scope(fake_assistant: Assistant) -> None:
    ingested = fake_assistant
    assert all(o.ok for o in ingested.ingest([SAMPLES / "northmere.md", SAMPLES / "southbay.md"]))
    quote = "In the same year, 368 compliments were received"
    check, passages = ingested.find_quote(quote)
    assert check.verdict == "exact" and check.record is not None
    assert check.record.authority == "Northmere Borough Council" and passages
    assert check.to_json()["matched"] == quote
    nonsense, hits = ingested.find_quote("purple elephants juggling spreadsheets backwards")
    assert nonsense.verdict == "not_found" and hits  # search still lists its nearest
