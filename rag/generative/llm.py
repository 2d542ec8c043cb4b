"""The LLM seam: chat completions from an OpenAI-compatible endpoint, streamed or whole.

`OpenAICompatibleLLM` speaks the plain HTTP API that Ollama, vLLM, llama.cpp's server and
hosted services share (POST {url}/chat/completions, SSE when "stream": true) through
httpx. llama-index is deliberately kept out of this path: its OpenAI integrations pull a
tokenizer (tiktoken download) and a global LLM setting, and we need neither to send a
list of messages. `ScriptedLLM` is the deterministic fake for tests.

Every failure (timeout, refused connection, 4xx/5xx, a reply that is not the documented
JSON) becomes one `GenerationError` with a short `notice` for the user; callers fall back
to the extractive answer. The API key is only ever put in the Authorization header: it is
not in reprs, log records, exception messages or exception chains (errors are raised
outside the `except` blocks, so no httpx exception carrying the request is attached).

Not here: prompts (rag.generative.prompting), checking the answer (rag.generative.verification), retries (a
timed-out generation is not worth repeating while the user waits: the fallback is ready).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import httpx

from rag.config import LLMSettings
from rag.errors import LLMError

log = logging.getLogger(__name__)

_SNIPPET = 200  # characters of an error body worth showing: enough for a server's message


@dataclass(frozen=True, slots=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


class LLM(Protocol):
    name: str

    def complete(self, messages: Sequence[Message]) -> str:
        """The whole reply. Raises GenerationError."""
        ...

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces as they are generated. Raises GenerationError."""
        ...


class GenerationError(LLMError):
    """The endpoint gave no usable answer. `notice` is the user-facing sentence."""

    def __init__(self, message: str, *, reason: str, reachable: bool) -> None:
        super().__init__(message)
        self.reason = reason
        self.reachable = reachable

    @property
    def notice(self) -> str:
        what = "could not be reached" if not self.reachable else "failed"
        return f"The language model {what} ({self.reason}); showing the extractive answer."


