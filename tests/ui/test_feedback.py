"""ui.feedback: the append-only store (atomic lines, amend by id) and the eval-line export."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tests.ui.factories import answer, citation, record
from ui.feedback import (
    NOT_FOUND_REASON,
    FeedbackStore,
    eval_lines_text,
    export_feedback_as_eval_lines,
)

KEYS = {"id", "question", "answerable", "gold_quotes", "facts", "filters"}
TEXT = "Intro. The council received 143 complaints in 2023/24. Outro."
QUOTE = "The council received 143 complaints in 2023/24."


def _answered(question: str = "How many complaints did Northmere receive?") -> dict:
    return answer(f"{QUOTE} [1]", (citation(record(TEXT), QUOTE),), question=question).to_json()


def _abstained(question: str = "What is the budget?") -> dict:
    return answer(
        "The indexed reports do not appear to answer this question.",
        abstained=True,
        question=question,
    ).to_json()


def test_a_record_keeps_question_answer_citations_and_fingerprint(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "data" / "feedback.jsonl")
    saved = store.add(_answered(), "down", reason="incomplete", comment="  also wanted upheld  ")
    line = json.loads((tmp_path / "data" / "feedback.jsonl").read_text(encoding="utf-8"))
    assert line["question"] == "How many complaints did Northmere receive?"
    assert line["answer"].startswith(QUOTE) and line["rating"] == "down"
    assert (
        line["citations"][0]["quote"] == QUOTE
        and line["citations"][0]["authority"] == "Northmere Borough Council"
    )
    assert "text" not in line["citations"][0]  # the passage itself stays in the index
    assert line["index_fingerprint"] == "fp123" and line["comment"] == "also wanted upheld"
    assert line["timestamp"].endswith("+00:00") and saved.id == line["id"]


def test_adding_a_reason_later_amends_the_same_record(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    first = store.add(_answered(), "down")
    store.add(_answered(), "down", reason=NOT_FOUND_REASON, feedback_id=first.id)
    assert len((tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    [latest] = store.records()
    assert latest.id == first.id and latest.reason == NOT_FOUND_REASON


def test_bad_rating_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rating 'meh' is not 'up' or 'down'"):
        FeedbackStore(tmp_path / "f.jsonl").add(_answered(), "meh")


def test_concurrent_writers_never_interleave_lines(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"

    def write(n: int) -> None:
        store = FeedbackStore(path)  # a store per thread, as two processes would have
        for i in range(25):
            store.add(_answered(f"question {n}-{i} " + "x" * 2000), "up")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 100
    assert all(json.loads(line)["rating"] == "up" for line in lines)


def test_unreadable_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    store = FeedbackStore(path)
    store.add(_answered(), "up")
    with path.open("a", encoding="utf-8") as f:
        f.write('not json\n{"id": "x"}\n')
    assert len(store.records()) == 1


def test_eval_lines_hand_example(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    store.add(_answered(), "up")
    store.add(_abstained(), "up")  # rightly said not found
    store.add(_answered("Which care homes closed?"), "down", reason=NOT_FOUND_REASON)
    store.add(_answered("How many staff?"), "down", reason="wrong passage")  # not exportable
    lines = export_feedback_as_eval_lines(store.records())
    assert [set(line) for line in lines] == [KEYS] * 3
    by_q = {line["question"]: line for line in lines}
    assert by_q["How many complaints did Northmere receive?"]["answerable"] is True
    assert by_q["How many complaints did Northmere receive?"]["gold_quotes"] == [QUOTE]
    assert by_q["What is the budget?"] == {
        **by_q["What is the budget?"],
        "answerable": False,
        "gold_quotes": [],
    }
    assert by_q["Which care homes closed?"]["answerable"] is False
    assert "How many staff?" not in by_q
    assert all(line["id"].startswith("feedback-") and line["facts"] == [] for line in lines)


def test_latest_feedback_per_question_wins_and_text_is_jsonl(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    store.add(_answered(), "up")
    store.add(_answered(), "down", reason=NOT_FOUND_REASON)
    text = eval_lines_text(store.records())
    [line] = [json.loads(x) for x in text.splitlines()]
    assert line["answerable"] is False
