"""UI fixtures: an ingested fake assistant, and a real `cqc-rag serve` process
(session-wide) for the gradio_client and browser tests.

The server runs in its own process with a temporary data directory; it indexes the
starter reports itself (the samples plus ../shared/reports), so the startup path is the
one users get. Tests that need the real report skip when ../shared/reports is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rag.assistant import Assistant
from tests.conftest import SAMPLES, SHARED_REPORTS
from tests.ui.server import Server, running_server


@pytest.fixture
def ingested(fake_assistant: Assistant) -> Assistant:
    """The fake assistant with the two sample reports indexed (~0.5 s)."""
    outcomes = fake_assistant.ingest([SAMPLES / "northmere.md", SAMPLES / "southbay.md"])
    assert all(o.ok for o in outcomes), outcomes
    return fake_assistant


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`cqc-rag serve` on a free loopback port over a fresh data directory."""
    if not SHARED_REPORTS.is_dir():
        pytest.skip(
            f"the real report is not at {SHARED_REPORTS} (../shared/reports beside the project)"
        )
    base = tmp_path_factory.mktemp("ui-server")
    with running_server(base / "data", base / "serve.log") as server:
        yield server
