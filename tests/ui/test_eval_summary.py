"""The Evaluation tab's plain words: the summary counts and readable reasons."""

from __future__ import annotations

from ui.eval_summary import counts, metrics_html, plain_reason, questions_html, summary_html


def row(answerable: bool, abstained: bool, passed: bool, reasons: list[str] = ()) -> dict:  # type: ignore[assignment]
    return {
        "id": "q",
        "question": "How many <b>complaints</b>?",
        "answer": "An answer.",
        "abstained": abstained,
        "passed": passed,
        "reasons": list(reasons),
        "expected": {"answerable": answerable},
    }


def test_summary_hand_example() -> None:
    rows = [
        *[row(True, False, True)] * 5,
        row(True, True, False, ["abstained on answerable"]),
        row(True, False, False, ["fact '220|two hundred' missing from answer"]),
        row(False, True, True),
        row(False, False, False, ["answered unanswerable"]),
    ]
    assert counts(rows) == {
        "questions": 9,
        "answerable": 7,
        "right": 5,
        "wrongly_not_found": 1,
        "unanswerable": 2,
        "refused": 1,
        "answered_anyway": 1,
    }
    html = summary_html(rows)
    assert "Of 9 test questions:" in html and "<b>5 of 7</b>" in html
    assert "1 of them was wrongly answered" in html and "1 was answered with a missing fact" in html
    assert "1 was rightly answered" in html and "<b>1</b> was answered anyway" in html


def test_reasons_in_words_and_escaped() -> None:
    assert plain_reason("citation [3] contains no gold quote") == (
        "Source [3] does not hold the expected passage (the others do)."
    )
    assert plain_reason("no gold quote in top 5 (first at rank 8)").startswith(
        "The right passage was not among the first 5 found (it came 8th)"
    )
    assert plain_reason("fact '220|two hundred' missing from answer") == (
        "The answer does not state “220 or two hundred”."
    )
    assert plain_reason("something new") == "something new"
    html = questions_html([row(False, False, False, ["answered unanswerable"])])
    assert "should have said “not found”" in html and "<b>complaints</b>" not in html


def test_metrics_have_readable_names_and_keep_the_key() -> None:
    html = metrics_html({"metrics": {"hit_1": 0.9857, "total_p95_ms": 403.391, "note": "x"}})
    assert "Right passage found first" in html and "98.6%" in html
    assert "Answer time, slowest 5%" in html and "403 ms" in html and "hit_1" in html
