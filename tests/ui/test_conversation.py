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
    assert md.startswith(
        "# cqc-rag conversation\n\nExported 2024-06-01T12:30:00+00:00.\nIndex fp123.\n"
    )
    assert (
        "## 1. How many complaints?\n\nThere had been 220 complaints from April 2023 to March 2024. [1]\n"
        in md
    )
    assert (
        "- [1] Vale Council | Learning, improvement and innovation (score 3) | "
        "Learning, improvement and innovation > Learning from feedback, p. 12 | vale.md\n"
        f"  > {QUOTE}\n"
    ) in md
    assert "## 2. What is the budget?\n\n*Not found in the indexed reports.*" in md
    assert "Closest passages:" in md


def test_json_export_is_the_ask_json_per_turn() -> None:
    talk = _talk()
    data = conversation.to_json(talk, WHEN)
    assert data["exported_at"] == "2024-06-01T12:30:00+00:00"
    assert data["turns"] == [a.to_json() for a in talk]
    assert data["turns"][0]["citations"][0]["quote"] == QUOTE
    json.dumps(data)  # serialisable as is


def test_write_exports_writes_both_files(tmp_path: Path) -> None:
    md, js = conversation.write_exports(_talk(), tmp_path / "out", WHEN)
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
