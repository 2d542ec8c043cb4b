"""The chat turn as a stream of screen states, without Gradio.

`reply` drives `Assistant.ask_stream` and yields what the page should show after each
piece: the chat messages (rebuilt from the finished answers, so message 2i is question i
and 2i+1 its answer), the answers so far, and the sources panel once the answer is done.
Gradio only forwards these; tests drive them with the fake assistant. Errors from the
facade propagate: the app turns them into gr.Error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rag.language import please_ask_in_english
from rag.types import Answer, Filters
from ui import conversation, render

PENDING_HTML = '<div class="cqc-pending">Searching the reports…</div>'

EXAMPLES: tuple[str, ...] = (
    "How many complaints were received between April 2023 and March 2024?",
    "How long did people wait for a Care Act assessment in Northmere?",
    "What score did Southbay get for safeguarding?",
    "How are unpaid carers supported in Northmere?",
)


class Quiet(ValueError):
    """A user's ordinary mistake (an empty question): said quietly beside the box, never as
    an error over the page."""


@dataclass(frozen=True, slots=True)
class Screen:
    messages: list[dict[str, str]]
    answers: list[Answer]
    sources: str | None  # None: leave the sources panel as it is


def chat_messages(
    answers: Sequence[Answer],
    question: str | None = None,
    partial: str | None = None,
    asked: Filters | None = None,
) -> list[dict[str, str]]:
    """Messages in Gradio's format; a question in progress shows its partial answer.
    `asked`: the filters on screen, so each answer says where its narrower scope came from."""
    messages: list[dict[str, str]] = []
    for turn, answer in enumerate(answers, start=1):
        messages.append({"role": "user", "content": render.esc(answer.question)})
        messages.append({"role": "assistant", "content": render.answer_html(answer, turn, asked)})
    if question is not None:
        messages.append({"role": "user", "content": render.esc(question)})
        messages.append(
            {
                "role": "assistant",
                "content": render.partial_html(partial) if partial else PENDING_HTML,
            }
        )
    return messages


def answer_for_message(answers: Sequence[Answer], index: int | Sequence[int]) -> tuple[int, Answer]:
    """(turn, answer) shown in chat message `index` (Gradio's LikeData.index); turns count from 1."""
    i = index if isinstance(index, int) else index[0]
    turn = i // 2
    if not 0 <= turn < len(answers):
        raise ValueError(
            f"No answer at chat message {i}; the conversation has {len(answers)} answer(s). Ask again, then rate the new answer."
        )
    return turn + 1, answers[turn]


def filters_from(authority: str | None, statement: str | None) -> Filters:
    return Filters(authority=authority or None, quality_statement=statement or None)


def reply(
    assistant: Any, question: str, filters: Filters, answers: Sequence[Answer]
) -> Iterator[Screen]:
    question = " ".join(question.split())
    if not question:
        raise Quiet("Type a question about the reports first, or pick an example.")
    english = please_ask_in_english(question)
    if english is not None:  # not an answer: it is not kept, and the next question replaces it
        hint = f'<div class="cqc-hint" data-cqc="answer">{render.esc(english)}</div>'
        messages = chat_messages(answers)
        messages += [
            {"role": "user", "content": render.esc(question)},
            {"role": "assistant", "content": hint},
        ]
        yield Screen(messages, list(answers), None)
        return
    yield Screen(chat_messages(answers, question), list(answers), None)
    text = ""
    for piece in assistant.ask_stream(
        question, filters=filters, history=conversation.history(answers)
    ):
        if isinstance(piece, str):
            text += piece
            yield Screen(chat_messages(answers, question, text), list(answers), None)
        else:
            done = [*answers, piece]
            yield Screen(chat_messages(done, asked=filters), done, render.sources_html(done))
