"""ui.conversation: follow-up history and the Markdown/JSON export of a conversation."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from rag.types import Filters
from tests.ui.factories import answer, citation, record
from ui import conversation

WHEN = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
TEXT = "Intro. There had been 220 complaints from April 2023 to March 2024. Outro."
QUOTE = "There had been 220 complaints from April 2023 to March 2024."


def _talk() -> list:
    rec = record(
        TEXT,
        authority="Vale Council",
        report="vale.md",
        statement="Learning, improvement and innovation",
        path=("Learning, improvement and innovation", "Learning from feedback"),
        pages=(12,),
    )
    first = answer(f"{QUOTE} [1]", (citation(rec, QUOTE),), question="How many complaints?")
    second = answer(
        "The indexed reports do not appear to answer this question.",
        abstained=True,
        question="What is the budget?",
        passages=first.passages,
    )
    return [first, second]


def test_markdown_export_hand_example() -> None:
    md = conversation.to_markdown(_talk(), WHEN)
    assert md.startswith("# cqc-rag conversation\n\nExported 2024-06-01T12:30:00+00:00.\n\n## 1.")
    assert (
        "## 1. How many complaints?\n\nThere had been 220 complaints from April 2023 to March 2024. [1]\n"
        in md
    )
    assert (
        "- [1] Vale Council | Learning, improvement and innovation (score 3) | "
        "Learning, improvement and innovation > Learning from feedback, p. 12 | vale.md\n"
        f"  > {QUOTE}\n"
    ) in md
    assert "## 2. What is the budget?\n\nThe indexed reports do not appear" in md
    assert "Index fp123" not in md and "Not found in the indexed reports" not in md  # said once
    assert "Closest passages:" in md


def test_json_export_is_the_ask_json_per_turn() -> None:
    talk = _talk()
    data = conversation.to_json(talk, WHEN)
    assert data["exported_at"] == "2024-06-01T12:30:00+00:00"
    assert data["turns"] == [a.to_json() for a in talk]
    assert data["turns"][0]["citations"][0]["quote"] == QUOTE
    json.dumps(data)  # serialisable as is


def test_write_exports_writes_all_three_files(tmp_path: Path) -> None:
    md, js, docx = conversation.write_exports(_talk(), tmp_path / "out", WHEN)
    assert docx.suffix == ".docx" and docx.stat().st_size > 1000
    assert md.name == "conversation-20240601-123000.md" and js.suffix == ".json"
    assert (
        json.loads(js.read_text(encoding="utf-8"))["turns"][0]["question"] == "How many complaints?"
    )
    assert md.read_text(encoding="utf-8") == conversation.to_markdown(_talk(), WHEN)


def test_follow_up_history_keeps_the_cited_council() -> None:
    turns = conversation.history(_talk())
    assert [t.question for t in turns] == ["How many complaints?", "What is the budget?"]
    assert turns[0].filters.authority == "Vale Council"  # inferred from its only cited council
    assert turns[1].filters.authority is None  # an abstention cites nothing


def test_turn_filters_keep_what_was_asked_and_ignore_mixed_councils() -> None:
    asked = Filters(authority="Southbay City Council")
    assert conversation.turn_filters(asked, ["Northmere Borough Council"]) == asked
    assert conversation.turn_filters(Filters(), ["A", "B"]).authority is None
    assert conversation.turn_filters(
        Filters(quality_statement="Safeguarding"), ["A", "A"]
    ) == Filters(authority="A", quality_statement="Safeguarding")


def _long_talk() -> list:
    """Three turns, one quote spanning two lines, two markers (fictional text)."""
    multi = "Waiting lists fell by a third\nover the year to March 2024."
    rec = record(
        f"Intro. {multi} Outro.",
        authority="Vale Council",
        report="vale.md",
        statement="Assessing needs",
        path=("Assessing needs", "Waiting"),
        pages=(9,),
    )
    other = record(TEXT, n=2, authority="Hill Council", report="hill.md", pages=(3,))
    talk = _talk()
    third = answer(
        f"{' '.join(multi.split())} [1] {QUOTE} [2]",
        (citation(rec, multi, n=1), citation(other, QUOTE, n=2)),
        question="How did waiting change?",
    )
    return [*talk, third]


def test_markdown_keeps_a_quote_that_spans_lines_inside_its_block() -> None:
    md = conversation.to_markdown(_long_talk(), WHEN)
    assert "  > Waiting lists fell by a third\n  > over the year to March 2024.\n" in md


def test_the_word_export_opens_and_holds_every_quote(tmp_path: Path) -> None:
    from docx import Document

    talk = _long_talk()
    _, _, path = conversation.write_exports(talk, tmp_path, WHEN)
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    quotes = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Quote"]
    every = [c for a in talk for c in a.citations]
    assert len(every) == 3 and quotes == [c.quote for c in every]
    for c in every:  # each quote's source line names council, statement, score and page
        r = c.record
        head = f"[{c.n}] {r.authority} · {r.quality_statement}"
        line = next(p for p in paragraphs if p.startswith(head))
        assert r.quality_statement in line and f"score {r.score}" in line
        assert f"page {r.pages[0]}" in line
    assert "1. How many complaints?" in paragraphs and "3. How did waiting change?" in paragraphs
    assert any("do not appear to answer" in p for p in paragraphs)
