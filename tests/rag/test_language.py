"""Questions in another language get "please ask in English"; English ones never do."""

from __future__ import annotations

import json

import pytest

from rag.language import other_language, please_ask_in_english
from tests.conftest import ROOT


def test_every_evaluation_question_is_english() -> None:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    assert len(questions) > 50
    assert [q for q in questions if other_language(q)] == []


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Sut mae'r cyngor yn cefnogi gofalwyr di-dâl?", "Welsh"),
        ("Combien de plaintes le conseil a-t-il reçues en 2023?", "French"),
        ("¿Cuántas quejas recibió el ayuntamiento en 2023?", "Spanish"),
        ("Ile skarg otrzymała rada w 2023 roku?", "Polish"),
        ("Сколько жалоб получил совет?", "another script"),
        ("议会收到了多少投诉？", "another script"),
    ],
)
def test_other_languages_are_recognised(question: str, language: str) -> None:
    assert other_language(question) == language
    assert (please_ask_in_english(question) or "").startswith("Please ask in English")


@pytest.mark.parametrize(
    "question",
    [
        "Southbay safeguarding score?",
        "What did CQC say about Cyngor Sir Ynys Môn?",
        "How many complaints did the council receive in 2023/24?",
        "",
    ],
)
def test_short_mixed_and_english_questions_stay_english(question: str) -> None:
    assert other_language(question) is None and please_ask_in_english(question) is None
