"""The headless API from another process: gradio_client calls `/ask` on a real server."""

from __future__ import annotations

import pytest

from tests.conftest import CITATION_KEYS
from tests.ui.server import Server

COMPLAINTS = "How many complaints were received between April 2023 and March 2024?"


@pytest.mark.slow
def test_ask_endpoint_returns_the_ask_json(ui_server: Server) -> None:
    from gradio_client import Client

    client = Client(ui_server.url, verbose=False)
    got = client.predict(COMPLAINTS, api_name="/ask")
    assert isinstance(got, dict) and not got["abstained"]
    assert "220" in got["answer"]
    assert any("220 complaints" in c["quote"] for c in got["citations"])
    assert set(got["citations"][0]) >= CITATION_KEYS
    assert got["index_fingerprint"] and got["timings_ms"]["total"] > 0

    follow = client.predict("How many compliments?", history=[got], api_name="/ask")
    assert "47" in follow["answer"]
    assert {c["authority"] for c in follow["citations"]} == {got["citations"][0]["authority"]}

    hits = client.predict("220 complaints from April 2023", api_name="/search")
    assert hits and "220 complaints" in hits[0]["text"]
    reports = {r["report"]: r["authority"] for r in client.predict(api_name="/reports")}
    assert {"northmere.md", "southbay.md"} <= set(reports)
    # The Wirral section's text names no council: ../shared/reports/authorities.csv does,
    # so answers, the council filter and the report list all say "Wirral Council".
    assert reports["000_9cb2d3eb327cb64a.txt"] == "Wirral Council"
    assert got["citations"][0]["authority"] == "Wirral Council"
    scoped = client.predict(COMPLAINTS, authority="wirral council", api_name="/ask")
    assert scoped["filters"]["authority"] == "Wirral Council" and not scoped["abstained"]
