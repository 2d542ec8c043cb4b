"""ui.api: the headless endpoints return the documented JSON and validate their inputs."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pytest

from rag.assistant import Assistant
from ui.api import endpoints
from ui.feedback import FeedbackStore

QUESTION = "How many carers' assessments were completed in Northmere in 2023/24?"


@pytest.fixture
def api(ingested: Assistant, tmp_path: Path) -> dict:
    return endpoints(ingested, FeedbackStore(tmp_path / "feedback.jsonl"))


def test_ask_returns_exactly_the_ask_json(api: dict, ingested: Assistant) -> None:
    got = api["ask"](QUESTION)
    assert got == ingested.ask(QUESTION).to_json() | {"timings_ms": got["timings_ms"]}
    assert set(got) == {
        "question",
        "answer",
        "abstained",
        "citations",
        "passages",
        "timings_ms",
        "index_fingerprint",
        "mode",
        "notice",
        "filters",
        "verification",
        "support",
        "kind",
    }
    json.dumps(got)


def test_history_accepts_earlier_results_as_they_are(api: dict) -> None:
    first = api["ask"](QUESTION)
    follow = api["ask"]("And what was the median wait?", history=[first])
    assert follow["filters"].get("authority") == "Northmere Borough Council"


def test_bad_input_becomes_a_readable_error(api: dict) -> None:
    with pytest.raises(gr.Error, match="history must be a list of earlier /ask results"):
        api["ask"]("What next?", history=[{"answer": "no question"}])
    with pytest.raises(gr.Error, match="No indexed report is about 'Atlantis'"):
        api["ask"]("What next?", authority="Atlantis")
    with pytest.raises(gr.Error, match="answer must be an /ask result"):
        api["feedback"]({"x": 1}, "up")
    with pytest.raises(gr.Error, match="answer must be an /ask result"):
        api["feedback"]("not a dict", "up")
    with pytest.raises(gr.Error, match="rating 'sideways' is not 'up' or 'down'"):
        api["feedback"](api["ask"](QUESTION), "sideways")


def test_search_reports_feedback_remove(api: dict, tmp_path: Path) -> None:
    hits = api["search"]("1,064 carers' assessments", k=3)
    assert len(hits) == 3 and {"rank", "chunk_id", "authority", "text", "page"} <= set(hits[0])
    assert {r["report"] for r in api["reports"]()} == {"northmere.md", "southbay.md"}
    stored = api["feedback"](api["ask"](QUESTION), "up", reason="", comment="spot on")
    assert stored["rating"] == "up" and stored["comment"] == "spot on"
    assert (tmp_path / "feedback.jsonl").exists()
    assert api["remove"]("southbay.md")["authority"] == "Southbay City Council"
