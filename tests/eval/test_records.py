"""The runner's typed answer record and the answer comparison behind `eval --compare`."""

from __future__ import annotations

import json
from pathlib import Path

from eval.records import AnswerRecord, answer_changes, read_answers
from rag.types import Answer, ChunkRecord, Citation, Passage


def _answer(text: str, *, abstained: bool = False) -> Answer:
    # fictional council and text, written for this test
    rec = ChunkRecord(
        chunk_id="r:0", report="r.md", content_hash="", authority="Wyvern Council",
        theme=None, quality_statement="Safeguarding", score=2, score_meaning=None,
        section_path=("Safeguarding",), text="Ten referrals.", embed_text="Ten referrals.",
        char_start=0, pages=(4,), position=0,
    )  # fmt: skip
    cites = () if abstained else (Citation(1, rec, "Ten referrals.", 0),)
    return Answer(
        "How many?", text, abstained, cites, (Passage(1, rec, 0.5),), {"retrieve": 2.0, "total": 5.0}, "f"
    )  # fmt: skip


def test_a_record_reads_the_ask_json_once_and_keeps_it() -> None:
    data = _answer("Ten referrals [1].").to_json()
    rec = AnswerRecord.from_json(data)
    assert rec.answer == "Ten referrals [1]." and not rec.abstained and rec.error is None
    assert [c.authority for c in rec.citations] == ["Wyvern Council"]
    assert rec.passages[0].section_path == ("Safeguarding",) and rec.passages[0].report == "r.md"
    assert (rec.retrieve_ms, rec.total_ms) == (2.0, 5.0)
    assert rec.raw == data  # written back to results.jsonl exactly as asked

    failed = AnswerRecord.failed("Q?", "no such council", 1.5)
    assert failed.error == "no such council" and failed.total_ms == 1.5 and not failed.citations


def test_answer_changes_ignore_timings_and_name_what_moved(tmp_path: Path) -> None:
    same = AnswerRecord.from_json(_answer("Ten referrals [1].").to_json())
    slower = AnswerRecord.from_json({**same.raw, "timings_ms": {"retrieve": 9.0, "total": 99.0}})
    declined = AnswerRecord.from_json(_answer("Not in the reports.", abstained=True).to_json())
    changes = answer_changes(
        {"a": same, "b": declined, "new": same}, {"a": slower, "b": same, "old": same}
    )
    assert changes.compared == 2 and changes.changed == ("b",)
    assert changes.only_here == ("new",) and changes.only_there == ("old",)
    assert "1 of 2 identical" in changes.summary() and "changed: b" in changes.summary()

    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps({"id": "a", **same.raw}) + "\n" + '{"id": "cut sh')
    assert list(read_answers(path)) == ["a"]  # a line cut short by an interruption is skipped
