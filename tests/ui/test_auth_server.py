"""Sign-in through Gradio with our auth callable: nothing without it, the API with it."""

from __future__ import annotations

import httpx
import pytest

from rag.assistant import Assistant
from tests.ui.server import free_port
from ui.app import build_app
from ui.auth import hash_password, make_auth


@pytest.mark.slow
def test_the_app_needs_sign_in_and_the_client_can_sign_in(ingested: Assistant) -> None:
    from gradio_client import Client

    app = build_app(ingested)
    port = free_port()
    app.queue().launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        auth=make_auth({"alice": hash_password("s3cret-pass")}),
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert httpx.get(url + "config", timeout=10).status_code == 401
        assert (
            httpx.post(url + "gradio_api/call/reports", json={"data": []}, timeout=10).status_code
            == 401
        )
        for auth in (None, ("alice", "wrong"), ("mallory", "s3cret-pass")):
            with pytest.raises(ValueError, match=r"credentials were not provided|Could not login"):
                Client(url, auth=auth, verbose=False).predict(api_name="/reports")
        client = Client(url, auth=("alice", "s3cret-pass"), verbose=False)
        assert {r["report"] for r in client.predict(api_name="/reports")} == {
            "northmere.md",
            "southbay.md",
        }
    finally:
        app.close()