class OpenAICompatibleLLM:
    """POST {url}/chat/completions with httpx; one short-lived client per call (thread-safe)."""

    def __init__(
        self, settings: LLMSettings, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        if not settings.url:
            raise LLMError(
                "No LLM endpoint is set. Set CQC_RAG_LLM__URL (e.g. http://localhost:11434/v1) or pass --llm-url."
            )
        self._settings = settings
        self._transport = transport  # httpx.MockTransport in tests that need no socket
        base = settings.url.rstrip("/")
        self.endpoint = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.name = settings.model or "(server default)"

    def __repr__(self) -> str:
        return f"OpenAICompatibleLLM(endpoint={self._shown_url!r}, model={self.name!r})"

    # -- the protocol ---------------------------------------------------------------------
    def complete(self, messages: Sequence[Message]) -> str:
        try:
            with self._client() as client:
                response = client.post(self.endpoint, json=self._body(messages, stream=False))
                self._check(response, response.text)
                return self._content(response.json(), stream=False)
        except httpx.HTTPError as exc:
            failure = self._transport_failure(exc)
        except ValueError:  # json.JSONDecodeError
            failure = self._malformed("the reply is not JSON")
        raise failure  # outside `except`: no chained httpx error holding the request headers

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        failure: GenerationError | None = None
        deadline = time.monotonic() + self._settings.timeout_s  # httpx's timeout is per read
        try:
            with (
                self._client() as client,
                client.stream(
                    "POST", self.endpoint, json=self._body(messages, stream=True)
                ) as response,
            ):
                if response.status_code >= 400:
                    self._check(response, response.read().decode("utf-8", "replace"))
                if response.headers.get("content-type", "").startswith("application/json"):
                    # A server that ignores "stream": true answers with one JSON object.
                    yield self._content(json.loads(response.read()), stream=False)
                    return
                for line in response.iter_lines():
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("generation exceeded the time limit")
                    piece = self._sse_piece(line)
                    if piece is None:
                        return
                    if piece:
                        yield piece
        except httpx.HTTPError as exc:
            failure = self._transport_failure(exc)
        except ValueError:
            failure = self._malformed("a streamed event is not JSON")
        if failure is not None:
            raise failure

    # -- request and response -------------------------------------------------------------
    def _client(self) -> httpx.Client:
        s = self._settings
        headers = {}
        if s.api_key is not None and s.api_key.get_secret_value():
            headers["Authorization"] = f"Bearer {s.api_key.get_secret_value()}"
        # Connecting should take well under a second on a LAN; 10 s tells "down" from "slow".
        timeout = httpx.Timeout(s.timeout_s, connect=min(10.0, s.timeout_s))
        return httpx.Client(headers=headers, timeout=timeout, transport=self._transport)

    def _body(self, messages: Sequence[Message], *, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "messages": [m.to_json() for m in messages],
            "max_tokens": self._settings.max_tokens,
            "temperature": 0,  # the same question gives the same answer (and the same eval)
            "stream": stream,
        }
        if self._settings.model:
            body["model"] = self._settings.model
        return body

    def _check(self, response: httpx.Response, body: str) -> None:
        if response.status_code < 400:
            return
        code = response.status_code
        hint = {
            401: "Check CQC_RAG_LLM__API_KEY.",
            403: "Check CQC_RAG_LLM__API_KEY.",
            404: "Check that CQC_RAG_LLM__URL ends in /v1 and CQC_RAG_LLM__MODEL names a model the server has.",
        }.get(code, "Check the server's log.")
        raise _logged(
            GenerationError(
                f"LLM endpoint {self._shown_url} answered HTTP {code}: {self._redact(body)[:_SNIPPET]!r}. {hint}",
                reason=f"HTTP {code}",
                reachable=True,
            )
        )

    def _content(self, data: Any, *, stream: bool) -> str:
        try:
            content = data["choices"][0]["delta" if stream else "message"].get("content")
        except (KeyError, IndexError, TypeError, AttributeError):
            content = None
            if isinstance(data, dict) and "error" in data:
                raise self._malformed(
                    f"the server reported an error: {self._redact(str(data['error']))[:_SNIPPET]}"
                ) from None
        if content is None and stream:
            return ""  # role-only and finish events carry no text
        if not isinstance(content, str):
            raise self._malformed("no choices[0].message.content in the reply")
        return content

    def _sse_piece(self, line: str) -> str | None:
        """Text of one SSE line: "" for comments and other fields, None at [DONE]."""
        if not line.startswith("data:"):
            return ""
        payload = line[5:].strip()
        if payload == "[DONE]":
            return None
        return self._content(json.loads(payload), stream=True)

    # -- failures -------------------------------------------------------------------------
    def _transport_failure(self, exc: httpx.HTTPError) -> GenerationError:
        if isinstance(exc, httpx.TimeoutException):
            reason = f"timeout after {self._settings.timeout_s:g} s"
            fix = "Raise CQC_RAG_LLM__TIMEOUT_S or use a smaller model."
            reachable = False
        elif isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol):
            reason = f"cannot connect to {self._shown_url}"
            fix = "Check that the server is running and CQC_RAG_LLM__URL is right."
            reachable = False
        elif isinstance(exc, httpx.TransportError):
            reason = f"the connection broke mid-reply ({type(exc).__name__})"
            fix = "Check the server's log: it may have crashed or run out of memory."
            reachable = True
        else:
            reason, fix, reachable = type(exc).__name__, "Check the server's log.", True
        return _logged(
            GenerationError(
                f"LLM endpoint {self._shown_url}: {reason}. {fix}",
                reason=reason,
                reachable=reachable,
            )
        )

    def _malformed(self, what: str) -> GenerationError:
        return _logged(
            GenerationError(
                f"LLM endpoint {self._shown_url} sent a malformed reply: {what}. Is it an OpenAI-compatible /v1 endpoint?",
                reason=f"malformed reply: {what}",
                reachable=True,
            )
        )

    @property
    def _shown_url(self) -> str:
        """The endpoint without any password in it (http://user:secret@host)."""
        url = httpx.URL(self.endpoint)
        return str(url.copy_with(password=None)) if url.password else str(url)

    def _redact(self, text: str) -> str:
        key = self._settings.api_key.get_secret_value() if self._settings.api_key else ""
        return text.replace(key, "***") if key else text


def _logged(err: GenerationError) -> GenerationError:
    """Every failure is logged once, where it is made (the key was already redacted)."""
    log.warning("%s", err)
    return err


class ScriptedLLM:
    """A fake model replying from a script: one entry per call, str or an exception to raise.

    Records the messages of every call in `calls`; `stream` yields the reply in pieces of
    `piece_words` words, so consumers see more than one piece.
    """

    def __init__(self, replies: Sequence[str | Exception], *, piece_words: int = 3) -> None:
        self.name = "scripted"
        self._replies = list(replies)
        self._piece_words = piece_words
        self.calls: list[list[Message]] = []

    def _next(self, messages: Sequence[Message]) -> str:
        self.calls.append(list(messages))
        if not self._replies:
            raise LLMError(
                f"ScriptedLLM ran out of replies after {len(self.calls) - 1} call(s); script one more."
            )
        reply = self._replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def complete(self, messages: Sequence[Message]) -> str:
        return self._next(messages)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        words = self._next(messages).split(" ")
        for i in range(0, len(words), self._piece_words):
            yield " ".join(words[i : i + self._piece_words]) + (
                " " if i + self._piece_words < len(words) else ""
            )
