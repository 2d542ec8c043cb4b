"""The LLM seam against a scripted OpenAI-compatible server on loopback, and the fake.

`ScriptedServer` serves POST /v1/chat/completions the way Ollama, vLLM and llama.cpp do:
one JSON object, or with "stream": true SSE chunks ("data: {...}\\n\\n") ending with
"data: [DONE]". test_llm_answers.py drives the whole facade through it.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pydantic import SecretStr

from rag.config import LLMSettings
from rag.errors import LLMError
from rag.generative.llm import GenerationError, Message, OpenAICompatibleLLM, ScriptedLLM

KEY = "sk-test-7f3a9c-DO-NOT-LEAK"
Reply = str | Callable[[str], str]


class ScriptedServer:
    """Replies from a script, one entry per request; records every request it gets."""

    def __init__(self) -> None:
        self.script: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # ends a stall at shutdown
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                owner._serve(self)

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that timed out and left is expected here

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    # -- the script ------------------------------------------------------------------------
    def reply(self, answer: Reply, *, json_even_if_streaming: bool = False) -> None:
        """Answer with this text, or with fn(last user message): the model 'reads' the prompt."""
        self.script.append({"answer": answer, "plain_json": json_even_if_streaming})

    def fail(self, status: int, body: str = '{"error": {"message": "scripted failure"}}') -> None:
        self.script.append({"status": status, "body": body})

    def stall(self, seconds: float) -> None:
        self.script.append({"stall": seconds})

    def raw(self, body: str, content_type: str) -> None:
        self.script.append({"raw": body, "content_type": content_type})

    # -- serving ---------------------------------------------------------------------------
    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        body = json.loads(h.rfile.read(int(h.headers["Content-Length"])))
        self.requests.append({"path": h.path, "headers": dict(h.headers), "body": body})
        if h.path != "/v1/chat/completions":
            return self._send(h, 404, '{"error": "not found"}')
        step = (
            self.script.pop(0)
            if self.script
            else {"status": 500, "body": "the test scripted no reply"}
        )
        if "stall" in step:
            self.release.wait(step["stall"])
            return self._send(h, 200, '{"choices": [{"message": {"content": "too late"}}]}')
        if "status" in step:
            return self._send(h, step["status"], step["body"])
        if "raw" in step:
            return self._send(h, 200, step["raw"], step["content_type"])
        prompt = body["messages"][-1]["content"]
        text = step["answer"](prompt) if callable(step["answer"]) else step["answer"]
        if not body.get("stream") or step["plain_json"]:
            message = {"role": "assistant", "content": text}
            reply = {
                "object": "chat.completion",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            }
            return self._send(h, 200, json.dumps(reply))
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.end_headers()
        for delta in [
            {"role": "assistant"},
            *({"content": p} for p in re.findall(r"\S+\s*", text)),
            {},
        ]:
            chunk = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta}]}
            h.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            h.wfile.flush()
        h.wfile.write(b": keep-alive comment\n\ndata: [DONE]\n\n")

    @staticmethod
    def _send(
        h: BaseHTTPRequestHandler, status: int, body: str, content_type: str = "application/json"
    ) -> None:
        data = body.encode()
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def passage_number(prompt: str, needle: str) -> int:
    """The n of the first <passage> in the prompt whose text contains needle."""
    for m in re.finditer(r'<passage n="(\d+)"[^>]*>(.*?)</passage>', prompt, re.S):
        if needle in m.group(2):
            return int(m.group(1))
    raise AssertionError(f"no passage in the prompt contains {needle!r}")


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as s:
        yield s


def client(url: str, *, key: str | None = KEY, timeout_s: float = 5.0) -> OpenAICompatibleLLM:
    return OpenAICompatibleLLM(
        LLMSettings(
            url=url,
            model="scripted-1",
            api_key=SecretStr(key) if key else None,
            timeout_s=timeout_s,
            max_tokens=64,
        )
    )


MESSAGES = [
    Message("system", "Answer from the passages."),
    Message("user", "How many people were waiting?"),
]


def call(llm: OpenAICompatibleLLM, streaming: bool) -> str:
    return "".join(llm.stream(MESSAGES)) if streaming else llm.complete(MESSAGES)


# -- talking to the endpoint ----------------------------------------------------------------
@pytest.mark.slow
def test_complete_sends_the_settings_and_returns_the_reply(server: ScriptedServer) -> None:
    server.reply("There were 212 people waiting [1].")
    assert client(server.url).complete(MESSAGES) == "There were 212 people waiting [1]."
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == f"Bearer {KEY}"
    assert sent["body"] == {
        "model": "scripted-1",
        "max_tokens": 64,
        "temperature": 0,
        "stream": False,
        "messages": [
            {"role": "system", "content": "Answer from the passages."},
            {"role": "user", "content": "How many people were waiting?"},
        ],
    }


@pytest.mark.slow
def test_stream_yields_the_pieces_as_sent(server: ScriptedServer) -> None:
    server.reply("There were 212 people waiting [1].")
    pieces = list(client(server.url, key=None).stream(MESSAGES))
    assert pieces == ["There ", "were ", "212 ", "people ", "waiting ", "[1]."]
    assert server.requests[0]["body"]["stream"] is True
    assert "Authorization" not in server.requests[0]["headers"]  # Ollama needs no key


@pytest.mark.slow
def test_a_server_that_ignores_stream_true_still_works(server: ScriptedServer) -> None:
    server.reply("One reply [1].", json_even_if_streaming=True)
    assert list(client(server.url).stream(MESSAGES)) == ["One reply [1]."]


@pytest.mark.slow
def test_url_may_be_given_with_the_full_path(server: ScriptedServer) -> None:
    server.reply("ok")
    assert client(server.url + "/chat/completions/").complete(MESSAGES) == "ok"


# -- failures: one GenerationError with a notice, whatever went wrong ------------------------
@pytest.mark.slow
@pytest.mark.parametrize("streaming", [False, True])
def test_http_500_is_a_generation_error(server: ScriptedServer, streaming: bool) -> None:
    server.fail(500)
    with pytest.raises(
        GenerationError, match=r"answered HTTP 500: .*scripted failure.*Check the server's log"
    ) as err:
        call(client(server.url), streaming)
    assert (
        err.value.notice == "The language model failed (HTTP 500); showing the extractive answer."
    )


@pytest.mark.slow
def test_a_wrong_path_says_to_check_the_v1_suffix(server: ScriptedServer) -> None:
    llm = client(server.url.removesuffix("/v1"))
    with pytest.raises(GenerationError, match=r"HTTP 404.*ends in /v1"):
        llm.complete(MESSAGES)


@pytest.mark.parametrize("streaming", [False, True])
def test_an_unreachable_endpoint_is_a_generation_error(streaming: bool) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    with pytest.raises(
        GenerationError, match=r"cannot connect to .*Check that the server is running"
    ) as err:
        call(client(url), streaming)
    assert err.value.notice.startswith(
        "The language model could not be reached (cannot connect to http://127.0.0.1:"
    )


@pytest.mark.slow
@pytest.mark.parametrize("streaming", [False, True])
def test_a_timeout_is_a_generation_error_within_the_limit(
    server: ScriptedServer, streaming: bool
) -> None:
    server.stall(10)
    started = time.monotonic()
    with pytest.raises(
        GenerationError, match=r"timeout after 0.5 s.*Raise CQC_RAG_LLM__TIMEOUT_S"
    ) as err:
        call(client(server.url, timeout_s=0.5), streaming)
    assert time.monotonic() - started < 3
    assert (
        err.value.notice
        == "The language model could not be reached (timeout after 0.5 s); showing the extractive answer."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "content_type", "streaming", "problem"),
    [
        ("<html>proxy login</html>", "text/html", False, "the reply is not JSON"),
        ('{"choices": []}', "application/json", False, r"no choices\[0\].message.content"),
        ("data: {not json\n\n", "text/event-stream", True, "a streamed event is not JSON"),
        (
            'data: {"error": {"message": "model not loaded"}}\n\n',
            "text/event-stream",
            True,
            "model not loaded",
        ),
    ],
)
def test_a_malformed_reply_is_a_generation_error(
    server: ScriptedServer, body: str, content_type: str, streaming: bool, problem: str
) -> None:
    server.raw(body, content_type)
    with pytest.raises(GenerationError, match=problem) as err:
        call(client(server.url), streaming)
    assert err.value.notice.startswith("The language model failed (malformed reply")


@pytest.mark.slow
def test_the_api_key_never_leaks(server: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log requests at DEBUG
    server.reply("fine [1].")
    server.fail(401, f'{{"error": "invalid api key {KEY}"}}')  # a server echoing the key back
    server.fail(401, f'{{"error": "invalid api key {KEY}"}}')
    llm = client(server.url)
    assert llm.complete(MESSAGES) == "fine [1]."
    for streaming in (False, True):
        with pytest.raises(GenerationError, match=r"HTTP 401.*Check CQC_RAG_LLM__API_KEY") as err:
            call(llm, streaming)
        shown = (
            "".join(traceback.format_exception(err.value))
            + repr(err.value.__context__)
            + repr(err.value.__cause__)
        )
        assert KEY not in shown
        assert "***" in str(err.value)
    assert server.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"  # it was sent
    assert KEY not in caplog.text
    assert KEY not in repr(llm)
    assert "POST" in caplog.text or "HTTP Request" in caplog.text  # logging was on


def test_no_url_is_refused_with_how_to_set_it() -> None:
    with pytest.raises(LLMError, match="Set CQC_RAG_LLM__URL"):
        OpenAICompatibleLLM(LLMSettings())


# -- the fake ------------------------------------------------------------------------------
def test_scripted_llm_replies_in_order_and_records_calls() -> None:
    llm = ScriptedLLM(
        ["one two three four five", GenerationError("x", reason="HTTP 500", reachable=True)]
    )
    assert list(llm.stream(MESSAGES)) == ["one two three ", "four five"]
    with pytest.raises(GenerationError):
        llm.complete(MESSAGES)
    with pytest.raises(LLMError, match="ran out of replies after 2 call"):
        llm.complete(MESSAGES)
    assert len(llm.calls) == 3 and llm.calls[0] == MESSAGES
