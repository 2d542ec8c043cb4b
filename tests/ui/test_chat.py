"""ui.chat: a turn as screen states (pending, growing text, final with sources), follow-ups
carrying the conversation, and like-index mapping; on the fake assistant."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from rag.assistant import Assistant
from rag.types import Filters
from ui import chat

QUESTION = "How many carers' assessments were completed in Northmere in 2023/24?"


def test_reply_streams_then_shows_sources(ingested: Assistant) -> None:
    screens = list(chat.reply(ingested, QUESTION, Filters(), []))
    first, *middle, last = screens
    assert first.messages[-1]["content"] == chat.PENDING_HTML and first.sources is None
    assert middle and all(s.sources is None for s in middle)
    grown = [s.messages[-1]["content"] for s in middle]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(grown))
    assert len(last.answers) == 1 and "1,064" in last.answers[0].text
    assert 'href="#src-1-1"' in last.messages[-1]["content"]
    assert 'id="src-1-1"' in (last.sources or "") and "<mark>" in (last.sources or "")
    assert [m["role"] for m in last.messages] == ["user", "assistant"]


class Spy:
    """Records what the chat passes to the facade."""

    def __init__(self, real: Assistant) -> None:
        self.real = real
        self.calls: list[dict[str, Any]] = []

    def ask_stream(self, question: str, **kwargs: Any) -> Any:
        self.calls.append({"question": question, **kwargs})
        return self.real.ask_stream(question, **kwargs)


def test_follow_up_passes_the_conversation(ingested: Assistant) -> None:
    spy = Spy(ingested)
    first = list(chat.reply(spy, QUESTION, Filters(), []))[-1]
    list(
        chat.reply(
            spy,
            "And what about the median wait?",
            Filters(quality_statement="Assessing needs"),
            first.answers,
        )
    )
    second = spy.calls[1]
    assert [t.question for t in second["history"]] == [QUESTION]
    assert second["history"][0].filters.authority == "Northmere Borough Council"
    assert second["filters"] == Filters(quality_statement="Assessing needs")


def test_empty_question_is_a_quiet_hint(ingested: Assistant) -> None:
    with pytest.raises(chat.Quiet, match="Type a question about the reports first"):
        next(chat.reply(ingested, "   ", Filters(), []))


def test_another_language_is_asked_for_in_english_and_not_kept(ingested: Assistant) -> None:
    done = list(chat.reply(ingested, QUESTION, Filters(), []))[-1].answers
    screens = list(
        chat.reply(ingested, "Combien de plaintes le conseil a-t-il reçues?", Filters(), done)
    )
    assert len(screens) == 1 and screens[0].answers == done and screens[0].sources is None
    last = screens[0].messages[-1]["content"]
    assert "Please ask in English (it looks like French)" in last and "cqc-hint" in last


def test_like_index_maps_to_its_answer(ingested: Assistant) -> None:
    answers = list(chat.reply(ingested, QUESTION, Filters(), []))[-1].answers
    assert chat.answer_for_message(answers, 1) == (1, answers[0])
    assert chat.answer_for_message(answers, [1, 0]) == (1, answers[0])
    with pytest.raises(ValueError, match="No answer at chat message 4"):
        chat.answer_for_message(answers, 4)


def test_questions_are_escaped_in_the_chat() -> None:
    messages = chat.chat_messages([], "<script>alert(1)</script>")
    assert messages[0]["content"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
