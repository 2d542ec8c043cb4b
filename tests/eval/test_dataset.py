"""Loading the evaluation set: the real file, and every kind of bad file named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.dataset import DatasetError, EvalQuestion, dataset_hash, load_dataset
from tests.conftest import ROOT

GOOD = {
    "id": "q1",
    "question": "How many?",
    "answerable": True,
    "gold_quotes": ["220 complaints"],
    "facts": ["220"],
    "filters": {},
}


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_the_projects_set_loads() -> None:
    questions = load_dataset(ROOT / "eval" / "questions.jsonl")
    assert len(questions) >= 87 and all(isinstance(q, EvalQuestion) for q in questions)
    assert any(q.filters.authority for q in questions) and any(not q.answerable for q in questions)
    assert any(q.history for q in questions)  # follow-ups, asked after their conversation
    blind = load_dataset(ROOT / "eval" / "blind.jsonl")
    assert len(blind) >= 80 and not any(q.history for q in blind)


def test_blank_lines_are_skipped_and_filters_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD,
        "",
        {**GOOD, "id": "q2", "filters": {"authority": "Northmere Borough Council"}},
    )
    questions = load_dataset(path)
    assert [q.id for q in questions] == ["q1", "q2"]
    assert questions[1].filters.authority == "Northmere Borough Council"


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, '{"id": "q2", "question": ')
    with pytest.raises(DatasetError, match=r"set\.jsonl line 2: not valid JSON"):
        load_dataset(path)


def test_unknown_field_names_the_line_and_the_allowed_fields(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, {**GOOD, "id": "q2"}, {**GOOD, "id": "q3", "gold_quote": "typo"})
    with pytest.raises(
        DatasetError,
        match=r"line 3: unknown field 'gold_quote' \(allowed: id, question, answerable",
    ):
        load_dataset(path)


def test_unknown_filter_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, {**GOOD, "filters": {"council": "X"}})
    with pytest.raises(
        DatasetError,
        match=r"line 1: unknown field 'filters.council' \(allowed: authority, quality_statement\)",
    ):
        load_dataset(path)


def test_missing_field_names_the_line(tmp_path: Path) -> None:
    row = {k: v for k, v in GOOD.items() if k != "facts"}
    with pytest.raises(DatasetError, match=r"line 1: missing field 'facts'"):
        load_dataset(write(tmp_path, row))


def test_wrong_type_and_inconsistent_rows(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"line 1: field 'answerable'"):
        load_dataset(write(tmp_path, {**GOOD, "answerable": "maybe"}))
    with pytest.raises(
        DatasetError,
        match=r"line 1: an unanswerable question must have empty gold_quotes and facts",
    ):
        load_dataset(write(tmp_path, {**GOOD, "answerable": False}))
    with pytest.raises(DatasetError, match=r"line 2: expected a JSON object, got list"):
        load_dataset(write(tmp_path, GOOD, "[1, 2]"))


def test_repeated_id_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"line 2: id 'q1' is already used on line 1"):
        load_dataset(write(tmp_path, GOOD, GOOD))


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"No evaluation set at .*nope\.jsonl"):
        load_dataset(tmp_path / "nope.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"empty\.jsonl has no questions"):
        load_dataset(empty)


def test_hash_changes_with_content(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    first = dataset_hash(path)
    assert len(first) == 64 and first == dataset_hash(path)
    write(tmp_path, {**GOOD, "question": "How many complaints?"})
    assert dataset_hash(path) != first
