"""Report and user text stays text in pop-ups and terminals (issue 18, items 8 and 9).

The report is fictional, written for this test: an authority whose name holds HTML and a
paragraph holding terminal escape sequences (a window-title change, colours, a bell and
a C1 control sequence introducer).
"""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pytest
from click.testing import CliRunner

from rag import building, cli
from rag.assistant import Assistant
from rag.errors import ReportNotFound
from ui.api import endpoints
from ui.feedback import FeedbackStore
from ui.widgets import guard

IMG = "<img src=x onerror=alert(1)>"
REPORT = """# Escapeton Council: local authority assessment

This report is fictional, written by a test.

## Theme 3: How the local authority ensures safety within the system

## Safeguarding

Score: 2

There were 41 safeguarding enquiries \x1b]0;pwned\x07waiting for allocation \x1b[31min March\x1b[0m 2024.\x07
The team cleared \x9b2J the backlog of enquiries by the summer with agency staff.
"""


@pytest.fixture
def escapeton(fake_assistant: Assistant, tmp_path: Path) -> Assistant:
    path = tmp_path / "escapeton.md"
    path.write_text(REPORT, encoding="utf-8")
    fake_assistant.ingest([path])
    return fake_assistant


def test_error_pop_ups_show_html_as_text(escapeton: Assistant, tmp_path: Path) -> None:
    def boom() -> None:
        raise ReportNotFound(f"No indexed report is about {IMG!r}. Indexed authorities: x.")

    with pytest.raises(gr.Error) as raised:
        guard(boom)()
    assert "<img" not in raised.value.message and "&lt;img" in raised.value.message

    api = endpoints(escapeton, FeedbackStore(tmp_path / "feedback.jsonl"))
    with pytest.raises(gr.Error) as raised:
        api["ask"]("How many enquiries?", authority=IMG)
    assert "<img" not in raised.value.message and "&lt;img src=x" in raised.value.message


@pytest.mark.parametrize("command", ["ask", "search"])
def test_terminal_output_has_no_escape_sequences(
    escapeton: Assistant, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(building, "build_assistant", lambda **_: escapeton)
    result = CliRunner().invoke(cli.cli, [command, "How many safeguarding enquiries were waiting?"])
    assert result.exit_code == 0, result.output
    assert "41 safeguarding enquiries" in result.output  # the text itself is printed
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in result.output

    as_json = CliRunner().invoke(cli.cli, [command, "safeguarding enquiries waiting", "--json"])
    assert as_json.exit_code == 0
    assert "\x9b" not in as_json.output and "\x1b" not in as_json.output
    assert "pwned" in json.dumps(json.loads(as_json.output))  # JSON keeps the data, escaped
