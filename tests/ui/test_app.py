"""ui.app: the Blocks build on the fake assistant and expose the named API endpoints."""

from __future__ import annotations

from rag.assistant import Assistant
from ui.app import build_app


def test_app_builds_with_named_endpoints(ingested: Assistant) -> None:
    app = build_app(ingested)
    names = {fn.api_name: fn.api_visibility for fn in app.fns.values() if fn.api_name}
    for public in (
        "ask",
        "search",
        "find_quote",
        "reports",
        "feedback",
        "remove",
        "upload",
        "run_eval",
        "feedback_eval_lines",
    ):
        assert names.get(public) == "public", public
    assert names.get("chat_submit") == "undocumented"  # UI plumbing, not part of the API


def test_app_builds_before_anything_is_indexed(fake_assistant: Assistant) -> None:
    assert build_app(fake_assistant) is not None
