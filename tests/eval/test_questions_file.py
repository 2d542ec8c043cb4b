"""Checks on the dev question set, eval/questions.jsonl, against the report text.

Every gold quote must be an exact span of a report (whitespace aside) and every fact a
correct answer must state must occur in a report that holds one of the question's gold
quotes, so the set cannot drift from the corpus it is scored against. The real report
section lives outside the repository in ../shared/reports/; questions about it are
skipped, with the reason, when that directory is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.framework import QUALITY_STATEMENTS

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "eval" / "questions.jsonl"
SAMPLE_REPORTS = ROOT / "data" / "sample_reports"
SHARED_REPORTS = Path(__file__).resolve().parents[3] / "shared" / "reports"
REAL_REPORT = SHARED_REPORTS / "000_9cb2d3eb327cb64a.txt"
REAL_MISSING = f"real report section not available: {REAL_REPORT} is missing (../shared/reports is outside the repository)"

KEYS = {"id", "question", "answerable", "gold_quotes", "facts", "filters"}
AUTHORITIES = {
    "Northmere Borough Council",
    "Southbay City Council",
    "Wirral Council",
    "Bristol City Council",
    "London Borough of Camden",
    "London Borough of Ealing",
    "Gateshead Borough Council",
    "Northumberland County Council",
    "Telford and Wrekin Council",
}
MAX_QUOTE_WORDS = 15


def norm(text: str) -> str:
    return " ".join(text.split())


def load_lines() -> list[str]:
    return [line for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_questions() -> list[dict]:
    return [json.loads(line) for line in load_lines()]


def corpus() -> dict[str, str]:
    """Report name -> whitespace-normalised text, for every report that is available."""
    texts = {
        p.name: norm(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE_REPORTS.glob("*.md"))
    }
    for path in sorted(SHARED_REPORTS.glob("*.txt")):
        texts[path.name] = norm(path.read_text(encoding="utf-8"))
    return texts


QS = load_questions()
ANSWERABLE = [q for q in QS if q.get("answerable")]


def test_every_line_is_a_json_object_with_exactly_the_expected_keys():
    for n, line in enumerate(load_lines(), start=1):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {n} is not a JSON object"
        assert KEYS <= set(obj) <= KEYS | {"history"}, (
            f"line {n} ({obj.get('id')}): keys {sorted(obj)}"
        )
        assert isinstance(obj["id"], str) and obj["id"]
        assert isinstance(obj["question"], str) and obj["question"].strip()
        assert isinstance(obj["answerable"], bool)
        assert isinstance(obj["gold_quotes"], list) and all(
            isinstance(g, str) for g in obj["gold_quotes"]
        )
        assert isinstance(obj["facts"], list) and all(isinstance(f, str) for f in obj["facts"])
        assert isinstance(obj["filters"], dict)


def test_ids_are_unique():
    ids = [q["id"] for q in QS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_enough_questions():
    assert len(QS) >= 60


def test_enough_unanswerable_questions():
    assert sum(not q["answerable"] for q in QS) >= 10


def test_unanswerable_questions_have_no_quotes_or_facts():
    for q in QS:
        if not q["answerable"]:
            assert q["gold_quotes"] == [] and q["facts"] == [], q["id"]


def test_answerable_questions_have_quotes_and_facts():
    for q in ANSWERABLE:
        assert q["gold_quotes"], f"{q['id']} has no gold quote"
        assert 1 <= len(q["facts"]) <= 3, f"{q['id']} has {len(q['facts'])} facts"
        assert all(alt.strip() for f in q["facts"] for alt in f.split("|")), (
            f"{q['id']} has an empty fact alternative"
        )


def test_filters_name_a_known_authority_or_quality_statement():
    for q in QS:
        for key, value in q["filters"].items():
            assert key in {"authority", "quality_statement"}, f"{q['id']}: unknown filter {key!r}"
            allowed = AUTHORITIES if key == "authority" else set(QUALITY_STATEMENTS)
            assert value in allowed, f"{q['id']}: {key}={value!r}"


def test_no_gold_quote_is_too_long():
    for q in QS:
        for quote in q["gold_quotes"]:
            assert len(quote.split()) <= MAX_QUOTE_WORDS, f"{q['id']}: {quote!r}"


def _skip_if_real_report_needed(q: dict) -> None:
    if q["id"].startswith(("real-", "rr-")) and not REAL_REPORT.is_file():
        pytest.skip(REAL_MISSING)


@pytest.mark.parametrize("q", ANSWERABLE, ids=[q["id"] for q in ANSWERABLE])
def test_gold_quotes_are_exact_report_text(q):
    _skip_if_real_report_needed(q)
    texts = corpus()
    for quote in q["gold_quotes"]:
        if not any(norm(quote) in t for t in texts.values()):
            if not REAL_REPORT.is_file():
                pytest.skip(REAL_MISSING)
            pytest.fail(f"{q['id']}: gold quote not found in any report: {quote!r}")


@pytest.mark.parametrize("q", ANSWERABLE, ids=[q["id"] for q in ANSWERABLE])
def test_facts_occur_in_a_report_holding_a_gold_quote(q):
    _skip_if_real_report_needed(q)
    texts = corpus()
    holding = [t.lower() for t in texts.values() if any(norm(g) in t for g in q["gold_quotes"])]
    if not holding and not REAL_REPORT.is_file():
        pytest.skip(REAL_MISSING)
    assert holding, f"{q['id']}: no report contains any of its gold quotes"
    for fact in q["facts"]:
        for alt in fact.split("|"):
            assert any(norm(alt).lower() in t for t in holding), (
                f"{q['id']}: fact {alt!r} is not in the report text"
            )


def test_the_blind_set_is_the_frozen_one():
    """The blind set is written once, by a writer who saw only the reports, and never
    edited: its bytes must hash to the value recorded when it was frozen."""
    import hashlib

    blind = ROOT / "eval" / "blind.jsonl"
    recorded = (ROOT / "eval" / "blind.sha256").read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256(blind.read_bytes()).hexdigest() == recorded
    lines = [json.loads(line) for line in blind.read_text(encoding="utf-8").splitlines()]
    assert len(lines) >= 80 and sum(not q["answerable"] for q in lines) >= 15
